"""Who may call the API at all. What each person may read or change is decided by the
working apps' own rules (``documents.permissions``, ``audits.permissions``, …), which
the views ask, exactly as the pages do."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from ims.permissions import writes_nothing


class SignedInReaderOrWriter(BasePermission):
    """Signed in; a person who writes nothing (the certification body's auditor) only
    reads — the API's side of ``ims.middleware.ReadOnlyRolesMiddleware``."""

    message = _("Your role reads only: it changes nothing.")

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or not writes_nothing(user)
