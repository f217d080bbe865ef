from django.urls import reverse

from ims.inbox import nav_counts
from ims.models import Organisation
from ims.permissions import user_roles
from ims.registry import nav_items


def ims(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"organisation": _organisation(request)}
    roles = user_roles(user)
    # The counts of the inbox's items per entry: shown at once when the page computed
    # the inbox (the home page), else fetched by the menu after the page (app.js).
    counts = nav_counts(request) if hasattr(request, "_ims_inbox") else None
    nav = [
        {
            "label": item.label,
            "url": reverse(item.url_name),
            "active": _is_active(request, item),
            "count": counts.get(item.url_name, 0) if counts is not None else None,
        }
        for item in nav_items()
        if item.visible_to(user, roles)
    ]
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


def _is_active(request, item) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    current = match.view_name
    if item.url_name == "home":
        return current == "home"
    return current.split(":")[0] == item.url_name.split(":")[0]
