"""Realizations suggested from outside the performance cycle: the hook through which
``apps.daily`` supplies "the quarter's realization of an indicator, from the approved daily
outputs that serve its work result" (docs/domain.md, after R-DISCIPLINE).

Layering (docs/design.md): apps.daily builds on apps.performance, never the other way round. So
apps.performance asks "the suggestion provider" registered here, and apps.daily registers one
from its AppConfig.ready() (apps/daily/realization.py) — the way BPMN handlers are registered in
apps/workflow/registry.py. Without a provider nothing is suggested and nothing is required.

The provider answers for many plans over a span of days in one query, day by day
(DailyOutputs), so that any period inside the span is summed without asking again: a list of a
plan's evaluations (evaluations(planId)) costs one query, not one per evaluation.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .models import Indicator, PerformancePeriod, PerformancePlan


@dataclass(frozen=True)
class Suggestion:
    """What the approved daily outputs give for one indicator over a period."""
    indicator: Indicator
    value: Decimal       # the sum of the quantities
    output_unit: str     # the unit they were counted in (the indicator's)
    entries: int         # how many approved entries were summed


@dataclass(frozen=True)
class DayOutput:
    """The approved outputs of one day that count for one indicator of one plan."""
    plan_id: int
    indicator: Indicator
    date: dt.date
    quantity: Decimal    # their sum
    entries: int         # how many


@dataclass(frozen=True)
class DailyOutputs:
    """What a provider read: day outputs of some plans between two days (both included)."""
    starts_on: dt.date
    ends_on: dt.date
    days: Sequence[DayOutput]

    def covers(self, period: PerformancePeriod) -> bool:
        return self.starts_on <= period.starts_on and period.ends_on <= self.ends_on

    def suggestions(self, plan_id: int, period: PerformancePeriod) -> dict[int, Suggestion]:
        """{indicator id: Suggestion} over the period, in indicator order; only the indicators
        with at least one approved entry in it."""
        if not self.covers(period):
            raise ValueError("period outside the outputs read")
        totals: dict[int, tuple[Indicator, Decimal, int]] = {}
        for day in self.days:
            if day.plan_id == plan_id and period.starts_on <= day.date <= period.ends_on:
                _, value, entries = totals.get(day.indicator.pk, (day.indicator, Decimal(0), 0))
                totals[day.indicator.pk] = (day.indicator, value + day.quantity, entries + day.entries)
        return {pk: Suggestion(indicator=indicator, value=value, output_unit=indicator.unit, entries=entries)
                for pk, (indicator, value, entries) in sorted(totals.items())}


Provider = Callable[[Sequence[PerformancePlan], dt.date, dt.date], Iterable[DayOutput]]
_provider: Provider | None = None


def provider(fn: Provider) -> Provider:
    """Decorator: make ``fn(plans, starts_on, ends_on) -> [DayOutput]`` the suggestion provider.
    It must read in one query whatever the number of plans and the size of each (evaluation
    reads are locked by tests)."""
    global _provider
    _provider = fn
    return fn


def daily_outputs(plans: Sequence[PerformancePlan], starts_on: dt.date, ends_on: dt.date) -> DailyOutputs:
    """The day outputs of the plans between the two days (one query; none without a provider)."""
    days = list(_provider(plans, starts_on, ends_on)) if _provider and plans else []
    return DailyOutputs(starts_on=starts_on, ends_on=ends_on, days=days)


def suggested_realizations(plan: PerformancePlan, period: PerformancePeriod) -> dict[int, Suggestion]:
    """The suggestions for a plan's indicators over a period: only the indicators that get one."""
    return daily_outputs([plan], period.starts_on, period.ends_on).suggestions(plan.pk, period)

