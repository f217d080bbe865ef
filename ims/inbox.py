"""The person's inbox, "Việc của tôi": the items every app's inbox source gives
(``ims.registry.register_inbox_source``), computed once per request."""

from collections import Counter

from django.utils import timezone

from ims.registry import SYSTEM, InboxItem, inbox_items, nav_items


def inbox_for(request) -> list[InboxItem]:
    """The signed-in person's inbox, computed at the first call of the request."""
    if not hasattr(request, "_ims_inbox"):
        request._ims_inbox = inbox_items(request.user, timezone.localdate())
    return request._ims_inbox


def nav_counts(request) -> Counter:
    """How many inbox items each menu entry (by url name) holds; the registers of the
    management system add up on their shared entry ("system") too."""
    counts = Counter(item.nav for item in inbox_for(request) if item.nav)
    in_system = sum(counts[i.url_name] for i in nav_items() if i.section == SYSTEM)
    if in_system:
        counts["system"] = in_system
    return counts
