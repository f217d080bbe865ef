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
