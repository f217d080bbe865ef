"""A measurement entered with its evidence moves the leadership's dashboard; a
parent's answer on a phone moves the secretariat's survey results."""

import pytest
from playwright.sync_api import expect

from objectives.models import Measurement
from tests.journeys.conftest import LAPTOP, PHONE
from tests.surveys.conftest import answer, make_campaign, make_survey

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_department_enters_a_measurement_with_evidence_and_the_dashboard_changes(
    page_for, live_server, looks, console_errors, tmp_path, cascade, head, leadership, department
):
    # --- leadership looks at the department's objectives: no data yet ---------------
    board = console_errors(page_for(leadership, viewport=LAPTOP))
    board.goto(f"{live_server.url}/")
    looks(board, "home (leadership)")
    board.locator("ul.nav-wide").get_by_role("link", name="Mục tiêu").click()
    board.wait_for_url("**/objectives/**")
    board.locator("select[name=department]").select_option(str(department.pk))
    status = board.locator("tr.objective-row", has_text="MT-01.TCCB").first.locator("td").nth(2)
    expect(status).to_have_text("Chưa có số liệu")
    looks(board, "dashboard (leadership)")

    # --- the head of the department enters this month's value with its evidence -----
    evidence = tmp_path / "bien-ban-thang.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page = console_errors(page_for(head, viewport=LAPTOP))
    page.goto(f"{live_server.url}/")
    looks(page, "home (head, objectives)")
    page.locator("ul.nav-wide").get_by_role("link", name="Mục tiêu").click()
    page.wait_for_url("**/objectives/**")
    page.locator("select[name=department]").select_option(str(department.pk))
    page.locator("tr.objective-row", has_text="MT-01.TCCB").first.get_by_role(
        "link", name="Tỷ lệ hồ sơ giải quyết đúng hạn"
    ).click()
    page.wait_for_url(f"**/objectives/indicators/{cascade['dept_indicator'].pk}/")
    looks(page, "indicator")
    page.get_by_label("Giá trị").fill("100")
    page.locator("textarea[name=comment]").fill("12/12 hồ sơ đúng hạn")
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#measurements")).to_contain_text("bien-ban-thang.pdf")
    looks(page, "indicator (measured)")
    measurement = Measurement.objects.get(indicator=cascade["dept_indicator"])
    assert measurement.entered_by == head and measurement.evidence.count() == 1

    # --- leadership sees the dashboard change ---------------------------------------
    board.reload()
    expect(status).to_contain_text("Đúng tiến độ")
    row = board.locator("tr.objective-row", has_text="MT-01.TCCB").first
    expect(row.locator("td").nth(1)).to_contain_text("100 %")
    assert console_errors.errors == []


def test_a_parent_answers_the_public_link_on_a_phone_and_the_results_move(
    page_for, live_server, looks, console_errors, monkeypatch, secretariat
):
    monkeypatch.setattr("surveys.services.RESULTS_MAX_AGE", __import__("datetime").timedelta(0))
    survey = make_survey()
    campaign = make_campaign(survey, title="Khảo sát cha mẹ học sinh 2025–2026")
    for row in [(3, 3, 3)] * 10:
        answer(campaign, row)

    # --- the secretariat reads the results and the public link ----------------------
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}/")
    page.locator("ul.nav-wide").get_by_role("link", name="Khảo sát").click()
    page.wait_for_url("**/surveys/**")
    looks(page, "surveys (secretariat)")
    page.get_by_role("link", name=campaign.title).first.click()
    page.wait_for_url(f"**/surveys/campaigns/{campaign.pk}/")
    looks(page, "campaign")
    public_url = page.locator("code").first.inner_text().strip()
    assert looks.fits_a_phone(page)  # the long public link wraps
    assert f"/surveys/p/{campaign.public_key}/" in public_url
    page.get_by_role("button", name="Kết quả").click()
    page.wait_for_url("**/results/")
    responses = page.locator(".facts div", has_text="Số phiếu").locator("dd").first
    expect(responses).to_have_text("10")
    looks(page, "results (before)")

    # --- a parent answers on a phone --------------------------------------------------
    parent = console_errors(page_for(viewport=PHONE))
    parent.goto(f"{live_server.url}/surveys/p/{campaign.public_key}/")
    looks(parent, "public survey (phone)")
    for key in ("vc1", "vc2", "hd1"):
        question = survey.questions.get(key=key)
        parent.locator(f"#f-q{question.pk} label", has_text="Rất hài lòng").click()
    parent.get_by_role("button", name="Gửi phiếu trả lời").click()
    parent.wait_for_url("**/surveys/thanks/")
    looks(parent, "survey thanks (phone)")
    assert parent.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1

    # --- the secretariat sees the result move --------------------------------------
    page.reload()
    expect(responses).to_have_text("11")
    looks(page, "results (after)")
    assert console_errors.errors == []
