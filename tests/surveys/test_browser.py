import pytest

from surveys.models import Response
from tests.conftest import wait_until
from tests.surveys.conftest import answer, make_campaign, make_survey

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 360, "height": 740}


def test_a_parent_answers_on_a_phone_and_a_missed_question_keeps_the_choices(page_for, live_server):
    survey = make_survey()
    campaign = make_campaign(survey)
    page = page_for(viewport=PHONE)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/surveys/p/{campaign.public_key}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    vc1, vc2, hd1 = (survey.questions.get(key=k) for k in ("vc1", "vc2", "hd1"))
    page.locator(f"#f-q{vc1.pk} label", has_text="Rất hài lòng").click()
    page.locator(f"#f-q{hd1.pk} label", has_text="Hài lòng").first.click()
    page.fill("textarea", "Trường cần thêm quạt")
    page.get_by_role("button", name="Gửi phiếu trả lời").click()

    page.wait_for_selector(".alert")
    assert "Vui lòng trả lời câu hỏi này" in page.locator(f"#f-q{vc2.pk}").inner_text()
    assert page.locator(f"input[name=q{vc1.pk}][value='5']").is_checked()
    assert page.locator("textarea").input_value() == "Trường cần thêm quạt"
    page.screenshot(path="var/screens/survey-phone-error.png", full_page=True)

    page.locator(f"#f-q{vc2.pk} label", has_text="Bình thường").click()
    page.get_by_role("button", name="Gửi phiếu trả lời").click()
    page.wait_for_url("**/surveys/thanks/")
    assert "đã được ghi nhận" in page.content()
    stored = Response.objects.get()
    values = dict(stored.answers.values_list("question__key", "value"))
    assert (values["vc1"], values["vc2"]) == (5, 3)
    assert errors == []


def test_the_results_page_draws_its_charts_without_errors(page_for, live_server, leadership):
    campaign = make_campaign(make_survey())
    for row in [(5, 4, 3), (4, 4, 2), (5, 5, 5)]:
        answer(campaign, row)
    page = page_for(leadership)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/surveys/campaigns/{campaign.pk}/results/")
    # Polled from here: the page's CSP forbids the eval that wait_for_function uses.
    wait_until(lambda: page.evaluate("!!(window.Chart && Chart.getChart('survey-dimensions'))"))
    # facilities 5,4,4,4,5,5 -> 100 %; activities 3,2,5 -> 33.3 %
    data = page.evaluate("Chart.getChart('survey-dimensions').data")
    assert data["labels"] == ["Cơ sở vật chất, trang thiết bị", "Hoạt động giáo dục"]
    assert data["datasets"][0]["data"] == [100, 33.3]
    assert errors == []
