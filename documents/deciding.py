"""The edition page, built for deciding (issue 18).

A bar at the top of an edition says where it stands in words (with its sub-state:
reviewed and awaiting approval, approved and waiting for its date), whose move it
waits for, and the one or two actions open to the person reading it; each action is
signed in a dialog holding its form. Readers of an edition in progress see, in
place, what changed against the effective edition.

This module holds those words, the actions and the page's context. What a state
allows is the services' rule, who may act is ``documents.permissions.may_take``.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from documents import content, permissions, services
from documents.forms import ApproveForm, CommentForm, PublishForm, SendBackForm
from documents.models import Revision, SignOff
from ims.reauth import ConfirmSignOffForm
from ims.roles import Role

State = Revision.State


@dataclass(frozen=True)
class Action:
    """A lifecycle action as the page offers it: the bar's link that opens its
    dialog, the dialog's heading and its button."""

    key: str
    opener: Promise
    title: Promise
    submit: Promise
    form_class: type
    confirmed: bool  # a sign-off with meaning: the person confirms who they are
    secondary: bool = False


ACTIONS = {
    action.key: action
    for action in [
        Action("submit", _("Send for review…"), _("Send for review"), _("Send for review"),
               CommentForm, confirmed=True),
        Action("review", _("Review…"), _("Review this edition"), _("Mark as reviewed"),
               CommentForm, confirmed=True),
        Action("approve", _("Approve…"), _("Approve this edition"), _("Approve"),
               ApproveForm, confirmed=True),
        Action("publish", _("Publish…"), _("Publish this edition"), _("Publish"),
               PublishForm, confirmed=True),
        Action("send_back", _("Send back…"), _("Send back to its authors"), _("Send back"),
               SendBackForm, confirmed=False, secondary=True),
    ]
}  # fmt: skip


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def state_words(revision: Revision, signoffs: list[SignOff], today: date) -> str:
    """The edition's state and sub-state in words, as every page names it
    (``Revision.status_for``: "Đã kiểm tra — chờ phê duyệt"), with what the bar alone
    can tell: a draft sent back, and since when an edition is in force."""
    if revision.state == State.DRAFT:
        steps = [s.step for s in signoffs]
        if steps and steps[-1] == SignOff.Step.SENT_BACK:
            return gettext("Sent back — being revised")
    if revision.state == State.EFFECTIVE and revision.effective_date:
        return gettext("In force since %(date)s") % {"date": _day(revision.effective_date)}
    return revision.status_for(today)[1]


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def holder(revision: Revision, signoffs: list[SignOff], today: date) -> str:
    """Whose move the edition waits for: a person where one is known, else a role.
    Empty once nobody's move is awaited (effective, superseded, obsolete)."""
    department = revision.document.department
    if revision.state == State.DRAFT:
        prepared = [s for s in signoffs if s.step == SignOff.Step.PREPARED and s.user]
        author = prepared[-1].user if prepared else revision.created_by
        if author is None:
            return department.name
        return gettext("%(name)s (%(department)s)") % {
            "name": _name(author),
            "department": department.name,
        }
    if revision.state == State.IN_REVIEW and not revision.is_reviewed:
        if department.head is not None:
            return gettext("%(name)s, head of department") % {"name": _name(department.head)}
        return gettext("The head of %(department)s") % {"department": department.name}
    if revision.state == State.IN_REVIEW:
        roles = permissions.approving_roles(revision.document.kind)
        return ", ".join(str(Role(role).label) for role in roles)
    if revision.state == State.APPROVED:
        if revision.effective_date and revision.effective_date > today:
            return gettext("Nobody: it is published by itself on %(date)s") % {
                "date": _day(revision.effective_date)
            }
        return str(Role.ISO_SECRETARIAT.label)
    return ""


def offered(revision: Revision, today: date) -> list[str]:
    """The actions the edition's state offers, the main one first."""
    if revision.state == State.DRAFT:
        return ["submit"]
    if revision.state == State.IN_REVIEW:
        return ["approve" if revision.is_reviewed else "review", "send_back"]
    if revision.state == State.APPROVED:
        # Before its date an approved edition cannot be published (the beat does it then).
        waiting = revision.effective_date and revision.effective_date > today
        return ["send_back"] if waiting else ["publish", "send_back"]
    return []


@dataclass
class Bar:
    key: str  # the badge's style (documents.css: .state-<key>)
    state: str
    holder: str
    actions: list[Action] = field(default_factory=list)
    edit: bool = False


def decision_bar(revision: Revision, user, signoffs: list[SignOff], today: date) -> Bar:
    return Bar(
        key=revision.status_for(today)[0],
        state=state_words(revision, signoffs, today),
        holder=holder(revision, signoffs, today),
        actions=[
            ACTIONS[key]
            for key in offered(revision, today)
            if permissions.may_take(user, revision, key)
        ],
        edit=revision.is_editable and permissions.can(user, permissions.EDIT, revision.document),
    )


def bind(action: Action, revision: Revision, request, data=None):
    """The action's form and, for a sign-off, its confirmation: bound to ``data``
    (a POST) or with the values the dialog starts from."""
    initial = {}
    if action.key == "approve":
        initial = {"effective_date": revision.effective_date or timezone.localdate()}
    elif action.key == "publish":
        document = revision.document
        initial = {
            "distribution": list(document.distribution.all()),
            "units": list(document.distribution_units.all()),
        }
    # Ids of the dialog's own, so each label finds its field (two dialogs have a comment).
    auto_id = f"{action.key}_%s"
    form = action.form_class(data, initial=initial, auto_id=auto_id)
    confirm = None
    if action.confirmed:
        confirm = ConfirmSignOffForm(data, user=request.user, request=request, auto_id=auto_id)
    return form, confirm


def predecessor_of(revision: Revision) -> Revision | None:
    """The effective edition an edition in progress will replace, if any."""
    current = revision.document.current
    if revision.state not in Revision.WORK_IN_PROGRESS or current is None:
        return None
    return current if current.state == State.EFFECTIVE and current.pk != revision.pk else None


def edition_page(request, revision: Revision, *, open_action: str = "", bound=None, status=200):
    """The edition's page. ``open_action`` names the dialog shown open (a link's
    ``?act=`` without JavaScript, or a refused sign-off); ``bound`` is that
    action's ``(form, confirm)`` as sent, so a refusal keeps what was typed."""
    user = request.user
    document = revision.document
    today = timezone.localdate()
    # Once for the whole page: the sub-states, the bar and the sign-off block read them.
    prefetch_related_objects(
        [revision], Prefetch("signoffs", queryset=SignOff.objects.select_related("user"))
    )
    signoffs = list(revision.signoffs.all())
    bar = decision_bar(revision, user, signoffs, today)
    dialogs = []
    for action in bar.actions:
        if bound and action.key == open_action:
            form, confirm = bound
        else:
            form, confirm = bind(action, revision, request)
        dialogs.append({"action": action, "form": form, "confirm": confirm})
    if open_action not in {a.key for a in bar.actions}:
        open_action = ""
    if revision.state == State.APPROVED and any(a.key == "publish" for a in bar.actions):
        publish_note = gettext(
            "Takes effect on %(date)s. Publishing supersedes the effective edition."
        ) % {"date": _day(revision.effective_date)}
    else:
        publish_note = ""
    predecessor = predecessor_of(revision)
    showing_changes = predecessor is not None and request.GET.get("view") != "clean"
    this = content.content_of_revision(revision)
    context = {
        "document": document,
        "revision": revision,
        "bar": bar,
        "dialogs": dialogs,
        "open_action": open_action,
        "publish_note": publish_note,
        "predecessor": predecessor,
        "changes": (
            content.changes_in_place(content.content_of_revision(predecessor), this)
            if showing_changes
            else None
        ),
        "content": None if showing_changes else this.rendered(),
        "signoffs": signoffs,
        "signoff_block": [
            (step, revision.signoff_for(step), revision.imported_signoff(step))
            for step in SignOff.BLOCK_STEPS
        ],
        "imported_history": revision.imported_history or [],
        "rights": permissions.rights_on(user, document),
    }
    if revision.state == State.EFFECTIVE:
        context["acknowledged"] = revision.acknowledgements.filter(user=user).exists()
        context["is_recipient"] = permissions.can_acknowledge(user, revision)
    if context["rights"]["read_drafts"] and revision.state in (
        State.EFFECTIVE,
        *Revision.PAST_STATES,
    ):
        context["acknowledgements"] = revision.acknowledgements.select_related(
            "user__profile__department", "user__profile__unit"
        ).order_by("user__profile__department__order", "user__first_name")
        context["not_acknowledged"] = services.who_has_not_acknowledged(revision)
    return render(request, "documents/revision_detail.html", context, status=status)
