"""An objective's indicator taken from document control: documents reviewed on time."""

from datetime import timedelta
from decimal import Decimal

import pytest

from documents import services as documents
from documents.models import Document
from objectives.models import Measurement
from objectives.services import refresh_computed_measurements
from tests.documents.factories import make_document, make_revision
from tests.objectives.conftest import make_indicator, make_objective

pytestmark = pytest.mark.django_db


def test_documents_reviewed_on_time_reaches_the_indicator_and_follows_the_reviews(
    year, leadership, secretariat, department
):
    # due early in the current school year, so both are past whenever the test runs
    due = [year.start_date + timedelta(days=1), year.start_date + timedelta(days=2)]
    for number, due_on in enumerate(due, start=1):
        document = make_document(f"QT.0{number}-TCCB", department=department)
        make_revision(document, state="effective")
        Document.objects.filter(pk=document.pk).update(next_review_on=due_on)
    objective = make_objective(year, leadership, code="MT-DOC")
    indicator = make_indicator(
        objective, source="documents_reviewed_on_time", frequency="yearly", target=Decimal(90)
    )

    refresh_computed_measurements()
    assert Measurement.objects.get(indicator=indicator).value == Decimal(0)

    first = Document.objects.get(code="QT.01-TCCB")
    documents.confirm_review(document=first, actor=secretariat, today=year.start_date)
    refresh_computed_measurements()
    assert Measurement.objects.get(indicator=indicator).value == Decimal(50)
