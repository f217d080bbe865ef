"""The records register in Chromium: the secretariat syncs and filters it, logs a record
with a file (a renamed program refused with its reason), an auditor samples and
downloads it, a disposal is proposed and approved by the secretariat and the head, the
biên bản downloads and the file is gone while the row remains."""

import pytest
from django.core.files.storage import default_storage
from playwright.sync_api import expect

from records.models import DisposalProposal, RecordEntry, RecordSeries
from tests.journeys.conftest import LAPTOP
from tests.records import conftest as records_setup

procedure = records_setup.procedure  # the set-up of the records tests
PDF = records_setup.PDF
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COUNCIL = "Lò Văn Hùng – Trưởng phòng – Chủ tịch\nNguyễn Thị Lan – Chuyên viên – Thư ký"


def test_the_records_register_end_to_end(
    page_for,
    live_server,
    looks,
    console_errors,
    tmp_path,
    procedure,
    secretariat,
    head,
    auditor,  # noqa: F811
):
    # --- the secretariat opens the register from "Hệ thống quản lý" and syncs it ------
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}/system/")
    page.get_by_role("link", name="Hồ sơ").first.click()
    page.wait_for_url("**/records/")
    page.get_by_role("button", name="Đồng bộ từ các quy trình").click()
    expect(page.locator(".message-success")).to_contain_text("Đã đồng bộ: 3 mới")
    looks(page, "records register")
    assert looks.fits_a_phone(page)

    # --- filters: department and medium -----------------------------------------------
    RecordSeries.objects.filter(name__startswith="Phiếu").update(medium="paper")
    page.locator("select[name=department]").select_option(str(procedure.department_id))
    page.locator("select[name=medium]").select_option("paper")
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("table.records-register tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("BM.05.02-TCCB")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất .xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    # --- log a record: a renamed program refused, then the scan accepted --------------
    rows.first.get_by_role("link").first.click()
    page.get_by_role("button", name="Ghi nhận hồ sơ").click()
    page.get_by_label("Kỳ").fill("Năm học 2018–2019")
    page.get_by_label("Từ ngày").fill("2018-09-01")
    page.get_by_label("Đến ngày").fill("2019-08-31")
    page.get_by_label("Nội dung hồ sơ").fill("Phiếu đăng ký của 42 thí sinh")
    program = tmp_path / "phieu.pdf"
    program.write_bytes(b"MZ\x90\x00" + b"\x00" * 300)
    page.get_by_label("Tệp (bản quét hoặc hồ sơ điện tử)").set_input_files(str(program))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field-invalid")).to_contain_text("không thuộc loại được chấp nhận")
    expect(page.get_by_label("Nội dung hồ sơ")).to_have_value("Phiếu đăng ký của 42 thí sinh")
    looks(page, "log a record (refused file)")
    scan = tmp_path / "phieu-2018.pdf"
    scan.write_bytes(PDF)
    page.get_by_label("Tệp (bản quét hoặc hồ sơ điện tử)").set_input_files(str(scan))
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("link", name="Tải về phieu-2018.pdf")).to_be_visible()
    looks(page, "record series")
    assert looks.fits_a_phone(page)
    entry = RecordEntry.objects.get()
    stored = entry.file.name
    assert default_storage.exists(stored)

    # --- an auditor samples it: reads, downloads, no edit buttons --------------------
    reader = console_errors(page_for(auditor, viewport=LAPTOP))
    reader.goto(f"{live_server.url}{entry.series.get_absolute_url()}")
    expect(reader.locator("a", has_text="Ghi nhận hồ sơ")).to_have_count(0)
    expect(reader.get_by_role("button", name="Sửa", exact=True)).to_have_count(0)
    with reader.expect_download() as download:
        reader.get_by_role("link", name="Tải về phieu-2018.pdf").click()
    assert download.value.suggested_filename == "phieu-2018.pdf"
    refused = reader.request.post(f"{live_server.url}/records/sync/")
    assert refused.status == 403

    # --- the secretariat proposes the disposal and approves it --------------------------
    page.get_by_role("link", name="Hủy hồ sơ").first.click()
    page.get_by_role("link", name="Đề nghị hủy").click()
    page.get_by_label("Hội đồng hủy hồ sơ").fill("Một người")
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.locator(".field-invalid")).to_contain_text("ít nhất hai thành viên")
    page.get_by_label("Hội đồng hủy hồ sơ").fill(COUNCIL)
    looks(page, "propose disposal")
    page.get_by_role("button", name="Gửi đề nghị").click()
    page.get_by_role("button", name="Phê duyệt (Tổ thư ký)").click()
    expect(page.locator(".message-success")).to_contain_text("chờ phê duyệt còn lại")
    assert default_storage.exists(stored)  # nothing removed before both approvals
    looks(page, "disposal proposal")
    assert looks.fits_a_phone(page)

    # --- the head approves: disposed of, biên bản, file gone, row kept -----------------
    proposal = DisposalProposal.objects.get()
    boss = console_errors(page_for(head, viewport=LAPTOP))
    boss.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    boss.get_by_role("button", name="Phê duyệt (trưởng phòng)").click()
    expect(boss.locator(".message-success")).to_contain_text("hồ sơ đã được hủy")
    with boss.expect_download() as download:
        boss.get_by_role("button", name="Biên bản hủy (PDF)").click()
    assert download.value.suggested_filename == f"bien-ban-huy-{proposal.reference}.pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert not default_storage.exists(stored)
    entry.refresh_from_db()
    assert entry.is_disposed and RecordEntry.objects.count() == 1
    expect(boss.locator("table")).to_contain_text("tệp đã hủy")

    # --- the head sets a flagged retention: the error in Vietnamese, nothing lost ------
    flagged = RecordSeries.objects.get(name="Biên bản họp hội đồng")
    boss.goto(f"{live_server.url}{flagged.get_absolute_url()}")
    boss.get_by_role("button", name="Sửa", exact=True).click()
    boss.get_by_label("Người lưu").fill("Thư ký hội đồng tuyển dụng")
    boss.locator("select[name=retention]").select_option("months")
    boss.get_by_role("button", name="Lưu").click()
    expect(boss.locator(".field-invalid")).to_contain_text("Nhập số tháng.")
    expect(boss.get_by_label("Người lưu")).to_have_value("Thư ký hội đồng tuyển dụng")
    looks(boss, "edit record series")
    boss.get_by_label("Thời gian lưu (tháng)").fill("120")
    boss.get_by_role("button", name="Lưu").click()
    expect(boss.locator(".facts")).to_contain_text("10 năm")
    expect(boss.locator(".record-history")).to_contain_text("Lò Văn Hùng")
    assert console_errors.errors == []
