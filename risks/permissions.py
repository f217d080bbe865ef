"""Who may do what with the register of risks and opportunities.

* The ISO secretariat manages every row and the rating scale.
* A department head manages their department's rows (adds, edits, links actions,
  reviews); a row's owner reviews it and alone signs off its residual risk.
* Staff read their department's rows and those they own.
* Leadership and every auditor read everything; the external auditor writes nothing.

Views and services ask these; the ``get_*_for_user`` helpers fetch or refuse with 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from ims.permissions import department_of, has_role, is_secretariat, writes_nothing
from ims.roles import Role
from risks.models import Risk

READ_ALL_ROLES = (Role.ISO_SECRETARIAT, Role.LEADERSHIP, Role.AUDITOR, Role.EXTERNAL_AUDITOR)
READER_ROLES = (*READ_ALL_ROLES, Role.DEPARTMENT_HEAD, Role.STAFF)


def can_view_register(user) -> bool:
    return has_role(user, *READER_ROLES)


def require_reader(user) -> None:
    if not can_view_register(user):
        raise PermissionDenied


def visible_risks(user):
    """The rows ``user`` reads, as one filter (a subquery, never per row)."""
    risks = Risk.objects.all()
    if has_role(user, *READ_ALL_ROLES):
        return risks
    if not has_role(user, *READER_ROLES):
        return risks.none()
    department = department_of(user)
    condition = Q(owner=user)
    if department:
        condition |= Q(department=department)
    return risks.filter(condition)


def can_manage_all(user) -> bool:
    return is_secretariat(user) and not writes_nothing(user)


def _heads(user, department) -> bool:
    return (
        department is not None
        and has_role(user, Role.DEPARTMENT_HEAD)
        and department_of(user) == department
    )


def can_add_risk(user, department=None) -> bool:
    """The secretariat anywhere; a head in their own department."""
    if not user.is_authenticated or writes_nothing(user):
        return False
    if can_manage_all(user):
        return True
    return _heads(user, department if department is not None else department_of(user))


def can_edit_risk(user, risk: Risk) -> bool:
    if not user.is_authenticated or writes_nothing(user):
        return False
    return can_manage_all(user) or _heads(user, risk.department)


def can_review_risk(user, risk: Risk) -> bool:
    """Those who edit the row, and its owner."""
    if not user.is_authenticated or writes_nothing(user):
        return False
    return can_edit_risk(user, risk) or risk.owner_id == user.pk


def can_accept_residual(user, risk: Risk) -> bool:
    """Only the owner signs off the risk left after treatment."""
    return user.is_authenticated and not writes_nothing(user) and risk.owner_id == user.pk


def can_edit_scale(user) -> bool:
    return can_manage_all(user)


def require_scale_editor(user) -> None:
    if not can_edit_scale(user):
        raise PermissionDenied


def require_adder(user) -> None:
    if not can_add_risk(user):
        raise PermissionDenied


def get_risk_for_user(user, pk: int) -> Risk:
    """The row if ``user`` may read it, else 403 (404 if there is none)."""
    risk = get_object_or_404(Risk.objects.select_related("department", "owner"), pk=pk)
    if not visible_risks(user).filter(pk=risk.pk).exists():
        raise PermissionDenied
    return risk


def get_rw_risk_for_user(user, pk: int) -> Risk:
    risk = get_risk_for_user(user, pk)
    if not can_edit_risk(user, risk):
        raise PermissionDenied
    return risk


def get_reviewable_risk_for_user(user, pk: int) -> Risk:
    risk = get_risk_for_user(user, pk)
    if not can_review_risk(user, risk):
        raise PermissionDenied
    return risk


def get_acceptable_risk_for_user(user, pk: int) -> Risk:
    risk = get_risk_for_user(user, pk)
    if not can_accept_residual(user, risk):
        raise PermissionDenied
    return risk
