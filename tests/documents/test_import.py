"""Importing an existing document set: the master list and the text of an edition from Word."""

import csv
import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from django.urls import reverse
from openpyxl import Workbook

from documents.models import Document, Revision, SignOff
from documents.register import importing, word_body
from documents.register.query import export_headers
from tests.documents.factories import make_document, make_revision

pytestmark = pytest.mark.django_db

IMPORT_URL = "/documents/import/"


# --- files as people upload them -------------------------------------------------------


def xlsx_file(rows, name="danh-muc.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def csv_file(rows, name="danh-muc.csv"):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    buffer = io.BytesIO(("\ufeff" + text.getvalue()).encode("utf-8"))
    buffer.name = name
    return buffer


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
        'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/'
        'document.xml"/></Relationships>'
    ),
    "word/_rels/document.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
        'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/numbering" Target="numbering.xml"/></Relationships>'
    ),
    "word/styles.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><w:styles {_W}><w:style w:type="paragraph" '
        'w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph"'
        ' w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>'
    ),
    "word/numbering.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {_W}><w:abstractNum '
        'w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2">'
        '<w:abstractNumId w:val="1"/></w:num></w:numbering>'
    ),
}


def para(text, *, style=None, bullet=False, numbered=False, bold=False):
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if bullet or numbered:
        props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{2 if numbered else 1}"/></w:numPr>'
    run = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (
        f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}<w:r>{run}"
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def table(rows):
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def docx_file(body_xml, *, name="quy-trinh.docx", document_xml=None):
    document = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body_xml}'
        "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part, content in _PARTS.items():
            archive.writestr(part, content)
        archive.writestr("word/document.xml", document)
    buffer.seek(0)
    buffer.name = name
    return buffer


SAMPLE_BODY = (
    para("1. Mục đích", style="Heading1")
    + para("Quy định trình tự tuyển sinh vào lớp 10.")
    + para("2. Phạm vi", style="Heading1")
    + para("Áp dụng cho các trường THPT.")
    + para("Nội dung", style="Heading1")
    + para("Hồ sơ gồm:", bold=True)
    + para("Đơn đăng ký", bullet=True)
    + para("Học bạ", bullet=True)
    + para("Tiếp nhận", numbered=True)
    + para("Xét duyệt", numbered=True)
    + table([["Bước", "Trách nhiệm", "Thời gian"], ["Tiếp nhận", "Văn thư", "1 ngày"]])
)

HEADER = ["Mã hiệu", "Tên tài liệu", "Loại", "Phòng", "Lần ban hành", "Ngày hiệu lực"]


# --- the master list ------------------------------------------------------------------


def test_master_list_preview_shows_what_will_be_created_and_saves_nothing(
    client_for, secretariat, department
):
    upload = xlsx_file(
        [
            HEADER,
            ["QT.01-TCCB", "Quy trình tuyển dụng viên chức", "QT", "TCCB", 2, "15/01/2024"],
            ["HD.01-TCCB", "Hướng dẫn nâng lương", "Hướng dẫn công việc", "TCCB", 1, "01/03/2023"],
        ]
    )
    response = client_for(secretariat).post(IMPORT_URL, {"file": upload})
    assert response.status_code == 200
    assert response.context["to_create"] == 2
    assert "Quy trình tuyển dụng viên chức" in response.content.decode()
    assert not Document.objects.exists()


def test_confirmed_master_list_creates_documents_with_their_effective_edition(
    client_for, secretariat, department
):
    client = client_for(secretariat)
    upload = csv_file(
        [
            ["code", "title", "type", "department", "edition", "effective date"],
            [
                "QT.01-TCCB",
                "Quy trình tuyển dụng viên chức",
                "Procedure",
                "TCCB",
                "2",
                "15/01/2024",
            ],
            ["QĐ.01", "Quy chế làm việc", "QĐ", "Phòng Tổ chức cán bộ", "1", "2023-09-05"],
        ]
    )
    preview = client.post(IMPORT_URL, {"file": upload})
    assert preview.context["errors"] == 0
    response = client.post(IMPORT_URL, {"payload": preview.context["payload"]})
    assert response.status_code == 302
    procedure = Document.objects.get(code="QT.01-TCCB")
    assert procedure.kind == Document.Kind.PROCEDURE
    assert procedure.current.number == 2
    assert procedure.current.state == Revision.State.EFFECTIVE
    assert str(procedure.current.effective_date) == "2024-01-15"
    assert str(procedure.next_review_on) == "2025-01-15"
    regulation = Document.objects.get(code="QĐ.01")
    assert regulation.kind == Document.Kind.REGULATION
    assert regulation.department == department
    signoff = SignOff.objects.get(revision=procedure.current)
    assert signoff.user == secretariat and signoff.step == SignOff.Step.PUBLISHED


def test_master_list_rows_with_errors_are_explained_and_nothing_is_imported(
    client_for, secretariat, department
):
    make_document("QT.09-TCCB", department=department, title="Đã có")
    upload = xlsx_file(
        [
            HEADER,
            ["QT.01-TCCB", "Quy trình đúng", "QT", "TCCB", 1, "15/01/2024"],
            ["QT.02-TCCB", "", "XX", "PHONGLA", "hai", "31/02/2024"],
            ["QT.01-TCCB", "Trùng mã", "QT", "TCCB", 1, "15/01/2024"],
            ["QT.09-TCCB", "Khác", "QT", "TCCB", 1, "15/01/2024"],
        ]
    )
    response = client_for(secretariat).post(IMPORT_URL, {"file": upload})
    rows = response.context["rows"]
    assert rows[0].errors == []
    assert len(rows[1].errors) == 5  # title, type, department, edition, date
    assert any("line 2" in e or "dòng 2" in e for e in rows[2].errors)
    assert rows[3].errors and "QT.09-TCCB" in rows[3].errors[0]
    assert response.context["payload"] == ""
    page = response.content.decode()
    assert "PHONGLA" in page and "31/02/2024" in page
    assert Document.objects.count() == 1


def test_master_list_sets_the_clauses_and_review_interval_of_each_document(
    client_for, secretariat, department
):
    from ims.models import Clause

    client = client_for(secretariat)
    upload = csv_file(
        [
            ["Mã hiệu", "Tên tài liệu", "Loại", "Phòng", "Lần ban hành", "Ngày hiệu lực",
             "Điều khoản", "Chu kỳ xem xét (tháng)"],
            ["QT.01-TCCB", "Quy trình tuyển dụng", "QT", "TCCB", "1", "15/01/2024",
             "9001:2015 §7.5; ISO 21001 8.1", "24"],
            ["QĐ.01", "Quy chế làm việc", "QĐ", "TCCB", "1", "05/09/2023", "7.1.2", ""],
        ]
    )  # fmt: skip
    preview = client.post(IMPORT_URL, {"file": upload})
    assert preview.context["errors"] == 0, [r.errors for r in preview.context["rows"]]
    page = preview.content.decode()
    assert "9001:2015 §7.5; 21001:2018 §8.1" in page and "xem xét 24 tháng một lần" in page
    assert client.post(IMPORT_URL, {"payload": preview.context["payload"]}).status_code == 302

    def labels(code):
        return sorted(c.short_label for c in Document.objects.get(code=code).clauses.all())

    assert labels("QT.01-TCCB") == ["21001:2018 §8.1", "9001:2015 §7.5"]
    assert labels("QĐ.01") == ["21001:2018 §7.1.2", "9001:2015 §7.1.2"]  # a bare number: both
    procedure = Document.objects.get(code="QT.01-TCCB")
    assert procedure.review_interval_months == 24
    assert str(procedure.next_review_on) == "2026-01-15"  # 24 months after it took effect
    assert Document.objects.get(code="QĐ.01").review_interval_months == 12  # the default
    assert Clause.objects.filter(documents__code="QT.01-TCCB").count() == 2


def test_unknown_clauses_and_review_intervals_are_explained_and_nothing_is_imported(
    client_for, secretariat, department
):
    upload = csv_file(
        [
            ["code", "title", "type", "department", "edition", "effective date", "clauses",
             "review interval"],
            ["QT.01-TCCB", "Quy trình", "QT", "TCCB", "1", "15/01/2024", "9001 §99.9", "0"],
            ["QT.02-TCCB", "Quy trình", "QT", "TCCB", "1", "15/01/2024", "7.5", "hai năm"],
        ]
    )  # fmt: skip
    response = client_for(secretariat).post(IMPORT_URL, {"file": upload})
    rows = response.context["rows"]
    assert len(rows[0].errors) == 2 and "9001 §99.9" in rows[0].errors[0]
    assert "“0”" in rows[0].errors[1] and "60" in rows[0].errors[1]
    assert len(rows[1].errors) == 1 and "hai năm" in rows[1].errors[0]
    assert response.context["payload"] == ""
    assert not Document.objects.exists()


def test_a_failure_half_way_leaves_nothing_behind(secretariat, department, monkeypatch):
    rows = importing.check_rows(
        [
            {"code": "QT.01-TCCB", "title": "A", "kind": "QT", "department": "TCCB",
             "edition": "1", "effective_date": "01/01/2024"},
            {"code": "QT.02-TCCB", "title": "B", "kind": "QT", "department": "TCCB",
             "edition": "1", "effective_date": "01/01/2024"},
        ]
    )  # fmt: skip
    original = SignOff.objects.create
    calls = []

    def fail_on_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(SignOff.objects, "create", fail_on_second)
    with pytest.raises(RuntimeError):
        importing.import_master_list(actor=secretariat, rows=rows)
    assert not Document.objects.exists()
    assert not Revision.objects.exists()


def test_unreadable_master_list_is_refused_with_the_reason(client_for, secretariat):
    broken = io.BytesIO(b"PK\x03\x04 this is not a workbook at all")
    broken.name = "danh-muc.xlsx"
    response = client_for(secretariat).post(IMPORT_URL, {"file": broken})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()


def test_master_list_without_the_needed_columns_is_refused(client_for, secretariat):
    upload = csv_file([["STT", "Ghi chú"], ["1", "x"]])
    response = client_for(secretariat).post(IMPORT_URL, {"file": upload})
    error = " ".join(response.context["form"].errors["file"])
    code, title, _kind, _department, edition, effective = export_headers()[:6]
    for column in (code, title, edition, effective):
        assert column in error


def test_only_the_secretariat_may_import(client_for, staff, head, auditor):
    for person in (staff, head, auditor):
        assert client_for(person).get(IMPORT_URL).status_code == 403


# --- the text of an edition from Word ----------------------------------------------------


def test_docx_keeps_headings_lists_and_tables():
    text, _warnings = word_body.docx_to_markdown(docx_file(SAMPLE_BODY))
    assert "# 1. Mục đích" in text
    assert "**Hồ sơ gồm:**" in text
    assert "- Đơn đăng ký\n- Học bạ" in text
    assert "1. Tiếp nhận\n2. Xét duyệt" in text
    assert (
        "| Bước | Trách nhiệm | Thời gian |\n| --- | --- | --- |\n| Tiếp nhận | Văn thư | 1 ngày |"
        in text
    )


def test_docx_body_goes_into_a_new_draft_after_preview(client_for, secretariat, department):
    document = make_document("HD.01-TCCB", kind=Document.Kind.INSTRUCTION, department=department)
    make_revision(document, state=Revision.State.EFFECTIVE)
    client = client_for(secretariat)
    url = reverse("documents:import_body", args=[document.code])
    preview = client.post(url, {"file": docx_file(SAMPLE_BODY)})
    assert preview.status_code == 200
    assert "<table>" in preview.content.decode()
    assert document.revisions.count() == 1
    client.post(url, {"payload": preview.context["payload"]})
    draft = document.revisions.get(number=2)
    assert draft.state == Revision.State.DRAFT
    assert "| Tiếp nhận | Văn thư | 1 ngày |" in draft.body
    assert "quy-trinh.docx" in draft.change_summary
    assert "tuyen sinh" in draft.search_text


def test_docx_fills_a_procedures_sections_by_their_headings(secretariat, department):
    document = make_document("QT.01-TCCB", department=department)
    draft = make_revision(document, state=Revision.State.DRAFT)
    text, _w = word_body.docx_to_markdown(docx_file(SAMPLE_BODY))
    revision = word_body.import_body(
        document=document, markdown_text=text, filename="qt.docx", actor=secretariat
    )
    assert revision.pk == draft.pk
    assert revision.version == draft.version + 1
    assert revision.purpose == "Quy định trình tự tuyển sinh vào lớp 10."
    assert revision.scope == "Áp dụng cho các trường THPT."
    assert "- Đơn đăng ký" in revision.body


def test_docx_is_refused_while_an_edition_is_in_review(client_for, secretariat, department):
    document = make_document("HD.02-TCCB", kind=Document.Kind.INSTRUCTION, department=department)
    make_revision(document, state=Revision.State.IN_REVIEW, body="Đang xem xét")
    text, _w = word_body.docx_to_markdown(docx_file(SAMPLE_BODY))
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        word_body.import_body(
            document=document, markdown_text=text, filename="x.docx", actor=secretariat
        )
    assert document.revisions.get().body == "Đang xem xét"


def test_corrupt_docx_is_refused_with_the_reason(client_for, secretariat, department):
    document = make_document("HD.03-TCCB", kind=Document.Kind.INSTRUCTION, department=department)
    client = client_for(secretariat)
    url = reverse("documents:import_body", args=[document.code])
    broken = docx_file("", document_xml="<w:document><w:body><w:p>unclosed")
    response = client.post(url, {"file": broken})
    errors = response.context["form"].errors["file"]
    assert errors and ("Word" in errors[0])
    renamed_pdf = io.BytesIO(b"%PDF-1.4 not a word file")
    renamed_pdf.name = "quy-trinh.docx"
    response = client.post(url, {"file": renamed_pdf})
    assert "Word (.docx)" in response.context["form"].errors["file"][0]
    assert not document.revisions.exists()


def test_import_page_leads_to_the_word_import_of_a_document(client_for, secretariat, department):
    make_document("HD.05-TCCB", kind=Document.Kind.INSTRUCTION, department=department)
    client = client_for(secretariat)
    response = client.get(reverse("documents:import_body_pick"), {"code": "hd.05-tccb"})
    assert response["Location"] == reverse("documents:import_body", args=["HD.05-TCCB"])
    missing = client.get(reverse("documents:import_body_pick"), {"code": "XX.99"}, follow=True)
    assert "XX.99" in missing.content.decode()
