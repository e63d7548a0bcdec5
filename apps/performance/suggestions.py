"""Realizations suggested from outside the performance cycle: the hook through which
``apps.daily`` supplies "the quarter's realization of an indicator, from the approved daily
outputs that serve its work result" (DOMAIN.md, after R-DISCIPLINE).

Layering (DESIGN.md): apps.daily builds on apps.performance, never the other way round. So
apps.performance asks "the suggestion provider" registered here, and apps.daily registers one
from its AppConfig.ready() (apps/daily/realization.py) — the way BPMN handlers are registered in
apps/workflow/registry.py. Without a provider nothing is suggested and nothing is required.
"""
from __future__ import annotations

from collections.abc import Callable
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


Provider = Callable[[PerformancePlan, PerformancePeriod], dict[int, Suggestion]]
_provider: Provider | None = None


def provider(fn: Provider) -> Provider:
    """Decorator: make ``fn(plan, period) -> {indicator id: Suggestion}`` the suggestion provider.
    It must read in a fixed number of queries whatever the size of the plan (evaluation reads
    are locked by tests)."""
    global _provider
    _provider = fn
    return fn


def suggested_realizations(plan: PerformancePlan, period: PerformancePeriod) -> dict[int, Suggestion]:
    """The suggestions for a plan's indicators over a period: only the indicators that get one."""
    return _provider(plan, period) if _provider else {}
