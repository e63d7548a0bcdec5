"""GraphQL for the performance cycle. This part: the predicate rules and public satisfaction (IKM)."""
from __future__ import annotations

import strawberry
from strawberry.types import Info

from apps.core.errors import NotFound
from apps.organization.models import OrgUnit
from apps.performance import rules, selectors, services

from .context import require_user
from .ids import decode_id

RatingEnum = strawberry.enum(rules.Rating, name="Rating")
PredicateEnum = strawberry.enum(rules.Predicate, name="Predicate")
OrgRatingEnum = strawberry.enum(rules.OrgRating, name="OrgRating")
SurveyElementEnum = strawberry.enum(rules.SurveyElement, name="SurveyElement")


@strawberry.type
class ElementScore:
    element: SurveyElementEnum
    score: float = strawberry.field(description="Mean answer (NRR, 1–4), two decimals.")


@strawberry.type
class SatisfactionIndex:
    score: float = strawberry.field(description="IKM = mean of the 9 NRRs × 25, two decimals.")
    category: str = strawberry.field(description="A, B, C or D (PermenPANRB 14/2017).")
    category_label: str
    respondents: int
    element_scores: list[ElementScore]

    @classmethod
    def of(cls, result: rules.SatisfactionResult) -> "SatisfactionIndex":
        return cls(score=float(result.score), category=result.category, category_label=result.category_label,
                   respondents=result.respondents,
                   element_scores=[ElementScore(element=rules.SurveyElement(k), score=float(v))
                                   for k, v in result.element_scores.items()])


def _unit(unit_id: strawberry.ID) -> OrgUnit:
    unit = OrgUnit.objects.select_related("leader").filter(pk=decode_id(unit_id, "OrgUnit")).first()
    if unit is None:
        raise NotFound()
    return unit


@strawberry.type
class PerformanceQuery:
    @strawberry.field(description="R-MATRIX: the predicate that two ratings give.")
    def predicate_preview(self, info: Info, result_rating: RatingEnum, behavior_rating: RatingEnum) -> PredicateEnum:
        require_user(info)
        return rules.predicate(result_rating, behavior_rating)

    @strawberry.field(description="R-IKM: the unit's public-satisfaction index for a year, over all its surveys.")
    def satisfaction_index(self, info: Info, unit_id: strawberry.ID, year: int) -> SatisfactionIndex | None:
        require_user(info)
        result = selectors.satisfaction_index_for(_unit(unit_id), year)
        return SatisfactionIndex.of(result) if result else None


@strawberry.type
class PerformanceMutation:
    @strawberry.mutation(description="HR of the unit or its leader: record survey responses (9 answers 1–4 each).")
    def submit_satisfaction_survey(self, info: Info, unit_id: strawberry.ID, year: int,
                                   responses: list[list[int]]) -> SatisfactionIndex:
        survey = services.satisfaction_survey_submit(actor=require_user(info), unit=_unit(unit_id), year=year,
                                                     responses=responses)
        return SatisfactionIndex.of(rules.satisfaction_index(survey.responses))
