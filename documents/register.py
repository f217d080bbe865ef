"""The document register (danh mục tài liệu): the query behind the page and its exports.

:func:`register_rows` narrows the register by the filters a person chose and
by a search that ignores Vietnamese diacritics and case: every word typed must
appear in the document's code or title, or in the text of its effective edition
or of the edition in progress (``Revision.search_text``, folded on save).
A constant number of queries serves any page of it: the per-document figures
(edition in progress) come from subqueries, never from a loop.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Document, Revision
from documents.search import FULL_TEXT_MATCH, LIVE_STATES, terms, tsquery

# How far ahead a review counts as "due soon" on the register.
DUE_SOON_DAYS = 30


class Status:
    """What the register's status filter offers; the column shows the same words."""

    EFFECTIVE = "effective"
    IN_PROGRESS = "in_progress"
    IN_REVIEW = "in_review"
    NO_EDITION = "no_edition"
    DUE = "due"
    OVERDUE = "overdue"
    OBSOLETE = "obsolete"

    choices = [
        (EFFECTIVE, _("Effective")),
        (IN_PROGRESS, _("Edition in progress")),
        (IN_REVIEW, _("Draft in review")),
        (NO_EDITION, _("No effective edition")),
        (DUE, _("Review due soon")),
        (OVERDUE, _("Review overdue")),
        (OBSOLETE, _("Obsolete")),
    ]


@dataclass(frozen=True)
class RegisterFilters:
    kind: str = ""
    department: str = ""  # ims.Department code
    status: str = ""
    clause: int | None = None  # ims.Clause pk
    query: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.kind or self.department or self.status or self.clause or self.query)


_EDITION_TEXT = ["body", "purpose", "scope", "references", "terms", "search_text", "change_summary"]


def register_rows(filters: RegisterFilters, *, today: date | None = None) -> QuerySet[Document]:
    """Documents of the register in register order, narrowed by ``filters``.

    Each row carries ``work_state`` and ``work_number``: the state and number
    of its edition in progress (draft, in review, approved), or None.
    """
    today = today or timezone.localdate()
    in_progress = Revision.objects.filter(
        document=OuterRef("pk"), state__in=Revision.WORK_IN_PROGRESS
    )
    rows = (
        Document.objects.in_register_order()
        .select_related("department", "current")
        # The register shows an edition's number and date, never its text.
        .defer(*(f"current__{name}" for name in _EDITION_TEXT))
        .annotate(
            work_state=Subquery(in_progress.values("state")[:1]),
            work_number=Subquery(in_progress.values("number")[:1]),
        )
    )
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.department:
        rows = rows.filter(department__code=filters.department)
    if filters.clause:
        rows = rows.filter(
            Exists(
                Document.clauses.through.objects.filter(
                    document_id=OuterRef("pk"), clause_id=filters.clause
                )
            )
        )
    rows = _by_status(rows, filters.status, today)
    if filters.query:
        rows = _search(rows, filters.query)
    return rows


def _by_status(rows: QuerySet, status: str, today: date) -> QuerySet:
    active = Q(is_obsolete=False)
    if status == Status.EFFECTIVE:
        return rows.filter(active, current__isnull=False)
    if status == Status.IN_PROGRESS:
        return rows.filter(active, work_state__isnull=False)
    if status == Status.IN_REVIEW:
        return rows.filter(active, work_state=Revision.State.IN_REVIEW)
    if status == Status.NO_EDITION:
        return rows.filter(active, current__isnull=True)
    if status == Status.DUE:
        return rows.filter(
            active,
            next_review_on__gte=today,
            next_review_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
    if status == Status.OVERDUE:
        return rows.filter(active, next_review_on__lt=today)
    if status == Status.OBSOLETE:
        return rows.filter(is_obsolete=True)
    return rows


def _search(rows: QuerySet, query: str) -> QuerySet:
    """Every folded word in the code, the title or the text of a live edition;
    documents whose title holds the words come first.

    On PostgreSQL the editions are matched by the full-text index over
    ``search_text`` (:func:`documents.search.ensure_full_text_index`): whole
    words, the last one also as a prefix. Elsewhere (the embedded SQLite) by
    substring, which is slower but fine for one organisation's documents.
    """
    words = terms(query)
    if not words:
        return rows
    live = Revision.objects.filter(state__in=LIVE_STATES)
    if connection.vendor == "postgresql":
        live = live.extra(where=[FULL_TEXT_MATCH], params=[tsquery(words)])  # noqa: S610
    else:
        for word in words:
            live = live.filter(search_text__contains=word)
    # A document without a live edition is found by its code or its title as typed.
    typed = Q()
    for word in query.split():
        typed &= Q(code__icontains=word) | Q(title__icontains=word)
    rows = rows.filter(Q(pk__in=live.values("document_id")) | typed)
    # search_text starts with the folded code and title: the words there mean a title match.
    heading = Revision.objects.filter(document=OuterRef("pk"), state__in=LIVE_STATES).annotate(
        # SUBSTRING decompresses only the start of a long text, unlike LEFT.
        heading=Substr("search_text", 1, Length(OuterRef("code")) + Length(OuterRef("title")) + 1)
    )
    for word in words:
        heading = heading.filter(heading__contains=word)
    first = Case(
        When(Exists(heading), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return rows.alias(title_first=first).order_by("title_first", "kind_order", "code")


def attach_work(documents) -> list[Document]:
    """Set ``document.work`` on each of ``documents``: its edition in progress (with its
    sign-offs, which its status label reads), or None. Two queries for any number."""
    documents = list(documents)
    work = {
        revision.document_id: revision
        for revision in Revision.objects.filter(
            document__in=[d.pk for d in documents], state__in=Revision.WORK_IN_PROGRESS
        )
        .defer(*_EDITION_TEXT)
        .prefetch_related("signoffs")
    }
    for document in documents:
        document.work = work.get(document.pk)
    return documents


def status_of(document: Document, *, today: date | None = None) -> tuple[str, str]:
    """(key, label) of a register row's status, for the column and the exports.
    A document without an effective edition reads as its edition in progress does
    (``document.work``, from :func:`attach_work`)."""
    today = today or timezone.localdate()
    labels = dict(Status.choices)
    if document.is_obsolete:
        return Status.OBSOLETE, str(labels[Status.OBSOLETE])
    if document.current_id is None:
        work = getattr(document, "work", None)
        if work is not None:
            return work.status_for(today)
        return Status.NO_EDITION, str(labels[Status.NO_EDITION])
    if document.next_review_on and document.next_review_on < today:
        return Status.OVERDUE, str(labels[Status.OVERDUE])
    return Status.EFFECTIVE, str(labels[Status.EFFECTIVE])


def review_flag(document: Document, *, today: date | None = None) -> str:
    """ "overdue", "due" or "" for the next-review column."""
    today = today or timezone.localdate()
    if document.is_obsolete or not document.next_review_on:
        return ""
    if document.next_review_on < today:
        return Status.OVERDUE
    if document.next_review_on <= today + timedelta(days=DUE_SOON_DAYS):
        return Status.DUE
    return ""


def export_headers() -> list[str]:
    """Column titles of the exported register; the import reads the same titles back."""
    return [
        str(_("Code")),
        str(_("Title")),
        str(_("Type")),
        str(_("Department")),
        str(_("Edition")),
        str(_("Effective date")),
        str(_("Status")),
        str(_("Next review")),
        str(_("Clauses")),
        str(_("Review interval (months)")),
    ]


def export_rows(rows: QuerySet[Document]):
    today = timezone.localdate()
    for document in attach_work(rows.prefetch_related("clauses")):
        current = document.current
        yield [
            document.code,
            document.title,
            document.get_kind_display(),
            document.department.code,
            current.number if current else None,
            current.effective_date if current else None,
            status_of(document, today=today)[1],
            document.next_review_on,
            "; ".join(clause.short_label for clause in document.clauses.all()),
            document.review_interval_months,
        ]
