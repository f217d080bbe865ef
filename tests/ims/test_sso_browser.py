"""Single sign-on as a person meets it, in Chromium: the sign-in page's button, the
organisation's OpenID Connect provider (a real one, tests/oidc_idp, on the loopback),
and back in IMS signed in; and a directory person (a real slapd) on the sign-in page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from ims.models import ExternalIdentity
from ims.roles import Role
from ims.sso.ldap_config import directory_settings
from tests.factories import make_user
from tests.ims import ldap_directory
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


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    if not ldap_directory.available():
        pytest.skip("slapd is not installed")
    running = ldap_directory.start_directory(
        tmp_path_factory.mktemp("slapd-browser") / "directory",
        [
            ldap_directory.person(
                "quan",
                password="quan-directory-1",
                cn="Cầm Văn Quân",
                sn="Cầm",
                mail="quan@so.example",
            ),
            ldap_directory.person(
                "taken",
                password="taken-directory-1",
                cn="Người Trùng Tên",
                sn="Trùng",
                mail="taken@so.example",
            ),
            ldap_directory.group("lanh-dao", "quan"),
        ],
    )
    yield running
    running.stop()


def test_a_directory_person_signs_in_on_the_sign_in_page_and_a_name_clash_is_explained(
    page_for, live_server, directory, settings
):
    values = directory_settings(
        server_uri=directory.uri,
        bind_dn=ldap_directory.ADMIN_DN,
        bind_password=ldap_directory.ADMIN_PASSWORD,
        user_search_base=ldap_directory.PEOPLE,
        group_search_base=ldap_directory.GROUPS,
        role_groups=f"leadership=cn=lanh-dao,{ldap_directory.GROUPS}",
    )
    for name, value in values.items():
        setattr(settings, name, value)
    make_user("taken", roles=(Role.STAFF,), email="another@so.example")

    page = page_for(viewport=PHONE)
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "taken")
    page.fill("input[name=password]", "taken-directory-1")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.locator("body")).to_contain_text("Đã có tài khoản IMS tên taken")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "login-ldap-clash-390x844.png"), full_page=True)

    page.fill("input[name=username]", "quan")
    page.fill("input[name=password]", "quan-directory-1")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Cầm Văn Quân" in page.locator("details.user-menu summary").inner_text()
    link = ExternalIdentity.objects.select_related("user").get(provider="ldap")
    assert set(link.user.groups.values_list("name", flat=True)) == {Role.LEADERSHIP}
