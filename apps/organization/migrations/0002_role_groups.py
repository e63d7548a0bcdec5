"""The role groups, and the admin permissions HR needs for org data (scoped in admin.py)."""
from django.db import migrations

from apps.core.migration_ops import grant_to_group

HR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("orgunit", "position", "employee")
    for action in ("view", "add", "change")
]


def create_groups(apps, schema_editor):
    grant_to_group("PERFORMANCE_ADMIN", "organization", HR_PERMISSIONS)(apps, schema_editor)
    apps.get_model("auth", "Group").objects.get_or_create(name="PROCESS_ADMIN")


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
