from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "apps.workflow"
    label = "workflow"
    verbose_name = _("Workflow")

    def ready(self) -> None:
        from apps.organization import hooks

        from . import services

        # Tasks follow HR's changes of raters and acting officials in the same transaction.
        hooks.on_rater_change(services.tasks_follow_rater_changes)
