import io
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from ims.exports import read_table, xlsx_bytes
from ims.pdf import render_pdf


def test_xlsx_round_trips_vietnamese_text_and_dates():
    data = xlsx_bytes(
        ["Mã", "Tên", "Ngày"], [["QT.01-VP", "Quy trình tuyển sinh", date(2025, 9, 5)]]
    )
    rows = read_table(io.BytesIO(data), "xlsx")
    assert rows[0]["Mã"] == "QT.01-VP"
    assert rows[0]["Tên"] == "Quy trình tuyển sinh"
    assert rows[0]["Ngày"].date() == date(2025, 9, 5)


@pytest.mark.django_db
def test_rendered_pdf_text_reads_back(tmp_path, settings):
    import copy

    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"].append(tmp_path)
    settings.TEMPLATES = templates
    (tmp_path / "probe.html").write_text(
        '{% extends "pdf/base.html" %}{% block body %}<h1>Quy trình tuyển sinh lớp 10</h1>'
        "{% endblock %}"
    )
    text = PdfReader(io.BytesIO(render_pdf("probe.html", {}))).pages[0].extract_text()
    assert "QUY TRÌNH TUYỂN SINH LỚP 10" in text
    assert "Trang 1/1" in text
    assert text == unicodedata.normalize("NFC", text)


FORMULAS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


def test_xlsx_writes_formula_like_text_as_text_and_numbers_as_numbers():
    from openpyxl import load_workbook

    data = xlsx_bytes(["Tên", "Số", "Ngày"], [[f, -5, date(2025, 9, 5)] for f in FORMULAS])
    sheet = load_workbook(io.BytesIO(data)).active
    for row, formula in zip(sheet.iter_rows(min_row=2), FORMULAS, strict=True):
        assert (row[0].value, row[0].data_type) == (formula, "s")
        assert row[0].quotePrefix
        assert (row[1].value, row[1].data_type) == (-5, "n")
        assert row[2].value.date() == date(2025, 9, 5)


def test_csv_puts_a_quote_before_formula_like_text_and_reads_it_back(rf):
    from ims.exports import csv_response

    response = csv_response("x.csv", ["Tên", "Số"], [[f, -5] for f in [*FORMULAS, "\tx"]])
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1] == '"\'=HYPERLINK(""http://x"",""y"")",-5'
    assert lines[2] == "'=cmd|' /C calc'!A0,-5"
    assert lines[3:6] == ["'+1+1,-5", "'-2+3,-5", "'@SUM(A1),-5"]
    assert lines[6] == "'\tx,-5"
    rows = read_table(io.BytesIO(response.content), "csv")
    assert [r["Tên"] for r in rows] == [*FORMULAS, "\tx"]
