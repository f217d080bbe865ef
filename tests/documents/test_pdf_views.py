"""Downloads of edition PDFs, the builds page and the reports, for each persona."""

import re

import pytest
from django.urls import reverse

from documents.models import ManualBuild
from tests.documents.factories import make_document, make_revision
from tests.documents.pdf_reading import page_texts

pytestmark = pytest.mark.django_db


def pdf_of(response) -> bytes:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_anyone_signed_in_downloads_an_effective_edition(department, outsider, client_for):
    document = make_document("QT.03-TCCB", department=department)
    make_revision(document, state="effective")
    url = reverse("documents:edition_pdf", args=["QT.03-TCCB", 1])
    text = page_texts(pdf_of(client_for(outsider).get(url)))[0]
    assert "QT.03-TCCB" in text and re.search(r"Trang 1/\d+", text)


def test_a_draft_pdf_is_refused_to_another_department(department, outsider, client_for):
    make_revision(make_document("QT.04-TCCB", department=department), state="draft")
    url = reverse("documents:edition_pdf", args=["QT.04-TCCB", 1])
    assert client_for(outsider).get(url).status_code == 403


def test_signed_out_visitor_is_sent_to_login(department, client):
    make_revision(make_document("QT.06-TCCB", department=department), state="effective")
    response = client.get(reverse("documents:edition_pdf", args=["QT.06-TCCB", 1]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_builds_page_is_for_the_secretariat(staff, client_for):
    client = client_for(staff)
    assert client.get(reverse("documents:builds")).status_code == 403
    assert client.post(reverse("documents:build_start"), {"kind": "manual"}).status_code == 403


def test_a_second_manual_build_is_refused_while_one_is_under_way(secretariat, client_for):
    ManualBuild.objects.create(kind=ManualBuild.Kind.MANUAL, requested_by=secretariat)
    client = client_for(secretariat)
    response = client.post(reverse("documents:build_start"), {"kind": "manual"}, follow=True)
    assert ManualBuild.objects.count() == 1
    assert "đang có một lần tạo" in response.content.decode().lower()


def test_builds_page_polls_only_while_a_build_runs(secretariat, client_for):
    client = client_for(secretariat)
    assert "hx-trigger" not in client.get(reverse("documents:builds")).content.decode()
    ManualBuild.objects.create(requested_by=secretariat, state="running", done=3, total=7)
    page = client.get(reverse("documents:builds")).content.decode()
    assert 'hx-trigger="every 2s"' in page and '<progress value="3" max="7"' in page


def test_master_list_report_lists_documents_with_their_edition(
    department, secretariat, client_for, django_capture_on_commit_callbacks
):
    document = make_document("QT.08-TCCB", department=department, title="Quy trình thi đua")
    make_revision(document, state="superseded")
    make_revision(document, state="effective")
    client = client_for(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:build_start"), {"kind": "master_list"})
    build = ManualBuild.objects.get()
    assert build.state == "done", build.error
    text = page_texts(pdf_of(client.get(reverse("documents:build_download", args=[build.pk]))))
    assert "DANH MỤC TÀI LIỆU" in text[0]
    assert "QT.08-TCCB" in text[0] and "Quy trình thi đua" in text[0] and " 02 " in text[0]


def test_acknowledgement_report_names_who_has_not_read(
    department, staff, head, secretariat, client_for, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from documents.models import Acknowledgement

    revision = make_revision(make_document("QT.09-TCCB", department=department), state="effective")
    Acknowledgement.objects.create(revision=revision, user=head, acknowledged_at=timezone.now())
    client = client_for(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:build_start"), {"kind": "acknowledgements"})
    build = ManualBuild.objects.get()
    assert build.state == "done", build.error
    data = pdf_of(client.get(reverse("documents:build_download", args=[build.pk])))
    text = " ".join(page_texts(data))
    assert "QT.09-TCCB" in text and "Nguyễn Thị Lan" in text and "Lò Văn Hùng" not in text
    # The list names people: staff may download the manual, not this report.
    assert (
        client_for(staff).get(reverse("documents:build_download", args=[build.pk])).status_code
        == 403
    )


def test_document_and_edition_pages_link_to_the_pdf(department, staff, client_for):
    document = make_document("QT.10-TCCB", department=department)
    make_revision(document, state="effective")
    client = client_for(staff)
    url = reverse("documents:edition_pdf", args=["QT.10-TCCB", 1])
    assert url in client.get(reverse("documents:detail", args=["QT.10-TCCB"])).content.decode()
    revision_page = client.get(reverse("documents:revision", args=["QT.10-TCCB", 1]))
    assert url in revision_page.content.decode()
