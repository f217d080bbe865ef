"""Who may do what with the conformity announcement and the yearly report.

* The ISO secretariat drafts, issues and records the announcement, and compiles,
  edits and freezes the yearly report.
* Leadership and the auditors (the certification body's too) read them.

Views and services ask these; the ``get_*_for_user`` helpers fetch or refuse (403).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from conformity.models import Announcement, YearlyReport
from ims.permissions import has_role, is_secretariat, writes_nothing
from ims.roles import Role

READERS = (Role.ISO_SECRETARIAT, Role.LEADERSHIP, Role.AUDITOR, Role.EXTERNAL_AUDITOR)


def can_view(user) -> bool:
    return user.is_authenticated and has_role(user, *READERS)


def can_manage(user) -> bool:
    return user.is_authenticated and is_secretariat(user) and not writes_nothing(user)


def require_viewer(user) -> None:
    if not can_view(user):
        raise PermissionDenied


def require_manager(user) -> None:
    if not can_manage(user):
        raise PermissionDenied


def get_announcement_for_user(user, pk) -> Announcement:
    require_viewer(user)
    return get_object_or_404(Announcement, pk=pk)


def get_rw_announcement_for_user(user, pk) -> Announcement:
    require_manager(user)
    return get_object_or_404(Announcement, pk=pk)


def get_report_for_user(user, pk) -> YearlyReport:
    require_viewer(user)
    return get_object_or_404(YearlyReport, pk=pk)


def get_rw_report_for_user(user, pk) -> YearlyReport:
    require_manager(user)
    return get_object_or_404(YearlyReport, pk=pk)
