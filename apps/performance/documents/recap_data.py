"""What the XLSX recap shows, read in a constant number of queries whatever the number of
employees: one row per active employee of a unit's subtree, and the R-DIST check of each rated
unit of it (rules.distribution_summary over the predicates of its subtree: the same figures as
the ``distributionCheck`` query, read for all rated units at once). Values stay Python values (str, date, Decimal); recap.py lays
them out. Labels are the models' and rules' own, so call this inside the document's language."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from apps.organization import selectors as org
from apps.organization.models import Employee, OrgUnit, PositionClass

from .. import rules, selectors
from ..models import (
    Evaluation,
    EvaluationStatus,
    PerformancePeriod,
    PerformancePlan,
    PeriodKind,
    PlanStatus,
    UnitOrgRating,
)
from . import names
from .names import choice_label

NOT_OPENED = "Belum dibuka"  # no plan (or no evaluation) for the year or period yet
# Within a unit: its head, then structural, functional and staff posts, as HR lists them.
CLASS_ORDER = {c: i for i, c in enumerate([PositionClass.JPT, PositionClass.ADMINISTRATOR, PositionClass.PENGAWAS,
                                            PositionClass.FUNGSIONAL, PositionClass.PELAKSANA])}


@dataclass(frozen=True)
class EmployeeRow:
    name: str
    nip: str
    rank: str
    employment_type: str
    position: str
    position_class: str
    unit: str
    plan_status: str
    plan_approved_on: dt.date | None
    evaluation_status: str
    result_rating: str
    behavior_rating: str
    predicate: str
    org_rating: str
    credit_points: Decimal | None


@dataclass(frozen=True)
class DistributionRow:
    unit_code: str
    unit_name: str
    org_rating: str
    counts: dict[str, int]  # predicate value -> employees with it in the period
    allowed: list[str]
    violations: list[str]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Recap:
    government: str
    unit: OrgUnit
    period_label: str
    generated_at: dt.datetime  # aware, in the installation's zone (WIB)
    employees: list[EmployeeRow]
    distribution: list[DistributionRow]


def period_title(year: int, period: PerformancePeriod | None) -> str:
    """'Tahun 2026', 'Triwulan I 2026', 'Semester II 2026', 'Bulan Maret 2026'."""
    if period is None or period.kind == PeriodKind.YEAR:
        return f"Tahun {year}"
    return f"{names.period_name(period)} {period.year}"


def _employee_row(employee: Employee, plan: PerformancePlan | None, evaluation: Evaluation | None,
                  ratings: dict[int, str], nip_shown: bool) -> EmployeeRow:
    final = evaluation if evaluation is not None and evaluation.status == EvaluationStatus.FINAL else None
    return EmployeeRow(
        name=employee.name, nip=employee.nip if nip_shown else "", rank=employee.rank, employment_type=employee.employment_type,
        position=employee.position.title, position_class=choice_label(PositionClass, employee.position.position_class),
        unit=employee.unit.name,
        plan_status=choice_label(PlanStatus, plan.status) if plan else NOT_OPENED,
        plan_approved_on=timezone.localdate(plan.approved_at) if plan and plan.approved_at else None,
        evaluation_status=choice_label(EvaluationStatus, evaluation.status) if evaluation else NOT_OPENED,
        # Ratings and predicate count once final (approved by the rater's supervisor), not before.
        result_rating=choice_label(rules.Rating, final.result_rating) if final else "",
        behavior_rating=choice_label(rules.Rating, final.behavior_rating) if final else "",
        predicate=choice_label(rules.Predicate, final.predicate) if final else "",
        # R-ORG: the employee's own unit's rating, the one the approval requires.
        org_rating=choice_label(rules.OrgRating, ratings.get(employee.unit_id)),
        # R-CREDIT: written by the annual follow-up for functional positions only; kept as recorded
        # even if the employee has moved to a structural post since.
        credit_points=final.credit_points if final else None,
    )


def recap_of(unit: OrgUnit, year: int, period: PerformancePeriod | None,
             nip_shown: Callable[[Employee], bool]) -> Recap:
    """The recap of ``unit`` and its sub-units for ``year`` (the annual evaluation) or for one
    ``period`` of it. At most 7 queries whatever the number of employees and rated units (the
    regional government's name, the annual period, the employees, their plans, their
    evaluations, the organizational ratings, the subtree's predicates). ``nip_shown(employee)``:
    whose NIP the viewer may see (organization.selectors.personal_details_visible), the others
    are left empty."""
    if period is None:
        period = PerformancePeriod.objects.filter(year=year, kind=PeriodKind.YEAR).first()
    employees = sorted(
        Employee.objects.filter(is_active=True, unit__path__startswith=unit.path).select_related("unit", "position"),
        key=lambda e: (e.unit.path, e.position_id != e.unit.head_position_id,
                       CLASS_ORDER.get(e.position.position_class, len(CLASS_ORDER)), e.name, e.pk))
    plans = {p.employee_id: p for p in PerformancePlan.objects.filter(
        year=year, employee__unit__path__startswith=unit.path, employee__is_active=True)}
    evaluations: dict[int, Evaluation] = {}
    ratings: dict[int, str] = {}
    distribution = []
    if period is not None:
        evaluations = {e.plan_id: e for e in Evaluation.objects.filter(
            period=period, plan__employee__unit__path__startswith=unit.path, plan__employee__is_active=True)}
        rated = list(UnitOrgRating.objects.filter(period=period, unit__path__startswith=unit.path)
                     .select_related("unit").order_by("unit__path"))
        ratings = {record.unit_id: record.rating for record in rated}
        if rated:
            distribution = _distribution(rated, unit, period)
    rows = []
    for employee in employees:
        plan = plans.get(employee.pk)
        rows.append(_employee_row(employee, plan, evaluations.get(plan.pk) if plan else None, ratings,
                                  nip_shown(employee)))
    return Recap(government=org.government_of(unit), unit=unit, period_label=period_title(year, period),
                 generated_at=timezone.localtime(), employees=rows, distribution=distribution)


def _distribution(rated: list[UnitOrgRating], unit: OrgUnit, period: PerformancePeriod) -> list[DistributionRow]:
    """R-DIST of each rated unit, over every predicate of its subtree in the period (as
    selectors.distribution_check counts them: selectors.rated_in_subtree), read in one query."""
    predicates = list(selectors.rated_in_subtree(unit, period).values_list("plan__employee__unit__path", "predicate"))
    rows = []
    for record in rated:
        counts, violations = rules.distribution_summary(
            record.rating, [p for path, p in predicates if path.startswith(record.unit.path)])
        rows.append(DistributionRow(
            unit_code=record.unit.code, unit_name=record.unit.name,
            org_rating=choice_label(rules.OrgRating, record.rating), counts=counts,
            allowed=[r.message for r in rules.distribution_rules(record.rating)],
            violations=[v.message for v in violations]))
    return rows
