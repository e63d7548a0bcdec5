"""HR's admin permissions for the calendar (scoped in apps/daily/admin.py: holidays only for HR
managing the whole organization, schedules and leave for HR of the unit)."""
from django.db import migrations

from apps.core.migration_ops import grant_to_group

HR_PERMISSIONS = [
    *(f"{action}_{model}" for model in ("holiday", "unitschedule") for action in ("view", "add", "change", "delete")),
    *(f"{action}_leave" for action in ("view", "add", "delete")),
]


class Migration(migrations.Migration):
    dependencies = [
        ("daily", "0001_initial"),
        ("organization", "0002_role_groups"),
    ]
    operations = [migrations.RunPython(grant_to_group("PERFORMANCE_ADMIN", "daily", HR_PERMISSIONS),
                                       migrations.RunPython.noop)]
