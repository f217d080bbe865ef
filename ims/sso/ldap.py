"""LDAP / Active Directory sign-in (django-auth-ldap), configured by LDAP_SERVER_URI
and the other LDAP_* variables (see ``ims.sso.ldap_config``).

The person types their directory login name and password on the ordinary sign-in
page. The password is checked by binding to the directory as them; a wrong one is a
failed sign-in like a wrong local password (django-axes per address, the per-account
delay of ``ims.services``), and two-step sign-in applies to them as to anyone.
Name, e-mail, department, position and roles are brought up to date from the
directory at every sign-in.
"""

from django.conf import settings
from django_auth_ldap.backend import LDAPBackend, _LDAPUser

from ims.models import ExternalIdentity
from ims.sso.services import (
    REFUSAL,
    Identity,
    SignInRefused,
    apply_directory_entry,
    person_for_identity,
)


def _first(ldap_user, attr: str) -> str:
    values = (ldap_user.attrs or {}).get(attr.lower()) if attr else None
    return str(values[0]).strip() if values else ""


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap's backend, with IMS's rule for tying a directory person to an
    account, and their department, position and roles kept from the directory."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not getattr(settings, "LDAP_ENABLED", False):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_or_build_user(self, username, ldap_user):
        identity = Identity(
            provider=ExternalIdentity.Provider.LDAP,
            subject=username.lower(),
            username=username,
            email=_first(ldap_user, settings.AUTH_LDAP_USER_ATTR_MAP.get("email", "")),
            full_name=_first(ldap_user, settings.AUTH_LDAP_USER_ATTR_MAP.get("first_name", "")),
        )
        try:
            return person_for_identity(identity=identity), False
        except SignInRefused as exc:
            if ldap_user._request is not None:
                setattr(ldap_user._request, REFUSAL, str(exc))
            raise _LDAPUser.AuthenticationFailed(str(exc)) from exc

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is not None:
            roles = settings.LDAP_ROLE_GROUPS
            apply_directory_entry(
                user=user,
                department=_first(ldap_user, settings.LDAP_DEPARTMENT_ATTR),
                position=_first(ldap_user, settings.LDAP_POSITION_ATTR),
                role_groups=roles,
                group_dns=set(ldap_user.group_dns) if roles else set(),
            )
        return user
