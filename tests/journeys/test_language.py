"""The language switcher, clicked while signed in: the page turns to English and
back, and the person's choice is remembered for the e-mails IMS sends them
(tests/ims/test_language.py proves the e-mails)."""

import pytest
from playwright.sync_api import expect

from ims.language import language_of
from ims.models import Profile
from tests.journeys.conftest import LAPTOP


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_switching_to_english_while_signed_in_is_remembered_for_the_e_mails(
    page_for, live_server, console_errors, staff
):
    assert language_of(staff) == "vi"
    page = console_errors(page_for(staff, viewport=LAPTOP))
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    page.get_by_role("button", name="EN").click()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    assert Profile.objects.get(user=staff).language == "en"
    page.get_by_role("button", name="VI").click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    assert Profile.objects.get(user=staff).language == "vi"
    assert console_errors.errors == []


def test_a_new_browser_opens_in_the_language_the_person_chose_before(
    browser, live_server, console_errors, staff
):
    from ims.language import remember_language
    from tests.factories import PASSWORD

    remember_language(user=staff, language="en")
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    try:
        page = console_errors(context.new_page())
        page.goto(f"{live_server.url}/")
        page.get_by_label("Tên đăng nhập").fill(staff.username)  # signed out: Vietnamese
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("heading", name="My work")).to_be_visible()
    finally:
        context.close()
    assert console_errors.errors == []


def test_english_chosen_on_the_sign_in_page_is_remembered_at_sign_in(
    browser, live_server, console_errors, head
):
    from tests.factories import PASSWORD

    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    try:
        page = console_errors(context.new_page())
        page.goto(f"{live_server.url}/")
        page.get_by_role("button", name="EN").click()
        page.get_by_label("Username").fill(head.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="My work")).to_be_visible()
    finally:
        context.close()
    assert Profile.objects.get(user=head).language == "en"
    assert console_errors.errors == []
