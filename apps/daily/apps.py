from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DailyConfig(AppConfig):
    name = "apps.daily"
    label = "daily"
    verbose_name = _("Daily progress")

    def ready(self) -> None:
        from . import action_plans, handlers  # noqa: F401 - handlers registers the action_plan process handlers
        from . import realization  # noqa: F401 - registers apps.performance's realization suggestion provider

        action_plans.register_job()  # HR opens a quarter's action plans as a background job
