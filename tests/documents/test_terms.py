"""Section 4 (terms) edited as rows and stored as Markdown: the round trip is lossless,
and what the PDF and the .docx read does not change."""

import pytest
from django.urls import reverse

from documents.demo_content import procedures
from documents.markup import render_markdown
from documents.terms import Terms, join_terms, split_terms
from tests.documents.factories import make_document, make_revision
from tests.documents.test_pages import _editor_post

DEMO_TERMS = procedures()[0].terms


def test_the_demo_terms_read_as_rows_and_the_definitions_after_them():
    terms = split_terms(DEMO_TERMS)
    assert terms.header == ("Từ viết tắt", "Giải nghĩa")
    assert terms.rows[0] == ("Sở GDĐT", "Sở Giáo dục và Đào tạo tỉnh Sơn La")
    assert ("BPTN&TKQ", "Bộ phận tiếp nhận và trả kết quả") in terms.rows
    assert terms.notes.startswith("*") and "*Ngày làm việc*" in terms.notes


def test_unchanged_rows_give_back_the_stored_text_byte_for_byte():
    stored = DEMO_TERMS.replace("| --- | --- |", "|:---|---|")  # however it was written
    again = join_terms(split_terms(stored), stored=stored)
    assert again == stored


def test_rows_written_anew_read_back_the_same_and_print_the_same():
    terms = split_terms(DEMO_TERMS)
    written = join_terms(terms)  # no stored text: written from the rows
    assert written == DEMO_TERMS  # the demo's own layout is the one written
    assert split_terms(written) == terms
    assert render_markdown(written) == render_markdown(DEMO_TERMS)


@pytest.mark.parametrize(
    "term, meaning",
    [
        ("A|B", "có dấu | giữa ô"),
        ("ĐGNL", "Đánh giá năng lực\ngồm hai dòng"),
        ("`a|b`", "mã trong ô"),
        ("x", ""),
        ("", "chỉ có giải nghĩa"),
    ],
)
def test_what_is_typed_in_a_cell_comes_back_as_typed(term, meaning):
    terms = Terms(
        header=("Thuật ngữ", "Giải nghĩa"), rows=[("UBND", "Ủy ban nhân dân"), (term, meaning)]
    )
    written = join_terms(terms)
    assert split_terms(written).rows == terms.rows
    html = render_markdown(written)
    assert html.count("<tr>") == 3  # header and two rows: no cell broke the table


def test_text_that_is_not_a_two_column_table_at_the_start_stays_text():
    for text in [
        "Không có thuật ngữ riêng.",
        "Các từ viết tắt:\n\n| A | B |\n| --- | --- |\n| x | y |",
        "| A | B | C |\n| --- | --- | --- |\n| x | y | z |",
        "| A | B |\n| --- | --- |\n| x | y | z |",
    ]:
        terms = split_terms(text)
        assert terms.rows == [] and terms.notes == text
        assert join_terms(terms, stored=text) == text
        assert join_terms(terms) == text


def test_a_row_added_to_plain_text_puts_a_table_before_it():
    written = join_terms(Terms(rows=[("VB", "Văn bản")], notes="Định nghĩa khác."))
    assert written == (
        "| Thuật ngữ, từ viết tắt | Giải nghĩa |\n| --- | --- |\n| VB | Văn bản |\n\n"
        "Định nghĩa khác."
    )


def test_removing_every_row_leaves_only_the_text():
    stored = "| A | B |\n| --- | --- |\n| x | y |\n\nGhi chú."
    assert join_terms(Terms(rows=[], notes="Ghi chú."), stored=stored) == "Ghi chú."


def _term_rows(rows):
    data = {"terms-TOTAL_FORMS": str(len(rows)), "terms-INITIAL_FORMS": str(len(rows))}
    for i, (order, term, meaning) in enumerate(rows):
        data |= {
            f"terms-{i}-ORDER": str(order),
            f"terms-{i}-term": term,
            f"terms-{i}-meaning": meaning,
        }
    return data


@pytest.mark.django_db
def test_the_editor_shows_the_terms_as_rows_and_saves_them_in_the_order_given(
    client_for, staff, department
):
    draft = make_revision(make_document(department=department))
    draft.terms = DEMO_TERMS
    draft.save()
    url = reverse("documents:edit", args=[draft.document.code, draft.number])
    page = client_for(staff).get(url).content.decode()
    assert 'name="terms-0-term"' in page and 'value="Sở GDĐT"' in page
    assert "| Sở GDĐT |" not in page  # no raw Markdown table to edit
    assert 'name="terms_notes"' in page and "*Ngày làm việc*" in page

    response = client_for(staff).post(
        url,
        _editor_post(draft)
        | _term_rows([(2, "UBND", "Ủy ban nhân dân"), (1, "CSGD", "Cơ sở giáo dục | trường")])
        | {"terms_notes": "*Ngày làm việc*: theo Bộ luật Lao động."},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.terms == (
        "| Từ viết tắt | Giải nghĩa |\n| --- | --- |\n"
        "| CSGD | Cơ sở giáo dục \\| trường |\n| UBND | Ủy ban nhân dân |\n\n"
        "*Ngày làm việc*: theo Bộ luật Lao động."
    )


@pytest.mark.django_db
def test_saving_without_touching_the_terms_keeps_them_byte_for_byte(client_for, staff, department):
    draft = make_revision(make_document(department=department))
    draft.terms = DEMO_TERMS.replace("| --- | --- |", "|---|:---:|")
    draft.save()
    stored = draft.terms
    terms = split_terms(stored)
    rows = [(i, t, m) for i, (t, m) in enumerate(terms.rows, start=1)]
    url = reverse("documents:edit", args=[draft.document.code, draft.number])
    data = _editor_post(draft, purpose="Chỉ sửa mục đích") | _term_rows(rows)
    data["terms_notes"] = terms.notes.replace("\n", "\r\n")  # as a browser sends it
    assert client_for(staff).post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.purpose == "Chỉ sửa mục đích"
    assert draft.terms == stored


def test_a_bar_typed_in_a_term_prints_as_a_bar_in_the_word_file():
    from docx import Document as Docx

    from documents.wordio.writer import write_markdown

    word = Docx()
    write_markdown(word, join_terms(Terms(rows=[("A|B", "có dấu | giữa ô")])))
    cells = [cell.text for row in word.tables[0].rows for cell in row.cells]
    assert cells == ["Thuật ngữ, từ viết tắt", "Giải nghĩa", "A|B", "có dấu | giữa ô"]
