import pytest
from playwright.sync_api import expect

from audits import services
from audits.models import ChecklistItem, CorrectiveAction, Finding

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}


def test_an_auditor_fills_the_checklist_on_a_phone_and_records_a_finding(
    page_for, live_server, audit, lead_auditor, secretariat
):
    services.generate_checklist(audit=audit, actor=secretariat)
    first, second = list(audit.checklist.all())[:2]
    page = page_for(lead_auditor, viewport=PHONE)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/audits/audit/{audit.pk}/checklist/")

    # Tap "Phù hợp" on the first item, write the evidence, save: htmx saves this item only.
    card = page.locator(f"#card-{first.pk}")
    choice = card.locator("label.tap", has_text="Phù hợp").first
    assert choice.bounding_box()["height"] >= 44  # a finger-sized target
    choice.click()
    card.locator("textarea").fill("Đã xem 12 hồ sơ tuyển dụng, đủ chữ ký")
    card.get_by_role("button", name="Lưu").click()
    page.locator(f"#card-{first.pk} .saved").wait_for()
    assert page.url.endswith("/checklist/")  # no page load: the card was swapped in place
    first.refresh_from_db()
    assert (first.result, first.evidence) == ("conforms", "Đã xem 12 hồ sơ tuyển dụng, đủ chữ ký")

    # From the second item, record a minor nonconformity.
    page.locator(f"#card-{second.pk}").get_by_role("link", name="Ghi nhận phát hiện").click()
    page.wait_for_url("**/findings/new/**")
    page.get_by_label("Không phù hợp nhẹ").check()
    page.get_by_label("Phát hiện").fill("Chưa lưu biên bản kiểm tra hồ sơ")
    page.get_by_label("Bằng chứng khách quan").fill("Hồ sơ đợt tháng 9/2025")
    page.get_by_role("button", name="Ghi nhận phát hiện").click()
    page.wait_for_url("**/checklist/**")
    assert "Chưa lưu biên bản kiểm tra hồ sơ" in page.locator(f"#card-{second.pk}").inner_text()
    page.screenshot(path="var/screens/phone-checklist.png", full_page=True)

    finding = Finding.objects.get()
    assert finding.checklist_item == ChecklistItem.objects.get(pk=second.pk)
    assert finding.grade == Finding.Grade.MINOR
    assert CorrectiveAction.objects.get().finding == finding
    assert errors == []


def test_the_lead_auditor_cannot_complete_an_audit_without_its_summary(
    page_for, live_server, audit, lead_auditor
):
    page = page_for(lead_auditor)
    page.goto(f"{live_server.url}/audits/audit/{audit.pk}/")
    page.locator("summary", has_text="Kết thúc cuộc đánh giá").click()
    summary = page.get_by_label("Tóm tắt cuộc đánh giá")
    # An empty box the browser itself refuses (required); spaces reach the server.
    assert summary.get_attribute("required") is not None
    summary.fill("   ")
    page.get_by_role("button", name="Kết thúc cuộc đánh giá").click()
    expect(page.locator(".message-error")).to_contain_text("tóm tắt")
    audit.refresh_from_db()
    assert audit.status != audit.Status.COMPLETED

    page.locator("summary", has_text="Kết thúc cuộc đánh giá").click()
    page.get_by_label("Tóm tắt cuộc đánh giá").fill("Hệ thống được duy trì và có hiệu lực.")
    page.get_by_role("button", name="Kết thúc cuộc đánh giá").click()
    expect(page.locator(".message-success")).to_contain_text("Cuộc đánh giá đã kết thúc")
    audit.refresh_from_db()
    assert (audit.status, audit.summary) == (
        audit.Status.COMPLETED,
        "Hệ thống được duy trì và có hiệu lực.",
    )
