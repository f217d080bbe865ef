import pytest
from django.db import IntegrityError, transaction

from documents.models import Document, Revision
from tests.documents.factories import make_document, make_effective_document, make_revision

pytestmark = pytest.mark.django_db


def test_database_refuses_a_second_effective_edition(department):
    document = make_effective_document(department=department)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_revision(document, state=Revision.State.EFFECTIVE)


def test_database_refuses_two_drafts_of_one_document(department):
    document = make_document(department=department)
    make_revision(document)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_revision(document)


def test_search_text_ignores_diacritics_and_case_and_covers_steps(department):
    document = make_document(department=department, title="Quy trình Tuyển sinh lớp 10")
    revision = make_revision(document, steps=[("Đăng ký dự thi", "Trường THPT", "", "", "")])
    revision.refresh_from_db()
    assert "quy trinh tuyen sinh lop 10" in revision.search_text
    assert "dang ky du thi" in revision.search_text


def test_saving_an_edition_reads_no_steps(department):
    """The search text is the saving service's work; a save (a state change, say)
    neither queries the steps nor drops their words from the search text."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    revision = make_revision(
        make_document(department=department), steps=[("Đăng ký dự thi", "", "", "", "")]
    )
    revision = Revision.objects.get(pk=revision.pk)
    revision.state = Revision.State.IN_REVIEW
    with CaptureQueriesContext(connection) as queries:
        revision.save(update_fields=["state"])
    assert not [q["sql"] for q in queries if "documents_step" in q["sql"]]
    revision.refresh_from_db()
    assert "dang ky du thi" in revision.search_text


def test_renaming_a_document_renews_the_search_text_of_its_editions(department, secretariat):
    from documents import services

    document = make_effective_document(department=department)
    services.update_document(
        document=document, actor=secretariat, fields={"title": "Quy trình Phúc khảo"}, many={}
    )
    current = Revision.objects.get(pk=document.current_id)
    assert "quy trinh phuc khao" in current.search_text


def test_register_order_puts_manual_first_then_procedures_by_code(department):
    make_document("QT.02-TCCB", department=department)
    make_document("ST.01", kind=Document.Kind.MANUAL, department=department)
    make_document("QT.01-TCCB", department=department)
    codes = list(Document.objects.in_register_order().values_list("code", flat=True))
    assert codes == ["ST.01", "QT.01-TCCB", "QT.02-TCCB"]
