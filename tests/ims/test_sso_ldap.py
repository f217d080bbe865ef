"""LDAP / Active Directory sign-in against a real directory: Debian's slapd, started by
the tests on a free loopback port (tests/ims/ldap_directory.py)."""

import ldap
import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from ims import services
from ims.models import ExternalIdentity, Position
from ims.roles import Role
from ims.sso.ldap_config import directory_settings
from tests.factories import PASSWORD
from tests.ims import ldap_directory
from tests.ims.ldap_directory import ADMIN_DN, ADMIN_PASSWORD, GROUPS, PEOPLE, group, person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ldap_directory.available(), reason="slapd is not installed"),
]

ISO_GROUP = f"cn=ban-iso,{GROUPS}"
STAFF_GROUP = f"cn=can-bo,{GROUPS}"


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    running = ldap_directory.start_directory(
        tmp_path_factory.mktemp("slapd") / "directory",
        [
            person(
                "minh",
                password="minh-directory-1",
                cn="Trần Văn Minh",
                sn="Trần",
                mail="minh@so.example",
                department="TCCB",
                title="Chuyên viên tổ chức",
            ),
            person(
                "staff",
                password="staff-directory-1",
                cn="Nguyễn Thị Lan",
                sn="Nguyễn",
                mail="staff@example.org",
            ),
            person(
                "colleague",
                password="colleague-directory-1",
                cn="Người Khác",
                sn="Khác",
                mail="someone.else@so.example",
            ),
            group("ban-iso", "minh", "thuy"),  # groupOfNames needs a member left
            group("can-bo", "minh", "staff"),
        ],
    )
    yield running
    running.stop()


@pytest.fixture
def ldap_on(settings, directory):
    values = directory_settings(
        server_uri=directory.uri,
        bind_dn=ADMIN_DN,
        bind_password=ADMIN_PASSWORD,
        user_search_base=PEOPLE,
        group_search_base=GROUPS,
        role_groups=f"iso_secretariat={ISO_GROUP};staff={STAFF_GROUP}",
    )
    for name, value in values.items():
        setattr(settings, name, value)
    return directory


def sign_in(client, username, password, address="203.0.113.9"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def roles_of(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_a_directory_person_signs_in_and_gets_an_account_with_department_position_and_roles(
    client, ldap_on, department
):
    position = Position.objects.create(
        department=department, code="CV-TCCB", name="Chuyên viên tổ chức"
    )
    response = sign_in(client, "minh", "minh-directory-1")
    assert response.status_code == 302
    user = get_user(client)
    assert user.is_authenticated and user.username == "minh"
    assert user.first_name == "Trần Văn Minh" and user.email == "minh@so.example"
    assert not user.has_usable_password()
    assert user.profile.department == department
    assert user.profile.position == position
    assert roles_of(user) == {Role.ISO_SECRETARIAT, Role.STAFF}
    assert ExternalIdentity.objects.get(user=user).provider == "ldap"


def test_roles_follow_the_directory_groups_at_each_sign_in(client, ldap_on, department):
    sign_in(client, "minh", "minh-directory-1")
    user = get_user(client)
    user.groups.add(Group.objects.get(name=Role.AUDITOR))  # given in IMS, not mapped
    client.logout()
    conn = ldap_on.connect()
    conn.modify_s(ISO_GROUP, [(ldap.MOD_DELETE, "member", [f"uid=minh,{PEOPLE}".encode()])])
    try:
        sign_in(client, "minh", "minh-directory-1")
        assert get_user(client).pk == user.pk
        assert roles_of(user) == {Role.STAFF, Role.AUDITOR}
    finally:
        conn.modify_s(ISO_GROUP, [(ldap.MOD_ADD, "member", [f"uid=minh,{PEOPLE}".encode()])])


def test_a_wrong_directory_password_is_refused_and_counts_toward_the_sign_in_limits(
    client, ldap_on, settings
):
    settings.SIGNIN_ACCOUNT_FAILURES = 2
    for i in range(2):
        response = sign_in(client, "minh", "wrong", address=f"198.51.100.{i}")
        assert response.status_code == 200
        assert "Tên đăng nhập và mật khẩu chính xác" in response.content.decode()
    assert not get_user(client).is_authenticated
    assert AccessAttempt.objects.filter(username="minh").count() == 2  # per address (axes)
    assert services.signin_delay(username="minh")  # per account
    # Now even the right directory password waits, as for a local account.
    response = sign_in(client, "minh", "minh-directory-1", address="192.0.2.50")
    assert not get_user(client).is_authenticated
    assert "Quá nhiều lần đăng nhập sai vào tài khoản này" in response.content.decode()


def test_local_accounts_keep_working_beside_the_directory(client, ldap_on, staff, head):
    sign_in(client, "head", PASSWORD)
    assert get_user(client).pk == head.pk
    client.logout()
    # staff is also in the directory, with the same e-mail: both passwords open the account.
    sign_in(client, "staff", PASSWORD)
    assert get_user(client).pk == staff.pk
    client.logout()
    sign_in(client, "staff", "staff-directory-1")
    assert get_user(client).pk == staff.pk
    assert ExternalIdentity.objects.get(provider="ldap").user == staff


def test_a_local_account_with_the_directory_name_but_another_e_mail_is_not_taken_over(
    client, ldap_on, colleague
):
    response = sign_in(client, "colleague", "colleague-directory-1")
    assert not get_user(client).is_authenticated
    assert "Đã có tài khoản IMS tên colleague" in response.content.decode()
    assert not ExternalIdentity.objects.exists()
    assert colleague.email == "colleague@example.org"


def test_the_directory_is_not_asked_when_it_is_not_configured(client, directory, settings):
    settings.LDAP_ENABLED = False
    sign_in(client, "minh", "minh-directory-1")
    assert not get_user(client).is_authenticated


@pytest.mark.parametrize(
    "bad",
    [
        {"role_groups": "chief=cn=x,dc=so"},
        {"role_groups": "staff"},
        {"group_type": "ldapish"},
        {"user_filter": "(uid=minh)"},
        {"user_search_base": ""},
    ],
    ids=["unknown-role", "no-dn", "group-type", "filter-without-user", "no-search-base"],
)
def test_a_directory_setting_that_cannot_work_fails_loudly(bad):
    values = {
        "server_uri": "ldap://127.0.0.1:1",
        "user_search_base": PEOPLE,
        "group_search_base": GROUPS,
        **bad,
    }
    with pytest.raises(ImproperlyConfigured):
        directory_settings(**values)


def test_a_directory_that_is_down_refuses_its_people_and_leaves_local_sign_in_working(
    client, settings, staff
):
    values = directory_settings(
        server_uri=f"ldap://127.0.0.1:{ldap_directory.free_port()}",
        user_search_base=PEOPLE,
        timeout=2,
    )
    for name, value in values.items():
        setattr(settings, name, value)
    response = sign_in(client, "minh", "minh-directory-1")
    assert response.status_code == 200 and not get_user(client).is_authenticated
    sign_in(client, "staff", PASSWORD)
    assert get_user(client).pk == staff.pk


def test_a_directory_person_confirms_a_sign_off_with_the_directory_password(client, ldap_on, rf):
    from ims.reauth import ConfirmSignOffForm

    sign_in(client, "minh", "minh-directory-1")
    user = get_user(client)
    request = rf.post("/", REMOTE_ADDR="203.0.113.9")
    request.user = user
    right = ConfirmSignOffForm({"secret": "minh-directory-1"}, user=user, request=request)
    assert right.is_valid(), right.errors
    wrong = ConfirmSignOffForm({"secret": "not-it"}, user=user, request=request)
    assert not wrong.is_valid()
    assert AccessAttempt.objects.filter(username="minh").exists()
