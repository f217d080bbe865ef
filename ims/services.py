"""Writes to the organisation core that touch several rows or send mail."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ims.models import Profile, SchoolYear

User = get_user_model()


def profile_for(user) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def save_person(*, actor, data: dict, user=None, request=None):
    """Create or update a person: login, name, profile and roles.

    A new person with an e-mail address receives a link to set their own
    password; nobody else ever learns it.
    """
    creating = user is None
    if creating:
        user = User(username=data["username"])
        user.set_unusable_password()
    user.username = data["username"]
    user.first_name = data["full_name"].strip()
    user.last_name = ""
    user.email = data.get("email", "")
    user.is_active = data.get("is_active", True)
    user.save()
    profile = profile_for(user)
    profile.department = data.get("department")
    profile.position = data.get("position")
    profile.unit = data.get("unit")
    profile._history_user = actor
    profile.save()
    user.groups.set(Group.objects.filter(name__in=data.get("roles", [])))
    if creating and user.email and request is not None:
        transaction.on_commit(lambda: _send_welcome(user, request))
    return user


def _send_welcome(user, request) -> None:
    """E-mail a new person a one-time link to choose their password.

    Django's password-reset form skips accounts without a usable password, which
    is exactly what a new account is; the link and token are the same.
    """
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
    }
    subject = "".join(render_to_string("registration/welcome_subject.txt", context).splitlines())
    body = render_to_string("registration/welcome_email.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def set_current_school_year(*, year: SchoolYear, actor=None) -> SchoolYear:
    SchoolYear.objects.filter(is_current=True).exclude(pk=year.pk).update(is_current=False)
    year.is_current = True
    year.save(update_fields=["is_current"])
    return year


def ensure_school_year(start_year: int, *, current: bool = False) -> SchoolYear:
    start, end = SchoolYear.bounds(start_year)
    year, _created = SchoolYear.objects.get_or_create(start_date=start, defaults={"end_date": end})
    if current and not year.is_current:
        set_current_school_year(year=year)
    return year
