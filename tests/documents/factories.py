"""Factories for documents and editions. Other apps' tests may use them.

``make_revision`` writes rows directly (no lifecycle service, no sign-offs) so a
test can start from any state; an EFFECTIVE edition also becomes the document's
``current``, as the publish service would make it.
"""

import itertools
from datetime import date

from django.utils import timezone

from documents.models import Document, RecordKept, Revision, SignOff, Step
from tests.factories import make_department

_serial = itertools.count(1)

DEFAULT_STEPS = [
    ("Tiếp nhận hồ sơ", "Bộ phận một cửa", "Kiểm tra tính đầy đủ của hồ sơ.", "1 ngày", "BM.01"),
    ("Thẩm định", "Chuyên viên phòng", "Thẩm định hồ sơ, lập tờ trình.", "5 ngày", "BM.02"),
    ("Phê duyệt", "Lãnh đạo Sở", "Xem xét, ký quyết định.", "2 ngày", "Quyết định"),
]


def make_document(
    code: str | None = None,
    *,
    kind: str = Document.Kind.PROCEDURE,
    department=None,
    title: str | None = None,
    clauses=(),
    **extra,
) -> Document:
    n = next(_serial)
    department = department or make_department()
    document = Document.objects.create(
        code=code or f"{kind}.{n:02d}-{department.code}",
        title=title or f"Quy trình thử nghiệm số {n}",
        kind=kind,
        department=department,
        **extra,
    )
    if clauses:
        document.clauses.set(clauses)
    return document


def make_revision(
    document: Document | None = None,
    *,
    state: str = Revision.State.DRAFT,
    number: int | None = None,
    steps: list[tuple] | int | None = None,
    records: list[tuple] | int = 0,
    effective_date: date | None = None,
    signed_by=None,
    **fields,
) -> Revision:
    """One edition. ``steps``: None for the default three steps of a procedure,
    an int for that many generated steps, or a list of
    ``(name, responsible, action, time_limit, record)`` tuples.
    ``signed_by``: a user who prepared, reviewed and approved it (rows in SignOff)."""
    document = document or make_document()
    if number is None:
        number = (
            document.revisions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
    if state in (Revision.State.EFFECTIVE, Revision.State.SUPERSEDED) and effective_date is None:
        effective_date = timezone.localdate()
    if document.is_procedure:
        fields.setdefault("purpose", "Quy định trình tự, cách thức thực hiện.")
        fields.setdefault("scope", "Áp dụng đối với các phòng thuộc Sở.")
    else:
        fields.setdefault("body", f"# {document.title}\n\nNội dung lần ban hành {number}.")
    revision = Revision(
        document=document, number=number, state=state, effective_date=effective_date, **fields
    )
    revision.search_text = revision.build_search_text()  # as the services do
    revision.save()
    if document.is_procedure:
        if steps is None:
            steps = DEFAULT_STEPS
        elif isinstance(steps, int):
            steps = [
                (f"Bước {i}", "Chuyên viên", f"Thực hiện bước {i}.", "1 ngày", "")
                for i in range(1, steps + 1)
            ]
        Step.objects.bulk_create(
            Step(revision=revision, order=i, name=s[0], responsible=s[1], action=s[2],
                 time_limit=s[3], record=s[4])
            for i, s in enumerate(steps, start=1)
        )  # fmt: skip
        if isinstance(records, int):
            records = [
                (f"Hồ sơ {i}", "Chuyên viên", "Phòng", "5 năm") for i in range(1, records + 1)
            ]
        RecordKept.objects.bulk_create(
            RecordKept(revision=revision, order=i, name=r[0], keeper=r[1], place=r[2],
                       retention=r[3])
            for i, r in enumerate(records, start=1)
        )  # fmt: skip
        revision.search_text = revision.build_search_text(steps=revision.steps.all())
        revision.save(update_fields=["search_text"])
    if signed_by is not None:
        now = timezone.now()
        for step in SignOff.BLOCK_STEPS:
            SignOff.objects.create(
                revision=revision, step=step, user=signed_by, signed_at=now,
                name=signed_by.get_full_name() or signed_by.username,
            )  # fmt: skip
    if state == Revision.State.EFFECTIVE:
        document.current = revision
        document.next_review_on = document.review_due_after(effective_date)
        document.save(update_fields=["current", "next_review_on"])
    return revision


def make_effective_document(code: str | None = None, **kwargs) -> Document:
    """A document with one effective edition."""
    document = make_document(code, **kwargs)
    make_revision(document, state=Revision.State.EFFECTIVE)
    return document


def make_document_due_for_review(*, review_in_days: int, in_force_days: int = 30, **kwargs):
    """An effective document whose edition took effect ``in_force_days`` ago and whose
    periodic review falls ``review_in_days`` from today (negative: overdue)."""
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    document = make_effective_document(**kwargs)
    Revision.objects.filter(pk=document.current_id).update(
        effective_date=today - timedelta(days=in_force_days)
    )
    document.next_review_on = today + timedelta(days=review_in_days)
    document.save(update_fields=["next_review_on"])
    return document
