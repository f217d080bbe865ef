"""The rule that ties an identity from a sign-in service to an IMS account
(ims.sso.services.person_for_identity), case by case."""

import pytest
from django.contrib.auth import get_user_model

from ims.models import ExternalIdentity
from ims.sso.services import Identity, SignInRefused, person_for_identity

pytestmark = pytest.mark.django_db
User = get_user_model()


def oidc(sub="s-1", username="lan", email="lan@so.example", **extra):
    return Identity(
        provider="oidc",
        subject=f"https://id.example {sub}",
        username=username,
        email=email,
        **extra,
    )


def test_a_tied_identity_signs_in_its_account_even_after_a_rename(staff):
    first = person_for_identity(identity=oidc(username="staff", email="staff@example.org"))
    assert first == staff
    staff.username = "lan.nguyen"
    staff.save()
    again = person_for_identity(identity=oidc(username="someone-else", email="x@y.example"))
    assert again == staff


def test_a_switched_off_account_is_not_signed_in(staff):
    person_for_identity(identity=oidc(username="staff", email="staff@example.org"))
    staff.is_active = False
    staff.save()
    with pytest.raises(SignInRefused, match="đã bị khóa"):
        person_for_identity(identity=oidc(username="staff", email="staff@example.org"))


def test_a_new_name_with_the_e_mail_of_another_account_is_refused(staff):
    with pytest.raises(SignInRefused, match="staff@example.org"):
        person_for_identity(identity=oidc(username="lan2", email="Staff@Example.org"))
    assert not User.objects.filter(username="lan2").exists()


def test_an_unverified_e_mail_does_not_tie_an_existing_account(staff):
    with pytest.raises(SignInRefused):
        person_for_identity(
            identity=oidc(username="staff", email="staff@example.org", email_verified=False)
        )
    assert not ExternalIdentity.objects.exists()


def test_an_account_already_tied_is_not_tied_to_a_second_identity(staff):
    person_for_identity(identity=oidc(sub="a", username="staff", email="staff@example.org"))
    with pytest.raises(SignInRefused, match="đã được liên kết"):
        person_for_identity(identity=oidc(sub="b", username="staff", email="staff@example.org"))


def test_without_account_creation_only_existing_people_get_in(staff):
    with pytest.raises(SignInRefused, match="chưa có tài khoản"):
        person_for_identity(identity=oidc(username="newcomer"), create=False)
    tied = person_for_identity(
        identity=oidc(username="staff", email="staff@example.org"), create=False
    )
    assert tied == staff


def test_an_identity_without_a_login_name_is_refused(db):
    with pytest.raises(SignInRefused):
        person_for_identity(identity=oidc(username="  "))
