"""Who may do what in audits, corrective actions and management review.

* The ISO secretariat runs programmes, audits, complaints and reviews.
* An internal auditor (a trained member of staff of another department) records
  checklists and findings in the audits they are on — never in an audit of their own
  department — and, as staff, what their own department may (answer its corrective
  actions).
* The certification body's external auditor reads everything and writes nothing.
* The lead auditor (or the secretariat) completes an audit.

Views and services ask these; the ``access_*`` helpers fetch or refuse with 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from audits.models import Audit, CorrectiveAction
from ims.permissions import department_of, has_role, is_secretariat, writes_nothing
from ims.roles import Role

# Roles whose holders record in the audits they are named on.
AUDITING_ROLES = (Role.AUDITOR, Role.STAFF, Role.DEPARTMENT_HEAD)


def can_manage(user) -> bool:
    """The ISO secretariat runs programmes, audits, complaints and reviews."""
    return is_secretariat(user) and not writes_nothing(user)


def access_audit(user, pk: int) -> Audit:
    """The audit if ``user`` may read it, else 403."""
    audit = get_object_or_404(Audit.objects.select_related("round__programme", "department"), pk=pk)
    if not Audit.objects.visible_to(user).filter(pk=audit.pk).exists():
        raise PermissionDenied
    return audit


def audits_own_department(user, audit: Audit) -> bool:
    own = department_of(user)
    return own is not None and audit.department_id is not None and own.pk == audit.department_id


def can_fill_checklist(user, audit: Audit) -> bool:
    """The secretariat and the audit's internal team record checklists and findings
    while it is not completed; an auditor never in an audit of their own department;
    the external body never (the secretariat, which runs the programme, records the
    findings of every audit, the external ones included)."""
    if audit.status == Audit.Status.COMPLETED or writes_nothing(user):
        return False
    if can_manage(user):
        return True
    if audits_own_department(user, audit):
        return False
    return has_role(user, *AUDITING_ROLES) and audit.is_auditor(user)


def can_complete_audit(user, audit: Audit) -> bool:
    """The lead auditor or the secretariat closes an audit that is not completed yet."""
    if audit.status == Audit.Status.COMPLETED or writes_nothing(user):
        return False
    if audits_own_department(user, audit) and not can_manage(user):
        return False
    is_lead = audit.lead_auditor_id is not None and audit.lead_auditor_id == user.pk
    return can_manage(user) or is_lead


def access_action(user, pk: int) -> CorrectiveAction:
    action = get_object_or_404(
        CorrectiveAction.objects.select_related("department", "owner"), pk=pk
    )
    if not CorrectiveAction.objects.visible_to(user).filter(pk=action.pk).exists():
        raise PermissionDenied
    return action


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
