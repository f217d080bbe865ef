"""Sign-in limits (section 6 of issue 15): per account across addresses, the
client's address behind a proxy, password-reset mail limits, two-step sign-in."""

import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ims import services
from ims.middleware import client_ip
from ims.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, address="203.0.113.1", **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- per account, across addresses ---------------------------------------------------


def test_guessing_one_account_from_many_addresses_is_slowed_per_account(client, staff, settings):
    # Two wrong guesses from each of many addresses stay under the per-address lockout…
    for i in range(settings.SIGNIN_ACCOUNT_FAILURES):
        response = sign_in(client, staff.username, f"guess{i}", address=f"198.51.100.{i // 2}")
        assert response.status_code == 200
    # …but the account now waits, even for the right password from a fresh address.
    response = sign_in(client, staff.username, PASSWORD, address="192.0.2.77")
    assert not signed_in(client)
    page = response.content.decode()
    assert "Quá nhiều lần đăng nhập sai vào tài khoản này" in page
    assert "Hãy thử lại sau" in page


def test_the_account_delay_doubles_from_one_minute_and_stops_at_thirty(settings):
    waits = []
    for _ in range(settings.SIGNIN_ACCOUNT_FAILURES + 7):
        services.record_signin_failure(username="staff")
        until = services.signin_delay(username="staff")
        waits.append(round((until - timezone.now()).total_seconds() / 60) if until else 0)
    assert waits[: settings.SIGNIN_ACCOUNT_FAILURES - 1] == [0] * (
        settings.SIGNIN_ACCOUNT_FAILURES - 1
    )
    assert waits[settings.SIGNIN_ACCOUNT_FAILURES - 1 :] == [1, 2, 4, 8, 16, 30, 30, 30]


def test_the_owner_gets_in_once_the_delay_has_passed_and_the_count_starts_again(
    client, staff, settings
):
    settings.SIGNIN_ACCOUNT_FAILURES = 3
    for i in range(settings.SIGNIN_ACCOUNT_FAILURES):
        sign_in(client, staff.username, "wrong", address=f"198.51.100.{i}")
    assert services.signin_delay(username=staff.username)
    # The last failure was two minutes ago: the one-minute wait is over.
    cache.set(services._account_key("last", staff.username), time.time() - 120, 3600)
    sign_in(client, staff.username, PASSWORD, address="192.0.2.1")
    assert signed_in(client)
    client.logout()
    sign_in(client, staff.username, "wrong", address="192.0.2.2")
    assert services.signin_delay(username=staff.username) is None


def test_unknown_names_are_delayed_like_known_ones(client, settings):
    settings.SIGNIN_ACCOUNT_FAILURES = 3
    for i in range(settings.SIGNIN_ACCOUNT_FAILURES):
        sign_in(client, "nobody-here", "wrong", address=f"198.51.100.{i}")
    response = sign_in(client, "nobody-here", "wrong", address="192.0.2.9")
    assert "Hãy thử lại sau" in response.content.decode()


def test_attempts_refused_by_the_address_lockout_do_not_count_against_the_account(
    client, staff, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT + 10):
        sign_in(client, staff.username, "wrong", address="198.51.100.66")
    assert services.signin_delay(username=staff.username) is None
    sign_in(client, staff.username, PASSWORD, address="192.0.2.5")
    assert signed_in(client)


# --- the client's address behind a proxy ------------------------------------------------


def test_the_client_address_is_taken_from_the_proxy_header_only_behind_a_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.8"
    )
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.2"
    settings.BEHIND_PROXY = True
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.CLIENT_IP_PROXY_COUNT = 1
    assert client_ip(request) == "198.51.100.8"  # what the client wrote itself is ignored
    settings.CLIENT_IP_PROXY_COUNT = 2
    assert client_ip(request) == "1.2.3.4"
    settings.CLIENT_IP_PROXY_COUNT = 3  # fewer entries than proxies: the connecting address
    assert client_ip(request) == "10.0.0.2"
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.CLIENT_IP_PROXY_COUNT = 1
    bad = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="not-an-address")
    assert client_ip(bad) == "10.0.0.2"


def test_behind_a_proxy_the_lockout_counts_each_client_not_the_proxy(client, staff, settings):
    settings.BEHIND_PROXY = True
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = {"address": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff.username, "wrong", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    locked = sign_in(client, staff.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert locked.status_code == 429
    # The owner, at another address behind the same proxy, still signs in.
    sign_in(client, staff.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    assert signed_in(client)


# --- password reset ----------------------------------------------------------------------


def reset(client, email, address="203.0.113.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_mails_one_account_at_most_three_times_an_hour(client, staff, settings):
    responses = [reset(client, staff.email, address=f"198.51.100.{i}") for i in range(6)]
    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {reverse("password_reset_done")}
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_ACCOUNT == 3


def test_password_reset_sends_nothing_past_ten_requests_from_one_address(client, settings):
    people = [make_user(f"reset{i}") for i in range(12)]
    responses = [reset(client, person.email) for person in people]
    assert {r["Location"] for r in responses} == {reverse("password_reset_done")}
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_ADDRESS == 10
    # Another address is not held up by that one.
    reset(client, people[-1].email, address="192.0.2.3")
    assert len(mail.outbox) == 11


# --- two-step sign-in ----------------------------------------------------------------------


def enable_totp(user) -> TOTPDevice:
    device = services.start_totp_setup(actor=user)
    codes = services.confirm_totp(actor=user, device=device, token=str(totp(device.bin_key)))
    assert codes and len(codes) == services.RECOVERY_CODES
    device.refresh_from_db()
    device.recovery_codes = codes
    return device


def next_code(device) -> str:
    # The code of the current step was spent confirming the device; the next one is
    # within the allowed drift.
    return f"{totp(device.bin_key, drift=1):06d}"


def test_with_a_device_the_password_alone_does_not_sign_in(client, staff):
    device = enable_totp(staff)
    response = sign_in(client, staff.username, PASSWORD)
    assert response["Location"] == reverse("login_code")
    assert not signed_in(client)
    assert client.get(reverse("home")).status_code == 302
    response = client.post(reverse("login_code"), {"code": next_code(device)})
    assert response["Location"] == reverse("home")
    assert signed_in(client)


def test_without_a_device_the_password_signs_in_as_before(client, staff):
    response = sign_in(client, staff.username, PASSWORD)
    assert response["Location"] == reverse("home")
    assert signed_in(client)


def test_a_wrong_code_is_refused_and_counted_by_the_address_lockout(client, staff, settings):
    enable_totp(staff)
    sign_in(client, staff.username, PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login_code"), {"code": "000000"}, REMOTE_ADDR="203.0.113.1")
        assert response.status_code == 200
        assert "Mã không đúng" in response.content.decode()
    response = client.post(reverse("login_code"), {"code": "000000"}, REMOTE_ADDR="203.0.113.1")
    assert response.status_code == 429
    assert not signed_in(client)


def test_wrong_codes_count_against_the_account(client, staff, settings):
    settings.SIGNIN_ACCOUNT_FAILURES = 3
    settings.AXES_FAILURE_LIMIT = 100
    device = enable_totp(staff)
    sign_in(client, staff.username, PASSWORD)
    for _ in range(settings.SIGNIN_ACCOUNT_FAILURES):
        client.post(reverse("login_code"), {"code": "000000"})
    response = client.post(reverse("login_code"), {"code": next_code(device)})
    assert "Hãy thử lại sau" in response.content.decode()
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once(client, staff):
    device = enable_totp(staff)
    code = device.recovery_codes[0]
    sign_in(client, staff.username, PASSWORD)
    client.post(reverse("login_code"), {"code": code.upper()})
    assert signed_in(client)
    client.logout()
    sign_in(client, staff.username, PASSWORD)
    response = client.post(reverse("login_code"), {"code": code})
    assert not signed_in(client)
    assert response.status_code == 200
    assert services.recovery_codes_left(staff) == services.RECOVERY_CODES - 1


def test_the_code_page_without_a_password_first_goes_back_to_sign_in(client, staff):
    enable_totp(staff)
    response = client.post(reverse("login_code"), {"code": "123456"})
    assert response["Location"] == reverse("login")


def test_an_unfinished_two_step_sign_in_expires(client, staff):
    device = enable_totp(staff)
    sign_in(client, staff.username, PASSWORD)
    session = client.session
    session["ims_signin_pending"]["at"] -= 600
    session.save()
    response = client.post(reverse("login_code"), {"code": next_code(device)})
    assert response["Location"] == reverse("login")
    assert not signed_in(client)


def test_the_admin_sign_in_goes_through_the_same_two_steps(client, staff):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_setting_up_needs_a_code_from_the_app(client_for, staff):
    client = client_for(staff)
    client.post(reverse("security_setup"), {"start": "1"})
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    page = client.get(reverse("security")).content.decode()
    assert "data:image/svg+xml" in page  # the QR code, drawn on the server
    response = client.post(reverse("security_setup"), {"code": "000000"})
    assert response.status_code == 400
    assert not services.has_two_factor(staff)
    time.sleep(1.1)  # django-otp refuses any code for a second after a wrong one
    response = client.post(reverse("security_setup"), {"code": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == reverse("security_codes")
    assert services.has_two_factor(staff)
    first = client.get(reverse("security_codes")).content.decode()
    assert first.count("<li><code>") == services.RECOVERY_CODES
    # Shown once only.
    assert client.get(reverse("security_codes"))["Location"] == reverse("security")


def test_turning_two_step_sign_in_off_needs_the_password(client_for, staff):
    enable_totp(staff)
    client = client_for(staff)
    response = client.post(reverse("security_disable"), {"password": "wrong"})
    assert response.status_code == 400
    assert services.has_two_factor(staff)
    client.post(reverse("security_disable"), {"password": PASSWORD})
    assert not services.has_two_factor(staff)
    assert services.recovery_codes_left(staff) == 0


def test_new_recovery_codes_replace_the_old_ones(client_for, staff):
    device = enable_totp(staff)
    client = client_for(staff)
    response = client.post(reverse("security_new_codes"), {"codes-password": PASSWORD})
    assert response["Location"] == reverse("security_codes")
    assert (
        not staff.staticdevice_set.first().token_set.filter(token=device.recovery_codes[0]).exists()
    )
    assert services.recovery_codes_left(staff) == services.RECOVERY_CODES


def test_a_required_role_without_a_device_is_sent_to_set_it_up(client_for, settings):
    settings.MFA_REQUIRED_ROLES = [Role.ISO_SECRETARIAT, Role.LEADERSHIP]
    secretary = make_user("sec2fa", roles=(Role.ISO_SECRETARIAT,))
    client = client_for(secretary)
    for url in [reverse("home"), "/documents/", "/admin/"]:
        assert client.get(url)["Location"] == reverse("security"), url
    page = client.get(reverse("security")).content.decode()
    assert "Vai trò của bạn yêu cầu xác thực hai bước" in page
    enable_totp(secretary)
    assert client.get(reverse("home")).status_code == 200


def test_a_misspelt_required_role_stops_the_start():
    from django.core.exceptions import ImproperlyConfigured

    from ims.permissions import check_required_roles

    check_required_roles(["iso_secretariat", "leadership"])
    with pytest.raises(ImproperlyConfigured, match="secretariat"):
        check_required_roles(["secretariat"])


def test_other_roles_are_not_sent_to_set_up(client_for, staff, settings):
    settings.MFA_REQUIRED_ROLES = [Role.ISO_SECRETARIAT, Role.LEADERSHIP]
    assert client_for(staff).get(reverse("home")).status_code == 200
