"""GraphQL for the generated documents: where to download them. The objects that carry a
``document`` (PerformancePlan, Evaluation) are already scoped to their viewers; the unit
documents are for the readers of ``unitPerformance`` (HR of the unit, leaders at or above), and
anyone else gets NOT_FOUND. The download itself checks again (apps/performance/views.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import strawberry
from django.urls import reverse
from strawberry.types import Info

from apps.core.errors import NotFound
from apps.performance.documents import names

from . import common

if TYPE_CHECKING:
    from apps.performance.models import Evaluation, PerformancePlan


@strawberry.type(name="Document", description="A document generated on request from the stored data.")
class DocumentLink:
    url: str = strawberry.field(description="Download address (GET, with your session or bearer token).")
    filename: str
    content_type: str


def plan_document(plan: PerformancePlan) -> DocumentLink:
    return DocumentLink(url=reverse("document-plan", args=[plan.pk]), filename=names.plan_filename(plan),
                        content_type=names.PDF)


def evaluation_document(evaluation: Evaluation) -> DocumentLink:
    return DocumentLink(url=reverse("document-evaluation", args=[evaluation.pk]),
                        filename=names.evaluation_filename(evaluation), content_type=names.PDF)


@strawberry.type
class DocumentsQuery:
    @strawberry.field(description="Predicate determination (penetapan predikat kinerja) of a unit for a period, "
                                  "as PDF for the leader to sign: for HR of the unit and the leaders above.")
    def predicate_determination(self, info: Info, unit_id: strawberry.ID, period_id: strawberry.ID) -> DocumentLink:
        unit = common.readable_unit(info, unit_id)
        period = common.period(period_id)
        return DocumentLink(url=reverse("document-predicates", args=[unit.pk, period.pk]),
                            filename=names.predicates_filename(unit, period), content_type=names.PDF)

    @strawberry.field(description="XLSX recap of a unit and its sub-units for a year, or for one period of it: "
                                  "for HR of the unit and the leaders above, as unitPerformance.")
    def performance_recap(self, info: Info, unit_id: strawberry.ID, year: int,
                          period_id: Optional[strawberry.ID] = None) -> DocumentLink:
        unit = common.readable_unit(info, unit_id)
        if period_id is None:
            return DocumentLink(url=reverse("document-recap", args=[unit.pk, year]),
                                filename=names.recap_filename(unit, year, None), content_type=names.XLSX)
        period = common.period(period_id)
        if period.year != year:
            raise NotFound()
        return DocumentLink(url=reverse("document-recap-period", args=[unit.pk, year, period.pk]),
                            filename=names.recap_filename(unit, year, period), content_type=names.XLSX)
