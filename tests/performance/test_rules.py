"""The regulation's rules as pure functions: R-MATRIX, R-LEADER, R-CREDIT, R-DIST, R-IKM."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.performance import rules
from apps.performance.rules import OrgRating, Rating

A, S, B = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


# R-MATRIX: behaviour (rows) x results (columns), docs/domain.md's table cell by cell.
@pytest.mark.parametrize("behavior, result, expected", [
    (A, B, "BUTUH_PERBAIKAN"), (A, S, "BAIK"), (A, A, "SANGAT_BAIK"),
    (S, B, "BUTUH_PERBAIKAN"), (S, S, "BAIK"), (S, A, "BAIK"),
    (B, B, "SANGAT_KURANG"), (B, S, "KURANG"), (B, A, "KURANG"),
])
def test_r_matrix_all_nine_combinations(behavior, result, expected):
    assert rules.predicate(result, behavior) == expected


def test_r_matrix_rejects_unknown_ratings():
    with pytest.raises(ValueError):
        rules.predicate("LUAR_BIASA", S)


@pytest.mark.parametrize("org, rating", [
    ("ISTIMEWA", A), ("BAIK", S), ("BUTUH_PERBAIKAN", B), ("KURANG", B), ("SANGAT_KURANG", B)])
def test_r_leader_default_mapping(org, rating):
    assert rules.leader_result_rating(org) == rating


def test_r_leader_mapping_is_configurable(settings):
    settings.KINERJA_LEADER_RATING_MAP = {**rules.DEFAULT_LEADER_MAP, OrgRating.BUTUH_PERBAIKAN: Rating.SESUAI_EKSPEKTASI}
    assert rules.leader_result_rating("BUTUH_PERBAIKAN") == S


@pytest.mark.parametrize("predicate, expected", [
    ("SANGAT_BAIK", "18.750"), ("BAIK", "12.500"), ("BUTUH_PERBAIKAN", "9.375"), ("KURANG", "6.250"),
    ("SANGAT_KURANG", "3.125")])
def test_r_credit_factor_by_predicate(predicate, expected):
    assert rules.credit_points("12.5", predicate) == Decimal(expected)


def dist(**counts):
    return [p for p, n in counts.items() for _ in range(n)]


# R-DIST: for each organizational rating, a distribution exactly at each limit passes and one
# employee past it fails with that rule.
@pytest.mark.parametrize("org, predicates, violated", [
    ("ISTIMEWA", dist(SANGAT_BAIK=7, BAIK=3), []),
    ("ISTIMEWA", dist(SANGAT_BAIK=8, BAIK=2), ["SANGAT_BAIK_MAX_70"]),
    ("BAIK", dist(BAIK=7, BUTUH_PERBAIKAN=1, SANGAT_BAIK=2), []),
    ("BAIK", dist(BAIK=7, KURANG=1, SANGAT_BAIK=2), []),
    ("BAIK", dist(BAIK=8, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1), ["BAIK_MAX_70"]),
    ("BAIK", dist(BAIK=7, SANGAT_BAIK=3), ["NEEDS_IMPROVEMENT_OR_POOR_MIN_1"]),
    ("BUTUH_PERBAIKAN", dist(BUTUH_PERBAIKAN=6, SANGAT_BAIK=1, BAIK=3), []),
    ("BUTUH_PERBAIKAN", dist(BUTUH_PERBAIKAN=5, SANGAT_BAIK=1, BAIK=4), ["BUTUH_PERBAIKAN_MIN_60"]),
    ("BUTUH_PERBAIKAN", dist(BUTUH_PERBAIKAN=6, SANGAT_BAIK=2, BAIK=2), ["SANGAT_BAIK_MAX_10"]),
    ("KURANG", dist(KURANG=6, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1, BAIK=2), []),
    ("KURANG", dist(KURANG=5, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1, BAIK=3), ["KURANG_MIN_60"]),
    ("KURANG", dist(KURANG=6, BAIK=4), ["BUTUH_PERBAIKAN_MIN_10"]),
    ("KURANG", dist(KURANG=6, BUTUH_PERBAIKAN=1, SANGAT_BAIK=2, BAIK=1), ["SANGAT_BAIK_MAX_10"]),
    ("SANGAT_KURANG", dist(SANGAT_KURANG=6, KURANG=1, BAIK=3), []),
    ("SANGAT_KURANG", dist(SANGAT_KURANG=6, BUTUH_PERBAIKAN=1, BAIK=3), []),
    ("SANGAT_KURANG", dist(SANGAT_KURANG=5, KURANG=1, BAIK=4), ["SANGAT_KURANG_MIN_60"]),
    ("SANGAT_KURANG", dist(SANGAT_KURANG=7, BAIK=3), ["KURANG_OR_BUTUH_PERBAIKAN_MIN_10"]),
    ("SANGAT_KURANG", dist(SANGAT_KURANG=6, KURANG=1, SANGAT_BAIK=1, BAIK=2), ["NO_SANGAT_BAIK"]),
    ("BAIK", [], []),
])
def test_r_dist_limits_at_their_edges(org, predicates, violated):
    assert [v.rule for v in rules.distribution_violations(org, predicates)] == violated


def test_r_dist_messages_are_indonesian():
    [violation] = rules.distribution_violations("ISTIMEWA", dist(SANGAT_BAIK=1))
    assert violation.message == "Paling banyak 70% boleh berpredikat Sangat Baik."


# --- R-IKM ---------------------------------------------------------------------------------

def test_r_ikm_extremes():
    assert rules.satisfaction_index([[4] * 9]).score == Decimal("100.00")
    best = rules.satisfaction_index([[4] * 9] * 3)
    assert (best.category, best.respondents) == ("A", 3)
    worst = rules.satisfaction_index([[1] * 9])
    assert (worst.score, worst.category) == (Decimal("25.00"), "D")


def test_r_ikm_element_scores_in_domain_order():
    result = rules.satisfaction_index([[1, 2, 3, 4, 1, 2, 3, 4, 1], [3, 2, 1, 4, 3, 2, 1, 4, 3]])
    assert list(result.element_scores) == [e.value for e in rules.SurveyElement]
    assert result.element_scores["PERSYARATAN"] == Decimal("2.00")
    assert result.element_scores["BIAYA"] == Decimal("4.00")


def test_r_ikm_rounds_half_up_once_at_the_end():
    # 8 respondents, 63 answers of 1 and 9 of 2: 81/72 × 25 = 28.125 exactly -> 28.13
    responses = [[1] * 9 for _ in range(7)] + [[2] * 9]
    assert rules.satisfaction_index(responses).score == Decimal("28.13")
    # one 3 among 4s: 35/9 × 25 = 97.2222…
    assert rules.satisfaction_index([[4] * 8 + [3]]).score == Decimal("97.22")


@pytest.mark.parametrize("score, category", [
    ("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"), ("65.00", "C"),
    ("64.99", "D"), ("25.00", "D")])
def test_r_ikm_category_edges(score, category):
    assert rules.category_of(Decimal(score))[0] == category


def test_r_ikm_category_edge_from_real_answers():
    # 5 respondents whose answers average exactly 2.6 -> 65.00, the lowest C
    answers = [3] * 27 + [2] * 18
    responses = [answers[i * 9:(i + 1) * 9] for i in range(5)]
    result = rules.satisfaction_index(responses)
    assert (result.score, result.category, result.category_label) == (Decimal("65.00"), "C", "Kurang Baik")


@pytest.mark.parametrize("responses", [
    [], [[4] * 8], [[4] * 10], [[0] + [4] * 8], [[5] + [4] * 8], [[3.5] + [4] * 8], [[True] + [4] * 8],
    [["4"] + [4] * 8], "4444", [[4] * 9, None]])
def test_r_ikm_rejects_anything_but_nine_answers_from_1_to_4(responses):
    with pytest.raises(rules.InvalidResponses):
        rules.satisfaction_index(responses)


@given(st.lists(st.lists(st.integers(min_value=1, max_value=4), min_size=9, max_size=9), min_size=1, max_size=40))
def test_r_ikm_matches_an_independent_computation(responses):
    total = sum(sum(r) for r in responses)
    exact = Fraction(total * 25, 9 * len(responses))
    expected = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    result = rules.satisfaction_index(responses)
    assert result.score == expected
    assert Decimal("25.00") <= result.score <= Decimal("100.00")
    assert result.category == rules.category_of(expected)[0]
