"""Who may do what with the context register and the interested parties.

* The secretariat, leadership, the auditors (the certification body's too),
  department heads and staff read both registers.
* The secretariat keeps everything: the grouping, every issue, every party, need
  and link. A department head keeps (edits, reviews, closes) the issues their
  department leads, and may record a new one for it.
* The certification body's auditor writes nothing (``writes_nothing``).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from context.models import Issue, Need, NeedLink, Party
from ims.permissions import department_of, has_role, is_secretariat, writes_nothing
from ims.roles import Role

VIEWER_ROLES = (
    Role.STAFF,
    Role.DEPARTMENT_HEAD,
    Role.ISO_SECRETARIAT,
    Role.LEADERSHIP,
    Role.AUDITOR,
    Role.EXTERNAL_AUDITOR,
)


def can_view(user) -> bool:
    return has_role(user, *VIEWER_ROLES)


def require_viewer(user) -> None:
    if not can_view(user):
        raise PermissionDenied


def can_manage_all(user) -> bool:
    """The secretariat: the grouping, every issue, the parties and their needs."""
    return is_secretariat(user) and not writes_nothing(user)


def heads(user, department) -> bool:
    if department is None or not user.is_authenticated:
        return False
    if department.head_id == user.pk:
        return True
    own = department_of(user)
    return has_role(user, Role.DEPARTMENT_HEAD) and own is not None and own.pk == department.pk


def can_manage_issue(user, issue: Issue) -> bool:
    """``issue`` may be unsaved (the one a form is about to add): its lead department decides."""
    if writes_nothing(user):
        return False
    return can_manage_all(user) or heads(user, issue.department)


def can_add_issue(user) -> bool:
    if can_manage_all(user):
        return True
    return has_role(user, Role.DEPARTMENT_HEAD) and can_manage_issue(
        user, Issue(department=department_of(user))
    )


def can_set_grouping(user) -> bool:
    return can_manage_all(user)


def can_manage_parties(user) -> bool:
    return can_manage_all(user)


# --- fetch or 403 --------------------------------------------------------------------


def get_issue_for_user(user, pk) -> Issue:
    require_viewer(user)
    return get_object_or_404(Issue.objects.select_related("department"), pk=pk)


def get_rw_issue_for_user(user, pk) -> Issue:
    issue = get_object_or_404(Issue.objects.select_related("department"), pk=pk)
    if not can_manage_issue(user, issue):
        raise PermissionDenied
    return issue


def get_party_for_user(user, pk) -> Party:
    require_viewer(user)
    return get_object_or_404(Party, pk=pk)


def get_rw_party_for_user(user, pk) -> Party:
    party = get_object_or_404(Party, pk=pk)
    if not can_manage_parties(user):
        raise PermissionDenied
    return party


def get_rw_need_for_user(user, pk) -> Need:
    need = get_object_or_404(Need.objects.select_related("party"), pk=pk)
    if not can_manage_parties(user):
        raise PermissionDenied
    return need


def get_rw_link_for_user(user, pk) -> NeedLink:
    link = get_object_or_404(NeedLink.objects.select_related("need__party"), pk=pk)
    if not can_manage_parties(user):
        raise PermissionDenied
    return link
