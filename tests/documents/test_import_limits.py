"""Imports refuse files that unpack or parse beyond the caps (issue 15, section 2).

The caps are lowered through settings so each bomb is small and quick; the
benchmark ``bench/import_bombs.py`` measures the real ones.
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from documents.models import Document, Revision
from ims import zipguard
from tests.documents.factories import make_document, make_revision
from tests.documents.test_import import (
    _PARTS,
    _W,
    HEADER,
    IMPORT_URL,
    csv_file,
    docx_file,
    para,
    xlsx_file,
)

pytestmark = pytest.mark.django_db


def rows(count, department="TCCB"):
    return [HEADER] + [
        [f"QT.{n:03d}-{department}", f"Quy trình số {n}", "QT", department, 1, "01/09/2025"]
        for n in range(1, count + 1)
    ]


def file_error(response) -> str:
    assert response.status_code == 200
    return " ".join(response.context["form"].errors.get("file", []))


def test_master_list_with_more_rows_than_the_cap_is_refused_and_nothing_is_saved(
    client_for, secretariat, department, settings
):
    settings.IMS_IMPORT_MAX_ROWS = 10
    client = client_for(secretariat)
    for upload in (xlsx_file(rows(11)), csv_file(rows(11))):
        response = client.post(IMPORT_URL, {"file": upload})
        assert "10" in file_error(response)
        assert response.context["rows"] is None  # no preview, nothing to confirm
    assert not Document.objects.exists()


def test_master_list_at_the_cap_is_read_whole(client_for, secretariat, department, settings):
    settings.IMS_IMPORT_MAX_ROWS = 10
    for upload in (xlsx_file(rows(10)), csv_file(rows(10))):
        response = client_for(secretariat).post(IMPORT_URL, {"file": upload})
        assert file_error(response) == ""
        assert len(response.context["rows"]) == 10


def test_the_refusal_is_in_vietnamese(client_for, secretariat, department, settings):
    settings.IMS_IMPORT_MAX_ROWS = 3
    response = client_for(secretariat).post(
        IMPORT_URL, {"file": csv_file(rows(4))}, HTTP_ACCEPT_LANGUAGE="vi"
    )
    error = file_error(response)
    assert "Tệp bị từ chối" in error and "3" in error


def _zip(parts: dict[str, bytes], name: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    buffer.seek(0)
    buffer.name = name
    return buffer


def _xlsx_with_sheet(sheet: bytes) -> io.BytesIO:
    template = xlsx_file(rows(1))
    with zipfile.ZipFile(template) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    parts["xl/worksheets/sheet1.xml"] = sheet
    return _zip(parts, "danh-muc.xlsx")


def test_workbook_whose_sheet_unpacks_beyond_the_part_cap_is_refused_before_parsing(
    client_for, secretariat, department, settings, monkeypatch
):
    settings.IMS_IMPORT_MAX_PART_MB = 1
    parsed = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: parsed.append(1))
    # Valid rows, repeated: 1.5 MiB of XML that compresses to a few kB.
    row = (
        '<row><c t="inlineStr"><is><t>QT.01-TCCB</t></is></c>'
        '<c t="inlineStr"><is><t>Quy trình</t></is></c></row>'
    )
    body = row * (3 * 1024 * 1024 // 2 // len(row.encode()))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        f'org/spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>'
    ).encode()
    response = client_for(secretariat).post(IMPORT_URL, {"file": _xlsx_with_sheet(sheet)})
    error = file_error(response)
    assert "xl/worksheets/sheet1.xml" in error and "1 MB" in error
    assert parsed == []  # refused from the zip's directory alone
    assert not Document.objects.exists()


def test_zero_filled_part_is_refused_by_its_compression_ratio(settings):
    upload = _zip({**_PARTS, "word/document.xml": bytes(4 * 1024 * 1024)}, "a.docx")
    with pytest.raises(ValidationError) as refused:
        zipguard.check_zip(upload)
    assert "word/document.xml" in " ".join(refused.value.messages)


def test_archive_with_too_many_parts_is_refused(settings):
    settings.IMS_IMPORT_MAX_ENTRIES = 20
    parts = {**_PARTS, **{f"customXml/item{n}.xml": b"<a/>" for n in range(30)}}
    parts["word/document.xml"] = f"<w:document {_W}><w:body/></w:document>".encode()
    with pytest.raises(ValidationError, match="20"):
        zipguard.check_zip(_zip(parts, "a.docx"))


def test_archive_whose_parts_add_up_beyond_the_total_cap_is_refused(settings):
    settings.IMS_IMPORT_MAX_UNZIPPED_MB = 1
    pictures = {f"word/media/image{n}.png": bytes(range(256)) * 1200 for n in range(4)}
    with pytest.raises(ValidationError, match="1 MB"):
        zipguard.check_zip(_zip({**_PARTS, **pictures}, "a.docx"))


@pytest.fixture
def procedure(department):
    document = make_document("HD.01-TCCB", kind=Document.Kind.INSTRUCTION, department=department)
    make_revision(document, state=Revision.State.EFFECTIVE)
    return document


def _post_docx(client, document, upload):
    return client.post(f"/documents/{document.code}/import/", {"file": upload})


def test_word_file_with_more_paragraphs_than_the_cap_is_refused_and_no_draft_opens(
    client_for, secretariat, procedure, settings
):
    settings.IMS_IMPORT_MAX_PARAGRAPHS = 50
    response = _post_docx(client_for(secretariat), procedure, docx_file(para("Một đoạn.") * 51))
    assert "50" in file_error(response)
    assert "preview" not in response.context
    assert procedure.revisions.count() == 1


def test_word_file_at_the_paragraph_cap_is_converted(client_for, secretariat, procedure, settings):
    settings.IMS_IMPORT_MAX_PARAGRAPHS = 50
    response = _post_docx(client_for(secretariat), procedure, docx_file(para("Một đoạn.") * 50))
    assert file_error(response) == ""
    assert "Một đoạn." in response.context["preview"]


def test_word_file_with_more_text_than_the_cap_is_refused(
    client_for, secretariat, procedure, settings
):
    settings.IMS_IMPORT_MAX_CHARACTERS = 1000
    response = _post_docx(client_for(secretariat), procedure, docx_file(para("x" * 1001)))
    assert "1000" in file_error(response)


def test_word_file_of_many_formatted_runs_is_refused(client_for, secretariat, procedure, settings):
    # Few paragraphs and little text, but one element per run: mammoth's memory grows
    # with elements, so they are capped too.
    settings.IMS_IMPORT_MAX_ELEMENTS = 500
    runs = "<w:r><w:rPr><w:b/></w:rPr><w:t>x</w:t></w:r>" * 200
    response = _post_docx(client_for(secretariat), procedure, docx_file(f"<w:p>{runs}</w:p>"))
    assert "500" in file_error(response)
