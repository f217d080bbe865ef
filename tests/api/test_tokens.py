"""Personal tokens: made and revoked on the person's account page, kept as a hash,
refused once revoked, for a deactivated person, or for someone who must still set up
two-step sign-in."""

import pytest
from django.urls import reverse

from api import services
from api.models import ApiToken, hash_key

pytestmark = pytest.mark.django_db


def test_the_account_page_makes_a_token_shown_once_and_kept_as_a_hash(client_for, staff):
    client = client_for(staff)
    response = client.post(reverse("api:token_create"), {"name": "Bảng tính KPI"})
    assert response["Location"] == reverse("api:token_created")
    shown = client.get(reverse("api:token_created"))
    assert shown["Cache-Control"] == "no-store"
    key = shown.context["key"]
    token = ApiToken.objects.get(user=staff)
    assert token.name == "Bảng tính KPI"
    assert token.key_hash == hash_key(key) and key not in token.key_hash
    assert client.get(reverse("api:token_created"))["Location"] == reverse("security")
    page = client.get(reverse("security")).content.decode()
    assert "Bảng tính KPI" in page and key not in page and token.prefix in page


def test_a_token_without_a_name_is_not_made(client_for, staff):
    client_for(staff).post(reverse("api:token_create"), {"name": "  "})
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused(api_for, staff, client_for):
    _token, key = services.create_token(actor=staff, name="script")
    api = api_for()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/documents/").status_code == 200
    token = ApiToken.objects.get(user=staff)
    assert token.last_used_at is not None
    client_for(staff).post(reverse("api:token_revoke", args=[token.pk]))
    refused = api.get("/api/documents/")
    assert refused.status_code == 401
    assert refused.json() == {"detail": "Mã truy cập không hợp lệ hoặc đã bị thu hồi."}
    token.refresh_from_db()
    assert token.revoked_at is not None  # kept on record


def test_nobody_revokes_another_persons_token(staff, colleague, client_for):
    token, _key = services.create_token(actor=staff, name="script")
    response = client_for(colleague).post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_bearer_is_accepted_and_a_malformed_header_refused(api_for, staff):
    _token, key = services.create_token(actor=staff, name="script")
    api = api_for()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/documents/").status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {key} extra")
    assert api.get("/api/documents/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION="Token ims_not-a-real-key")
    assert api.get("/api/documents/").status_code == 401


def test_a_deactivated_persons_token_is_refused(api_for, staff):
    api = api_for(staff)
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    assert api.get("/api/documents/").status_code == 401


def test_a_token_waits_for_the_required_two_step_sign_in(api_for, secretariat, settings):
    settings.MFA_REQUIRED_ROLES = ["iso_secretariat"]
    response = api_for(secretariat).get("/api/documents/")
    assert response.status_code == 401
    assert "hai bước" in response.json()["detail"]


def test_the_external_auditor_makes_a_token_and_reads_but_never_writes(
    client_for, external, world, api_for
):
    client = client_for(external)
    client.post(reverse("api:token_create"), {"name": "Đánh giá chứng nhận"})
    key = client.get(reverse("api:token_created")).context["key"]
    api = api_for()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/documents/").status_code == 200
    refused = api.post("/api/documents/QT.01-TCCB/change-requests/", {"reason": "x"}, format="json")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Vai trò của bạn chỉ được xem, không được thay đổi gì."}
