"""The LDAP settings read from the environment, checked when the settings load (no
models here: ``ims/settings.py`` imports it)."""

import ldap
from django.core.exceptions import ImproperlyConfigured
from django_auth_ldap.config import (
    GroupOfNamesType,
    GroupOfUniqueNamesType,
    LDAPSearch,
    NestedActiveDirectoryGroupType,
    PosixGroupType,
)

from ims.roles import Role

GROUP_TYPES = {
    "groupofnames": (GroupOfNamesType, "(objectClass=groupOfNames)"),
    "groupofuniquenames": (GroupOfUniqueNamesType, "(objectClass=groupOfUniqueNames)"),
    "posixgroup": (PosixGroupType, "(objectClass=posixGroup)"),
    "activedirectory": (NestedActiveDirectoryGroupType, "(objectClass=group)"),
}


def parse_role_groups(raw: str) -> dict[str, str]:
    """``role=group DN;role=group DN`` -> {role: DN}, each role one of IMS's."""
    mapping = {}
    for entry in raw.split(";"):
        if not entry.strip():
            continue
        role, sep, dn = entry.partition("=")
        role, dn = role.strip(), dn.strip()
        if not sep or not dn:
            raise ImproperlyConfigured(f"LDAP_ROLE_GROUPS: {entry!r} is not role=group DN")
        if role not in Role.values:
            raise ImproperlyConfigured(
                f"LDAP_ROLE_GROUPS: {role!r} is not a role ({', '.join(Role.values)})"
            )
        mapping[role] = dn
    return mapping


def directory_settings(
    *,
    server_uri: str,
    user_search_base: str,
    user_filter: str = "(uid=%(user)s)",
    bind_dn: str = "",
    bind_password: str = "",
    start_tls: bool = False,
    full_name_attr: str = "cn",
    email_attr: str = "mail",
    department_attr: str = "departmentNumber",
    position_attr: str = "title",
    group_search_base: str = "",
    group_type: str = "groupOfNames",
    role_groups: str = "",
    timeout: int = 10,
) -> dict:
    """The django-auth-ldap settings (``AUTH_LDAP_*``) and IMS's own (``LDAP_*``)
    for a directory, failing loudly on a value that cannot work."""
    if not user_search_base:
        raise ImproperlyConfigured("LDAP_USER_SEARCH_BASE is needed with LDAP_SERVER_URI")
    if "%(user)s" not in user_filter:
        raise ImproperlyConfigured("LDAP_USER_FILTER must contain %(user)s")
    kind = GROUP_TYPES.get(group_type.strip().lower())
    if kind is None:
        raise ImproperlyConfigured(
            f"LDAP_GROUP_TYPE must be one of groupOfNames, groupOfUniqueNames, posixGroup, "
            f"activeDirectory; got {group_type!r}"
        )
    roles = parse_role_groups(role_groups)
    if roles and not group_search_base:
        raise ImproperlyConfigured("LDAP_ROLE_GROUPS needs LDAP_GROUP_SEARCH_BASE")
    values = {
        "LDAP_ENABLED": True,
        "LDAP_DEPARTMENT_ATTR": department_attr,
        "LDAP_POSITION_ATTR": position_attr,
        "LDAP_ROLE_GROUPS": roles,
        "AUTH_LDAP_SERVER_URI": server_uri,
        "AUTH_LDAP_BIND_DN": bind_dn,
        "AUTH_LDAP_BIND_PASSWORD": bind_password,
        "AUTH_LDAP_START_TLS": start_tls,
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(user_search_base, ldap.SCOPE_SUBTREE, user_filter),
        "AUTH_LDAP_USER_ATTR_MAP": {"first_name": full_name_attr, "email": email_attr},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_CONNECTION_OPTIONS": {
            ldap.OPT_NETWORK_TIMEOUT: timeout,
            ldap.OPT_TIMEOUT: timeout,
            ldap.OPT_REFERRALS: 0,  # Active Directory: referrals would need other binds
        },
    }
    if group_search_base:
        group_class, group_filter = kind
        values["AUTH_LDAP_GROUP_SEARCH"] = LDAPSearch(
            group_search_base, ldap.SCOPE_SUBTREE, group_filter
        )
        values["AUTH_LDAP_GROUP_TYPE"] = group_class()
    return values
