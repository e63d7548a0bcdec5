"""The regulation's rules as pure functions (docs/domain.md ids in each docstring).

Fractions, not floats, decide every percentage and limit, so edges (exactly 70 %, exactly 60 %)
fall on the side the regulation says. No database access here.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .choices import OrgRating, Predicate, Rating, SurveyElement


A, S, B = Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI

# R-MATRIX: (behaviour, results) -> predicate, exactly the table of docs/domain.md.
PREDICATE_MATRIX = {
    (A, B): Predicate.BUTUH_PERBAIKAN, (A, S): Predicate.BAIK, (A, A): Predicate.SANGAT_BAIK,
    (S, B): Predicate.BUTUH_PERBAIKAN, (S, S): Predicate.BAIK, (S, A): Predicate.BAIK,
    (B, B): Predicate.SANGAT_KURANG, (B, S): Predicate.KURANG, (B, A): Predicate.KURANG,
}


def predicate(result_rating: str, behavior_rating: str) -> Predicate:
    """R-MATRIX: the employee's predicate is a function of the two ratings, nothing else."""
    return PREDICATE_MATRIX[(Rating(behavior_rating), Rating(result_rating))]


# R-LEADER default mapping; override with settings.KINERJA_LEADER_RATING_MAP.
DEFAULT_LEADER_MAP = {
    OrgRating.ISTIMEWA: A, OrgRating.BAIK: S,
    OrgRating.BUTUH_PERBAIKAN: B, OrgRating.KURANG: B, OrgRating.SANGAT_KURANG: B,
}


def leader_result_rating(org_rating: str) -> Rating:
    """R-LEADER: a unit head's results rating is the unit's organizational rating, mapped."""
    mapping = getattr(settings, "KINERJA_LEADER_RATING_MAP", None) or DEFAULT_LEADER_MAP
    return Rating(mapping[OrgRating(org_rating)])


# R-CREDIT: factor of the yearly credit-point coefficient, by predicate.
CREDIT_FACTOR = {
    Predicate.SANGAT_BAIK: Fraction(150, 100), Predicate.BAIK: Fraction(100, 100),
    Predicate.BUTUH_PERBAIKAN: Fraction(75, 100), Predicate.KURANG: Fraction(50, 100),
    Predicate.SANGAT_KURANG: Fraction(25, 100),
}


# Yearly credit-point coefficient by functional grade (PermenPANRB 1/2023), read from the
# position title; override with settings.KINERJA_CREDIT_COEFFICIENTS.
DEFAULT_CREDIT_COEFFICIENTS = {
    "Ahli Utama": Decimal("50"), "Ahli Madya": Decimal("37.5"), "Ahli Muda": Decimal("25"),
    "Ahli Pertama": Decimal("12.5"), "Penyelia": Decimal("25"), "Mahir": Decimal("12.5"),
    "Terampil": Decimal("5"), "Pemula": Decimal("3.75"),
}


def credit_coefficient(position_title: str) -> Decimal | None:
    table = getattr(settings, "KINERJA_CREDIT_COEFFICIENTS", None) or DEFAULT_CREDIT_COEFFICIENTS
    return next((Decimal(str(v)) for grade, v in table.items() if grade.lower() in position_title.lower()), None)


def credit_points(coefficient: Decimal | int | str, predicate_value: str) -> Decimal:
    """R-CREDIT: functional-position credit points for the year = coefficient × factor (3 decimals)."""
    value = Fraction(Decimal(str(coefficient))) * CREDIT_FACTOR[Predicate(predicate_value)]
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.001"), ROUND_HALF_UP)


@dataclass(frozen=True)
class DistributionViolation:
    rule: str
    message: str


def _pct(count: int, total: int) -> Fraction:
    return Fraction(count * 100, total) if total else Fraction(0)


def _distribution_checks(org_rating: str, counts: Counter) -> Sequence[tuple[str, bool, str | Promise]]:
    """R-DIST (SE MenPANRB 3/2023) for one organizational rating: (rule id, met, message) each."""
    total = sum(counts.values())
    pct = {p: _pct(counts[p], total) for p in Predicate}
    P = Predicate
    return {
        OrgRating.ISTIMEWA: [("SANGAT_BAIK_MAX_70", pct[P.SANGAT_BAIK] <= 70, _("At most 70% may be Very good."))],
        OrgRating.BAIK: [
            ("BAIK_MAX_70", pct[P.BAIK] <= 70, _("At most 70% may be Good.")),
            ("NEEDS_IMPROVEMENT_OR_POOR_MIN_1", counts[P.BUTUH_PERBAIKAN] + counts[P.KURANG] >= 1,
             _("At least one employee must be Needs improvement or Poor.")),
        ],
        OrgRating.BUTUH_PERBAIKAN: [
            ("BUTUH_PERBAIKAN_MIN_60", pct[P.BUTUH_PERBAIKAN] >= 60, _("At least 60% must be Needs improvement.")),
            ("SANGAT_BAIK_MAX_10", pct[P.SANGAT_BAIK] <= 10, _("At most 10% may be Very good.")),
        ],
        OrgRating.KURANG: [
            ("KURANG_MIN_60", pct[P.KURANG] >= 60, _("At least 60% must be Poor.")),
            ("BUTUH_PERBAIKAN_MIN_10", pct[P.BUTUH_PERBAIKAN] >= 10, _("At least 10% must be Needs improvement.")),
            ("SANGAT_BAIK_MAX_10", pct[P.SANGAT_BAIK] <= 10, _("At most 10% may be Very good.")),
        ],
        OrgRating.SANGAT_KURANG: [
            ("SANGAT_KURANG_MIN_60", pct[P.SANGAT_KURANG] >= 60, _("At least 60% must be Very poor.")),
            ("KURANG_OR_BUTUH_PERBAIKAN_MIN_10", pct[P.KURANG] + pct[P.BUTUH_PERBAIKAN] >= 10,
             _("At least 10% must be Poor or Needs improvement.")),
            ("NO_SANGAT_BAIK", counts[P.SANGAT_BAIK] == 0, _("No employee may be Very good.")),
        ],
    }[OrgRating(org_rating)]


def distribution_rules(org_rating: str) -> list[DistributionViolation]:
    """Every R-DIST rule an organizational rating sets, met or not: what the documents print as
    the distribution the rating allows."""
    return [DistributionViolation(rule, str(message)) for rule, _met, message in _distribution_checks(org_rating, Counter())]


def distribution_summary(org_rating: str | None, predicates: list[str]) -> tuple[dict[str, int], list[DistributionViolation]]:
    """R-DIST of one unit: the count of each predicate, and the rules the distribution breaks
    (none without an organizational rating)."""
    counts = {p: predicates.count(p) for p in Predicate.values}
    return counts, distribution_violations(org_rating, predicates) if org_rating else []


def distribution_violations(org_rating: str, predicates: Iterable[str]) -> list[DistributionViolation]:
    """R-DIST (SE MenPANRB 3/2023): the unit's organizational rating bounds the distribution of
    its employees' predicates. An empty unit has nothing to violate."""
    counts = Counter(Predicate(p) for p in predicates)
    if not sum(counts.values()):
        return []
    return [DistributionViolation(rule, str(message))
            for rule, met, message in _distribution_checks(org_rating, counts) if not met]


# --- R-IKM (PermenPANRB 14/2017) ----------------------------------------------------------

ELEMENTS = list(SurveyElement)
TWO = Decimal("0.01")
# R-IKM categories by score: (lowest score, letter, label).
CATEGORIES = [
    (Decimal("88.31"), "A", _("Very good")),
    (Decimal("76.61"), "B", _("Good")),
    (Decimal("65.00"), "C", _("Not good")),
    (Decimal("25.00"), "D", _("Bad")),
]


@dataclass(frozen=True)
class SatisfactionResult:
    score: Decimal
    category: str
    category_label: str
    respondents: int
    element_scores: dict[str, Decimal]


class InvalidResponses(ValueError):
    def __init__(self, problems: list[dict]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} invalid response(s)")


def validate_responses(responses: Sequence[Sequence[int]]) -> None:
    """Each response is 9 integers 1–4 in docs/domain.md's element order; anything else is rejected."""
    problems = []
    if not isinstance(responses, (list, tuple)) or not responses:
        raise InvalidResponses([{"response": None, "message": str(_("At least one response is needed."))}])
    for index, response in enumerate(responses):
        if not isinstance(response, (list, tuple)) or len(response) != len(ELEMENTS):
            problems.append({"response": index, "message": str(_("A response must have exactly 9 answers."))})
            continue
        for position, answer in enumerate(response):
            if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 4:
                problems.append({"response": index, "element": ELEMENTS[position].value,
                                 "message": str(_("Each answer must be a whole number from 1 to 4."))})
    if problems:
        raise InvalidResponses(problems)


def category_of(score: Decimal) -> tuple[str, str]:
    for lowest, letter, label in CATEGORIES:
        if score >= lowest:
            return letter, str(label)
    return "D", str(CATEGORIES[-1][2])


def satisfaction_index(responses: Sequence[Sequence[int]]) -> SatisfactionResult:
    """R-IKM: per element the mean score (NRR) over respondents; IKM = mean of the 9 NRRs × 25,
    rounded half up to two decimals (exact arithmetic before the single rounding)."""
    validate_responses(responses)
    n = len(responses)
    nrr = [Fraction(sum(r[i] for r in responses), n) for i in range(len(ELEMENTS))]
    exact = sum(nrr, Fraction(0)) / len(ELEMENTS) * 25

    def rounded(value: Fraction) -> Decimal:
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(TWO, ROUND_HALF_UP)

    score = rounded(exact)
    letter, label = category_of(score)
    return SatisfactionResult(score=score, category=letter, category_label=label, respondents=n,
                              element_scores={e.value: rounded(v) for e, v in zip(ELEMENTS, nrr)})
