"""Single sign-on as a person meets it, in Chromium: the sign-in page's button, the
organisation's OpenID Connect provider (a real one, tests/oidc_idp, on the loopback),
and back in IMS signed in."""

from pathlib import Path

import pytest

from ims.models import ExternalIdentity
from tests.ims.oidc_provider import CLIENT_ID, CLIENT_SECRET, start_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
SCREENS = Path("var/screens")


@pytest.fixture(scope="module")
def provider(live_server):
    running = start_provider(
        redirect_uris=[f"{live_server.url}/login/oidc/callback/"],
        users=[
            {
                "username": "thuha",
                "password": "thuha-secret-1",
                "email": "thuha@so.example",
                "first_name": "Đinh Thị Thu",
                "last_name": "Hà",
            }
        ],
    )
    yield running
    running.stop()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_a_person_signs_in_through_the_organisation_provider_and_lands_in_ims(
    page_for, live_server, provider, settings, viewport
):
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "Cổng đăng nhập Sở"
    size = f"{viewport['width']}x{viewport['height']}"

    page = page_for(viewport=viewport)
    page.goto(f"{live_server.url}/documents/")
    page.wait_for_url("**/login/?next=/documents/")
    button = page.get_by_role("button", name="Đăng nhập bằng Cổng đăng nhập Sở")
    assert button.is_visible()
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"login-sso-{size}.png"), full_page=True)
    button.click()

    page.wait_for_url(f"{provider.issuer.removesuffix('/openid')}/accounts/login/**")
    page.fill("#idp-username", "thuha")
    page.fill("#idp-password", "thuha-secret-1")
    page.get_by_role("button", name="Sign in at the provider").click()

    page.wait_for_url(f"{live_server.url}/documents/")
    page.locator("details.user-menu summary").wait_for()
    assert "Đinh Thị Thu Hà" in page.locator("details.user-menu summary").inner_text()
    link = ExternalIdentity.objects.select_related("user").get(provider="oidc")
    assert link.user.username == "thuha"
