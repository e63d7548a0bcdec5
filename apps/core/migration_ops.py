"""What the data migrations that hand out admin permissions share."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.management import create_permissions


def grant_to_group(group: str, app_label: str, codenames: Iterable[str]) -> Callable:
    """A RunPython function: ``group`` (made if missing) gets these permissions of ``app_label``.
    The permissions are made first: Django otherwise makes them only after every migration ran."""
    codenames = list(codenames)

    def grant(apps, schema_editor) -> None:
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, verbosity=0)
            app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        found, _created = Group.objects.get_or_create(name=group)
        found.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))

    return grant
