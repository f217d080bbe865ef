"""Roles and the rights that belong to no single app.

Roles are Django groups (see ``ims.roles.Role``); this module answers who holds
which (``has_role``, ``is_secretariat``, ``writes_nothing`` …) and the rights on
the organisation core. Each app's own rules live in ``<app>/permissions.py``:
``can_<verb>(user, obj)`` rules and one fetch-or-403 helper per object kind
(``get_<kind>_for_user`` to read, ``get_rw_<kind>_for_user`` to change), which
views and services ask (``documents/permissions.py``, ``objectives/permissions.py``,
``audits/permissions.py``, ``surveys/permissions.py``). Per-object rights on
documents are django-guardian object permissions. A person without the right gets
a 403, never just a hidden button.
"""

from collections.abc import Iterable
from functools import wraps

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django_otp import user_has_device

from ims.roles import Role


def user_roles(user) -> set[str]:
    """The role names of ``user``, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_ims_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._ims_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(user_roles(user) & set(roles))


def require_role(user, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


def role_required(*roles: str):
    """View decorator: 403 unless the signed-in person holds one of ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def writes_nothing(user) -> bool:
    """The certification body's auditor reads everything and writes nothing, whatever
    else they hold; every ``can_<verb>`` that grants a write asks this first."""
    return (
        user.is_authenticated
        and not user.is_superuser
        and Role.EXTERNAL_AUDITOR in user_roles(user)
    )


def is_secretariat(user) -> bool:
    return has_role(user, Role.ISO_SECRETARIAT)


def can_manage_organisation(user) -> bool:
    return has_role(user, Role.ISO_SECRETARIAT)


def department_of(user):
    profile = getattr(user, "profile", None)
    return profile.department if profile else None


def role_labels(roles: Iterable[str]) -> list[str]:
    labels = dict(Role.choices)
    return [str(labels[r]) for r in Role.values if r in set(roles)]


def two_factor_required(user) -> bool:
    """Whether ``user`` is a member of a role in MFA_REQUIRED_ROLES."""
    if not user.is_authenticated or not settings.MFA_REQUIRED_ROLES:
        return False
    return bool(user_roles(user) & set(settings.MFA_REQUIRED_ROLES))


def check_required_roles(names: Iterable[str]) -> None:
    """Refuse, at start-up, an MFA_REQUIRED_ROLES naming a role that does not exist:
    a typo would otherwise leave the secretariat without the second step, silently."""
    unknown = sorted(set(names) - set(Role.values))
    if unknown:
        raise ImproperlyConfigured(
            f"MFA_REQUIRED_ROLES names unknown roles {unknown}; roles are {Role.values}"
        )


def needs_two_factor_setup(user) -> bool:
    return two_factor_required(user) and not user_has_device(user, confirmed=True)
