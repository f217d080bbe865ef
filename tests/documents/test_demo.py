"""The demo document set: the size and variety the first user has, loaded through the lifecycle."""

import pytest
from django.utils import timezone

from documents import demo
from documents.demo_content import document_specs, page_estimate
from documents.models import Acknowledgement, Document, Revision
from documents.register import RegisterFilters, register_rows
from ims import demo as ims_demo

pytestmark = pytest.mark.django_db


def test_demo_content_is_115_documents_of_about_1000_pages():
    specs = document_specs()
    kinds = {}
    for spec in specs:
        kinds[spec.kind] = kinds.get(spec.kind, 0) + 1
    assert len(specs) == 115
    assert (kinds["QT"], kinds["HD"], kinds["QD"]) == (67, 15, 7)
    assert kinds["ST"] + kinds["MT"] + kinds["BM"] + kinds["TL"] == 26
    assert len({s.code for s in specs}) == 115
    assert 900 <= page_estimate(specs) <= 1100  # the first user printed about 1,000 pages
    for spec in specs:
        if spec.kind == "QT":
            assert 6 <= len(spec.steps) <= 12, spec.code
            assert spec.purpose and spec.scope and spec.references and spec.terms and spec.records


def test_load_demo_takes_the_documents_through_their_lifecycle_once():
    ims_demo.load()
    demo.load()
    today = timezone.localdate()
    assert Document.objects.count() == 115
    assert Document.objects.filter(current__isnull=False).count() == 115
    several = Document.objects.filter(revisions__state=Revision.State.SUPERSEDED).distinct()
    assert several.count() >= 10
    assert Revision.objects.filter(number=3, state=Revision.State.EFFECTIVE).exists()
    assert Revision.objects.filter(state=Revision.State.IN_REVIEW).count() >= 3
    assert Revision.objects.filter(state=Revision.State.DRAFT).exists()
    assert Document.objects.filter(next_review_on__lt=today).count() >= 3
    assert Document.objects.filter(reviews__isnull=False).exists()
    current = Revision.objects.get(document__code="QT.01-TCCB", state=Revision.State.EFFECTIVE)
    assert {s.step for s in current.signoffs.all()} >= {"prepared", "reviewed", "approved"}
    acknowledged = Acknowledgement.objects.filter(revision=current).count()
    assert 0 < acknowledged < current.document.department.members.count()
    rows = register_rows(RegisterFilters(query="quy trinh tuyen sinh"))
    assert "QT.01-GDTrH" in {d.code for d in rows}

    before = (Document.objects.count(), Revision.objects.count(), Acknowledgement.objects.count())
    demo.load()
    after = (Document.objects.count(), Revision.objects.count(), Acknowledgement.objects.count())
    assert after == before
