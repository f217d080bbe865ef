"""Two-step sign-in as a person meets it, in Chromium."""

import time
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ims.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
SCREENS = Path("var/screens")


def shoot(page, name):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / name), full_page=True)


def sign_out(page):
    page.locator("details.user-menu summary").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/login/")


def enter_password(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def enter_code(page, code):
    """Type the code and send it; returns once the answer page has loaded (a wrong code
    comes back to the same address, so waiting for the address would not wait)."""
    page.fill("input[name=code]", code)
    with page.expect_navigation():
        page.get_by_role("button", name="Xác nhận").click()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_a_person_turns_on_two_step_sign_in_and_signs_in_with_the_app_and_a_recovery_code(
    page_for, live_server, staff, viewport
):
    size = f"{viewport['width']}x{viewport['height']}"
    page = page_for(staff, viewport=viewport)
    page.goto(f"{live_server.url}/")
    page.locator("details.user-menu summary").click()
    page.get_by_role("link", name="Bảo mật").click()
    page.wait_for_url("**/account/security/")
    page.get_by_role("button", name="Thiết lập xác thực hai bước").click()
    qr = page.locator("figure.qr img")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    shown_key = page.locator("#totp-secret").inner_text().replace(" ", "")
    assert shown_key == device.config_url.split("secret=")[1].split("&")[0]
    shoot(page, f"security-setup-{size}.png")
    page.fill("input[name=code]", f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    page.wait_for_url("**/account/security/codes/")
    codes = page.locator("ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    shoot(page, f"security-codes-{size}.png")
    page.get_by_role("button", name="Tôi đã lưu các mã").click()
    expect(page.locator("body")).to_contain_text("Xác thực hai bước đang bật")
    shoot(page, f"security-on-{size}.png")
    sign_out(page)

    # Password, then a wrong code, then the app's code.
    enter_password(page, live_server, staff)
    page.wait_for_url("**/login/code/")
    shoot(page, f"login-code-{size}.png")
    enter_code(page, "000000")
    assert "Mã không đúng" in page.locator(".field-invalid").inner_text()
    assert page.url.endswith("/login/code/")
    time.sleep(1.1)  # django-otp refuses any code for a second after a wrong one
    device.refresh_from_db()
    enter_code(page, f"{totp(device.bin_key, drift=1):06d}")
    page.wait_for_url(f"{live_server.url}/")
    sign_out(page)
    shoot(page, f"login-{size}.png")

    # A recovery code works once.
    enter_password(page, live_server, staff)
    page.wait_for_url("**/login/code/")
    enter_code(page, codes[0])
    page.wait_for_url(f"{live_server.url}/")
    sign_out(page)
    enter_password(page, live_server, staff)
    page.wait_for_url("**/login/code/")
    enter_code(page, codes[0])
    assert page.url.endswith("/login/code/")
    assert "Mã không đúng" in page.content()


def test_the_secretariat_is_sent_to_set_up_two_step_sign_in_after_signing_in(
    page_for, live_server, settings
):
    settings.MFA_REQUIRED_ROLES = [Role.ISO_SECRETARIAT, Role.LEADERSHIP]
    secretary = make_user("sec2fa", roles=(Role.ISO_SECRETARIAT,), full_name="Trần Văn Bảo")
    page = page_for(viewport=LAPTOP)
    enter_password(page, live_server, secretary)
    page.wait_for_url("**/account/security/")
    assert "Vai trò của bạn yêu cầu xác thực hai bước" in page.content()
    page.goto(f"{live_server.url}/documents/")
    assert page.url.endswith("/account/security/")
    shoot(page, "security-required-1366x800.png")


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_a_person_whose_account_is_being_guessed_is_told_when_to_try_again(
    page_for, live_server, staff, settings, viewport
):
    from ims import services

    for _ in range(settings.SIGNIN_ACCOUNT_FAILURES):
        services.record_signin_failure(username=staff.username)
    page = page_for(viewport=viewport)
    enter_password(page, live_server, staff)
    alert = page.locator(".form-errors")
    assert "Hãy thử lại sau" in alert.inner_text()
    assert page.url.endswith("/login/")
    shoot(page, f"login-delayed-{viewport['width']}x{viewport['height']}.png")
