"""Writes to the organisation core that touch several rows or send mail, and the
sign-in rules kept beside django-axes and django-otp (per-account delay, reset
e-mail limits, two-factor devices)."""

import hashlib
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

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
@transaction.atomic
def save_organisation(*, actor, organisation, change_reason: str = ""):
    """Save the organisation's particulars, its history row naming ``actor`` and why."""
    organisation._history_user = actor
    organisation._change_reason = change_reason
    organisation.save()
    return organisation


@transaction.atomic
def save_reference_row(*, actor, row):
    """Save a department, unit or position; the history row names ``actor``."""
    row._history_user = actor
    row.save()
    return row


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


# --- sign-in: a per-account delay across addresses ---------------------------------
# django-axes counts failures per name *and* address, so each new address brings
# fresh guesses. This counts failures per name alone, in the cache, and past
# SIGNIN_ACCOUNT_FAILURES makes each further attempt wait a doubling delay (capped):
# guessing from many addresses slows to a crawl, while the owner waits minutes at most.


def _account_key(kind: str, username: str) -> str:
    name = (username or "").strip().casefold()
    return f"signin:{kind}:" + hashlib.sha256(name.encode()).hexdigest()[:32]


def signin_delay(*, username: str) -> datetime | None:
    """When the next attempt at ``username`` is allowed, if that is still to come."""
    state = cache.get_many([_account_key("failures", username), _account_key("last", username)])
    failures = state.get(_account_key("failures", username), 0)
    last = state.get(_account_key("last", username))
    over = failures - settings.SIGNIN_ACCOUNT_FAILURES
    if over < 0 or last is None:
        return None
    minutes = min(
        settings.SIGNIN_ACCOUNT_BASE_DELAY_MINUTES * 2**over,
        settings.SIGNIN_ACCOUNT_MAX_DELAY_MINUTES,
    )
    until = datetime.fromtimestamp(last, tz=UTC) + timedelta(minutes=minutes)
    return until if until > timezone.now() else None


def record_signin_failure(*, username: str) -> None:
    """Count a failed password or two-factor code for ``username`` (known or not:
    the answer must not tell which names exist). The window slides: it restarts
    SIGNIN_ACCOUNT_WINDOW_HOURS after the last failure."""
    window = settings.SIGNIN_ACCOUNT_WINDOW_HOURS * 3600
    _count(_account_key("failures", username), window)
    cache.set(_account_key("last", username), timezone.now().timestamp(), window)


def reset_signin_failures(*, username: str) -> None:
    cache.delete_many([_account_key("failures", username), _account_key("last", username)])


def _count(key: str, timeout: int, *, slide: bool = True) -> int:
    """Add one to the counter ``key`` atomically (Redis INCR) and return it."""
    cache.add(key, 0, timeout)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        used = 1
    if slide:
        cache.touch(key, timeout)
    return used


# --- password reset: e-mails per account and per address ---------------------------


def _take_hourly(key: str, limit: int) -> bool:
    """Count one use of ``key`` in the current hour; False once past ``limit``."""
    return _count(key, 3600, slide=False) <= limit


def allow_password_reset(*, address: str) -> bool:
    """Whether one more reset request from the client ``address`` may send mail."""
    return _take_hourly(f"pwreset:ip:{address}", settings.PASSWORD_RESET_PER_ADDRESS)


def allow_password_reset_mail(*, user) -> bool:
    """Whether ``user`` may be sent one more reset e-mail this hour."""
    return _take_hourly(f"pwreset:user:{user.pk}", settings.PASSWORD_RESET_PER_ACCOUNT)


# --- two-factor devices (django-otp) -----------------------------------------------

RECOVERY_CODES = 10


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def start_totp_setup(*, actor) -> TOTPDevice:
    """The device being set up for ``actor``: unconfirmed, so it signs nothing in
    until a code from the app confirms it. A new secret each time set-up restarts."""
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name="TOTP", confirmed=False)


def pending_totp_device(*, actor) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=actor, confirmed=False).first()


@transaction.atomic
def confirm_totp(*, actor, device: TOTPDevice, token: str) -> list[str] | None:
    """Turn two-factor sign-in on if ``token`` is the app's current code: the device
    is confirmed, any earlier one removed, and a fresh set of one-time recovery codes
    made and returned (shown once; only the device keeps them). None when the code
    is wrong."""
    if device.user_id != actor.pk or device.confirmed or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=actor, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return make_recovery_codes(actor=actor)


@transaction.atomic
def make_recovery_codes(*, actor) -> list[str]:
    """Replace ``actor``'s recovery codes with RECOVERY_CODES new ones."""
    StaticDevice.objects.filter(user=actor).delete()
    device = StaticDevice.objects.create(user=actor, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def disable_two_factor(*, actor) -> None:
    TOTPDevice.objects.filter(user=actor).delete()
    StaticDevice.objects.filter(user=actor).delete()
