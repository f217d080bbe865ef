"""A person makes a token on their account page, a program calls the API with it, the
person revokes it, and the next call is refused."""

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SCREENS = Path("var/screens")


def _call(url: str, key: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {key}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["laptop", "phone"])
def test_a_token_made_on_the_account_page_calls_the_api_until_revoked(
    page_for, live_server, staff, viewport
):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = page_for(staff, viewport=viewport)
    page.goto(f"{live_server.url}/account/security/")
    page.get_by_label("Mã truy cập dùng để làm gì").fill("Bảng tính KPI")
    page.get_by_role("button", name="Tạo mã truy cập").click()
    page.wait_for_url("**/account/api-tokens/new/")
    key = page.locator("#api-token").inner_text().strip()
    assert key.startswith("ims_")
    assert _call(f"{live_server.url}/api/documents/", key) == 200

    page.get_by_role("link", name="Quay lại trang tài khoản").click()
    row = page.locator("ul.tokens li", has_text="Bảng tính KPI")
    expect(row).to_be_visible()
    page.screenshot(path=str(SCREENS / f"api-tokens-{'phone' if viewport else 'laptop'}.png"))
    row.get_by_role("button", name="Thu hồi mã truy cập Bảng tính KPI").click()
    expect(page.locator("ul.tokens li.revoked", has_text="Đã thu hồi")).to_be_visible()
    assert _call(f"{live_server.url}/api/documents/", key) == 401


def test_the_documentation_page_shows_the_endpoints_with_local_assets(page_for, live_server, staff):
    page = page_for(staff)
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/api/docs/")
    page.locator("text=/api/documents/").first.wait_for()
    page.screenshot(path=str(SCREENS / "api-docs.png"))
    assert not outside, outside
    # Swagger UI sets one inline style, which the CSP's style-src blocks without a
    # visible effect; no script of it is blocked.
    assert not [e for e in errors if "script-src" in e], errors
