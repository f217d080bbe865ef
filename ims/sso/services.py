"""Tying identities from outside sign-in services to IMS accounts.

The rule (README, "Single sign-on"):

1. An identity already tied to an account signs that account in (if it is active).
2. Otherwise the service's login name is looked up (case-insensitively):
   - no account has it: a new account is made (unless another account already uses
     the service's e-mail address: that is a different local person, and nothing
     is merged);
   - an account has it and its e-mail address is the same as the service's
     (verified, where the service says): the identity is tied to it;
   - an account has it with another or no e-mail address, or it is already tied
     to another identity of the same service: refused. The ISO secretariat renames
     one of the two, or sets the e-mail address, and the person signs in again.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ims.models import Department, ExternalIdentity, Position, Profile

User = get_user_model()
logger = logging.getLogger(__name__)
# Set on the request when the rule refuses someone the service vouched for: the
# sign-in page shows it instead of "wrong name or password".
REFUSAL = "ims_sso_refusal"


class SignInRefused(Exception):
    """The service vouched for the person, but IMS will not sign them in; the
    message says why, in the reader's language."""


@dataclass(frozen=True)
class Identity:
    provider: str  # ExternalIdentity.Provider
    subject: str
    username: str
    email: str = ""
    email_verified: bool = True
    full_name: str = ""


@transaction.atomic
def person_for_identity(*, identity: Identity, create: bool = True):
    """The IMS account ``identity`` signs in, tied and created by the rule above.

    Raises :class:`SignInRefused` when the rule refuses."""
    link = (
        ExternalIdentity.objects.select_related("user")
        .filter(provider=identity.provider, subject=identity.subject)
        .first()
    )
    if link is not None:
        if not link.user.is_active:
            raise SignInRefused(_("Your IMS account is switched off."))
        link.last_used_at = timezone.now()
        link.save(update_fields=["last_used_at"])
        return link.user

    username = User.normalize_username(identity.username.strip())
    email = User.objects.normalize_email(identity.email.strip()).lower()
    if not username:
        raise SignInRefused(_("The sign-in service did not tell your login name."))
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        if email and User.objects.filter(email__iexact=email).exists():
            raise SignInRefused(
                _(
                    "Another IMS account already uses the e-mail address %(email)s. Ask "
                    "the ISO secretariat to tie your sign-in to that account."
                )
                % {"email": email}
            )
        if not create:
            raise SignInRefused(_("You have no IMS account yet. Ask the ISO secretariat."))
        user = User(username=username, email=email, first_name=identity.full_name.strip())
        user.set_unusable_password()
        user.save()
        Profile.objects.create(user=user)
        logger.info("single sign-on: created %s from %s", username, identity.provider)
    else:
        if ExternalIdentity.objects.filter(provider=identity.provider, user=user).exists():
            raise SignInRefused(
                _(
                    "The IMS account %(username)s is already tied to another sign-in. Ask "
                    "the ISO secretariat."
                )
                % {"username": user.username}
            )
        same_email = bool(email) and identity.email_verified and user.email.lower() == email
        if not same_email:
            raise SignInRefused(
                _(
                    "An IMS account named %(username)s already exists, with another e-mail "
                    "address. It is not taken over: ask the ISO secretariat to check it."
                )
                % {"username": user.username}
            )
        if not user.is_active:
            raise SignInRefused(_("Your IMS account is switched off."))
    try:
        with transaction.atomic():
            ExternalIdentity.objects.create(
                user=user,
                provider=identity.provider,
                subject=identity.subject,
                last_used_at=timezone.now(),
            )
    except IntegrityError:  # the same person signing in twice at once
        raise SignInRefused(_("Sign in again.")) from None
    return user


def apply_directory_entry(
    *,
    user,
    department: str | None,
    position: str | None,
    role_groups: dict[str, str],
    group_dns: set[str],
) -> None:
    """Bring a directory person's department, position and roles to what the
    directory says. A department or position is found by its code or its name; one
    IMS does not know leaves the profile's as it was. Only the roles named in
    ``role_groups`` (role -> group DN) are managed: each is held exactly when the
    person is a member of its group; any other role stays as given in IMS."""
    profile, _created = Profile.objects.get_or_create(user=user)
    fields = []
    if department:
        found = (
            Department.objects.filter(code__iexact=department).first()
            or Department.objects.filter(name__iexact=department).first()
        )
        if found is None:
            logger.warning("directory department %r of %s is not in IMS", department, user)
        elif profile.department_id != found.pk:
            profile.department = found
            fields.append("department")
    if position:
        positions = Position.objects.all()
        if profile.department_id:
            positions = positions.filter(department_id=profile.department_id)
        found = (
            positions.filter(code__iexact=position).first()
            or positions.filter(name__iexact=position).first()
        )
        if found is None:
            logger.warning("directory position %r of %s is not in IMS", position, user)
        elif profile.position_id != found.pk:
            profile.position = found
            fields.append("position")
    if fields:
        profile.save(update_fields=fields)
    members = {dn.lower() for dn in group_dns}
    held = {role for role, dn in role_groups.items() if dn.lower() in members}
    managed = Group.objects.filter(name__in=role_groups)
    user.groups.remove(*[g for g in managed if g.name not in held])
    user.groups.add(*[g for g in managed if g.name in held])
