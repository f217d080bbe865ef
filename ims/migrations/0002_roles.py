"""Create the six roles as groups.

Their permissions are granted after every migrate by ``ims.roles.apply_role_grants``
from what each app declares in its ``AppConfig.ready()``.
"""

from django.db import migrations

ROLES = ["staff", "department_head", "iso_secretariat", "leadership", "auditor", "unit_contact"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        Group.objects.get_or_create(name=role)


class Migration(migrations.Migration):
    dependencies = [
        ("ims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
