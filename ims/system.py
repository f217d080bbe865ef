"""The "Hệ thống quản lý" page: the registers of the management system (context,
risks, competence, records, the conformity announcement…) that the apps list in
the ``SYSTEM`` section of the menu, each with what it holds and what waits there."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from ims.inbox import nav_counts
from ims.permissions import user_roles
from ims.registry import SYSTEM, nav_items


def system(request):
    roles = user_roles(request.user)
    counts = nav_counts(request)
    registers = [
        {
            "label": item.label,
            "description": item.description,
            "url": reverse(item.url_name),
            "count": counts.get(item.url_name, 0),
        }
        for item in nav_items()
        if item.section == SYSTEM and item.visible_to(request.user, roles)
    ]
    if not registers:
        raise Http404
    return render(request, "ims/system.html", {"registers": registers})
