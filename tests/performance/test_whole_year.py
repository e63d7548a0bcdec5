"""A whole year over HTTP for the chain kabid (head of the division) → kasi → staff: open the
year, draft, REVISE once, approve top-down, four quarters of realization + review + approval
with org ratings, the distribution check, the annual rating and the development plan —
asserting statuses, predicates and who could see and do what at each step."""
from __future__ import annotations

from apps.performance.models import Evaluation, Indicator, PerformancePeriod, PerformancePlan

from ..conftest import gid
from ..workflow.helpers import COMPLETE, complete

YEAR = 2028
GOAL = """mutation($u: ID!, $y: Int!) { upsertOrgGoal(unitId: $u, year: $y, text: "Mutu pembelajaran SD meningkat") { id } }"""
OPEN_YEAR = "mutation($y: Int!, $u: ID!) { openPerformanceYear(year: $y, unitId: $u) { id } }"
OPEN_REVIEW = "mutation($p: ID!, $u: ID!) { openReviewPeriod(periodId: $p, unitId: $u) { id } }"
UPSERT = "mutation($p: ID!, $i: WorkResultInput!) { upsertWorkResult(planId: $p, input: $i) { id } }"
MY_PLAN = "query($y: Int!) { myPlan(year: $y) { id status processInstance { activeTasks { id bpmnId } } } }"
INBOX = "{ tasks(first: 50, filter: {mine: true}) { edges { node { id bpmnId processInstance { subject { name } } } } } }"
RECORD = """mutation($i: ID!, $p: ID!, $v: String!) { recordRealization(indicatorId: $i, periodId: $p, value: $v,
  evidenceLinks: ["https://drive.lebongkab.go.id/bukti"]) { value } }"""
RATE = """mutation($e: ID!, $r: Rating!, $b: Rating!) { rateEvaluation(evaluationId: $e, resultRating: $r, behaviorRating: $b,
  feedback: "Umpan balik") { predicate resultRating } }"""
ORG = "mutation($u: ID!, $p: ID!, $r: OrgRating!) { setOrgRating(unitId: $u, periodId: $p, rating: $r) }"
DIST = "query($u: ID!, $p: ID!) { distributionCheck(unitId: $u, periodId: $p) { orgRating violations { rule } } }"
INDICATOR = [{"aspect": "KUANTITAS", "text": "Jumlah", "target": "4", "unit": "dokumen"}]


def inbox(client, bpmn_id):
    edges = client.data(INBOX)["tasks"]["edges"]
    return {e["node"]["processInstance"]["subject"]["name"]: e["node"]["id"] for e in edges
            if e["node"]["bpmnId"] == bpmn_id}


def own_task(client, bpmn_id):
    return inbox(client, bpmn_id)


def test_a_whole_year(published, client_for):
    d = published
    hr = client_for(d.hr_all.user.username)
    head, kasi, staff = (client_for(d.kabid.user.username), client_for(d.kasi.user.username),
                         client_for(d.staff.user.username))
    kadis, peer = client_for(d.kadis.user.username), client_for(d.peer.user.username)
    division, section = gid("OrgUnit", d.kabid.unit_id), gid("OrgUnit", d.kasi.unit_id)

    # --- planning ------------------------------------------------------------------------------
    goal = hr.data(GOAL, {"u": division, "y": YEAR})["upsertOrgGoal"]["id"]
    hr.data(OPEN_YEAR, {"y": YEAR, "u": division})
    plans = {who: c.data(MY_PLAN, {"y": YEAR})["myPlan"] for who, c in (("head", head), ("kasi", kasi), ("staff", staff))}
    assert {p["status"] for p in plans.values()} == {"DRAFT"}
    r_head = head.data(UPSERT, {"p": plans["head"]["id"], "i": {"text": "Pembinaan SD", "orgGoalId": goal,
                                                                 "indicators": INDICATOR}})["upsertWorkResult"]["id"]
    complete(head, own_task(head, "draft")[d.kabid.name], {"decision": "SUBMIT"})
    r_kasi = kasi.data(UPSERT, {"p": plans["kasi"]["id"], "i": {"text": "Penilaian kurikulum", "parentIds": [r_head],
                                                                 "indicators": INDICATOR}})["upsertWorkResult"]["id"]
    complete(kasi, own_task(kasi, "draft")[d.kasi.name], {"decision": "SUBMIT"})
    staff.data(UPSERT, {"p": plans["staff"]["id"], "i": {"text": "Instrumen penilaian", "parentIds": [r_kasi],
                                                          "indicators": INDICATOR}})
    complete(staff, own_task(staff, "draft")[d.staff.name], {"decision": "SUBMIT"})
    assert peer.error(COMPLETE, {"id": inbox(kasi, "review")[d.staff.name], "d": {"decision": "APPROVE"}})[
        "extensions"]["code"] in ("NOT_FOUND", "FORBIDDEN")
    complete(kadis, inbox(kadis, "review")[d.kabid.name], {"decision": "APPROVE"})           # top-down
    complete(head, inbox(head, "review")[d.kasi.name], {"decision": "REVISE", "notes": "Tambah target waktu."})
    complete(kasi, own_task(kasi, "draft")[d.kasi.name], {"decision": "SUBMIT"})             # REVISE once
    complete(head, inbox(head, "review")[d.kasi.name], {"decision": "APPROVE"})
    complete(kasi, inbox(kasi, "review")[d.staff.name], {"decision": "APPROVE"})
    statuses = dict(PerformancePlan.objects.filter(year=YEAR, employee__in=[d.kabid, d.kasi, d.staff])
                    .values_list("employee__name", "status"))
    assert set(statuses.values()) == {"APPROVED"}

    # --- four quarters ---------------------------------------------------------------------------
    ratings = {  # (staff result, staff behaviour) per quarter; R-MATRIX gives the predicate
        1: ("SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI", "BAIK"),
        2: ("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "SANGAT_BAIK"),
        3: ("DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI", "BUTUH_PERBAIKAN"),
        4: ("SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI", "KURANG"),
    }
    staff_indicator = gid("Indicator", Indicator.objects.get(work_result__plan__employee=d.staff,
                                                             work_result__plan__year=YEAR).pk)
    for number, (result, behavior, predicate) in ratings.items():
        period = PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=number)
        pid = gid("PerformancePeriod", period.pk)
        hr.data(OPEN_REVIEW, {"p": pid, "u": division})
        staff.data(RECORD, {"i": staff_indicator, "p": pid, "v": str(number)})
        complete(staff, own_task(staff, "self_assess")[d.staff.name], {"decision": "SUBMIT"})
        evaluation = gid("Evaluation", Evaluation.objects.get(plan__employee=d.staff, period=period).pk)
        assert staff.error(RATE, {"e": evaluation, "r": result, "b": behavior})["extensions"]["code"] == "FORBIDDEN"
        rated = kasi.data(RATE, {"e": evaluation, "r": result, "b": behavior})["rateEvaluation"]
        assert rated["predicate"] == predicate
        complete(kasi, inbox(kasi, "rate")[d.staff.name], {"decision": "APPROVE"})
        head.data(ORG, {"u": section, "p": pid, "r": "BAIK"})                           # R-ORG by the parent's leader
        complete(head, inbox(head, "approve")[d.staff.name], {"decision": "APPROVE"})
        assert Evaluation.objects.get(plan__employee=d.staff, period=period).status == "FINAL"
        # The section head: R-LEADER takes her results rating from the section's org rating.
        complete(kasi, own_task(kasi, "self_assess")[d.kasi.name], {"decision": "SUBMIT"})
        own = gid("Evaluation", Evaluation.objects.get(plan__employee=d.kasi, period=period).pk)
        assert head.data(RATE, {"e": own, "r": "DI_BAWAH_EKSPEKTASI", "b": "SESUAI_EKSPEKTASI"})[
            "rateEvaluation"] == {"predicate": "BAIK", "resultRating": "SESUAI_EKSPEKTASI"}
        check = kasi.data(DIST, {"u": section, "p": pid})["distributionCheck"]
        assert check["orgRating"] == "BAIK"

    # --- the year ------------------------------------------------------------------------------
    year = PerformancePeriod.objects.get(year=YEAR, kind="YEAR")
    yid = gid("PerformancePeriod", year.pk)
    hr.data(OPEN_REVIEW, {"p": yid, "u": division})
    complete(staff, own_task(staff, "self_assess")[d.staff.name], {"decision": "SUBMIT"})
    annual = gid("Evaluation", Evaluation.objects.get(plan__employee=d.staff, period=year).pk)
    assert kasi.data(RATE, {"e": annual, "r": "SESUAI_EKSPEKTASI", "b": "SESUAI_EKSPEKTASI"})["rateEvaluation"][
        "predicate"] == "BAIK"                                                                 # R-ANNUAL: its own rating
    head.data(ORG, {"u": section, "p": yid, "r": "BAIK"})
    assert [v["rule"] for v in kasi.data(DIST, {"u": section, "p": yid})["distributionCheck"]["violations"]] == [
        "BAIK_MAX_70", "NEEDS_IMPROVEMENT_OR_POOR_MIN_1"]
    refused = kasi.error(COMPLETE, {"id": inbox(kasi, "rate")[d.staff.name], "d": {"decision": "APPROVE"}})
    assert "R-DIST" in refused["message"]
    complete(kasi, inbox(kasi, "rate")[d.staff.name], {"decision": "APPROVE", "overrideReason": "Satu-satunya staf."})
    complete(head, inbox(head, "approve")[d.staff.name], {"decision": "APPROVE"})
    complete(kasi, inbox(kasi, "follow_up")[d.staff.name], {"decision": "SUBMIT", "items": [
        {"need": "Asesmen diagnostik", "activity": "Bimbingan teknis"}]})
    final = Evaluation.objects.get(plan__employee=d.staff, period=year)
    assert (final.status, final.predicate, final.override_reason) == ("FINAL", "BAIK", "Satu-satunya staf.")
    quarters = list(Evaluation.objects.filter(plan__employee=d.staff, period__kind="QUARTER")
                    .order_by("period__number").values_list("predicate", flat=True))
    assert quarters == ["BAIK", "SANGAT_BAIK", "BUTUH_PERBAIKAN", "KURANG"]
    plan = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    assert plan.development_items.get().need == "Asesmen diagnostik"
    assert peer.error("query($id: ID!) { performancePlan(id: $id) { status } }",
                      {"id": gid("PerformancePlan", plan.pk)})["extensions"]["code"] == "NOT_FOUND"
