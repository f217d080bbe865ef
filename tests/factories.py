"""Plain factory functions for test data. Each makes one thing with sensible
defaults; pass what the test cares about."""

import functools
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from ims.models import Department, Position, Profile, Unit

User = get_user_model()
_serial = itertools.count(1)
PASSWORD = "correct-horse-battery-7"


def make_department(code: str | None = None, name: str | None = None, **extra) -> Department:
    n = next(_serial)
    return Department.objects.create(
        code=code or f"D{n}", name=name or f"Phòng thử nghiệm {n}", **extra
    )


def make_unit(code: str | None = None, name: str | None = None, **extra) -> Unit:
    n = next(_serial)
    return Unit.objects.create(code=code or f"U{n}", name=name or f"Trường THPT số {n}", **extra)


def make_position(department: Department, name: str = "Chuyên viên", **extra) -> Position:
    n = next(_serial)
    return Position.objects.create(department=department, code=f"P{n}", name=name, **extra)


@functools.cache
def _password_hash() -> str:
    """PASSWORD hashed once per test process. Hashing is slow on purpose (PBKDF2 with
    Django's iterations, 0.3–2 s a user on a busy machine) and a test makes several
    users; the same hash, as any process checks it, serves them all."""
    return make_password(PASSWORD)


def make_user(
    username: str | None = None,
    *,
    roles: tuple[str, ...] = (),
    department: Department | None = None,
    position: Position | None = None,
    unit: Unit | None = None,
    full_name: str | None = None,
    **extra,
):
    n = next(_serial)
    username = username or f"user{n}"
    user = User(
        username=User.normalize_username(username),
        password=_password_hash(),
        email=User.objects.normalize_email(extra.pop("email", f"{username}@example.org")),
        first_name=full_name or f"Người dùng {n}",
        **extra,
    )
    user.save()
    Profile.objects.create(user=user, department=department, position=position, unit=unit)
    if roles:
        user.groups.set(Group.objects.filter(name__in=roles))
    return user
