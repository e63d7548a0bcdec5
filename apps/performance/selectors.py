"""Reads of the performance cycle."""
from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from apps.organization import selectors as org
from apps.organization.models import OrgUnit
from apps.workflow.models import ProcessInstanceUserObjectPermission

from . import rules
from .models import PerformancePlan, SatisfactionSurvey


def satisfaction_index_for(unit: OrgUnit, year: int) -> rules.SatisfactionResult | None:
    """R-IKM over every response the unit collected in the year (1 query), or None."""
    responses = [r for batch in SatisfactionSurvey.objects.filter(unit=unit, year=year).values_list("responses", flat=True)
                 for r in batch]
    return rules.satisfaction_index(responses) if responses else None






def plans_visible_to(user: AbstractBaseUser) -> QuerySet[PerformancePlan]:
    """The employee their own; the rater and rater's supervisor those they rate or approve, also
    after the relation changes for what they already acted on; HR their units."""
    if user.is_superuser:
        return PerformancePlan.objects.all()
    acted = ProcessInstanceUserObjectPermission.objects.filter(
        content_object=OuterRef("process_instance_id"), user=user, permission__codename="view_processinstance")
    condition = (Q(employee__user=user) | Q(employee__rater__user=user) | Q(employee__rater__rater__user=user)
                 | Exists(acted))
    if org.is_performance_admin(user):
        condition |= Q(employee__unit__in=org.units_managed_by(user))
    return PerformancePlan.objects.filter(condition)
