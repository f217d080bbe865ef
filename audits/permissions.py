"""Who may do what in internal audits.

* The ISO secretariat runs programmes, rounds and audits.
* An internal auditor (a trained member of staff of another department) records
  checklists and findings in the audits they are on — never in an audit of their own
  department.
* The certification body's external auditor reads everything and writes nothing.
* The lead auditor (or the secretariat) completes an audit.

Corrective actions and complaints: ``audits/corrective/permissions.py``; management
review: ``audits/review/permissions.py``. Views and services ask these; the
``get_*_for_user`` helpers fetch or refuse with 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from audits.models import Audit, AuditProgramme, AuditRound, ChecklistItem, Finding
from audits.roles import (
    AUDITING_ROLES,
    can_manage,
    can_read_all,
    require_manager,
    require_reader,
)
from ims.permissions import department_of, has_role, writes_nothing

__all__ = [
    "audits_own_department",
    "can_complete_audit",
    "can_fill_checklist",
    "can_manage",
    "can_read_all",
    "completes_audit",
    "get_audit_for_user",
    "get_completable_audit_for_user",
    "get_checklist_item_for_user",
    "get_finding_for_user",
    "get_programme_for_user",
    "get_recording_audit_for_user",
    "get_round_for_user",
    "get_rw_audit_for_user",
    "get_rw_programme_for_user",
    "get_rw_round_for_user",
    "require_manager",
    "require_reader",
]


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


def completes_audit(user, audit: Audit) -> bool:
    """Whose place it is to complete ``audit``: its lead auditor (not of the audited
    department) or the secretariat; never the external body."""
    if not user.is_authenticated or writes_nothing(user):
        return False
    if audits_own_department(user, audit) and not can_manage(user):
        return False
    is_lead = audit.lead_auditor_id is not None and audit.lead_auditor_id == user.pk
    return can_manage(user) or is_lead


def can_complete_audit(user, audit: Audit) -> bool:
    """The lead auditor or the secretariat closes an audit that is not completed yet."""
    return audit.can_move_to(Audit.Status.COMPLETED) and completes_audit(user, audit)


# --- fetch or refuse ------------------------------------------------------------------


def get_programme_for_user(user, pk: int) -> AuditProgramme:
    """The programme if ``user`` reads every audit record, else 403 (404 if none)."""
    require_reader(user)
    return get_object_or_404(AuditProgramme.objects.select_related("school_year"), pk=pk)


def get_rw_programme_for_user(user, pk: int) -> AuditProgramme:
    require_manager(user)
    return get_object_or_404(AuditProgramme, pk=pk)


def get_round_for_user(user, pk: int) -> AuditRound:
    require_reader(user)
    return get_object_or_404(AuditRound.objects.select_related("programme__school_year"), pk=pk)


def get_rw_round_for_user(user, pk: int) -> AuditRound:
    require_manager(user)
    return get_object_or_404(AuditRound.objects.select_related("programme"), pk=pk)


def get_audit_for_user(user, pk: int) -> Audit:
    """The audit if ``user`` may read it, else 403 (404 if there is none)."""
    audit = get_object_or_404(Audit.objects.select_related("round__programme", "department"), pk=pk)
    if not Audit.objects.visible_to(user).filter(pk=audit.pk).exists():
        raise PermissionDenied
    return audit


def get_rw_audit_for_user(user, pk: int) -> Audit:
    """The audit if ``user`` may plan it (the secretariat), else 403."""
    require_manager(user)
    return get_object_or_404(Audit.objects.select_related("round__programme", "department"), pk=pk)


def get_completable_audit_for_user(user, pk: int) -> Audit:
    """The audit if it is ``user``'s place to complete it, else 403 (its state is the
    service's to check, which says why a completed audit cannot be completed again)."""
    audit = get_audit_for_user(user, pk)
    if not completes_audit(user, audit):
        raise PermissionDenied
    return audit


def get_recording_audit_for_user(user, pk: int) -> Audit:
    """The audit if ``user`` may record findings in it, else 403 (404 if there is none)."""
    audit = get_audit_for_user(user, pk)
    if not can_fill_checklist(user, audit):
        raise PermissionDenied
    return audit


def get_checklist_item_for_user(user, pk: int) -> ChecklistItem:
    """The checklist item if ``user`` may read its audit, else 403."""
    item = get_object_or_404(ChecklistItem.objects.select_related("audit", "clause"), pk=pk)
    get_audit_for_user(user, item.audit_id)
    return item


def get_finding_for_user(user, pk: int) -> Finding:
    """The finding if ``user`` may correct it (records in its audit), else 403."""
    finding = get_object_or_404(
        Finding.objects.select_related("audit__round__programme", "audit__department", "clause"),
        pk=pk,
    )
    audit = get_audit_for_user(user, finding.audit_id)
    if not can_fill_checklist(user, audit):
        raise PermissionDenied
    return finding
