"""The role groups, and the admin permissions HR needs for org data (scoped in admin.py)."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

HR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("orgunit", "position", "employee")
    for action in ("view", "add", "change")
]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    hr, _ = Group.objects.get_or_create(name="PERFORMANCE_ADMIN")
    Group.objects.get_or_create(name="PROCESS_ADMIN")
    hr.permissions.add(*Permission.objects.filter(content_type__app_label="organization", codename__in=HR_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
