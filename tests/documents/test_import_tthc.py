"""A master list may carry each procedure's administrative procedure code (mã TTHC)."""

import pytest

from documents.models import Document
from tests.documents.test_import import IMPORT_URL, csv_file

pytestmark = pytest.mark.django_db


def test_the_master_list_brings_the_administrative_code_and_time_limit_of_procedures(
    client_for, secretariat, department
):
    client = client_for(secretariat)
    upload = csv_file(
        [
            ["Mã hiệu", "Tên tài liệu", "Loại", "Phòng", "Lần ban hành", "Ngày hiệu lực",
             "Mã TTHC", "Thời hạn giải quyết"],
            ["QT.01-TCCB", "Quy trình cấp bản sao văn bằng", "QT", "TCCB", "1", "15/01/2024",
             "1.005092", "Ngay trong ngày"],
            ["QT.02-TCCB", "Quy trình tuyển dụng", "QT", "TCCB", "1", "15/01/2024", "", ""],
        ]
    )  # fmt: skip
    preview = client.post(IMPORT_URL, {"file": upload})
    assert preview.context["errors"] == 0, [r.errors for r in preview.context["rows"]]
    assert client.post(IMPORT_URL, {"payload": preview.context["payload"]}).status_code == 302
    first = Document.objects.get(code="QT.01-TCCB")
    assert (first.tthc_code, first.tthc_time_limit) == ("1.005092", "Ngay trong ngày")
    assert Document.objects.get(code="QT.02-TCCB").tthc_code == ""


def test_a_misshapen_administrative_code_or_one_on_a_form_is_explained_and_nothing_imported(
    client_for, secretariat, department
):
    upload = csv_file(
        [
            ["Mã hiệu", "Tên tài liệu", "Loại", "Phòng", "Lần ban hành", "Ngày hiệu lực",
             "Mã TTHC"],
            ["QT.01-TCCB", "Quy trình", "QT", "TCCB", "1", "15/01/2024", "TTHC-12"],
            ["QĐ.01", "Quy chế", "QĐ", "TCCB", "1", "15/01/2024", "1.005092"],
        ]
    )  # fmt: skip
    response = client_for(secretariat).post(IMPORT_URL, {"file": upload})
    rows = response.context["rows"]
    assert "TTHC-12" in rows[0].errors[0] and "1.005097" in rows[0].errors[0]
    assert "Chỉ quy trình" in rows[1].errors[0]
    assert not Document.objects.exists()
