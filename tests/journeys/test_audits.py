"""An internal audit on a phone, and the corrective action that follows it."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from audits import services
from audits.models import CorrectiveAction, Finding
from tests.factories import PASSWORD
from tests.journeys.conftest import LAPTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_an_auditor_records_a_nonconformity_on_a_phone_and_the_action_is_closed_effective(
    page_for, live_server, looks, console_errors, audit, lead_auditor, head, secretariat, today
):
    services.generate_checklist(audit=audit, actor=secretariat)

    # --- the lead auditor, on a phone, fills the checklist --------------------------
    page = console_errors(page_for(lead_auditor, viewport=PHONE))
    page.goto(f"{live_server.url}/audits/mine/")
    looks(page, "my audits (phone)")
    page.get_by_role("link", name=audit.subject).click()
    page.wait_for_url(f"**/audits/audit/{audit.pk}/")
    looks(page, "audit (phone)")
    page.get_by_role("button", name="Điền danh mục kiểm tra").or_(
        page.get_by_role("link", name="Điền danh mục kiểm tra")
    ).click()
    page.wait_for_url("**/checklist/")
    looks(page, "checklist (phone)")
    cards = page.locator(".checklist-card")
    first, second = cards.nth(0), cards.nth(1)
    first_id = first.get_attribute("id")
    first.locator("label.tap", has_text="Phù hợp").first.click()
    first.get_by_label("Bằng chứng đã xem").fill("Đã xem 12 hồ sơ tuyển dụng, đủ chữ ký")
    first.get_by_role("button", name="Lưu").click()
    page.locator(f"#{first_id} .saved").wait_for()

    second_id = second.get_attribute("id")
    second.locator("label.tap", has_text="Không phù hợp").first.click()
    second.get_by_label("Bằng chứng đã xem").fill("Biên bản kiểm tra hồ sơ không được lưu")
    second.get_by_role("button", name="Lưu").click()
    page.locator(f"#{second_id} .saved").wait_for()
    page.locator(f"#{second_id}").get_by_role("link", name="Ghi nhận phát hiện").click()
    page.wait_for_url("**/findings/new/**")
    looks(page, "finding form (phone)")
    page.get_by_label("Không phù hợp nhẹ").check()
    page.get_by_label("Phát hiện").fill("Chưa lưu biên bản kiểm tra hồ sơ tuyển dụng")
    page.get_by_label("Bằng chứng khách quan").fill("Hồ sơ đợt tháng 9")
    page.get_by_role("button", name="Ghi nhận phát hiện").click()
    page.wait_for_url("**/checklist/**")
    expect(page.locator(f"#{second_id}")).to_contain_text("Chưa lưu biên bản")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1  # nothing spills off the phone's screen

    finding = Finding.objects.get()
    assert finding.grade == Finding.Grade.MINOR
    action = CorrectiveAction.objects.get(finding=finding)

    # --- the department's head answers the corrective action ------------------------
    page = console_errors(page_for(head, viewport=LAPTOP))
    page.goto(f"{live_server.url}/")
    page.locator("ul.nav-wide").get_by_role("link", name="Hành động khắc phục").click()
    page.wait_for_url("**/audits/actions/**")
    looks(page, "corrective actions (head)")
    page.get_by_role("link", name=action.number).click()
    page.wait_for_url(f"**/audits/actions/{action.pk}/")
    looks(page, "corrective action (to answer)")
    page.get_by_label("Khắc phục tức thời").fill("Đã lập lại biên bản cho đợt tháng 9.")
    page.get_by_label("Vì sao xảy ra?").fill("Chưa có quy định nơi lưu biên bản.")
    page.get_by_label("Nguyên nhân gốc").fill("Quy trình không nêu hồ sơ cần lưu.")
    page.get_by_label("Kế hoạch hành động khắc phục").fill(
        "Bổ sung biên bản vào mục Hồ sơ cần lưu của QT.05-TCCB."
    )
    page.get_by_role("button", name="Lưu nội dung trả lời").click()
    expect(page.locator(".message-success")).to_be_visible()
    looks(page, "corrective action (answered)")
    done_on = today - timedelta(days=action.verification_interval_days + 1)
    page.get_by_label("Ngày hoàn thành hành động").fill(done_on.isoformat())
    page.get_by_label("Những việc đã làm").fill("Đã sửa quy trình, lần ban hành 2.")
    page.get_by_role("button", name="Đánh dấu đã xong").click()
    expect(page.locator(".message-success")).to_be_visible()

    # --- the secretariat verifies it effective ---------------------------------------
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}/audits/actions/")
    looks(page, "corrective actions (secretariat)")
    page.get_by_role("link", name=action.number).click()
    page.wait_for_url(f"**/audits/actions/{action.pk}/")
    looks(page, "corrective action (to verify)")
    page.get_by_label("Có hiệu lực: đóng hành động").check()
    page.get_by_label("Kiểm tra xác nhận hiệu lực").fill(
        "Kiểm tra 5 hồ sơ tháng 11: đều có biên bản."
    )
    page.get_by_label("Mật khẩu của bạn").fill(PASSWORD)  # a sign-off (issue 20)
    page.get_by_role("button", name="Ghi nhận kết quả kiểm tra").click()
    expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator(".page-head .badge")).to_have_text("Đã đóng")
    action.refresh_from_db()
    assert action.state == CorrectiveAction.State.CLOSED
    assert console_errors.errors == []
