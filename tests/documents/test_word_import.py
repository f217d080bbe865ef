"""Bringing a document set in from Word: every shape of the corpus, the set import
(page and command), what the imported editions show and print."""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.models import Document, Revision, SignOff
from documents.printing.pdf import render_edition
from documents.wordio.reader import read_word
from documents.wordio.wordxml import inline_markdown
from tests.documents.pdf_reading import page_texts
from tests.factories import make_department

CORPUS = Path(__file__).resolve().parent / "word_corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(EXPECTED)
PROCEDURES = [name for name in FILES if EXPECTED[name]["kind"] == "QT"]


def read(name):
    with (CORPUS / name).open("rb") as handle:
        return read_word(handle, name=name)


def corpus_zip(names=FILES) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(CORPUS / name, f"bo-tai-lieu/{name}")
    buffer.seek(0)
    buffer.name = "bo-tai-lieu.zip"
    return buffer


@pytest.fixture
def departments(db):
    from ims.models import Department

    return [
        Department.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in (("VP", "Văn phòng"), ("TCCB", "Tổ chức cán bộ"), ("KHTC", "KH-TC"))
    ]


# --- reading every shape ----------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_every_corpus_file_reads_its_header_block(name):
    result, expected = read(name), EXPECTED[name]
    assert result.code == expected["code"]
    assert result.edition == expected["edition"]
    assert result.effective_date.strftime("%d/%m/%Y") == expected["date"]
    assert result.title == expected["title"]
    assert result.unplaced_chars == 0, result.unplaced


@pytest.mark.parametrize("name", PROCEDURES)
def test_every_procedure_fills_its_sections_steps_records_and_signoffs(name):
    result, expected = read(name), EXPECTED[name]
    assert [k for k in ("purpose", "scope", "references", "terms") if result.sections.get(k)] == (
        expected["sections"]
    )
    assert [s["name"] for s in result.steps] == expected["steps"]
    assert [s["responsible"] for s in result.steps] == expected["responsible"]
    assert [s["phase"] for s in result.steps] == expected["phases"]
    assert [r["name"] for r in result.records] == expected["records"]
    assert {k: v["name"] for k, v in result.signoffs.items()} == expected["signoffs"]
    assert len(result.changes) == expected["changes"]
    assert len(result.images) == expected["images"]
    assert all(i.section == "steps" for i in result.images)


def test_a_merged_responsible_cell_is_carried_down_to_the_next_step():
    steps = read("qt01_bold_arabic.docx").steps
    # The second step's "Trách nhiệm" is the first step's cell merged down.
    assert steps[1]["responsible"] == steps[0]["responsible"] == "Chuyên viên Văn phòng"
    assert steps[1]["time_limit"] == "03 ngày"  # the row did not shift left


def test_titles_in_other_wordings_and_without_diacritics_are_recognised():
    result = read("qt04_no_diacritics_list.docx")  # "MUC DICH" as numbered list items
    assert "Quy định trình tự" in result.sections["purpose"]
    result = read("qt03_roman_bold_set_c.docx")  # "III. CĂN CỨ PHÁP LÝ", "IV. CHÚ THÍCH"
    assert "TCVN ISO 9001" in result.sections["references"]
    assert "VB: văn bản" in result.sections["terms"]


def test_text_of_no_section_goes_to_other_content_under_its_title():
    result = read("qt03_roman_bold_set_c.docx")
    assert "### VI. BIỂU MẪU" in result.other
    assert "Ghi chú chung:" in result.other
    assert result.other_headings == ["VI. BIỂU MẪU"]
    assert any("Other content" in w or "Nội dung khác" in w for w in result.warnings)


def test_the_letterhead_cells_keep_their_words_apart():
    result = read("qt01_bold_arabic.docx")
    assert "VIỆT NAMĐộc" not in result.other
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in result.other
    assert "Độc lập - Tự do - Hạnh phúc" in result.other


def test_bold_runs_ending_in_spaces_leave_no_stray_marks():
    markdown, plain = inline_markdown([("I. QUY ĐỊNH CHUNG ", True, False)])
    assert markdown == "**I. QUY ĐỊNH CHUNG**"
    markdown, _ = inline_markdown([("Ghi chú: ", True, True), ("nội dung", False, False)])
    assert markdown == "***Ghi chú:*** nội dung"
    # Split runs of one formatting are merged, an empty bold run is no mark.
    markdown, _ = inline_markdown(
        [("Văn ", True, False), ("phòng", True, False), (" ", True, False)]
    )
    assert markdown == "**Văn phòng**"
    # Emphasis touching other emphasis stays plain rather than print a star.
    markdown, _ = inline_markdown([("a", True, False), ("b", False, True)])
    assert "*" not in markdown.replace("**a**", "")
    # A star or underscore typed in the text is text, not a mark.
    markdown, _ = inline_markdown([("Mẫu số ___ và 5 * 3", False, False)])
    assert markdown == r"Mẫu số \_\_\_ và 5 \* 3"


def test_a_typed_dash_list_becomes_a_list():
    result = read("qt01_bold_arabic.docx")
    assert (
        result.sections["references"].splitlines()[0] == "- Tiêu chuẩn quốc gia TCVN ISO 9001:2015;"
    )


def test_a_file_that_is_not_word_is_refused_with_a_reason():
    from documents.wordio.reader import WordReadError

    with pytest.raises(WordReadError, match="(?i)không|could not"):
        read_word(io.BytesIO(b"not a zip"), name="x.docx")


# --- importing the set ------------------------------------------------------------------------


def test_import_manual_json_reports_every_file_and_imports_them(departments, secretariat, capsys):
    call_command("import_manual", str(CORPUS), "--json", "--user", secretariat.username)
    report = json.loads(capsys.readouterr().out)
    files = {f["file"]: f for f in report["files"]}
    assert sorted(files) == FILES
    for name, expected in EXPECTED.items():
        entry = files[name]
        assert set(entry) >= {
            "file", "code", "title", "kind", "edition", "sections", "steps", "records",
            "signoffs", "images", "unplaced_chars", "warnings",
        }  # fmt: skip
        assert entry["code"] == expected["code"]
        assert entry["unplaced_chars"] == 0
        if expected["kind"] == "QT":
            assert entry["steps"] == len(expected["steps"])
            assert entry["signoffs"] == expected["signoffs"]
    document = Document.objects.get(code="QT.01-VP")
    revision = document.current
    assert revision.state == Revision.State.EFFECTIVE and revision.number == 3
    assert [s.name for s in revision.steps.all()] == EXPECTED["qt01_bold_arabic.docx"]["steps"]
    assert revision.steps.first().phase == "Giai đoạn 1: Soạn thảo"
    assert revision.imported_signoff("approved")["name"] == "Lò Văn Minh"
    assert len(revision.imported_history) == 2
    # The import is one sign-off event of the importer, not the paper's names.
    assert [s.step for s in revision.signoffs.all()] == [SignOff.Step.PUBLISHED]
    assert revision.history.exists()
    assert Document.objects.get(code="HD.01-VP").current.body.startswith("**1. Đăng nhập**")


def test_dry_run_saves_nothing(departments, capsys):
    call_command("import_manual", str(CORPUS), "--dry-run", "--json")
    report = json.loads(capsys.readouterr().out)
    assert len(report["files"]) == len(FILES)
    assert not Document.objects.exists()


def test_a_zip_imports_and_a_file_already_in_the_register_is_left_out(
    departments, secretariat, tmp_path, capsys
):
    path = tmp_path / "set.zip"
    path.write_bytes(corpus_zip().getvalue())
    call_command("import_manual", str(path), "--user", secretariat.username)
    capsys.readouterr()
    call_command("import_manual", str(path), "--json", "--user", secretariat.username)
    report = json.loads(capsys.readouterr().out)
    assert all(
        "already in the register" in " ".join(f["errors"]) or "đã có" in " ".join(f["errors"])
        for f in report["files"]
    )
    assert Document.objects.count() == len(FILES)


def test_a_file_whose_department_is_unknown_is_not_imported_the_others_are(
    secretariat, tmp_path, capsys
):
    make_department(code="VP", name="Văn phòng")
    call_command("import_manual", str(CORPUS), "--json", "--user", secretariat.username)
    report = {f["file"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert report["qt03_roman_bold_set_c.docx"]["errors"]
    assert not Document.objects.filter(code="QT.03-TCCB").exists()
    assert Document.objects.filter(code="QT.01-VP").exists()


def test_the_master_list_in_the_zip_gives_title_and_department(secretariat, capsys, tmp_path):
    make_department(code="VP", name="Văn phòng")
    other = make_department(code="KT", name="Khảo thí")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(CORPUS / "qt05_plain_caps.docx", "qt05_plain_caps.docx")
        archive.writestr(
            "danh-muc.csv",
            "Mã tài liệu,Tên tài liệu,Loại,Đơn vị chủ trì\n"
            "QT.05-VP,Quy trình xử lý phản ánh (bản danh mục),QT,KT\n",
        )
    path = tmp_path / "set.zip"
    path.write_bytes(buffer.getvalue())
    call_command("import_manual", str(path), "--user", secretariat.username)
    document = Document.objects.get(code="QT.05-VP")
    assert document.title == "Quy trình xử lý phản ánh (bản danh mục)"
    assert document.department == other


# --- what the imported edition shows and prints -----------------------------------------------


@pytest.fixture
def imported(departments, secretariat, capsys):
    call_command("import_manual", str(CORPUS), "--user", secretariat.username)
    capsys.readouterr()
    return Document.objects.get(code="QT.01-VP").current


def test_the_edition_page_shows_the_imported_signoffs_other_content_and_phases(
    imported, client_for, secretariat
):
    response = client_for(secretariat).get(imported.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Nguyễn Thị Hoa", "Trần Văn Bình", "Lò Văn Minh"):
        assert name in html
    assert "Giai đoạn 1: Soạn thảo" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html  # Other content is shown
    assert "Bổ sung bước kiểm tra thể thức" in html  # the imported change table


@pytest.mark.parametrize("code", ["QT.01-VP", "QT.02-VP", "QT.03-TCCB", "QT.04-KHTC", "HD.01-VP"])
def test_no_markdown_mark_prints_in_an_imported_pdf(departments, secretariat, capsys, code):
    call_command("import_manual", str(CORPUS), "--user", secretariat.username)
    capsys.readouterr()
    revision = Document.objects.get(code=code).current
    text = " ".join(page_texts(render_edition(revision)))
    # The change summary names the file (its underscores are its name, not marks).
    text = text.replace(Path(revision.change_summary.split()[-1]).name, "")
    assert not re.search(r"[*_#`]", text), re.findall(r".{20}[*_#`].{20}", text)
    if code == "QT.01-VP":
        assert "Lò Văn Minh" in text and "Giai đoạn 2: Phê duyệt" in text
        assert "Bổ sung bước kiểm tra thể thức" in text
        assert "VIỆT NAMĐộc" not in text


# --- the import page --------------------------------------------------------------------------


def test_the_import_page_previews_then_imports_a_zip(departments, secretariat, client_for):
    client = client_for(secretariat)
    response = client.post("/documents/import/set/", {"file": corpus_zip()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "qt02_heading_roman.docx" in html and "Lò Văn Minh" in html
    # Text moved to "Other content" is marked, per procedure that has some; an
    # instruction's whole text is its content, not moved text.
    assert html.count('class="moved-text"') == 3
    assert not Document.objects.exists()
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    response = client.post("/documents/import/set/", {"payload": payload})
    assert response.status_code == 200
    assert Document.objects.count() == len(FILES)


def test_only_the_secretariat_may_import_a_set(staff, client_for):
    response = client_for(staff).get("/documents/import/set/")
    assert response.status_code == 403


def test_an_upload_that_is_not_a_zip_is_refused_with_a_message(secretariat, client_for):
    upload = io.BytesIO(b"hello")
    upload.name = "x.zip"
    response = client_for(secretariat).post("/documents/import/set/", {"file": upload})
    assert response.status_code == 200
    assert "zip" in response.content.decode()
    assert not Document.objects.exists()


def test_a_forged_or_stale_payload_imports_nothing(secretariat, client_for):
    response = client_for(secretariat).post("/documents/import/set/", {"payload": "forged"})
    assert response.status_code == 302
    assert not Document.objects.exists()


# --- back out to Word -------------------------------------------------------------------------


@pytest.mark.parametrize("name", PROCEDURES)
def test_round_trip_docx_to_ims_to_docx_keeps_sections_steps_and_records(
    departments, secretariat, capsys, name
):
    from documents.wordio.writer import edition_to_docx

    call_command("import_manual", str(CORPUS), "--user", secretariat.username)
    capsys.readouterr()
    revision = Document.objects.get(code=EXPECTED[name]["code"]).current
    again = read_word(io.BytesIO(edition_to_docx(revision)), name="export.docx", place_images=True)
    assert again.code == revision.document.code
    assert again.edition == revision.number
    assert again.effective_date == revision.effective_date
    for key in ("purpose", "scope", "references", "terms"):
        assert again.sections.get(key, "") == getattr(revision, key), key
    # A picture comes back where it stood, as the k-th picture of the file.
    assert again.other.replace("attachment:@", "attachment:") == revision.body
    assert len(again.images) == revision.images.count()
    fields = ("phase", "name", "responsible", "action", "time_limit", "record")
    assert [tuple(s[f] for f in fields) for s in again.steps] == [
        tuple(getattr(s, f) for f in fields) for s in revision.steps.all()
    ]
    record_fields = ("name", "keeper", "place", "retention", "medium")
    assert [tuple(r[f] for f in record_fields) for r in again.records] == [
        tuple(getattr(r, f) for f in record_fields) for r in revision.records.all()
    ]
    assert {k: v["name"] for k, v in again.signoffs.items()} == EXPECTED[name]["signoffs"]
    assert again.unplaced_chars == 0, again.unplaced


def test_the_edition_page_links_its_word_file_and_it_downloads(imported, client_for, secretariat):
    client = client_for(secretariat)
    html = client.get(imported.get_absolute_url()).content.decode()
    url = f"/documents/{imported.document.code}/{imported.number}/docx/"
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml")


def test_an_outsider_cannot_download_a_draft_as_word(outsider, client_for, departments):
    from tests.documents.factories import make_document, make_revision

    draft = make_revision(make_document("QT.09-VP", department=departments[0]))
    response = client_for(outsider).get(f"/documents/QT.09-VP/{draft.number}/docx/")
    assert response.status_code == 403


def test_a_procedures_word_file_fills_its_draft_with_steps_and_records(
    client_for, secretariat, departments
):
    from django.urls import reverse

    from tests.documents.factories import make_document, make_revision

    document = make_document("QT.01-VP", department=departments[0])
    draft = make_revision(document, steps=[])
    client = client_for(secretariat)
    url = reverse("documents:import_body", args=[document.code])
    with (CORPUS / "qt02_heading_roman.docx").open("rb") as handle:
        preview = client.post(url, {"file": handle})
    html = preview.content.decode()
    assert "Lò Văn Minh" in html and 'class="steps-count">4<' in html
    draft.refresh_from_db()
    assert not draft.steps.exists()  # nothing saved before confirming
    client.post(url, {"payload": preview.context["payload"]})
    draft.refresh_from_db()
    assert [s.name for s in draft.steps.all()] == EXPECTED["qt02_heading_roman.docx"]["steps"]
    assert draft.records.count() == 3
    assert "Quy định trình tự" in draft.purpose
    assert not draft.body  # every text of that file has a section of its own


def test_an_imported_flow_chart_is_kept_and_prints_where_it_stood(departments, secretariat, capsys):
    from pypdf import PdfReader

    call_command("import_manual", str(CORPUS), "--user", secretariat.username)
    capsys.readouterr()
    pictured = [name for name in PROCEDURES if EXPECTED[name]["images"]]
    assert pictured
    for name in pictured:
        revision = Document.objects.get(code=EXPECTED[name]["code"]).current
        assert revision.images.count() == EXPECTED[name]["images"]
        sections = ("purpose", "scope", "references", "terms")
        text = "\n".join([revision.body] + [getattr(revision, k) for k in sections])
        assert "(attachment:1)" in text and "attachment:@" not in text
        pdf = PdfReader(io.BytesIO(render_edition(revision)))
        assert any(page.images for page in pdf.pages), name
