"""GraphQL for the generated documents: where to download them. The objects that carry a
``document`` (PerformancePlan, Evaluation) are already scoped to their viewers; the unit
documents are for the readers of ``unitPerformance`` (HR of the unit, leaders at or above), and
anyone else gets NOT_FOUND. The download itself checks again (apps/performance/views.py)."""
from __future__ import annotations

from typing import Optional

import strawberry
from django.urls import reverse
from strawberry.types import Info

from apps.core.errors import NotFound
from apps.organization.models import OrgUnit
from apps.performance import models, selectors
from apps.performance.documents import names

from .context import require_user
from .ids import decode_id


@strawberry.type(name="Document", description="A document generated on request from the stored data.")
class DocumentLink:
    url: str = strawberry.field(description="Download address (GET, with your session or bearer token).")
    filename: str
    content_type: str


def plan_document(plan: models.PerformancePlan) -> DocumentLink:
    return DocumentLink(url=reverse("document-plan", args=[plan.pk]), filename=names.plan_filename(plan),
                        content_type=names.PDF)


def evaluation_document(evaluation: models.Evaluation) -> DocumentLink:
    return DocumentLink(url=reverse("document-evaluation", args=[evaluation.pk]),
                        filename=names.evaluation_filename(evaluation), content_type=names.PDF)


def period_by_id(period_id: strawberry.ID) -> models.PerformancePeriod:
    """A review period by its global id, else NOT_FOUND (periods are reference data)."""
    period = models.PerformancePeriod.objects.filter(pk=decode_id(period_id, "PerformancePeriod")).first()
    if period is None:
        raise NotFound()
    return period


def readable_unit(info: Info, unit_id: strawberry.ID) -> OrgUnit:
    """A unit whose aggregates the viewer may read (HR of it, leaders at or above), else NOT_FOUND."""
    unit = selectors.readable_unit(require_user(info), decode_id(unit_id, "OrgUnit"))
    if unit is None:
        raise NotFound()
    return unit


@strawberry.type
class DocumentsQuery:
    @strawberry.field(description="Predicate determination (penetapan predikat kinerja) of a unit for a period, "
                                  "as PDF for the leader to sign: for HR of the unit and the leaders above.")
    def predicate_determination(self, info: Info, unit_id: strawberry.ID, period_id: strawberry.ID) -> DocumentLink:
        unit = readable_unit(info, unit_id)
        period = period_by_id(period_id)
        return DocumentLink(url=reverse("document-predicates", args=[unit.pk, period.pk]),
                            filename=names.predicates_filename(unit, period), content_type=names.PDF)

    @strawberry.field(description="XLSX recap of a unit and its sub-units for a year, or for one period of it: "
                                  "for HR of the unit and the leaders above, as unitPerformance.")
    def performance_recap(self, info: Info, unit_id: strawberry.ID, year: int,
                          period_id: Optional[strawberry.ID] = None) -> DocumentLink:
        unit = readable_unit(info, unit_id)
        if period_id is None:
            return DocumentLink(url=reverse("document-recap", args=[unit.pk, year]),
                                filename=names.recap_filename(unit, year, None), content_type=names.XLSX)
        period = period_by_id(period_id)
        if period.year != year:
            raise NotFound()
        return DocumentLink(url=reverse("document-recap-period", args=[unit.pk, year, period.pk]),
                            filename=names.recap_filename(unit, year, period), content_type=names.XLSX)
