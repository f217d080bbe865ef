import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_lock_the_account_and_say_what_to_do(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": staff.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Quá nhiều lần đăng nhập sai" in page
    assert "trong 15 phút" in page
    assert reverse("password_reset") in page
    assert "_auth_user_id" not in client.session


def test_a_failed_sign_in_redisplays_the_form_with_a_message(client, staff):
    response = client.post(reverse("login"), {"username": staff.username, "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert staff.username in response.content.decode()


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_no_template_contains_an_inline_script_or_a_remote_asset():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for template in root.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        text = template.read_text()
        # PDF templates are read by WeasyPrint, not a browser: inline styles are theirs.
        for_pdf = "pdf" in template.parts
        for marker in (
            "<script>",
            '<script type="text/javascript">',
            "http://",
            "https://cdn",
            "//cdn",
            "onclick=",
            "onload=",
            'style="',
        ):
            if marker == 'style="' and for_pdf:
                continue
            if marker in text:
                offenders.append(f"{template.relative_to(root)}: {marker}")
    assert offenders == []


def test_forms_are_protected_by_csrf(client, staff):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff)
    response = strict.post(reverse("password_change"), {})
    assert response.status_code == 403
    assert "biểu mẫu đã hết hạn" in response.content.decode().lower()


def test_an_unknown_page_shows_a_friendly_404(client_for, staff):
    response = client_for(staff).get("/no-such-page/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_server_error_shows_a_friendly_page_without_a_traceback(client_for, staff, monkeypatch):
    import ims.views

    def explode(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(ims.views, "role_labels", lambda roles: explode(None))
    client = client_for(staff)
    client.raise_request_exception = False
    response = client.get(reverse("home"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "secret internals" not in page and "Traceback" not in page
    assert "Đã có lỗi" in page


def test_production_settings_pass_the_deploy_check():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "DEBUG": "false",
        "HTTPS": "true",
        "SECRET_KEY": "k" * 10 + "-production-secret-with-enough-entropy-0123456789abcdef",
        "ALLOWED_HOSTS": "ims.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr
