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
