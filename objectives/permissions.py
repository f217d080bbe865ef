"""Who may do what with quality objectives.

* Staff, department heads, the secretariat, leadership and the auditors (the
  certification body's too) read objectives, indicators and their evidence.
* The secretariat keeps every objective; a department head keeps the department
  and staff objectives of their own department, with their plans and indicators.
* An indicator's values are entered by its owner, the head of the owner's
  department and the secretariat.

Roles are in ``ims.roles``. Views and services ask these rules; the
``get_*_for_user`` helpers fetch a row or refuse with 403 (healthchecks'
``_get_check_for_user`` / ``_get_rw_check_for_user``).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ims.permissions import department_of, has_role, is_secretariat
from ims.roles import Role
from objectives.models import Evidence, Indicator, Measurement, Objective

VIEWER_ROLES = (
    Role.STAFF,
    Role.DEPARTMENT_HEAD,
    Role.ISO_SECRETARIAT,
    Role.LEADERSHIP,
    Role.AUDITOR,
    Role.EXTERNAL_AUDITOR,
)


def can_view_objectives(user) -> bool:
    return has_role(user, *VIEWER_ROLES)


def require_viewer(user) -> None:
    if not can_view_objectives(user):
        raise PermissionDenied


def heads(user, department) -> bool:
    """``user`` heads ``department`` (named its head, or a department head in it)."""
    if department is None:
        return False
    if department.head_id == user.pk:
        return True
    own = department_of(user)
    return has_role(user, Role.DEPARTMENT_HEAD) and own is not None and own.pk == department.pk


def can_manage_objective(user, objective: Objective) -> bool:
    """The secretariat keeps every objective; a department head keeps the
    department and staff objectives of their own department. ``objective`` may be
    unsaved (the one a form is about to save): its level and department decide."""
    if is_secretariat(user):
        return True
    return objective.level != Objective.Level.ORGANISATION and heads(user, objective.department)


def can_add_objective(user) -> bool:
    """Whether ``user`` may start an objective at all (a department one of their own)."""
    return can_manage_objective(
        user, Objective(level=Objective.Level.DEPARTMENT, department=department_of(user))
    )


def can_enter_measurements(user, indicator: Indicator) -> bool:
    """The indicator's owner, the head of the owner's department, the secretariat."""
    if not user.is_authenticated:
        return False
    if is_secretariat(user) or indicator.owner_id == user.pk:
        return True
    return heads(user, department_of(indicator.owner))


def can_correct_measurement(user, measurement: Measurement) -> bool:
    """Those who enter an indicator's values correct them; a computed value is never
    corrected by hand."""
    indicator = measurement.indicator
    return not indicator.is_computed and can_enter_measurements(user, indicator)


# --- fetch or 403 --------------------------------------------------------------------


def get_objective_for_user(user, pk) -> Objective:
    """An objective to read."""
    require_viewer(user)
    return get_object_or_404(
        Objective.objects.select_related("school_year", "department", "owner", "parent"), pk=pk
    )


def get_rw_objective_for_user(user, pk) -> Objective:
    """An objective to change, with its plan and indicators."""
    objective = get_object_or_404(Objective.objects.select_related("department"), pk=pk)
    if not can_manage_objective(user, objective):
        raise PermissionDenied
    return objective


def get_indicator_for_user(user, pk) -> Indicator:
    """An indicator to read."""
    require_viewer(user)
    return get_object_or_404(
        Indicator.objects.select_related(
            "objective__school_year", "objective__department", "owner__profile__department"
        ),
        pk=pk,
    )


def get_rw_indicator_for_user(user, pk) -> Indicator:
    """An indicator to enter values for (or to compute again)."""
    indicator = get_object_or_404(
        Indicator.objects.select_related(
            "objective__school_year", "objective__department", "owner__profile__department"
        ),
        pk=pk,
    )
    if not can_enter_measurements(user, indicator):
        raise PermissionDenied
    return indicator


def get_rw_measurement_for_user(user, pk) -> Measurement:
    """A measurement to correct."""
    measurement = get_object_or_404(
        Measurement.objects.select_related(
            "indicator__objective__school_year", "indicator__owner__profile__department"
        ),
        pk=pk,
    )
    if not can_correct_measurement(user, measurement):
        raise PermissionDenied
    return measurement


def get_evidence_for_user(user, pk) -> Evidence:
    """Evidence is read by the people who see objectives, never from a public URL."""
    require_viewer(user)
    return get_object_or_404(Evidence, pk=pk)
