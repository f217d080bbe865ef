import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ims.models import Department, Organisation, Unit
from ims.registry import public_url_names
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "persona", ["staff", "head", "secretariat", "leadership", "auditor", "unit_contact"]
)
def test_every_role_signs_in_and_lands_on_its_home_page(persona, request, client):
    user = request.getfixturevalue(persona)
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.status_code == 200
    assert response.context["user"] == user
    assert user.get_full_name() in response.content.decode()


def test_home_shows_department_role_and_the_organisation_statements(client_for, staff):
    Organisation.objects.create(
        name="Sở GDĐT", vision="Tầm nhìn 2040", mission="Sứ mệnh", quality_policy="Chính sách CL"
    )
    page = client_for(staff).get(reverse("home")).content.decode()
    assert "Phòng Tổ chức cán bộ" in page
    assert "Cán bộ" in page  # the Staff role, in Vietnamese
    for text in ("Tầm nhìn 2040", "Sứ mệnh", "Chính sách CL"):
        assert text in page


def _all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _all_url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def _sample_url(name, pattern):
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        kwargs[key] = (
            "x1" if converter.__class__.__name__ in ("StringConverter", "SlugConverter") else 1
        )
    if "uidb64" in kwargs:
        kwargs = {"uidb64": "MQ", "token": "abc-def"}
    return reverse(name, kwargs=kwargs)


def test_anonymous_visitors_are_sent_to_sign_in_from_every_private_page(client):
    """Every page but the public ones; an API endpoint (which signs its caller in itself,
    marked with Django's ``login_not_required``) answers 401 with a JSON reason."""
    checked = 0
    public = public_url_names()
    for name, pattern in _all_url_names():
        if name in public:
            continue
        url = _sample_url(name, pattern)
        response = client.get(url)
        if getattr(pattern.callback, "login_required", True) is False and (
            response.status_code != 302
        ):
            assert response.status_code == 401, name
            assert b"detail" in response.content, name
            continue
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("name", ["login", "password_reset", "password_reset_done"])
def test_sign_in_and_password_reset_pages_are_open_to_everyone(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_password_reset_sends_a_working_link(client, staff):
    client.post(reverse("password_reset"), {"email": staff.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    response = client.get(link.split("testserver")[1], follow=True)
    assert response.context["validlink"]
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Another-secret-42", "new_password2": "Another-secret-42"},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("Another-secret-42")


def test_password_change(client_for, staff):
    client = client_for(staff)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Brand-new-pass-9",
            "new_password2": "Brand-new-pass-9",
        },
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("Brand-new-pass-9")


def test_sign_out_is_a_post(client_for, staff):
    client = client_for(staff)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_secretariat_creates_a_department_through_the_page(client_for, secretariat):
    response = client_for(secretariat).post(
        reverse("ims:department_create"),
        {"code": "gdtrh", "name": "Phòng Giáo dục Trung học", "order": 3, "is_active": "on"},
    )
    assert response.status_code == 302
    department = Department.objects.get(code="GDTRH")
    assert department.name == "Phòng Giáo dục Trung học"
    assert department.history.first().history_user == secretariat


def test_duplicate_department_code_redisplays_the_form_and_saves_nothing(
    client_for, secretariat, department
):
    before = Department.objects.count()
    response = client_for(secretariat).post(
        reverse("ims:department_create"), {"code": "tccb", "name": "Trùng mã", "order": 1}
    )
    assert response.status_code == 200
    assert "Trùng mã" in response.content.decode()  # what was typed is kept
    assert response.context["form"].errors["code"]
    assert "đã tồn tại" in response.content.decode()
    assert Department.objects.count() == before


def test_empty_unit_name_redisplays_the_form_and_saves_nothing(client_for, secretariat):
    response = client_for(secretariat).post(
        reverse("ims:unit_create"), {"code": "DV900", "name": "  ", "kind": "thpt"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert "DV900" in response.content.decode()
    assert not Unit.objects.filter(code="DV900").exists()


def test_secretariat_creates_a_unit(client_for, secretariat):
    response = client_for(secretariat).post(
        reverse("ims:unit_create"),
        {"code": "dv901", "name": "Trường THPT Mường La", "kind": "thpt", "commune": "Xã Mường La"},
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="DV901").commune == "Xã Mường La"


def test_secretariat_adds_a_person_who_gets_a_link_to_set_a_password(
    client_for, secretariat, department, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(secretariat).post(
            reverse("ims:person_create"),
            {
                "username": "lan.nt",
                "full_name": "Nguyễn Thị Lan",
                "email": "lan@example.org",
                "department": department.pk,
                "roles": ["staff"],
                "is_active": "on",
            },
        )
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.get(username="lan.nt")
    assert person.profile.department == department
    assert list(person.groups.values_list("name", flat=True)) == ["staff"]
    assert not person.has_usable_password()
    assert mail.outbox[0].to == ["lan@example.org"]
    assert "lan.nt" in mail.outbox[0].body and "/password/reset/" in mail.outbox[0].body


def test_a_position_of_another_department_is_refused(
    client_for, secretariat, department, other_department
):
    from tests.factories import make_position

    position = make_position(other_department)
    response = client_for(secretariat).post(
        reverse("ims:person_create"),
        {"username": "x", "full_name": "X", "department": department.pk, "position": position.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["position"]


@pytest.mark.parametrize("persona", ["staff", "head", "leadership", "auditor", "unit_contact"])
def test_only_the_secretariat_manages_the_organisation(persona, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    for name in (
        "ims:departments",
        "ims:department_create",
        "ims:units",
        "ims:people",
        "ims:organisation",
    ):
        assert client.get(reverse(name)).status_code == 403, name
    response = client.post(reverse("ims:department_create"), {"code": "X", "name": "Y", "order": 1})
    assert response.status_code == 403
    assert not Department.objects.filter(code="X").exists()


def test_the_403_page_explains_in_vietnamese(client_for, staff):
    page = client_for(staff).get(reverse("ims:departments")).content.decode()
    assert "Bạn không có quyền" in page


def test_navigation_follows_the_role(client_for, staff, secretariat):
    assert reverse("ims:departments") not in client_for(staff).get(reverse("home")).content.decode()
    assert (
        reverse("ims:departments") in client_for(secretariat).get(reverse("home")).content.decode()
    )
