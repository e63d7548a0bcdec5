"""HR may look up the daily entries of their units in the admin (view only, scoped in
apps/daily/admin.py)."""
from django.db import migrations

from apps.core.migration_ops import grant_to_group


class Migration(migrations.Migration):
    dependencies = [("daily", "0004_daily_entry_evidence")]
    operations = [migrations.RunPython(grant_to_group("PERFORMANCE_ADMIN", "daily", ["view_dailyentry"]),
                                       migrations.RunPython.noop)]
