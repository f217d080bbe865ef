"""The person's inbox, "Việc của tôi": the items every app's inbox source gives
(``ims.registry.register_inbox_source``), computed once per request."""

from collections import Counter

from django.utils import timezone

from ims.registry import InboxItem, inbox_items


def inbox_for(request) -> list[InboxItem]:
    """The signed-in person's inbox, computed at the first call of the request."""
    if not hasattr(request, "_ims_inbox"):
        request._ims_inbox = inbox_items(request.user, timezone.localdate())
    return request._ims_inbox


def nav_counts(request) -> Counter:
    """How many inbox items each menu entry (by url name) holds."""
    return Counter(item.nav for item in inbox_for(request) if item.nav)
