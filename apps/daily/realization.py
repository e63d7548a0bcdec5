"""The realization of an indicator suggested from the daily progress (DOMAIN.md, after
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
"""
from __future__ import annotations

from django.db.models import Count, Sum
from django.db.models.functions import Lower, Trim
from django.db.models.lookups import Exact

from apps.performance import suggestions
from apps.performance.models import (
    Indicator,
    IndicatorAspect,
    IndicatorKind,
    PerformancePeriod,
    PerformancePlan,
)

from .models import EntryStatus

ENTRY = "work_result__daily_entries"


@suggestions.provider
def suggested_realizations(plan: PerformancePlan, period: PerformancePeriod) -> dict[int, suggestions.Suggestion]:
    """{indicator id: suggestion} for the plan's indicators over the period (starts_on..ends_on):
    the sum of the quantities of the plan's employee's APPROVED entries that serve the
    indicator's work result, dated within the period, in the indicator's unit. One query."""
    indicators = (
        Indicator.objects
        # One filter() call: every condition on the entries applies to the same joined entry.
        .filter(Exact(Lower(Trim(f"{ENTRY}__output_unit")), Lower(Trim("unit"))),
                work_result__plan=plan, aspect=IndicatorAspect.KUANTITAS, kind=IndicatorKind.NORMAL,
                **{f"{ENTRY}__employee_id": plan.employee_id, f"{ENTRY}__status": EntryStatus.APPROVED,
                   f"{ENTRY}__date__range": (period.starts_on, period.ends_on)})
        .annotate(total=Sum(f"{ENTRY}__quantity"), entries=Count(ENTRY))
        .order_by("pk")
    )
    return {i.pk: suggestions.Suggestion(indicator=i, value=i.total, output_unit=i.unit, entries=i.entries)
            for i in indicators}
