"""Surveys in the field, in Chromium: the copy button of the public link, and a
refused answer on a phone opening on the first unanswered question."""

import pytest

from surveys.models import Question
from tests.surveys.conftest import make_campaign, make_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_copy_button_puts_the_public_link_on_the_clipboard(page_for, live_server, secretariat):
    campaign = make_campaign(make_survey())
    page = page_for(secretariat)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/surveys/campaigns/{campaign.pk}/")
    link = f"{live_server.url}/surveys/p/{campaign.public_key}/"
    assert page.locator("#public-url").inner_text() == link
    assert page.locator("svg.qr").is_visible()
    page.get_by_role("button", name="Chép đường dẫn").click()
    page.get_by_role("status").filter(has_text="Đã chép đường dẫn").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == link


def test_a_refused_answer_on_a_phone_scrolls_to_and_focuses_the_first_unanswered_question(
    page_for, live_server
):
    survey = make_survey()
    section = survey.questions.first().section
    for n in range(1, 6):  # a longer questionnaire: the question missed is far down
        Question.objects.create(
            survey=survey,
            section=section,
            key=f"mt{n}",
            order=10 + n,
            kind=Question.Kind.LIKERT,
            dimension="environment",
            text=f"Môi trường giáo dục {n}",
            required=True,
        )
    campaign = make_campaign(survey)
    required = list(survey.questions.filter(required=True).order_by("order"))
    *answered, missed = required
    page = page_for(viewport=PHONE)
    page.goto(f"{live_server.url}/surveys/p/{campaign.public_key}/")
    for question in answered:
        page.locator(f"#f-q{question.pk} label", has_text="Hài lòng").first.click()
    page.get_by_role("button", name="Gửi phiếu trả lời").click()
    page.wait_for_selector(".alert")

    # the first question left unanswered has the focus, and is on the screen
    focused = page.locator(":focus")
    assert focused.get_attribute("name") == f"q{missed.pk}"
    question = page.locator(f"#f-q{missed.pk}")
    box = question.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    assert page.evaluate("window.scrollY") > 0
    page.screenshot(path="/tmp/fieldwork-answer-error-phone.png")
