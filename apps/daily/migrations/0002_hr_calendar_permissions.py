"""HR's admin permissions for the calendar (scoped in apps/daily/admin.py: holidays only for HR
managing the whole organization, schedules and leave for HR of the unit)."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

HR_PERMISSIONS = [
    *(f"{action}_{model}" for model in ("holiday", "unitschedule") for action in ("view", "add", "change", "delete")),
    *(f"{action}_leave" for action in ("view", "add", "delete")),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    hr, _ = Group.objects.get_or_create(name="PERFORMANCE_ADMIN")
    hr.permissions.add(*Permission.objects.filter(content_type__app_label="daily", codename__in=HR_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("daily", "0001_initial"),
        ("organization", "0002_role_groups"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
