"""Reads of the performance cycle."""
from __future__ import annotations

from apps.organization.models import OrgUnit

from . import rules
from .models import SatisfactionSurvey


def satisfaction_index_for(unit: OrgUnit, year: int) -> rules.SatisfactionResult | None:
    """R-IKM over every response the unit collected in the year (1 query), or None."""
    responses = [r for batch in SatisfactionSurvey.objects.filter(unit=unit, year=year).values_list("responses", flat=True)
                 for r in batch]
    return rules.satisfaction_index(responses) if responses else None
