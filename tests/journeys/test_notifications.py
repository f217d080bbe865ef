"""The person's choice of e-mails, made on their own account page in Chromium."""

import pytest
from playwright.sync_api import expect

from ims.models import Profile
from tests.journeys.conftest import LAPTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_chooses_the_daily_summary_on_their_account_page_and_sees_it_kept(
    page_for, live_server, looks, console_errors, staff
):
    page = console_errors(page_for(staff, viewport=LAPTOP))
    page.goto(f"{live_server.url}/account/security/")
    section = page.get_by_role("group", name="Bạn muốn nhận thông báo công việc qua thư điện tử")
    expect(section.get_by_label("Mỗi việc một thư ngay khi phát sinh")).to_be_checked()
    looks(page, "account notifications")
    assert looks.fits_a_phone(page)
    section.get_by_label("Một thư tổng hợp mỗi ngày").check()
    page.get_by_role("button", name="Lưu lựa chọn").click()
    expect(page.get_by_text("Đã lưu lựa chọn nhận thư của bạn.")).to_be_visible()
    expect(page.get_by_label("Một thư tổng hợp mỗi ngày")).to_be_checked()
    page.reload()
    expect(page.get_by_label("Một thư tổng hợp mỗi ngày")).to_be_checked()
    assert Profile.objects.get(user=staff).notifications == Profile.Notifications.DAILY
