"""The roles of IMS, as Django groups, and the model permissions each holds.

Each app declares what its roles may do with :func:`register_role_grants` in its
``AppConfig.ready()``. The groups and their permissions are (re)applied after
every ``migrate`` (and every test-database flush) by :func:`apply_role_grants`,
so a fresh database, an upgraded one and a flushed one all hold the same roles.
Grants only ever add permissions: one given by hand in the admin stays.
Data migrations never grant permissions themselves.
"""

from django.db import DEFAULT_DB_ALIAS, models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Staff")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    ISO_SECRETARIAT = "iso_secretariat", _("ISO secretariat")
    LEADERSHIP = "leadership", _("Leadership")
    AUDITOR = "auditor", _("Auditor")
    # The certification body's auditor: reads everything, writes nothing.
    EXTERNAL_AUDITOR = "external_auditor", _("External auditor (certification body)")
    UNIT_CONTACT = "unit_contact", _("Unit contact")


# app label -> {role: [permission codenames of that app's models]}
_GRANTS: dict[str, dict[str, list[str]]] = {}


def register_role_grants(app_label: str, grants: dict[str, list[str]]) -> None:
    """Declare the permissions of ``app_label``'s models that each role holds."""
    merged = _GRANTS.setdefault(app_label, {})
    for role, codenames in grants.items():
        merged.setdefault(str(role), [])
        merged[str(role)] += [c for c in codenames if c not in merged[str(role)]]


def view_perms(*model_names: str) -> list[str]:
    return [f"view_{m}" for m in model_names]


def manage_perms(*model_names: str) -> list[str]:
    return [f"{verb}_{m}" for m in model_names for verb in ("add", "change", "view")]


def apply_role_grants(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs) -> None:
    """``post_migrate`` receiver: create the role groups and grant ``sender``'s permissions."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # auth not migrated in this run
        return
    label = getattr(sender, "label", None)
    grants = _GRANTS.get(label) if label else None
    if not grants:  # post_migrate comes once per app; most apps grant nothing
        return
    for role in Role.values:
        Group.objects.using(using).get_or_create(name=role)
    # Django creates permissions in its own post_migrate receiver, which may run after ours.
    create_permissions(sender, verbosity=0, using=using, apps=apps)
    for role, codenames in grants.items():
        group = Group.objects.using(using).get(name=role)
        perms = Permission.objects.using(using).filter(
            content_type__app_label=label, codename__in=codenames
        )
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"unknown permissions for {label}: {sorted(missing)}")
        group.permissions.add(*perms)
