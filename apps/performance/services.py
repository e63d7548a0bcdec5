"""Every write of the performance cycle; each public function is one transaction."""
from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.errors import BadInput, Forbidden
from apps.organization import selectors as org
from apps.organization.models import OrgUnit

from . import rules
from .models import SatisfactionSurvey

MIN_YEAR, MAX_YEAR = 2000, 2100


def _require_unit_manager(actor: AbstractBaseUser, unit: OrgUnit) -> None:
    """HR of the unit, or the unit's own leader."""
    leader_user = unit.leader.user_id if unit.leader_id and unit.leader else None
    if not (org.manages_unit(actor, unit) or (leader_user and leader_user == actor.pk)):
        raise Forbidden(_("Only HR of this unit or its leader may do this."))


@transaction.atomic
def satisfaction_survey_submit(*, actor: AbstractBaseUser, unit: OrgUnit, year: int,
                               responses: list[list[int]]) -> SatisfactionSurvey:
    """R-IKM: store a batch of survey responses with its computed index."""
    _require_unit_manager(actor, unit)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadInput(_("The year is out of range."), fields={"year": "range"})
    try:
        result = rules.satisfaction_index(responses)
    except rules.InvalidResponses as exc:
        raise BadInput(_("The survey responses are not valid; nothing was saved."), errors=exc.problems) from None
    return SatisfactionSurvey.objects.create(
        unit=unit, year=year, responses=responses, respondents=result.respondents, score=result.score,
        category=result.category, element_scores={k: str(v) for k, v in result.element_scores.items()},
        submitted_by=actor,
    )
