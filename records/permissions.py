"""Who may do what with the records register.

* Staff, department heads, the secretariat, leadership and the auditors (the
  certification body's too) read the register and download the records' files.
* The secretariat keeps every series and syncs the register from the procedures;
  a department head keeps their department's series.
* Records are logged by the department's staff, its head and the secretariat.
* A disposal is proposed by the secretariat or the department's head, and approved
  by both: the head of the department as head, a member of the secretariat as the
  secretariat — two people, in either order.

The certification body's auditor writes nothing (``writes_nothing``).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ims.permissions import department_of, has_role, is_secretariat, writes_nothing
from ims.roles import Role
from records.models import DisposalProposal, DisposalSignOff, RecordEntry, RecordSeries

READER_ROLES = (
    Role.STAFF,
    Role.DEPARTMENT_HEAD,
    Role.ISO_SECRETARIAT,
    Role.LEADERSHIP,
    Role.AUDITOR,
    Role.EXTERNAL_AUDITOR,
)


def can_view_register(user) -> bool:
    return has_role(user, *READER_ROLES)


def require_reader(user) -> None:
    if not can_view_register(user):
        raise PermissionDenied


def heads(user, department) -> bool:
    """``user`` heads ``department`` (named its head, or a department head in it)."""
    if department is None or not user.is_authenticated:
        return False
    if department.head_id == user.pk:
        return True
    own = department_of(user)
    return has_role(user, Role.DEPARTMENT_HEAD) and own is not None and own.pk == department.pk


def can_sync(user) -> bool:
    return not writes_nothing(user) and is_secretariat(user)


def can_manage_series(user, series: RecordSeries) -> bool:
    if writes_nothing(user):
        return False
    return is_secretariat(user) or heads(user, series.department)


def can_log(user, series: RecordSeries) -> bool:
    """The department's staff, its head and the secretariat log a series' records."""
    if writes_nothing(user) or not user.is_authenticated:
        return False
    if is_secretariat(user) or heads(user, series.department):
        return True
    own = department_of(user)
    return has_role(user, Role.STAFF) and own is not None and own.pk == series.department_id


def can_propose(user, department=None) -> bool:
    """The secretariat, or the head of ``department`` (of some department when None)."""
    if writes_nothing(user):
        return False
    if is_secretariat(user):
        return True
    if department is None:
        return has_role(user, Role.DEPARTMENT_HEAD) or user.headed_departments.exists()
    return heads(user, department)


def signing_role(user, proposal: DisposalProposal) -> str | None:
    """The role in which ``user`` may approve ``proposal`` now (None: none left)."""
    if writes_nothing(user) or proposal.status != DisposalProposal.Status.PENDING:
        return None
    signed = {s.role: s.user_id for s in proposal.signoffs.all()}
    if user.pk in signed.values():
        return None  # one person never gives both approvals
    if DisposalSignOff.Role.HEAD not in signed and heads(user, proposal.department):
        return DisposalSignOff.Role.HEAD
    if DisposalSignOff.Role.SECRETARIAT not in signed and is_secretariat(user):
        return DisposalSignOff.Role.SECRETARIAT
    return None


def can_withdraw(user, proposal: DisposalProposal) -> bool:
    if writes_nothing(user) or proposal.status != DisposalProposal.Status.PENDING:
        return False
    return is_secretariat(user) or proposal.proposed_by_id == user.pk


# --- fetch or 403 ----------------------------------------------------------------------


def get_series_for_user(user, pk) -> RecordSeries:
    require_reader(user)
    return get_object_or_404(
        RecordSeries.objects.select_related("document", "form", "department"), pk=pk
    )


def get_rw_series_for_user(user, pk) -> RecordSeries:
    series = get_object_or_404(
        RecordSeries.objects.select_related("document", "form", "department"), pk=pk
    )
    if not can_manage_series(user, series):
        raise PermissionDenied
    return series


def get_loggable_series_for_user(user, pk) -> RecordSeries:
    series = get_object_or_404(RecordSeries.objects.select_related("document", "department"), pk=pk)
    if not can_log(user, series):
        raise PermissionDenied
    return series


def get_entry_for_user(user, pk) -> RecordEntry:
    require_reader(user)
    return get_object_or_404(RecordEntry.objects.select_related("series"), pk=pk)


def get_proposal_for_user(user, pk) -> DisposalProposal:
    require_reader(user)
    return get_object_or_404(
        DisposalProposal.objects.select_related("department", "proposed_by"), pk=pk
    )
