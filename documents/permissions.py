"""Who may do what with a document: django-guardian object permissions.

The rights are granted per document from its owning department and the roles,
and kept in step when a document changes department, a person changes
department or roles, a department changes head, or an approval rule changes:

* staff and the head of the owning department: ``edit_draft`` and ``read_drafts``;
* the head of the owning department and the ISO secretariat: ``review_document``;
* the approving role(s) of the document's kind (``ApprovalRule``; without a rule,
  leadership and the secretariat): ``approve_document``;
* leadership, the secretariat and auditors: ``read_drafts``; the certification
  body's external auditors read drafts by their role and write nothing.

Everybody signed in reads effective, superseded and obsolete editions. Only a
recipient acknowledges an edition; a unit contact proposes changes only to the
documents distributed to their unit.
Views fetch through the ``*_or_403`` helpers so a refusal is a 403.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from guardian.models import GroupObjectPermission, UserObjectPermission

from documents.models import ApprovalRule, Document, Revision
from ims.permissions import department_of, has_role, is_secretariat, writes_nothing
from ims.roles import Role

READ_DRAFTS = "read_drafts"
EDIT = "edit_draft"
REVIEW = "review_document"
APPROVE = "approve_document"
CODENAMES = [READ_DRAFTS, EDIT, REVIEW, APPROVE]

DEFAULT_APPROVERS = [Role.LEADERSHIP, Role.ISO_SECRETARIAT]
ROLE_GRANTS = {
    Role.ISO_SECRETARIAT: [READ_DRAFTS, REVIEW],
    Role.LEADERSHIP: [READ_DRAFTS],
    Role.AUDITOR: [READ_DRAFTS],
}


def approving_roles(kind: str) -> list[str]:
    """The roles that approve documents of ``kind`` (configurable in ApprovalRule)."""
    roles = [r.role for r in ApprovalRule.objects.all() if r.kind == kind]
    return roles or list(DEFAULT_APPROVERS)


def _permissions() -> dict[str, Permission]:
    ct = ContentType.objects.get_for_model(Document)
    return {
        p.codename: p for p in Permission.objects.filter(content_type=ct, codename__in=CODENAMES)
    }


def _member_codenames(user, department_id: int) -> list[str]:
    """What a member (or the head) of the owning department holds on its documents."""
    if not user.is_active:
        return []
    roles = {g.name for g in user.groups.all()}
    is_head = Role.DEPARTMENT_HEAD in roles or any(
        d.pk == department_id for d in user.headed_departments.all()
    )
    codenames = []
    if Role.STAFF in roles or is_head:
        codenames += [READ_DRAFTS, EDIT]
    if is_head:
        codenames.append(REVIEW)
    return codenames


def _department_members(department):
    User = get_user_model()
    members = Q(profile__department=department)
    if department.head_id:
        members |= Q(pk=department.head_id)
    return User.objects.filter(members, is_active=True)


def grant_document_rights(document: Document) -> None:
    """(Re)grant every object permission on ``document`` from its department and the roles."""
    ct = ContentType.objects.get_for_model(Document)
    perms = _permissions()
    pk = str(document.pk)
    UserObjectPermission.objects.filter(
        content_type=ct, object_pk=pk, permission__codename__in=CODENAMES
    ).delete()
    GroupObjectPermission.objects.filter(
        content_type=ct, object_pk=pk, permission__codename__in=CODENAMES
    ).delete()
    department = document.department
    user_rows = []
    for user in _department_members(department).prefetch_related("groups", "headed_departments"):
        for codename in _member_codenames(user, department.pk):
            user_rows.append(
                UserObjectPermission(
                    user=user, permission=perms[codename], content_type=ct, object_pk=pk
                )
            )
    UserObjectPermission.objects.bulk_create(user_rows, ignore_conflicts=True)
    group_grants: dict[str, set[str]] = {role: set(c) for role, c in ROLE_GRANTS.items()}
    for role in approving_roles(document.kind):
        group_grants.setdefault(role, set()).update({APPROVE, READ_DRAFTS})
    groups = {g.name: g for g in Group.objects.filter(name__in=group_grants)}
    GroupObjectPermission.objects.bulk_create(
        [
            GroupObjectPermission(
                group=groups[role], permission=perms[codename], content_type=ct, object_pk=pk
            )
            for role, codenames in group_grants.items()
            if role in groups
            for codename in sorted(codenames)
        ],
        ignore_conflicts=True,
    )


def grant_user_rights(user) -> None:
    """(Re)grant ``user``'s department-derived rights after a change of department or roles."""
    ct = ContentType.objects.get_for_model(Document)
    UserObjectPermission.objects.filter(
        user=user, content_type=ct, permission__codename__in=CODENAMES
    ).delete()
    departments = set(user.headed_departments.values_list("pk", flat=True))
    if (own := department_of(user)) is not None:
        departments.add(own.pk)
    if not departments:
        return
    perms = _permissions()
    rows = []
    for department_id in departments:
        codenames = _member_codenames(user, department_id)
        for pk in Document.objects.filter(department_id=department_id).values_list("pk", flat=True):
            rows += [
                UserObjectPermission(
                    user=user, permission=perms[c], content_type=ct, object_pk=str(pk)
                )
                for c in codenames
            ]
    UserObjectPermission.objects.bulk_create(rows, ignore_conflicts=True)


def grant_kind_rights(kind: str) -> None:
    """After an approval rule changed: regrant the documents of ``kind``."""
    for document in Document.objects.filter(kind=kind).select_related("department"):
        grant_document_rights(document)


# --- checks ------------------------------------------------------------------------


def can(user, codename: str, document: Document) -> bool:
    if not user.is_authenticated:
        return False
    if writes_nothing(user):
        return codename == READ_DRAFTS
    return user.has_perm(f"documents.{codename}", document)


def can_read(user, revision: Revision) -> bool:
    """Everybody signed in reads effective and past editions; editions in progress
    only those holding ``read_drafts`` on the document."""
    if not user.is_authenticated:
        return False
    if revision.state not in Revision.WORK_IN_PROGRESS:
        return True
    return can(user, READ_DRAFTS, revision.document)


def can_decide(user, document: Document) -> bool:
    """Deciding change requests and periodic reviews: the owner's head or the secretariat."""
    return can(user, REVIEW, document)


def is_recipient(user, document: Document) -> bool:
    """The document is distributed to ``user``: their department owns it or receives it,
    or their unit receives it."""
    profile = getattr(user, "profile", None)
    if not user.is_authenticated or not user.is_active or profile is None:
        return False
    if profile.department_id and (
        profile.department_id == document.department_id
        or document.distribution.filter(pk=profile.department_id).exists()
    ):
        return True
    return bool(profile.unit_id) and document.distribution_units.filter(pk=profile.unit_id).exists()


def can_acknowledge(user, revision: Revision) -> bool:
    """Only a recipient acknowledges (leadership and auditors read without being one)."""
    return not writes_nothing(user) and is_recipient(user, revision.document)


# Roles that propose changes to any document (DESIGN: "anyone may propose a change").
PROPOSING_ROLES = (Role.STAFF, Role.DEPARTMENT_HEAD, Role.ISO_SECRETARIAT, Role.LEADERSHIP)


def can_propose_change(user, document: Document) -> bool:
    """Staff, heads, the secretariat and leadership propose changes to any document; a
    unit contact only to a document distributed to their unit; an auditor as the member
    of staff they are; the certification body never."""
    if not user.is_authenticated or writes_nothing(user):
        return False
    if has_role(user, *PROPOSING_ROLES):
        return True
    profile = getattr(user, "profile", None)
    return (
        has_role(user, Role.UNIT_CONTACT)
        and profile is not None
        and bool(profile.unit_id)
        and document.distribution_units.filter(pk=profile.unit_id).exists()
    )


def can_publish(user, document: Document) -> bool:
    """Publishing an approved edition: its approvers and the secretariat."""
    return can(user, APPROVE, document) or is_secretariat(user)


# The right each lifecycle action of an edition needs (``may_take`` has the exceptions).
ACTION_RIGHTS = {"submit": EDIT, "review": REVIEW, "send_back": REVIEW, "approve": APPROVE}


def may_take(user, revision: Revision, action: str) -> bool:
    """The right to take lifecycle ``action`` on ``revision``; whether its state allows
    it is the service's rule. An approved edition is sent back by its reviewers or
    approvers; it is published by them or the secretariat."""
    document = revision.document
    if action == "publish":
        return can_publish(user, document)
    if action == "send_back" and revision.state == Revision.State.APPROVED:
        return can(user, APPROVE, document) or can(user, REVIEW, document)
    return action in ACTION_RIGHTS and can(user, ACTION_RIGHTS[action], document)


def rights_on(user, document: Document) -> dict:
    """What ``user`` may do with ``document``, as the pages show it."""
    return {
        "read_drafts": can(user, READ_DRAFTS, document),
        "edit": can(user, EDIT, document),
        "review": can(user, REVIEW, document),
        "approve": can(user, APPROVE, document),
        "publish": can_publish(user, document),
        "withdraw": is_secretariat(user) and not document.is_obsolete,
        "decide": can_decide(user, document),
        "propose": can_propose_change(user, document),
    }


def require(user, codename: str, document: Document) -> None:
    if not can(user, codename, document):
        raise PermissionDenied


def revision_or_404(code: str, number: int) -> Revision:
    try:
        return Revision.objects.select_related("document", "document__department").get(
            document__code=code, number=number
        )
    except Revision.DoesNotExist:
        raise Http404 from None


def readable_revision_or_403(user, code: str, number: int) -> Revision:
    revision = revision_or_404(code, number)
    if not can_read(user, revision):
        raise PermissionDenied
    return revision


def revision_with_right_or_403(user, code: str, number: int, codename: str) -> Revision:
    revision = revision_or_404(code, number)
    require(user, codename, revision.document)
    return revision


def documents_with_right(user, codename: str):
    """Documents on which ``user`` holds ``codename``: a queryset filtered by subquery."""
    from guardian.shortcuts import get_objects_for_user

    return get_objects_for_user(
        user, f"documents.{codename}", klass=Document, accept_global_perms=False
    )


def may_cancel_builds(user) -> bool:
    """Who may cancel a build of the manual or a report under way: the secretariat."""
    return is_secretariat(user)
