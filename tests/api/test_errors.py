"""Errors are JSON with a translated message (Vietnamese unless the caller asks for
English); no query value or body yields a 500; calls are throttled; a session call
that writes needs its CSRF token."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/documents/",
    "/api/objectives/",
    "/api/audits/",
    "/api/actions/",
    "/api/campaigns/",
]
ODD_VALUES = ["abc", "-1", "0", "99999999999999999999", "%00", "'; drop table x; --", "x" * 300]


def test_a_malformed_register_filter_is_a_400_in_vietnamese_by_default(world, api_for, staff):
    response = api_for(staff).get("/api/documents/", {"clause": "abc", "status": "nope"})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"clause", "status"}
    assert "Hãy chọn" in " ".join(body["status"])  # Django's "Select a valid choice"


def test_accept_language_en_gives_english(world, api_for, staff):
    api = api_for(staff)
    english = api.get("/api/documents/", {"status": "nope"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Select a valid choice" in english.json()["status"][0]
    refused = api_for(None).get("/api/documents/", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.json() == {"detail": "Authentication credentials were not provided."}
    assert api_for(None).get("/api/documents/").json() == {
        "detail": "Chưa cung cấp thông tin xác thực."
    }


@pytest.mark.parametrize("url", LISTS)
def test_no_query_value_yields_a_500(world, api_for, secretariat, url):
    api = api_for(secretariat)
    for value in ODD_VALUES:
        for name in ("page", "page_size", "q", "kind", "department", "status", "clause"):
            response = api.get(url, {name: value})
            assert response.status_code in (200, 400, 404), (url, name, value)
            assert response["Content-Type"] == "application/json", (url, name, value)


def test_a_page_past_the_end_is_a_404_with_a_reason(world, api_for, staff):
    response = api_for(staff).get("/api/documents/", {"page": 99})
    assert response.status_code == 404
    assert response.json() == {"detail": "Không có trang này."}


def test_a_bad_measurement_is_refused_field_by_field(world, api_for, head):
    url = f"/api/indicators/{world['indicator'].pk}/measurements/"
    api = api_for(head)
    shape = api.post(url, {"period_start": "01/02/2020", "value": "nhiều"}, format="json")
    assert shape.status_code == 400
    assert set(shape.json()) == {"period_start", "value"}
    assert shape.json()["value"] == ["Cần một số hợp lệ."]
    # the service's own rule, with the page's message
    outside = api.post(url, {"period_start": "2001-09-01", "value": "90"}, format="json")
    assert outside.status_code == 400
    assert "ngoài năm học" in " ".join(outside.json()["period"])
    assert world["indicator"].measurements.count() == 0
    not_json = api.post(url, "{", content_type="application/json")
    assert not_json.status_code == 400
    assert "JSON" in not_json.json()["detail"]


def test_a_second_value_for_a_period_is_refused_by_the_service(world, api_for, head):
    url = f"/api/indicators/{world['indicator'].pk}/measurements/"
    payload = {"period_start": world["year"].start_date.isoformat(), "value": "90"}
    api = api_for(head)
    assert api.post(url, payload, format="json").status_code == 201
    again = api.post(url, payload, format="json")
    assert again.status_code == 400
    assert "đã được nhập" in " ".join(again.json()["period"])


def test_calls_past_the_rate_are_throttled_with_a_reason(world, api_for, staff, settings):
    settings.API_READ_RATE = "3/minute"
    api = api_for(staff)
    statuses = [api.get("/api/documents/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get("/api/documents/")
    assert refused.json()["detail"].startswith("Quá nhiều yêu cầu")
    assert int(refused["Retry-After"]) > 0
    # writes are counted apart
    settings.API_WRITE_RATE = "1/minute"
    url = "/api/documents/QT.01-TCCB/change-requests/"
    assert api.post(url, {"reason": "Một"}, format="json").status_code == 201
    assert api.post(url, {"reason": "Hai"}, format="json").status_code == 429


def test_a_session_write_needs_the_csrf_token(world, staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    url = "/api/documents/QT.01-TCCB/change-requests/"
    refused = client.post(url, {"reason": "Sửa"}, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    client.get("/account/security/")  # a page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        url, {"reason": "Sửa"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 201
    assert client.get("/api/documents/").status_code == 200  # reads need no token


def test_the_external_auditors_session_write_is_refused_as_json(world, external):
    client = Client()
    client.force_login(external)
    response = client.post(
        "/api/documents/QT.01-TCCB/change-requests/",
        {"reason": "Sửa"},
        content_type="application/json",
    )
    assert response.status_code == 403  # by ReadOnlyRolesMiddleware, before the view
    assert response.json() == {"detail": "Vai trò của bạn chỉ được xem, không được thay đổi gì."}
