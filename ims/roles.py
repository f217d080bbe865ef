"""The roles of IMS, as Django groups, and the model permissions each holds.

Groups are created by a data migration; each app's own data migration grants the
permissions of its models with :func:`grant_model_permissions`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Staff")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    ISO_SECRETARIAT = "iso_secretariat", _("ISO secretariat")
    LEADERSHIP = "leadership", _("Leadership")
    AUDITOR = "auditor", _("Auditor")
    UNIT_CONTACT = "unit_contact", _("Unit contact")


def grant_model_permissions(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Give each role (group name) the listed ``codename`` permissions of ``app_label``.

    For use inside a data migration: permissions are created first, since Django
    only creates them after ``migrate`` finishes.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    # Historical app configs carry no models module; create_permissions needs one set.
    app_config.models_module = getattr(app_config, "models_module", None) or True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in grants.items():
        group, _created = Group.objects.get_or_create(name=role)
        perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        found = set(perms.values_list("codename", flat=True))
        missing = set(codenames) - found
        if missing:
            raise RuntimeError(f"unknown permissions for {app_label}: {sorted(missing)}")
        group.permissions.add(*perms)
