"""The records register's pages: who reads, who changes, filters, export, uploads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from records.models import Medium, RecordEntry, RecordSeries
from tests.records.conftest import log, pdf_upload

pytestmark = pytest.mark.django_db


def test_an_auditor_reads_the_register_and_a_series_but_sees_no_edit_buttons(
    series, secretariat, auditor, external, client_for
):
    log(series, secretariat, upload=pdf_upload())
    for reader in (auditor, external):
        client = client_for(reader)
        page = client.get(reverse("records:register")).content.decode()
        assert series.name in page
        assert "Đồng bộ từ các quy trình" not in page
        detail = client.get(reverse("records:series", args=[series.pk])).content.decode()
        assert "BM.05.02-TCCB" in detail
        assert reverse("records:series_edit", args=[series.pk]) not in detail
        assert reverse("records:log", args=[series.pk]) not in detail
        assert client.get(reverse("records:series_edit", args=[series.pk])).status_code == 403


def test_the_external_auditor_downloads_a_record_but_every_post_is_refused(
    series, secretariat, external, client_for
):
    entry = log(series, secretariat, upload=pdf_upload())
    client = client_for(external)
    download = client.get(reverse("records:entry_file", args=[entry.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    for url in (
        reverse("records:sync"),
        reverse("records:log", args=[series.pk]),
        reverse("records:series_edit", args=[series.pk]),
    ):
        assert client.post(url, {"period": "x"}).status_code == 403
    assert RecordEntry.objects.count() == 1


def test_staff_log_their_departments_records_with_a_file_and_others_cannot(
    series, staff, outsider, client_for
):
    url = reverse("records:log", args=[series.pk])
    data = {
        "period": "Năm học 2024–2025",
        "period_start": "2024-09-01",
        "period_end": "2025-08-31",
        "description": "Phiếu đăng ký của 57 thí sinh",
        "location": "Tủ số 2",
        "count": "57",
    }
    assert client_for(outsider).post(url, data).status_code == 403
    response = client_for(staff).post(url, {**data, "file": pdf_upload("phieu.pdf")})
    assert response.status_code == 302
    entry = RecordEntry.objects.get()
    assert entry.logged_by == staff
    assert entry.file_name == "phieu.pdf"
    assert entry.retain_until.isoformat() == "2030-08-31"


def test_a_renamed_program_is_refused_with_a_reason_and_the_typing_is_kept(
    series, staff, client_for
):
    program = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client_for(staff).post(
        reverse("records:log", args=[series.pk]),
        {
            "period": "Năm học 2024–2025",
            "period_start": "2024-09-01",
            "period_end": "2025-08-31",
            "description": "Biên bản giữ lại",
            "count": "1",
            "file": program,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "không thuộc loại được chấp nhận" in page
    assert "Biên bản giữ lại" in page
    assert RecordEntry.objects.count() == 0


def test_the_register_filters_by_department_and_medium_with_constant_queries(
    series, secretariat, other_department, client_for, django_assert_max_num_queries
):
    RecordSeries.objects.filter(pk=series.pk).update(medium=Medium.PAPER)
    client = client_for(secretariat)
    url = reverse("records:register")
    page = client.get(url, {"department": series.department_id, "medium": "paper"})
    assert series.name in page.content.decode()
    assert series.name not in client.get(url, {"medium": "electronic"}).content.decode()
    other = client.get(url, {"department": other_department.pk}).content.decode()
    assert series.name not in other
    for year in range(2010, 2016):
        log(series, secretariat, year=year)
    with django_assert_max_num_queries(12):
        client.get(url, {"department": series.department_id})


def test_bad_query_values_are_ignored_never_a_server_error(series, secretariat, client_for):
    client = client_for(secretariat)
    url = reverse("records:register")
    for query in ({"department": "abc"}, {"medium": "wood"}, {"page": "²"}, {"q": "a\x00b"}):
        assert client.get(url, query).status_code == 200
    assert client.get(reverse("records:proposal_create"), {"department": "x"}).status_code == 404


def test_the_register_exports_the_filtered_rows_as_xlsx(series, secretariat, client_for):
    log(series, secretariat)
    response = client_for(secretariat).get(
        reverse("records:register"), {"department": series.department_id, "export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Phòng ban", "Quy trình", "Tên hồ sơ")
    assert [r[2] for r in rows[1:]] == [
        "Phiếu đăng ký dự tuyển (BM.05.02)",
        "Quyết định công nhận kết quả tuyển dụng",
        "Biên bản họp hội đồng",
    ]
    assert rows[1][9] == 1  # records kept


def test_the_head_sets_a_flagged_retention_and_a_stale_edit_is_refused(
    procedure, series, head, client_for
):
    flagged = RecordSeries.objects.get(name="Biên bản họp hội đồng")
    url = reverse("records:series_edit", args=[flagged.pk])
    data = {
        "keeper": "Thư ký",
        "place": "Phòng TCCB",
        "medium": "paper",
        "version": flagged.version,
    }
    missing = client_for(head).post(url, {**data, "retention": "months"})
    assert "Nhập số tháng." in missing.content.decode()
    ok = client_for(head).post(url, {**data, "retention": "months", "retention_months": "120"})
    assert ok.status_code == 302
    flagged.refresh_from_db()
    assert (flagged.retention_months, flagged.retention_set_by_owner) == (120, True)
    stale = client_for(head).post(url, {**data, "retention": "permanent"})
    assert "Người khác đã lưu" in stale.content.decode()
    history = client_for(head).get(reverse("records:series", args=[flagged.pk])).content.decode()
    assert "Lò Văn Hùng" in history
