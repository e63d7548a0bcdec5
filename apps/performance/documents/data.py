"""Everything a document shows, loaded in a fixed number of queries whatever the size of the plan
or the unit (tests/documents/test_pdf_queries.py locks the counts). No access decisions here:
callers pass objects the viewer may see."""
from __future__ import annotations

from dataclasses import dataclass, field

from collections.abc import Callable

from django.db.models import Prefetch

from apps.organization import selectors as org
from apps.organization.models import Employee, EmploymentType, OrgUnit, PositionClass

from .. import rules, selectors, suggestions
from ..models import (
    BehaviorExpectation,
    CoreValue,
    DevelopmentPlanItem,
    Evaluation,
    EvaluationStatus,
    Indicator,
    PerformancePeriod,
    PerformancePlan,
    PeriodKind,
    Realization,
    UnitOrgRating,
    WorkResult,
    WorkResultType,
)

# Panduan perilaku: the key behaviours of each BerAKHLAK core value (SE MenPANRB 20/2021),
# printed under each value in the SKP and the evaluation.
GUIDE_BEHAVIOURS: dict[str, tuple[str, ...]] = {
    CoreValue.BERORIENTASI_PELAYANAN: (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti"),
    CoreValue.AKUNTABEL: (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan"),
    CoreValue.KOMPETEN: (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik"),
    CoreValue.HARMONIS: (
        "Menghargai setiap orang apa pun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif"),
    CoreValue.LOYAL: (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia "
        "kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
        "Menjaga rahasia jabatan dan negara"),
    CoreValue.ADAPTIF: (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif"),
    CoreValue.KOLABORATIF: (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"),
}

# Lampiran SKP, in the order of the form (keys as services.plan_attachments_set stores them).
ATTACHMENTS = [("resources", "DUKUNGAN SUMBER DAYA"), ("accountability", "SKEMA PERTANGGUNGJAWABAN"),
               ("consequences", "KONSEKUENSI")]

# What a document says about a person, with the unit and position it needs already joined.
PERSON_JOINS = ("unit", "position")


@dataclass(frozen=True)
class Person:
    name: str
    nip: str
    number_label: str  # "NIP", or "NI PPPK" for a contract civil servant
    rank: str
    position: str
    unit: str

    @classmethod
    def of(cls, employee: Employee | None, nip_shown: bool = True) -> Person | None:
        """``nip_shown``: False where the viewer may not see the employee's personal details
        (organization.selectors.personal_details_visible): the number is printed as "-"."""
        if employee is None:
            return None
        return cls(name=employee.name, nip=employee.nip if nip_shown else "-", rank=employee.rank.strip() or "-",
                   number_label="NI PPPK" if employee.employment_type == EmploymentType.PPPK else "NIP",
                   position=employee.position.title, unit=employee.unit.name)


def _joins(*prefixes: str) -> list[str]:
    return [f"{prefix}__{join}" for prefix in prefixes for join in PERSON_JOINS]


@dataclass
class ResultRow:
    result: WorkResult
    supports: list[str]  # the rater's work results it intervenes in, or the org goal
    indicators: list[Indicator]
    realizations: dict[int, Realization] = field(default_factory=dict)  # indicator id -> in the period


def _result_rows(plan: PerformancePlan, period: PerformancePeriod | None = None) -> list[ResultRow]:
    """Work results in the plan's order with what each supports and its indicators (3 queries),
    and the realizations of ``period`` (1 more)."""
    indicators = Indicator.objects.order_by("id")
    if period is not None:
        indicators = indicators.prefetch_related(
            Prefetch("realizations", queryset=Realization.objects.filter(period=period), to_attr="in_period"))
    results = (WorkResult.objects.filter(plan=plan).select_related("org_goal")
               .prefetch_related(Prefetch("parents", queryset=WorkResult.objects.order_by("position", "id")),
                                 Prefetch("indicators", queryset=indicators)))
    rows = []
    for result in results:
        supports = [p.text for p in result.parents.all()] or ([result.org_goal.text] if result.org_goal else [])
        inds = list(result.indicators.all())
        realized = {i.pk: i.in_period[0] for i in inds if getattr(i, "in_period", None)}
        rows.append(ResultRow(result, supports, inds, realized))
    return rows


def split_by_type(rows: list[ResultRow]) -> tuple[list[ResultRow], list[ResultRow]]:
    """Main (utama) results, then additional (tambahan) ones."""
    return ([r for r in rows if r.result.type == WorkResultType.UTAMA],
            [r for r in rows if r.result.type == WorkResultType.TAMBAHAN])


def _expectations(plan: PerformancePlan) -> dict[str, str]:
    return dict(BehaviorExpectation.objects.filter(plan=plan).values_list("core_value", "text"))


# --- SKP ----------------------------------------------------------------------------------------

@dataclass
class PlanDocument:
    plan: PerformancePlan
    government: str
    unit: str
    employee: Person
    rater: Person | None
    is_jpt: bool
    results: list[ResultRow]
    expectations: dict[str, str]
    attachments: dict[str, list[str]]


def plan_document(plan_pk: int) -> PlanDocument:
    """6 queries: the plan with the people, the unit's ancestors, results (3), expectations."""
    plan = PerformancePlan.objects.select_related(
        "employee", *_joins("employee", "rater", "employee__rater")).get(pk=plan_pk)
    employee = plan.employee
    return PlanDocument(
        plan=plan, government=org.government_of(employee.unit), unit=employee.unit.name, employee=Person.of(employee),
        rater=Person.of(plan.rater_of_record),
        is_jpt=employee.position.position_class == PositionClass.JPT,
        results=_result_rows(plan), expectations=_expectations(plan),
        attachments={key: list((plan.attachments or {}).get(key) or []) for key, _label in ATTACHMENTS})


# --- evaluation ---------------------------------------------------------------------------------

@dataclass
class EvaluationDocument:
    evaluation: Evaluation
    period: PerformancePeriod
    government: str
    employee: Person
    rater: Person | None
    supervisor: Person | None
    org_rating: str | None  # the unit's own (R-ORG), as the approval requires it
    results: list[ResultRow]
    expectations: dict[str, str]
    development: list[DevelopmentPlanItem]
    # indicator id -> the realization suggested by the approved daily progress of the period
    suggested: dict[int, suggestions.Suggestion] = field(default_factory=dict)

    @property
    def is_annual(self) -> bool:
        return self.period.kind == PeriodKind.YEAR

    @property
    def is_final(self) -> bool:
        return self.evaluation.status == EvaluationStatus.FINAL


def evaluation_document(evaluation_pk: int) -> EvaluationDocument:
    """9 queries: the evaluation with the people, the regional government, the unit's org
    rating, results with realizations (4), expectations, the realizations suggested by the daily
    progress (as the evaluation page shows them); an annual one also its development plan."""
    evaluation = Evaluation.objects.select_related(
        "period", "plan__employee",
        *_joins("plan__employee", "plan__rater", "plan__employee__rater", "plan__rater_supervisor", "rated_by",
                "approved_by")).get(pk=evaluation_pk)
    plan, period = evaluation.plan, evaluation.period
    employee = plan.employee
    document = EvaluationDocument(
        evaluation=evaluation, period=period, government=org.government_of(employee.unit),
        employee=Person.of(employee), rater=Person.of(evaluation.rated_by or plan.rater_of_record),
        supervisor=Person.of(evaluation.approved_by or plan.rater_supervisor),
        org_rating=UnitOrgRating.objects.filter(period=period, unit=employee.unit).values_list("rating", flat=True)
        .first(), results=_result_rows(plan, period), expectations=_expectations(plan), development=[],
        suggested=suggestions.suggested_realizations(plan, period))
    if document.is_annual:
        document.development = list(DevelopmentPlanItem.objects.filter(plan=plan))
    return document


# --- predicate determination --------------------------------------------------------------------

@dataclass(frozen=True)
class DistributionRule:
    message: str
    met: bool


@dataclass
class PredicateRow:
    person: Person
    status: str | None  # the evaluation's status, None without an evaluation for the period
    predicate: str | None  # of a FINAL evaluation only
    override_reason: str


@dataclass
class PredicatesDocument:
    unit: OrgUnit
    period: PerformancePeriod
    government: str
    leader: Person | None
    org_rating: str | None
    counts: dict[str, int]  # as selectors.distribution_check counts them
    rules: list[DistributionRule]
    rows: list[PredicateRow]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def distribution_rules(org_rating: str, violations: list[rules.DistributionViolation]) -> list[DistributionRule]:
    """What R-DIST requires for the rating (rules.distribution_rules: the document never restates
    the regulation), each marked met unless among ``violations``, those the unit breaks."""
    broken = {v.rule for v in violations}
    return [DistributionRule(r.message, r.rule not in broken) for r in rules.distribution_rules(org_rating)]


def predicates_document(unit: OrgUnit, period: PerformancePeriod,
                        nip_shown: Callable[[Employee], bool]) -> PredicatesDocument:
    """6 queries: the unit with its leader, its root, R-DIST (2, selectors.distribution_check),
    the employees of the subtree, their evaluations of the period. ``nip_shown``: whose NIP the
    viewer may see (organization.selectors.personal_details_visible); the others print "-"."""
    unit = OrgUnit.objects.select_related("leader", *_joins("leader")).get(pk=unit.pk)
    government = org.government_of(unit)
    org_rating, counts, violations = selectors.distribution_check(unit=unit, period=period)
    employees = (Employee.objects.filter(unit__path__startswith=unit.path, is_active=True)
                 .select_related(*PERSON_JOINS).order_by("unit__path", "name", "pk"))
    evaluations = {e["plan__employee_id"]: e for e in Evaluation.objects.filter(
        period=period, plan__employee__unit__path__startswith=unit.path).values(
        "plan__employee_id", "status", "predicate", "override_reason")}
    rows = []
    for employee in employees:
        evaluation = evaluations.get(employee.pk)
        final = evaluation is not None and evaluation["status"] == EvaluationStatus.FINAL
        rows.append(PredicateRow(
            person=Person.of(employee, nip_shown(employee)), status=evaluation["status"] if evaluation else None,
            predicate=evaluation["predicate"] if final else None,
            override_reason=(evaluation or {}).get("override_reason") or ""))
    return PredicatesDocument(
        unit=unit, period=period, government=government, leader=Person.of(unit.leader),
        org_rating=org_rating, counts=counts,
        rules=distribution_rules(org_rating, violations) if org_rating else [], rows=rows)
