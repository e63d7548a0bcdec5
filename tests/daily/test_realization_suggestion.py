"""The quarter's realization suggested from the daily progress (docs/domain.md, after R-DISCIPLINE):
the sum of the approved outputs that serve an indicator's work result, in its unit, within the
period; a realization that differs from it needs a reason; the evaluation shows both, to
exactly those who see the evaluation; its read is locked in queries."""
from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from apps.daily.models import DailyEntry, EntryStatus
from apps.performance.suggestions import suggested_realizations
from apps.performance import services
from apps.performance.models import Evaluation, Indicator, PerformancePlan, Realization, WorkResult

from ..conftest import gid
from ..performance.conftest import YEAR, quarter  # noqa: F401 (the fixture)

EVALUATION = """query($id: ID!) { evaluation(id: $id) {
  realizations { value deviationReason indicator { id } }
  suggestedRealizations { indicator { id text } value outputUnit entries } } }"""
RECORD = """mutation($i: ID!, $p: ID!, $v: String!, $r: String) { recordRealization(indicatorId: $i, periodId: $p,
  value: $v, deviationReason: $r) { value deviationReason } }"""


def entry(employee, work_result, date, quantity, unit="dokumen", status=EntryStatus.APPROVED):
    return DailyEntry.objects.create(employee=employee, work_result=work_result, date=date, text="Kegiatan",
                                     quantity=Decimal(quantity), output_unit=unit, status=status)


@pytest.fixture
def days(quarter):  # noqa: F811
    """TW I open for the section; the staff member's work result with entries in every state,
    in and out of the quarter, in another unit, of another work result and of another employee."""
    d, period, q1 = quarter
    services.review_period_open(actor=d.hr_all.user, period=q1, unit=d.kasi.unit)
    plan = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    documents = WorkResult.objects.get(plan=plan)
    counted = Indicator.objects.get(work_result=documents)  # KUANTITAS, "dokumen"
    quality = Indicator.objects.create(work_result=documents, aspect="KUALITAS", text="Dokumen sesuai standar",
                                       target="4", unit="dokumen")
    # R-IKM: an IKM indicator takes the unit's index, never the outputs, whatever its aspect and unit.
    Indicator.objects.create(work_result=documents, aspect="KUANTITAS", text="IKM", target="80", unit="dokumen",
                             kind="SATISFACTION")
    reports = WorkResult.objects.create(plan=plan, text="Laporan supervisi")
    per_report = Indicator.objects.create(work_result=reports, aspect="KUANTITAS", text="Laporan", target="6",
                                          unit="laporan")
    # What is summed for "dokumen": 1 + 3 + 2.5 (the quarter's first and last days included;
    # the unit compared without case or spaces).
    entry(d.staff, documents, q1.starts_on, "1")
    entry(d.staff, documents, dt.date(YEAR, 1, 5), "3")
    entry(d.staff, documents, q1.ends_on, "2.5", unit=" Dokumen")
    # What is not.
    for status in (EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.RETURNED):
        entry(d.staff, documents, dt.date(YEAR, 2, 2), "100", status=status)
    entry(d.staff, documents, q1.starts_on - dt.timedelta(days=1), "200")  # TW IV of the year before
    entry(d.staff, documents, q1.ends_on + dt.timedelta(days=1), "300")  # TW II
    entry(d.staff, documents, dt.date(YEAR, 2, 3), "400", unit="rapat")  # another output
    entry(d.peer, documents, dt.date(YEAR, 2, 4), "500")  # another employee (on the staff member's result)
    entry(d.peer, WorkResult.objects.get(plan__employee=d.peer), dt.date(YEAR, 2, 4), "600")
    entry(d.staff, reports, dt.date(YEAR, 3, 1), "7", unit="laporan")
    evaluation = gid("Evaluation", Evaluation.objects.get(plan=plan, period=q1).pk)
    return d, period, evaluation, counted, quality, per_report


def suggested(body):
    return {s["indicator"]["id"]: (s["value"], s["outputUnit"], s["entries"])
            for s in body["evaluation"]["suggestedRealizations"]}


def test_the_suggestion_sums_the_approved_outputs_of_the_work_result_within_the_quarter(days, client_for):
    d, _period, evaluation, counted, quality, per_report = days
    expected = {gid("Indicator", counted.pk): ("6.5", "dokumen", 3),
                gid("Indicator", per_report.pk): ("7", "laporan", 1)}  # no KUALITAS suggestion
    for who in ("staff", "kasi", "kabid", "hr_all"):  # the employee and the evaluation's readers
        assert suggested(client_for(getattr(d, who).user.username).data(EVALUATION, {"id": evaluation})) == expected, who


def test_the_selector_reads_the_whole_plan_in_one_query(days, django_assert_num_queries):
    d, _period, _evaluation, counted, _quality, per_report = days
    plan = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    q1 = Evaluation.objects.get(plan=plan, period__number=1).period
    with django_assert_num_queries(1):
        result = suggested_realizations(plan, q1)
    assert {k: (v.value, v.entries) for k, v in result.items()} == {
        counted.pk: (Decimal("6.5"), 3), per_report.pk: (Decimal("7"), 1)}


def test_a_different_value_needs_a_reason_and_the_evaluation_shows_both(days, client_for):
    d, period, evaluation, counted, _quality, _per_report = days
    staff, kasi = client_for(d.staff.user.username), client_for(d.kasi.user.username)
    indicator = gid("Indicator", counted.pk)
    for reason in (None, "  "):
        refused = staff.error(RECORD, {"i": indicator, "p": period, "v": "5", "r": reason})
        assert refused["extensions"]["code"] == "BAD_USER_INPUT"
        assert list(refused["extensions"]["fields"]) == ["deviationReason"]
        assert "6,5 dokumen" in refused["message"]  # the suggestion, written the Indonesian way
    assert not Realization.objects.exists()  # nothing half-written

    because = "Dua dokumen dikerjakan di luar progres harian (tugas luar)."
    recorded = staff.data(RECORD, {"i": indicator, "p": period, "v": "5", "r": f" {because} "})["recordRealization"]
    assert recorded == {"value": "5", "deviationReason": because}
    shown = kasi.data(EVALUATION, {"id": evaluation})["evaluation"]  # the rater sees the value and the suggestion
    assert shown["realizations"] == [{"value": "5", "deviationReason": because, "indicator": {"id": indicator}}]
    assert suggested({"evaluation": shown})[indicator] == ("6.5", "dokumen", 3)
    assert PerformancePlan.objects.get(employee=d.staff, year=YEAR).history.get(
        kind="REALIZATION_RECORDED").data["deviationReason"] == because


def test_the_suggested_value_or_an_indicator_without_suggestion_needs_no_reason(days, client_for):
    d, period, evaluation, counted, quality, _per_report = days
    staff = client_for(d.staff.user.username)
    # Compared as numbers: "6,5" and "6.50" are the suggested 6.5; a reason for no difference is not kept.
    for value in ("6,5", "6.50"):
        recorded = staff.data(RECORD, {"i": gid("Indicator", counted.pk), "p": period, "v": value, "r": "Sama."})
        assert recorded["recordRealization"] == {"value": value, "deviationReason": ""}
    recorded = staff.data(RECORD, {"i": gid("Indicator", quality.pk), "p": period, "v": "90", "r": None})
    assert recorded["recordRealization"] == {"value": "90", "deviationReason": ""}


def test_a_value_that_is_no_number_differs_from_the_suggestion(days, client_for):
    d, period, _evaluation, counted, _quality, _per_report = days
    staff = client_for(d.staff.user.username)
    refused = staff.error(RECORD, {"i": gid("Indicator", counted.pk), "p": period, "v": "enam setengah", "r": ""})
    assert refused["extensions"]["code"] == "BAD_USER_INPUT"


EVALUATIONS = """query($p: ID!) { evaluations(planId: $p) { suggestedRealizations { value } } }"""


def test_a_peer_cannot_see_the_suggestion(days, client_for):
    d, _period, evaluation, _counted, _quality, _per_report = days
    plan = gid("PerformancePlan", PerformancePlan.objects.get(employee=d.staff, year=YEAR).pk)
    assert client_for(d.kasi.user.username).data(EVALUATIONS, {"p": plan})["evaluations"] == [
        {"suggestedRealizations": [{"value": "6.5"}, {"value": "7"}]}]
    for who in ("peer", "hr_dinkes"):
        client = client_for(getattr(d, who).user.username)
        for query, variables in ((EVALUATION, {"id": evaluation}), (EVALUATIONS, {"p": plan})):
            result = client(query, variables)
            assert result["errors"][0]["extensions"]["code"] == "NOT_FOUND", who
            assert result["data"] is None


# --- query counts -------------------------------------------------------------------------------

EVALUATION_QUERIES = 7  # session, user, HR role, the evaluation, realizations, their indicators, suggestions


def count_queries(user, evaluation) -> int:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        body = client.post("/graphql/", json.dumps({"query": EVALUATION, "variables": {"id": evaluation}}),
                           content_type="application/json").json()
    assert "errors" not in body, body
    return len(ctx.captured_queries)


def grow_to(plan, q1, results: int) -> None:
    """Work results (a counted indicator and a time indicator each), their approved entries and
    realizations, up to ``results``."""
    for n in range(plan.work_results.count(), results):
        result = WorkResult.objects.create(plan=plan, text=f"RHK {n}", position=n)
        for aspect, unit in (("KUANTITAS", "dokumen"), ("WAKTU", "bulan")):
            indicator = Indicator.objects.create(work_result=result, aspect=aspect, text="i", target="3", unit=unit)
            Realization.objects.create(indicator=indicator, period=q1, value="2")
        entry(plan.employee, result, dt.date(YEAR, 2, 1), "2")


def test_the_evaluation_with_its_suggestions_reads_in_a_fixed_number_of_queries(days):
    d, _period, evaluation, _counted, _quality, _per_report = days
    plan = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    q1 = Evaluation.objects.get(plan=plan, period__number=1).period
    grow_to(plan, q1, 3)
    few = count_queries(d.kasi.user, evaluation)
    grow_to(plan, q1, 30)
    many = count_queries(d.kasi.user, evaluation)
    assert few == many == EVALUATION_QUERIES, (few, many)


def test_the_evaluation_pdf_shows_the_suggestion_and_the_reason(days, client_for):
    """What the rater signs shows what the page shows: the recorded value, the daily progress's
    sum below it and the reason for the difference."""
    d, period, evaluation, counted, _quality, _per_report = days
    staff, kasi = client_for(d.staff.user.username), client_for(d.kasi.user.username)
    because = "Dua dokumen dikerjakan di luar progres harian."
    staff.data(RECORD, {"i": gid("Indicator", counted.pk), "p": period, "v": "5", "r": because})
    url = kasi.data("query($id: ID!) { evaluation(id: $id) { document { url } } }",
                    {"id": evaluation})["evaluation"]["document"]["url"]
    response = kasi.http.get(url, headers={"Authorization": f"Bearer {kasi.token}"})
    assert response.status_code == 200
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "5 dokumen" in text
    assert "Dari progres harian: 6,5 dokumen (3 progres)" in text
    assert "Dari progres harian: 7 laporan (1 progres)" in text       # no realization recorded yet
    assert f"Alasan perbedaan: {because}" in text
