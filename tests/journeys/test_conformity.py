"""The secretariat announces the system's conformity and reports on the year, in the
browser; an auditor reads it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from conformity.models import Announcement, YearlyReport
from documents.models import Document
from ims.models import Organisation
from tests.documents.factories import make_document, make_revision
from tests.journeys.conftest import LAPTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def procedures(department):
    Organisation.objects.create(
        name="Sở Giáo dục và Đào tạo", parent_name="Ủy ban nhân dân tỉnh Sơn La"
    )
    for code, title, tthc in (
        ("QT.01-TCCB", "Quy trình cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "1.005092"),
        ("QT.02-TCCB", "Quy trình tuyển dụng viên chức", ""),
    ):
        document = make_document(
            code,
            title=title,
            department=department,
            tthc_code=tthc,
            tthc_time_limit="03 ngày làm việc" if tthc else "",
        )
        make_revision(document, state="effective", effective_date=date(2026, 1, 5))
    return Document.objects.all()


def test_the_secretariat_announces_conformity_and_freezes_the_yearly_report(
    page_for, live_server, looks, console_errors, procedures, secretariat, auditor
):
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}/")
    page.locator("ul.nav-wide").get_by_role("link", name="Hệ thống quản lý").click()
    page.wait_for_url("**/system/")
    looks(page, "management system registers")
    page.get_by_role("link", name="Công bố HTQLCL").click()
    page.wait_for_url("**/conformity/")
    expect(page.locator("main")).to_contain_text("Chưa công bố Hệ thống quản lý chất lượng")
    looks(page, "conformity (never announced)")

    page.get_by_role("button", name="Soạn dự thảo quyết định công bố").click()
    page.wait_for_url("**/conformity/announcements/*/")
    expect(page.locator("table")).to_contain_text("1.005092")
    looks(page, "draft decision")
    page.get_by_label("Số quyết định").fill("412/QĐ-SGDĐT")
    page.get_by_label("Địa danh").fill("Sơn La")
    page.get_by_label("Ngày ký").fill("2026-02-03")
    page.get_by_label("Phạm vi áp dụng").fill("")
    page.get_by_role("button", name="Lưu").click()
    # refused with the reason; what was typed is still there
    expect(page.locator(".field-invalid")).to_contain_text("Trường này là bắt buộc")
    expect(page.get_by_label("Số quyết định")).to_have_value("412/QĐ-SGDĐT")
    page.get_by_label("Phạm vi áp dụng").fill("Toàn bộ hoạt động giải quyết TTHC và nội bộ của Sở")
    page.get_by_label("Họ tên người ký").fill("Cầm Văn Quân")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".message, [role=status]").first).to_contain_text("Đã lưu")
    href = page.get_by_role("button", name="PDF").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    page.get_by_role("button", name="Ghi nhận đã ký, ban hành").click()
    expect(page.locator("h1")).to_contain_text("Quyết định số 412/QĐ-SGDĐT")
    announcement = Announcement.objects.get()
    assert announcement.status == Announcement.Status.ISSUED and len(announcement.scope) == 2
    page.get_by_label("Ngày gửi Sở Khoa học và Công nghệ").fill("2026-02-05")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("dl.facts")).to_contain_text("05/02/2026")
    looks(page, "issued decision")
    assert looks.fits_a_phone(page)

    # --- the yearly report -------------------------------------------------------------
    page.goto(f"{live_server.url}/conformity/")
    expect(page.locator("main")).to_contain_text("Phạm vi không thay đổi")
    page.get_by_role("button", name="Lập báo cáo hằng năm").click()
    page.get_by_label("Tiêu đề báo cáo").fill("Tình hình áp dụng HTQLCL năm 2026")
    page.get_by_label("Từ ngày").fill("2026-01-01")
    page.get_by_label("Đến ngày").fill("2026-12-31")
    page.get_by_label("Kính gửi").fill("Sở Khoa học và Công nghệ tỉnh Sơn La")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/conformity/reports/*/")
    looks(page, "yearly report (draft)")
    page.get_by_label("Nội dung mục").last.fill("Hệ thống được duy trì có hiệu lực.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_label("Nội dung mục").last).to_have_value(
        "Hệ thống được duy trì có hiệu lực."
    )
    page.get_by_role("button", name="Chốt báo cáo").click()
    expect(page.locator("dl.facts")).to_contain_text("Đã chốt")
    assert YearlyReport.objects.get().is_frozen
    page.set_viewport_size(PHONE)
    assert looks.fits_a_phone(page)

    # --- an auditor reads it and finds nothing to change ---------------------------------
    page = console_errors(page_for(auditor, viewport=PHONE))
    page.goto(f"{live_server.url}{announcement.get_absolute_url()}")
    expect(page.locator("h1")).to_contain_text("412/QĐ-SGDĐT")
    expect(page.get_by_role("button", name="Lưu")).to_have_count(0)
    looks(page, "issued decision (auditor, phone)")
    assert looks.fits_a_phone(page)
    assert console_errors.errors == []
