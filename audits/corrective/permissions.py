"""Who may do what with corrective actions, complaints and appeals.

* The ISO secretariat records complaints, opens and verifies corrective actions.
* The department concerned (its staff and head, and the action's owner) answers its
  corrective actions and marks them done.
* Leadership and every auditor read everything; the external auditor writes nothing.

Views and services ask these; the ``get_*_for_user`` helpers fetch or refuse with 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from audits.corrective.models import Complaint, CorrectiveAction
from audits.roles import can_manage, can_read_all, require_manager
from ims.permissions import department_of, has_role, writes_nothing
from ims.roles import Role

__all__ = [
    "can_answer_action",
    "can_manage",
    "can_read_complaints",
    "can_verify_action",
    "get_action_for_user",
    "get_complaint_for_user",
    "get_rw_action_for_user",
    "get_verifiable_action_for_user",
    "require_complaint_reader",
    "require_manager",
]


def can_answer_action(user, action: CorrectiveAction) -> bool:
    """The audited department answers its corrective actions (the secretariat may too)."""
    if not user.is_authenticated or writes_nothing(user):
        return False
    if can_manage(user):
        return True
    if action.owner_id == user.pk:
        return True
    return department_of(user) == action.department and has_role(
        user, Role.STAFF, Role.DEPARTMENT_HEAD
    )


def can_verify_action(user, action: CorrectiveAction) -> bool:
    """The secretariat verifies the effectiveness of every corrective action."""
    return can_manage(user)


def get_action_for_user(user, pk: int) -> CorrectiveAction:
    """The corrective action if ``user`` may read it, else 403 (404 if there is none)."""
    action = get_object_or_404(
        CorrectiveAction.objects.select_related("department", "owner"), pk=pk
    )
    if not CorrectiveAction.objects.visible_to(user).filter(pk=action.pk).exists():
        raise PermissionDenied
    return action


def get_rw_action_for_user(user, pk: int) -> CorrectiveAction:
    """The corrective action if ``user`` may answer it (the department's side), else 403."""
    action = get_action_for_user(user, pk)
    if not can_answer_action(user, action):
        raise PermissionDenied
    return action


def can_read_complaints(user) -> bool:
    """Complaints name people: those who read every record read them, nobody else."""
    return can_read_all(user)


def get_complaint_for_user(user, pk: int) -> Complaint:
    """The complaint if ``user`` may read complaints, else 403 (404 if there is none)."""
    if not can_read_complaints(user):
        raise PermissionDenied
    return get_object_or_404(Complaint.objects.select_related("department", "unit"), pk=pk)


def get_verifiable_action_for_user(user, pk: int) -> CorrectiveAction:
    """The corrective action if ``user`` may verify its effectiveness, else 403."""
    action = get_action_for_user(user, pk)
    if not can_verify_action(user, action):
        raise PermissionDenied
    return action


def require_complaint_reader(user) -> None:
    """403 unless ``user`` may read the complaints and appeals."""
    if not can_read_complaints(user):
        raise PermissionDenied
