"""The document register (danh mục tài liệu): the query behind the page and its exports.

:func:`register_rows` narrows the register by the filters a person chose and
by a search that ignores Vietnamese diacritics and case: every word typed must
appear as a word in the document's code or title, or in the text of its effective
edition or of the edition in progress (``Revision.search_text``, folded on save),
and a code is found however it is typed; the results are ranked (:func:`search_ranks`).
A constant number of queries serves any page of it: the per-document figures
(edition in progress) come from subqueries, never from a loop.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import (
    BooleanField,
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
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from documents.models import Document, Revision
from documents.register.search import (
    FULL_TEXT_MATCH,
    LIVE_STATES,
    code_key,
    heading,
    is_code_word,
    terms,
    tokens,
    tsquery,
    words_in,
)

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


class Rank:
    """Where a found document stands in the results; the lower, the higher on the page."""

    EXACT_CODE = 0
    CODE = 1
    TITLE_PHRASE = 2
    TITLE = 3
    TEXT_PHRASE = 4
    TEXT = 5


def search_ranks(query: str) -> dict[int, int]:
    """The documents a search finds, as {document pk: :class:`Rank`}.

    A code is found however it is typed ("qt01", "QT.01", "qt 01", "QT-01" find
    QT.01-*): the letters and digits of the whole entry start the document's code.
    Otherwise every word must be a whole word (the last one also as the start of a
    word, typing in progress) of the code and title, or of the text of one live
    edition; a word typed as a code ("qt01 tuyen sinh") keeps the documents whose
    code starts with it. Diacritics and case are ignored throughout.

    Codes and titles are matched here in Python: a register holds a few thousand
    documents at most, and one query reads them all. The editions' text is matched
    by the database: on PostgreSQL from the full-text index over ``search_text``
    (:func:`documents.register.search.ensure_full_text_index`), elsewhere (the embedded
    SQLite) by substring, then whole word, which is slower but fine for one
    organisation's documents.
    """
    words = terms(query)
    if not words:
        return {}
    # (pk, code key, words of code and title) of every document
    heads = [
        (pk, *heading(code, title))
        for pk, code, title in Document.objects.values_list("pk", "code", "title")
    ]
    key = code_key(query)
    ranks: dict[int, int] = {}
    for pk, document_key, _words, _set in heads:
        if key and document_key == key:
            ranks[pk] = Rank.EXACT_CODE
        elif len(key) >= 2 and document_key.startswith(key):
            ranks[pk] = Rank.CODE
    code_words = [code_key(w) for w in query.split() if is_code_word(w)]
    code_words = [k for k in code_words if any(h[1].startswith(k) for h in heads)]
    text_words = tokens([w for w in words if code_key(w) not in code_words])
    allowed = None
    if code_words:
        allowed = {pk for pk, dk, *_w in heads if all(dk.startswith(k) for k in code_words)}
    if not text_words:
        for pk in allowed or ():
            ranks.setdefault(pk, Rank.CODE)
        return ranks
    *whole, last = text_words
    for pk, _key, title_words, title_set in heads:
        if allowed is not None and pk not in allowed:
            continue
        # the set first: most titles lack a word, and are passed over at once
        if not all(t in title_set for t in whole):
            continue
        if last not in title_set and not any(w.startswith(last) for w in title_set):
            continue
        if words_in(title_words, text_words, phrase=True):
            rank = Rank.TITLE_PHRASE
        else:
            rank = Rank.TITLE
        ranks[pk] = min(rank, ranks.get(pk, rank))
    live = _live_editions_with(text_words)
    if allowed is not None:
        live = live.filter(document_id__in=allowed)
    # One query reads the editions found and whether they hold the words as a phrase.
    in_phrase = Value(False)
    if len(text_words) > 1:
        in_phrase = Case(
            When(search_text__contains=" ".join(text_words), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    found: set[int] = set()
    in_phrase_ids: set[int] = set()
    for document_id, holds_phrase in live.annotate(in_phrase=in_phrase).values_list(
        "document_id", "in_phrase"
    ):
        found.add(document_id)
        if holds_phrase:
            in_phrase_ids.add(document_id)
    for pk in found:
        rank = Rank.TEXT_PHRASE if pk in in_phrase_ids else Rank.TEXT
        ranks[pk] = min(rank, ranks.get(pk, rank))
    return ranks


def _live_editions_with(text_words: list[str]) -> QuerySet[Revision]:
    """The live editions whose folded text holds every token of ``text_words`` as a
    word, the last one also as the start of a word."""
    live = Revision.objects.filter(state__in=LIVE_STATES)
    if connection.vendor == "postgresql":
        return live.extra(where=[FULL_TEXT_MATCH], params=[tsquery(text_words)])  # noqa: S610
    *whole, last = text_words
    for token in text_words:
        # The substring test is cheap and narrows the rows the regular expression reads.
        live = live.filter(search_text__contains=token)
    for token in whole:
        live = live.filter(search_text__regex=rf"(^|[^a-z0-9]){token}([^a-z0-9]|$)")
    return live.filter(search_text__regex=rf"(^|[^a-z0-9]){last}")


def _search(rows: QuerySet, query: str) -> QuerySet:
    """The documents :func:`search_ranks` finds, best first: the exact code, codes that
    start as typed, the words as a phrase in the title, all of them in the title,
    as a phrase in the text, anywhere in the text; then in register order."""
    if not terms(query):
        return rows
    ranks = search_ranks(query)
    by_rank: dict[int, list[int]] = {}
    for pk, rank in ranks.items():
        by_rank.setdefault(rank, []).append(pk)
    order = Case(
        *(When(pk__in=pks, then=Value(rank)) for rank, pks in sorted(by_rank.items())),
        default=Value(Rank.TEXT),
        output_field=IntegerField(),
    )
    rows = rows.filter(pk__in=list(ranks))
    if not ranks:
        return rows
    return rows.alias(search_rank=order).order_by("search_rank", "kind_order", "code")


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
        str(pgettext("document", "Title")),
        str(_("Type")),
        str(_("Department")),
        str(_("Edition")),
        str(_("Effective date")),
        str(_("Status")),
        str(_("Next review")),
        str(_("Clauses")),
        str(_("Review interval (months)")),
        str(_("Administrative procedure code")),
        str(_("Legal time limit")),
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
            document.tthc_code,
            document.tthc_time_limit,
        ]
