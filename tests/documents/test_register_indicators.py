"""What the register brings to objectives (reviewed on time) and to the management review."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from documents import services
from documents.indicators import changes_in_period, reviewed_on_time
from documents.models import Document, ReviewRecord, Revision
from ims.registry import indicator_sources, review_inputs
from tests.documents.factories import make_document, make_revision

pytestmark = pytest.mark.django_db


def effective(code, department, **fields):
    document = make_document(code, department=department)
    make_revision(document, state=Revision.State.EFFECTIVE, **fields)
    return document


def reviewed(document, *, due, on, user):
    ReviewRecord.objects.create(
        document=document,
        revision=document.current,
        reviewed_by=user,
        reviewed_on=on,
        due_on=due,
        outcome=ReviewRecord.Outcome.UNCHANGED,
    )


def test_share_of_documents_reviewed_by_their_due_date(head, department, other_department):
    today = timezone.localdate()
    start, end = today - timedelta(days=90), today + timedelta(days=90)
    a = effective("QT.01-TCCB", department)
    reviewed(a, due=today - timedelta(days=30), on=today - timedelta(days=35), user=head)
    b = effective("QT.02-TCCB", department)
    reviewed(b, due=today - timedelta(days=20), on=today - timedelta(days=2), user=head)
    c = effective("QT.01-KHTC", other_department)
    Document.objects.filter(pk=c.pk).update(next_review_on=today - timedelta(days=10))
    d = effective("QT.03-TCCB", department)  # due next month: not late yet
    Document.objects.filter(pk=d.pk).update(next_review_on=today + timedelta(days=30))
    old = effective("QT.04-TCCB", department)  # fell due before the period
    reviewed(old, due=start - timedelta(days=5), on=start - timedelta(days=1), user=head)

    assert reviewed_on_time(start, end, None, "") == Decimal("33.3")
    assert reviewed_on_time(start, end, department, "") == Decimal("50.0")
    assert reviewed_on_time(start, end, other_department, "") == Decimal("0.0")


def test_nothing_due_gives_no_figure(department):
    today = timezone.localdate()
    effective("QT.01-TCCB", department)
    assert reviewed_on_time(today - timedelta(days=30), today, None, "") is None
    assert reviewed_on_time(today + timedelta(days=1), today + timedelta(days=30), None, "") is None


def test_periodic_reviews_confirmed_through_the_service_count(head, department):
    today = timezone.localdate()
    late = effective("QT.01-TCCB", department)
    Document.objects.filter(pk=late.pk).update(next_review_on=today - timedelta(days=3))
    punctual = effective("QT.02-TCCB", department)
    Document.objects.filter(pk=punctual.pk).update(next_review_on=today)
    period = (today - timedelta(days=10), today)
    assert reviewed_on_time(*period, None, "") == Decimal("0.0")

    services.confirm_review(document=late, actor=head, today=today)
    services.confirm_review(document=punctual, actor=head, today=today)
    assert reviewed_on_time(*period, None, "") == Decimal("50.0")


def test_review_input_lists_editions_that_took_effect_and_documents_withdrawn(
    secretariat, department
):
    today = timezone.localdate()
    document = make_document("QT.01-TCCB", department=department, title="Quy trình tuyển dụng")
    make_revision(
        document, state=Revision.State.SUPERSEDED, effective_date=today - timedelta(days=400)
    )
    make_revision(
        document,
        state=Revision.State.EFFECTIVE,
        effective_date=today - timedelta(days=10),
        change_summary="Rút ngắn thời hạn",
    )
    withdrawn = effective("HD.01-TCCB", department, effective_date=today - timedelta(days=500))
    services.make_obsolete(document=withdrawn, actor=secretariat, reason="Không còn áp dụng")

    result = changes_in_period(today - timedelta(days=30), today)
    codes = [row[0] for row in result["rows"]]
    assert codes == ["QT.01-TCCB", "HD.01-TCCB"]
    assert result["rows"][0][4] == "Rút ngắn thời hạn"
    assert "Không còn áp dụng" in result["rows"][1][4]
    assert len(result["columns"]) == 5
    assert "1" in result["summary"]


def test_sources_are_registered():
    assert "documents_reviewed_on_time" in indicator_sources()
    assert "documents" in [r.key for r in review_inputs()]
