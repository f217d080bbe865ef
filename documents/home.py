"""Document control's part of the inbox ("Việc của tôi"): what needs this person now."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import services
from documents.models import ChangeRequest, Document, Revision, SignOff
from documents.permissions import APPROVE, EDIT, REVIEW, documents_with_right
from ims.permissions import department_of, is_secretariat
from ims.registry import FYI, NORMAL, URGENT, InboxItem

RECENT_DECISIONS = timedelta(days=30)


NAV = "documents:register"


def _item(kind, url, label, action, *, urgency=NORMAL, due=None, since=None) -> InboxItem:
    return InboxItem(
        kind=f"documents.{kind}",
        label=label,
        action=action,
        url=url,
        due=due,
        urgency=urgency,
        nav=NAV,
        since=since,
    )


def _edition_label(revision: Revision) -> str:
    return _("%(code)s %(title)s, edition %(number)s") % {
        "code": revision.document.code,
        "title": revision.document.title,
        "number": revision.number,
    }


def work_items(user, today=None) -> list[InboxItem]:
    """Everything waiting for ``user`` in document control, most pressing first."""
    today = today or timezone.localdate()
    items: list[InboxItem] = []
    reviewable = documents_with_right(user, REVIEW).values("pk")
    approvable = documents_with_right(user, APPROVE).values("pk")
    editable = documents_with_right(user, EDIT).values("pk")
    in_review = (
        Revision.objects.filter(state=Revision.State.IN_REVIEW)
        .select_related("document")
        .prefetch_related("signoffs")
    )
    for revision in in_review.filter(document__in=reviewable):
        if not services.is_reviewed(revision):
            items.append(
                _item(
                    "review",
                    revision.get_absolute_url(),
                    _edition_label(revision),
                    _("to review"),
                    urgency=URGENT,
                    since=revision.updated_at,
                )
            )
    for revision in in_review.filter(document__in=approvable):
        if services.is_reviewed(revision):
            items.append(
                _item(
                    "approve",
                    revision.get_absolute_url(),
                    _edition_label(revision),
                    _("to approve"),
                    urgency=URGENT,
                    since=revision.updated_at,
                )
            )
    approved = Revision.objects.filter(state=Revision.State.APPROVED).select_related("document")
    if not is_secretariat(user):
        approved = approved.filter(document__in=approvable)
    for revision in approved:
        if revision.effective_date and revision.effective_date > today:
            # Publishing is refused before the effective date; the scheduler publishes it
            # on the day. The secretariat is told, not asked.
            items.append(
                _item(
                    "publish_scheduled",
                    revision.get_absolute_url(),
                    _edition_label(revision),
                    _("approved: published automatically on %(date)s")
                    % {"date": revision.effective_date.strftime("%d/%m/%Y")},
                    urgency=FYI,
                    since=revision.updated_at,
                )
            )
            continue
        items.append(
            _item(
                "publish",
                revision.get_absolute_url(),
                _edition_label(revision),
                _("to publish"),
                urgency=URGENT,
                since=revision.updated_at,
            )
        )
    sent_back = (
        Revision.objects.filter(state=Revision.State.DRAFT, document__in=editable)
        .filter(signoffs__step=SignOff.Step.SENT_BACK)
        .select_related("document")
        .distinct()
    )
    for revision in sent_back:
        items.append(
            _item(
                "sent_back",
                reverse("documents:edit", args=[revision.document.code, revision.number]),
                _edition_label(revision),
                _("sent back: to correct"),
                since=revision.updated_at,
            )
        )
    items.extend(own_editions(user, editable, listed={i.url for i in items}))
    for revision in services.acknowledgements_due(user):
        items.append(
            _item(
                "acknowledge",
                revision.get_absolute_url(),
                _edition_label(revision),
                _("to read and acknowledge"),
                since=revision.updated_at,
            )
        )
    open_requests = ChangeRequest.objects.filter(
        state=ChangeRequest.State.OPEN, document__in=reviewable
    ).select_related("document")
    for change_request in open_requests:
        items.append(
            _item(
                "change_request",
                change_request.document.get_absolute_url(),
                str(change_request.document),
                _("change request to decide"),
                urgency=URGENT,
            )
        )
    for document in Document.objects.review_due(today).filter(pk__in=reviewable):
        overdue = document.next_review_on < today
        items.append(
            _item(
                "periodic_review",
                document.get_absolute_url(),
                str(document),
                (_("review overdue since %(date)s") if overdue else _("review due on %(date)s"))
                % {"date": document.next_review_on.strftime("%d/%m/%Y")},
                due=document.next_review_on,
            )
        )
    decided = ChangeRequest.objects.filter(
        proposed_by=user,
        decided_at__gte=timezone.now() - RECENT_DECISIONS,
    ).select_related("document")
    for change_request in decided:
        items.append(
            _item(
                "change_decided",
                change_request.document.get_absolute_url(),
                str(change_request.document),
                _("your change request: %(state)s") % {"state": change_request.get_state_display()},
                urgency=FYI,
                since=change_request.decided_at,
            )
        )
    return items


def own_editions(user, editable, *, listed=frozenset()) -> list[InboxItem]:
    """The person's own editions in progress: the drafts they started or may edit in
    their department (each a link to the editor), and the editions they prepared
    that are on their way, with their status (reviewed, approved, …)."""
    department = department_of(user)
    mine = Q(created_by=user) | Q(signoffs__step=SignOff.Step.PREPARED, signoffs__user=user)
    if department is not None:
        mine |= Q(state=Revision.State.DRAFT, document__department=department)
    revisions = (
        Revision.objects.filter(state__in=Revision.WORK_IN_PROGRESS)
        .filter(mine)
        .filter(Q(state__in=[Revision.State.IN_REVIEW, Revision.State.APPROVED])
                | Q(document__in=editable))
        .select_related("document")
        .prefetch_related("signoffs")
        .distinct()
        .order_by("-updated_at")
    )  # fmt: skip
    items = []
    for revision in revisions:
        if revision.state == Revision.State.DRAFT:
            url = reverse("documents:edit", args=[revision.document.code, revision.number])
            note, kind, urgency = _("your draft: continue editing"), "draft", NORMAL
        else:
            url = revision.get_absolute_url()
            note = _("yours: %(status)s") % {"status": revision.status_label}
            kind, urgency = "on_its_way", FYI
        if url not in listed:
            items.append(
                _item(
                    kind,
                    url,
                    _edition_label(revision),
                    note,
                    urgency=urgency,
                    since=revision.updated_at,
                )
            )
    return items
