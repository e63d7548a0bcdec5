"""The realization of an indicator suggested from the daily progress (docs/domain.md, after
R-DISCIPLINE): "the quarter's realization of an indicator is suggested from the approved daily
outputs that serve its work result (sum of quantities)".

Which indicators get a suggestion: the KUANTITAS indicators (of the ordinary kind) whose unit is
the entries' output unit — compared without case or surrounding spaces ("Dokumen" = "dokumen ").
A sum of outputs measures a quantity, never a quality, a time or a cost; and a work result with
two quantity indicators ("12 dokumen", "4 sekolah") must not get "16" for both, nor count a
meeting as a document. An indicator whose approved entries of the period are none (or none in
its unit) gets no suggestion: the daily record says nothing about it, so nothing is required.

Registered as apps.performance's suggestion provider (apps/performance/suggestions.py) when
this module is imported, from DailyConfig.ready(): apps.performance never imports apps.daily.
It answers day by day, so that the caller sums any period of the span it asked for.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, F, Sum
from django.db.models.functions import Lower, Trim
from django.db.models.lookups import Exact

from apps.performance import suggestions
from apps.performance.models import (
    Indicator,
    IndicatorAspect,
    IndicatorKind,
    PerformancePlan,
)

from .models import EntryStatus

ENTRY = "work_result__daily_entries"


@suggestions.provider
def daily_outputs(plans: Sequence[PerformancePlan], starts_on: dt.date,
                  ends_on: dt.date) -> list[suggestions.DayOutput]:
    """Per plan, indicator and day (starts_on..ends_on): the sum of the quantities of the plan's
    employee's APPROVED entries that serve the indicator's work result, in the indicator's unit,
    for the plans' KUANTITAS indicators. One query, whatever the number of plans."""
    indicators = (
        Indicator.objects
        # One filter() call: every condition on the entries applies to the same joined entry.
        .filter(Exact(Lower(Trim(f"{ENTRY}__output_unit")), Lower(Trim("unit"))),
                work_result__plan__in=[plan.pk for plan in plans], aspect=IndicatorAspect.KUANTITAS,
                kind=IndicatorKind.NORMAL,
                **{f"{ENTRY}__employee_id": F("work_result__plan__employee_id"),
                   f"{ENTRY}__status": EntryStatus.APPROVED, f"{ENTRY}__date__range": (starts_on, ends_on)})
        .annotate(plan_id=F("work_result__plan_id"), day=F(f"{ENTRY}__date"),
                  total=Sum(f"{ENTRY}__quantity"), entries=Count(ENTRY))
        .order_by("pk", "day")
    )
    return [suggestions.DayOutput(plan_id=i.plan_id, indicator=i, date=i.day, quantity=i.total, entries=i.entries)
            for i in indicators]

