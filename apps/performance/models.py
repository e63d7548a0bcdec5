"""Performance data. This first part holds the public-satisfaction surveys (R-IKM); plans,
evaluations and the rest of the cycle follow (issue 4)."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from apps.organization.models import OrgUnit


class SatisfactionSurvey(models.Model):
    """One submitted batch of public-satisfaction responses for a service unit and year.
    The unit's index for the year is computed over all its batches (selectors)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="satisfaction_surveys")
    year = models.PositiveSmallIntegerField()
    responses = models.JSONField()  # [[9 ints 1-4], ...] in DOMAIN.md element order
    respondents = models.PositiveIntegerField()
    score = models.DecimalField(max_digits=5, decimal_places=2)
    category = models.CharField(max_length=1)
    element_scores = models.JSONField()  # {element: "3.45"}
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["unit", "year"])]
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"IKM {self.unit.code} {self.year}: {self.score} ({self.category})"
