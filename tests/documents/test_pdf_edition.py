"""One edition to PDF: the header block, the first page, the watermark, the download."""

import io
import re
import unicodedata

import pytest
from django.utils import translation
from pypdf import PdfReader

from documents.models import Document, EditionPdf, Revision
from documents.printing import editions, manual, pdf
from ims.models import Organisation
from ims.pdf import render_pdf_counted
from tests.documents.factories import make_document, make_revision
from tests.documents.pdf_reading import page_pixels, page_texts, page_words

pytestmark = pytest.mark.django_db

LONG_ACTION = "Kiểm tra thành phần, tính hợp lệ của hồ sơ; đối chiếu với quy định hiện hành. " * 6


def long_procedure(
    department, *, code="QT.05-TCCB", document=None, state=Revision.State.EFFECTIVE, **extra
):
    document = document or make_document(
        code, department=department, title="Quy trình tuyển dụng viên chức"
    )
    steps = [
        (
            f"Bước xử lý số {i}",
            "Chuyên viên Phòng Tổ chức cán bộ",
            LONG_ACTION,
            "02 ngày",
            "BM.05.01",
        )
        for i in range(1, 31)
    ]
    return make_revision(document, state=state, steps=steps, records=3, **extra)


def test_every_page_carries_code_edition_and_page_x_of_n(department, head):
    document = make_document("QT.05-TCCB", department=department)
    make_revision(document, state="superseded")
    revision = long_procedure(department, document=document, number=2, signed_by=head)
    pages = page_texts(pdf.render_edition(revision))
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert "QT.05-TCCB" in text
        assert "Lần ban hành: 02" in text
        assert f"Trang {number}/{len(pages)}" in text
    assert "Trang 1/" in pages[0]


def test_first_page_has_signoff_names_and_change_history(department, head):
    revision = long_procedure(
        department, signed_by=head, change_summary="Bổ sung bước thẩm định hồ sơ"
    )
    first = page_texts(pdf.render_edition(revision))[0]
    assert "Người soạn thảo" in first and "Người phê duyệt" in first
    assert first.count("Lò Văn Hùng") == 3  # prepared, reviewed and approved by the head
    assert "THEO DÕI SỬA ĐỔI TÀI LIỆU" in first
    assert "Bổ sung bước thẩm định hồ sơ" in first


def test_steps_table_repeats_its_header_and_never_splits_a_row(department):
    revision = long_procedure(department)
    pages = page_texts(pdf.render_edition(revision), raw=True)
    step_pages = [text for text in pages if "Bước xử lý số" in text]
    assert len(step_pages) >= 2
    for text in step_pages:
        assert "Trách nhiệm" in text  # the header row, on every page of the table
    for i in range(1, 31):
        # A row kept whole: its step name and its whole action on one page.
        holding = [text for text in pages if f"Bước xử lý số {i} " in text + " "]
        assert len(holding) == 1


def test_vietnamese_text_survives_the_round_trip_unchanged(department):
    title = "Quy trình tiếp nhận, giải quyết khiếu nại, tố cáo của công dân"
    decomposed = unicodedata.normalize(
        "NFD", "Ưu tiên học sinh dân tộc thiểu số ở xã đặc biệt khó khăn"
    )
    document = make_document(
        "QĐ.03", kind=Document.Kind.REGULATION, department=department, title=title
    )
    revision = make_revision(document, state="effective", body=f"## Điều 1\n\n{decomposed}.")
    data = pdf.render_edition(revision)
    text = " ".join(page_texts(data))
    assert title.upper() in text  # the header prints the title in capitals
    assert "Ưu tiên học sinh dân tộc thiểu số ở xã đặc biệt khó khăn" in text
    assert text == unicodedata.normalize("NFC", text)
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Liberation-Serif" in font for font in fonts), fonts


@pytest.mark.parametrize(
    ("state", "word"),
    [("superseded", "ĐÃ THAY THẾ"), ("draft", "DỰ THẢO"), ("obsolete", "HẾT HIỆU LỰC")],
)
def test_an_edition_not_in_force_is_watermarked_on_every_page(department, state, word):
    revision = long_procedure(department, state=state)
    pages = page_texts(pdf.render_edition(revision), raw=True)
    assert len(pages) > 1
    assert all(word in text for text in pages)


def test_the_effective_edition_is_clean(department):
    revision = long_procedure(department)
    text = " ".join(page_texts(pdf.render_edition(revision), raw=True))
    for word in ("ĐÃ THAY THẾ", "DỰ THẢO", "HẾT HIỆU LỰC", "ĐANG XEM XÉT"):
        assert word not in text


def test_a_body_too_deeply_nested_fails_with_the_documents_code(department):
    document = make_document("HD.02-TCCB", kind=Document.Kind.INSTRUCTION, department=department)
    revision = make_revision(document, state="effective", body=">" * 2000 + " trích dẫn")
    with pytest.raises(pdf.RenderError, match="HD.02-TCCB"):
        pdf.render_edition(revision)


# --- the cache -----------------------------------------------------------------------


def test_changed_edition_invalidates_only_its_own_cached_pdf(department):
    first = long_procedure(department, code="QT.01-TCCB")
    second = long_procedure(department, code="QT.02-TCCB")
    cached_first = editions.cached_edition_pdf(first)
    cached_second = editions.cached_edition_pdf(second)
    again = editions.cached_edition_pdf(Revision.objects.get(pk=first.pk))
    assert again.sha256 == cached_first.sha256 and again.rendered_at == cached_first.rendered_at

    second.purpose = "Mục đích đã sửa: rút ngắn thời hạn giải quyết."
    second.save()
    renewed = editions.cached_edition_pdf(Revision.objects.get(pk=second.pk))
    assert renewed.sha256 != cached_second.sha256
    assert "rút ngắn thời hạn" in " ".join(page_texts(renewed.file.read()))
    untouched = EditionPdf.objects.get(revision=first)
    assert (untouched.sha256, untouched.rendered_at) == (
        cached_first.sha256,
        cached_first.rendered_at,
    )
    assert EditionPdf.objects.count() == 2


def test_a_superseded_edition_is_not_served_from_its_effective_cache(department):
    revision = long_procedure(department)
    clean = editions.edition_pdf_bytes(revision)
    Revision.objects.filter(pk=revision.pk).update(state="superseded")
    revision.refresh_from_db()
    marked = editions.edition_pdf_bytes(revision)
    assert "ĐÃ THAY THẾ" not in " ".join(page_texts(clean, raw=True))
    assert "ĐÃ THAY THẾ" in " ".join(page_texts(marked, raw=True))


def test_cache_key_follows_the_template_version(department, monkeypatch):
    revision = long_procedure(department)
    editions.cached_edition_pdf(revision)
    original = pdf.template_version()
    monkeypatch.setattr(pdf, "template_version", lambda: "next-templates")
    editions.cached_edition_pdf(revision)
    assert sorted(EditionPdf.objects.values_list("template_version", flat=True)) == sorted(
        [original, "next-templates"]
    )


def test_a_step_longer_than_a_page_continues_under_a_repeated_header(department):
    document = make_document("QT.07-TCCB", department=department)
    huge = "\n\n".join(f"Đoạn {i}: {LONG_ACTION}" for i in range(1, 9))
    steps = [
        ("Bước ngắn", "Văn thư", "Vào sổ.", "1 ngày", ""),
        ("Bước dài", "Tổ thẩm định", huge, "", ""),
    ]
    revision = make_revision(document, state="effective", steps=steps)
    pages = page_texts(pdf.render_edition(revision), raw=True)
    holding = [text for text in pages if "Đoạn " in text]
    assert len(holding) >= 2  # it could not stay on one page
    assert all("Trách nhiệm" in text for text in holding)
    first = next(i for i, text in enumerate(pages) if "Bước ngắn" in text)
    assert "Đoạn 1:" in pages[first]  # no blank page pushed in before the long row


def test_the_header_is_laid_out_once_and_prints_as_a_running_header_would(department, head):
    """Each page draws one shared header form; only "x/y" is laid out per page."""
    revision = long_procedure(department, signed_by=head)
    context = pdf.edition_context(revision, Organisation.current())
    with translation.override("vi"):
        running, pages = render_pdf_counted("documents/pdf/edition.html", context)
    stamped = pdf.render_edition(revision)
    assert pages > 2 and page_pixels(stamped) == page_pixels(running)

    reader = PdfReader(io.BytesIO(stamped))
    assert len(reader.pages) == pages  # the header's own page is not left in
    forms = {page["/Resources"]["/XObject"].raw_get("/IMSHeader").idnum for page in reader.pages}
    assert len(forms) == 1
    for number, words in enumerate(page_words(stamped), start=1):
        label = next(word for word in words if word[0] == "Trang")
        value = next(word for word in words if word[0] == f"{number}/{pages}")
        assert abs(value[2] - label[2]) < 0.05  # on the label's line…
        assert 0 < value[1] - label[3] < 5  # …one space after it


def test_master_list_dates_stay_inside_their_column(department):
    make_revision(make_document("QT.08-TCCB", department=department), state="effective")
    words = page_words(pdf.render_master_list(manual.master_list_documents()))[0]
    code = next(word for word in words if word[0] == "QT.08-TCCB")
    row = sorted((word for word in words if abs(word[2] - code[2]) < 1), key=lambda w: w[1])
    date = next(word for word in row if re.fullmatch(r"\d\d/\d\d/\d{4}", word[0]))
    owner = row[row.index(date) + 1]  # the first word of the next column
    assert owner[1] - date[3] > 8  # the cell's padding and rule lie between them
