"""Signed edition PDFs and manuals (PAdES), and the verification page and command."""

import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from documents.models import EditionPdf, ManualBuild
from documents.printing import editions
from ims.signing import verify
from tests.documents.factories import make_document, make_revision
from tests.documents.test_manual_build import make_document_set, run_build

pytestmark = pytest.mark.django_db


def download(client, code: str, number: int) -> bytes:
    response = client.get(reverse("documents:edition_pdf", args=[code, number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdfsig_report(data: bytes, tmp_path) -> str:
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def flip_a_signed_byte(data: bytes) -> bytes:
    start = data.index(b"stream", data.index(b"/Contents"))
    changed = bytearray(data)
    changed[start + 20] ^= 0x01
    return bytes(changed)


@pytest.fixture
def effective(department):
    document = make_document("QT.03-TCCB", department=department, title="Quy trình tuyển dụng")
    make_revision(document, state="superseded", number=1)
    return make_revision(document, state="effective", number=2)


def test_an_effective_editions_pdf_is_signed_and_verifies(
    signed_pdfs, effective, outsider, client_for, tmp_path
):
    data = download(client_for(outsider), "QT.03-TCCB", 2)
    result = verify.verify_pdf(data)
    assert result.verdict == verify.GENUINE
    assert (result.code, result.number) == ("QT.03-TCCB", 2)
    report = pdfsig_report(data, tmp_path)
    assert "Signature is Valid." in report and "Total document signed" in report


def test_an_edition_is_signed_once_and_the_signed_copy_handed_out_again(
    signed_pdfs, effective, outsider, client_for
):
    first = download(client_for(outsider), "QT.03-TCCB", 2)
    cached = EditionPdf.objects.get(revision=effective)
    assert cached.signed_with and cached.signed_file
    assert download(client_for(outsider), "QT.03-TCCB", 2) == first
    # The manual joins the unsigned render: it carries no signature of its own.
    with cached.file.open("rb") as handle:
        assert not PdfFileReader(io.BytesIO(handle.read())).embedded_signatures


def test_a_draft_prints_unsigned(signed_pdfs, department, staff, client_for):
    make_revision(make_document("QT.04-TCCB", department=department), state="draft")
    data = download(client_for(staff), "QT.04-TCCB", 1)
    assert verify.verify_pdf(data).verdict == verify.UNSIGNED


def test_without_a_certificate_the_edition_prints_unsigned(effective, outsider, client_for):
    data = download(client_for(outsider), "QT.03-TCCB", 2)
    assert verify.verify_pdf(data).verdict == verify.UNSIGNED


def test_the_manual_is_signed_once_as_a_whole(
    signed_pdfs, department, secretariat, django_capture_on_commit_callbacks, tmp_path
):
    make_document_set(department, steps=3)
    build = run_build(secretariat, django_capture_on_commit_callbacks)
    assert build.state == ManualBuild.State.DONE, build.error
    with build.file.open("rb") as handle:
        data = handle.read()
    reader = PdfFileReader(io.BytesIO(data))
    assert len(reader.embedded_signatures) == 1
    result = verify.verify_pdf(data)
    assert result.verdict == verify.GENUINE and result.manual_edition == build.edition
    assert "Signature is Valid." in pdfsig_report(data, tmp_path)
    from hashlib import sha256

    assert build.sha256 == sha256(data).hexdigest()  # the record holds the signed file


def test_the_verification_page_names_the_edition_and_its_signer(
    signed_pdfs, effective, outsider, client_for
):
    client = client_for(outsider)
    data = download(client, "QT.03-TCCB", 2)
    page = client.post(
        reverse("documents:verify"),
        {"file": SimpleUploadedFile("qt03.pdf", data, "application/pdf")},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "verify-genuine" in text
    assert "QT.03-TCCB" in text and "Quy trình tuyển dụng" in text
    assert "Sở Giáo dục và Đào tạo tỉnh Sơn La" in text
    assert "+0700" in text


def test_the_verification_page_reports_a_changed_byte_as_altered(
    signed_pdfs, effective, outsider, client_for
):
    client = client_for(outsider)
    altered = flip_a_signed_byte(download(client, "QT.03-TCCB", 2))
    page = client.post(
        reverse("documents:verify"),
        {"file": SimpleUploadedFile("qt03.pdf", altered, "application/pdf")},
    )
    text = page.content.decode()
    assert page.status_code == 200 and "verify-altered" in text
    assert "QT.03-TCCB" not in text  # what an altered file claims is not repeated


@pytest.mark.parametrize(
    ("content", "verdict"), [(b"hello", "unreadable"), (b"%PDF-1.7\n%%EOF", "unreadable")]
)
def test_the_verification_page_answers_any_file(content, verdict, outsider, client_for):
    page = client_for(outsider).post(
        reverse("documents:verify"), {"file": SimpleUploadedFile("x.pdf", content)}
    )
    assert page.status_code == 200 and f"verify-{verdict}" in page.content.decode()


def test_the_verification_page_without_a_file_says_so(outsider, client_for):
    page = client_for(outsider).post(reverse("documents:verify"), {})
    assert page.status_code == 400 and "verify-result" not in page.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("documents:verify"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_verify_pdf_command_reports_genuine_and_altered(signed_pdfs, effective, tmp_path):
    data = editions.edition_pdf_bytes(effective)
    path = tmp_path / "qt03.pdf"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("verify_pdf", str(path), stdout=out)
    assert out.getvalue().startswith("genuine") and "QT.03-TCCB" in out.getvalue()
    path.write_bytes(flip_a_signed_byte(data))
    with pytest.raises(SystemExit) as exit_code:
        call_command("verify_pdf", str(path), stdout=io.StringIO())
    assert exit_code.value.code == 1


def test_the_builds_page_says_pdfs_are_unsigned_without_a_certificate(secretariat, client_for):
    page = client_for(secretariat).get(reverse("documents:builds")).content.decode()
    assert "Chưa cấu hình chứng thư số" in page


def test_the_builds_page_names_the_signing_certificate(signed_pdfs, secretariat, client_for):
    page = client_for(secretariat).get(reverse("documents:builds")).content.decode()
    assert "Sở Giáo dục và Đào tạo tỉnh Sơn La" in page and reverse("documents:verify") in page


def test_make_signing_cert_makes_a_certificate_that_signs(settings, tmp_path, effective):
    out = io.StringIO()
    call_command("make_signing_cert", "--out", str(tmp_path), "--password", "pw", stdout=out)
    settings.IMS_SIGNING_PKCS12_FILE = str(tmp_path / "signer.p12")
    settings.IMS_SIGNING_PKCS12_PASSWORD = "pw"
    settings.IMS_SIGNING_TRUST_ROOTS = [str(tmp_path / "ca.pem")]
    assert "IMS_SIGNING_PKCS12_FILE=" in out.getvalue()
    assert verify.verify_pdf(editions.edition_pdf_bytes(effective)).is_genuine
