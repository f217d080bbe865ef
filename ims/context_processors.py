from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ims.inbox import nav_counts
from ims.models import Organisation
from ims.permissions import user_roles
from ims.registry import SYSTEM, nav_items


def ims(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"organisation": _organisation(request)}
    roles = user_roles(user)
    # The counts of the inbox's items per entry: shown at once when the page computed
    # the inbox (the home page), else fetched by the menu after the page (app.js).
    counts = nav_counts(request) if hasattr(request, "_ims_inbox") else None
    visible = [item for item in nav_items() if item.visible_to(user, roles)]
    nav = [_entry(request, item, counts) for item in visible if not item.section]
    system = [item for item in visible if item.section == SYSTEM]
    if system:
        # The registers of the management system share one entry, before Organisation.
        entry = {
            "label": _("Management system"),
            "url": reverse("system"),
            "active": any(_is_active(request, item) for item in system)
            or _view_name(request) == "system",
            "count": counts.get("system", 0) if counts is not None else None,
        }
        nav.insert(sum(1 for i in visible if not i.section and i.order < 90), entry)
    return {
        "organisation": _organisation(request),
        "nav": nav,
        "nav_counts_pending": counts is None,
        "my_roles": roles,
    }


def _organisation(request):
    if not hasattr(request, "_ims_organisation"):
        request._ims_organisation = Organisation.current()
    return request._ims_organisation


def _entry(request, item, counts) -> dict:
    return {
        "label": item.label,
        "url": reverse(item.url_name),
        "active": _is_active(request, item),
        "count": counts.get(item.url_name, 0) if counts is not None else None,
    }


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else ""


def _is_active(request, item) -> bool:
    current = _view_name(request)
    if not current:
        return False
    if item.url_name == "home":
        return current == "home"
    return current.split(":")[0] == item.url_name.split(":")[0]
