from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "apps.performance"
    label = "performance"
    verbose_name = _("Performance")

    def ready(self) -> None:
        from . import handlers  # noqa: F401 - registers the SKP process handlers
        from . import tasks  # noqa: F401 - registers the Celery tasks that services.py queues by name
