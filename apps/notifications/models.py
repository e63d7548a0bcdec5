"""E-mail notifications about tasks: each user's choice, and what was sent (so nothing twice)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.workflow.models import HumanTask


class NotificationPreference(models.Model):
    """Absent means the defaults: e-mail on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    email_enabled = models.BooleanField(_("e-mail notifications"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")


class NotificationKind(models.TextChoices):
    ASSIGNED = "ASSIGNED", _("Task assigned")
    DUE_SOON = "DUE_SOON", _("Task due in three days")
    OVERDUE = "OVERDUE", _("Task overdue")


class SentNotification(models.Model):
    task = models.ForeignKey(HumanTask, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=NotificationKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "user", "kind"], name="notification_once")]
