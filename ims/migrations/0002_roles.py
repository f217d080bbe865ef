"""Create the six roles as groups and give them the organisation core's permissions."""

from django.db import migrations

from ims.roles import Role, grant_model_permissions

CORE = ["department", "unit", "position", "schoolyear", "profile", "organisation"]


def view(models):
    return [f"view_{m}" for m in models]


def manage(models):
    return [f"{verb}_{m}" for m in models for verb in ("add", "change", "view")]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in Role.values:
        Group.objects.get_or_create(name=role)
    grant_model_permissions(
        apps,
        "ims",
        {
            Role.STAFF: view(CORE),
            Role.DEPARTMENT_HEAD: view(CORE),
            Role.ISO_SECRETARIAT: manage(CORE),
            Role.LEADERSHIP: [*view(CORE), "change_organisation"],
            Role.AUDITOR: view(CORE),
            Role.UNIT_CONTACT: view(["organisation", "schoolyear", "unit"]),
        },
    )
    grant_model_permissions(
        apps, "auth", {Role.ISO_SECRETARIAT: ["add_user", "change_user", "view_user"]}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
