"""OpenID Connect sign-in against a real provider (django-oidc-provider in its own
process on the loopback, tests/oidc_idp), driven through IMS's pages."""

import html
import re
from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ims.models import ExternalIdentity
from tests.factories import PASSWORD
from tests.ims.oidc_provider import CLIENT_ID, CLIENT_SECRET, free_port, start_provider

pytestmark = pytest.mark.django_db

AT_PROVIDER = {
    "lan": ("lan-secret-1", "lan@so.example", "Thị Lan", "Nguyễn"),
    "staff": ("staff-secret-1", "staff@example.org", "Thị Lan", "Nguyễn"),
    "colleague": ("colleague-secret-1", "someone.else@so.example", "Văn", "Khác"),
    "head": ("head-secret-1", "head@example.org", "Văn Hùng", "Lò"),
}


@pytest.fixture(scope="module")
def provider():
    users = [
        {"username": u, "password": p, "email": e, "first_name": f, "last_name": last}
        for u, (p, e, f, last) in AT_PROVIDER.items()
    ]
    running = start_provider(redirect_uris=["http://testserver/login/oidc/callback/"], users=users)
    yield running
    running.stop()


@pytest.fixture
def oidc(settings, provider):
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "VNeID Sở"
    return provider


def through_provider(client, username, *, next_url=None):
    """Click "Sign in with …", sign in at the provider as ``username``, come back.
    Returns IMS's answer to the provider's redirect."""
    url = reverse("oidc_login") + (f"?next={next_url}" if next_url else "")
    start = client.get(url)
    assert start.status_code == 302, start
    authorize = start["Location"]
    assert authorize.startswith(client_settings().OIDC_ISSUER + "/authorize")
    at_provider = requests.Session()
    page = at_provider.get(authorize, timeout=10)
    assert "Test identity provider" in page.text
    hidden_next = html.unescape(re.search(r'name="next" value="([^"]*)"', page.text)[1])
    signed = at_provider.post(
        page.url,
        data={
            "username": username,
            "password": AT_PROVIDER[username][0],
            "next": hidden_next,
            "csrfmiddlewaretoken": at_provider.cookies["idp_csrftoken"],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert signed.status_code == 302, signed.text
    back = at_provider.get(
        urlsplit(page.url)._replace(path=signed.headers["Location"], query="").geturl()
        if signed.headers["Location"].startswith("/")
        else signed.headers["Location"],
        allow_redirects=False,
        timeout=10,
    )
    callback = back.headers["Location"]
    assert callback.startswith("http://testserver/login/oidc/callback/?"), callback
    return client.get(callback.removeprefix("http://testserver"))


def client_settings():
    from django.conf import settings

    return settings


def signed_in_as(client):
    from django.contrib.auth import get_user

    return get_user(client)


def test_the_sign_in_page_offers_the_provider_only_when_it_is_configured(client, settings):
    settings.OIDC_ISSUER = ""
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập bằng" not in page
    assert client.get(reverse("oidc_login")).status_code == 404
    assert client.get(reverse("oidc_callback")).status_code == 404
    settings.OIDC_ISSUER = "https://id.example.org"
    settings.OIDC_PROVIDER_NAME = "VNeID Sở"
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập bằng VNeID Sở" in page
    assert reverse("oidc_login") in page


def test_a_new_person_signs_in_through_the_provider_and_gets_an_account(client, oidc):
    response = through_provider(client, "lan", next_url="/documents/")
    assert response.status_code == 302
    assert response["Location"] == "/documents/"
    user = signed_in_as(client)
    assert user.is_authenticated and user.username == "lan"
    assert user.email == "lan@so.example"
    assert user.first_name == "Thị Lan Nguyễn"
    assert not user.has_usable_password()
    assert user.profile.department is None
    link = ExternalIdentity.objects.get(user=user)
    assert link.provider == "oidc" and link.subject.startswith(oidc.issuer + " ")
    # The second time, the identity finds the same account.
    client.logout()
    through_provider(client, "lan")
    assert signed_in_as(client).pk == user.pk
    assert ExternalIdentity.objects.count() == 1


def test_a_local_account_with_the_same_name_and_e_mail_is_tied_not_duplicated(client, oidc, staff):
    through_provider(client, "staff")
    assert signed_in_as(client).pk == staff.pk
    assert ExternalIdentity.objects.get(provider="oidc").user == staff
    # The local password keeps working too.
    client.logout()
    client.post(reverse("login"), {"username": "staff", "password": PASSWORD})
    assert signed_in_as(client).pk == staff.pk


def test_a_local_account_with_the_same_name_but_another_e_mail_is_not_taken_over(
    client, oidc, colleague
):
    response = through_provider(client, "colleague")
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert not signed_in_as(client).is_authenticated
    assert not ExternalIdentity.objects.exists()
    page = client.get(reverse("login")).content.decode()
    assert "Đã có tài khoản IMS tên colleague" in page


def test_a_person_with_two_step_sign_in_gives_their_code_after_the_provider(client, oidc, head):
    device = TOTPDevice.objects.create(user=head, name="TOTP", confirmed=True)
    response = through_provider(client, "head", next_url="/audits/")
    assert response["Location"] == reverse("login_code")
    assert not signed_in_as(client).is_authenticated
    response = client.post(reverse("login_code"), {"code": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302 and response["Location"] == "/audits/"
    assert signed_in_as(client).pk == head.pk


def test_a_provider_that_cannot_be_reached_leaves_local_sign_in_working(client, settings, staff):
    settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}/openid"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "VNeID Sở"
    response = client.get(reverse("oidc_login"), follow=True)
    assert "VNeID Sở hiện không kết nối được" in response.content.decode()
    client.post(reverse("login"), {"username": "staff", "password": PASSWORD})
    assert signed_in_as(client).pk == staff.pk


def test_a_callback_the_provider_did_not_send_signs_nobody_in(client, oidc, staff):
    client.get(reverse("oidc_login"))
    response = client.get(reverse("oidc_callback") + "?code=forged&state=forged")
    assert response.status_code == 400
    assert not signed_in_as(client).is_authenticated
    response = client.get(reverse("oidc_callback") + "?error=access_denied")
    assert response["Location"] == reverse("login")
    assert not signed_in_as(client).is_authenticated
