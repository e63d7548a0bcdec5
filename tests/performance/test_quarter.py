"""A quarter of evaluation over HTTP: realizations with evidence, self-assessment, rating with
R-MATRIX and R-LEADER, R-ORG before finalisation, R-DIST check — and who may do what."""
from __future__ import annotations



from apps.performance.models import (Evaluation, Indicator, PerformancePeriod, PerformancePlan, UnitOrgRating,
                                     WorkResult)

from ..conftest import gid
from ..workflow.helpers import COMPLETE, complete

from .conftest import YEAR  # noqa: E402
OPEN = "mutation($p: ID!, $u: ID!) { openReviewPeriod(periodId: $p, unitId: $u) { id status progress total } }"
EVALS = """query($p: ID!) { evaluations(planId: $p) { id status predicate resultRating behaviorRating ratedBy { name }
  period { kind number } realizations { value evidenceLinks indicator { text } }
  processInstance { activeTasks { id bpmnId } } } }"""
RECORD = """mutation($i: ID!, $p: ID!, $v: String!, $l: [String!]) { recordRealization(indicatorId: $i, periodId: $p,
  value: $v, note: "Sesuai jadwal", evidenceLinks: $l) { value evidenceLinks } }"""
RATE = """mutation($e: ID!, $r: Rating!, $b: Rating!) { rateEvaluation(evaluationId: $e, resultRating: $r,
  behaviorRating: $b, feedback: "Pertahankan.", behaviorFeedback: {KOLABORATIF: "Aktif membantu rekan."}) {
  predicate resultRating ratedBy { name } } }"""
ORG = "mutation($u: ID!, $p: ID!, $r: OrgRating!) { setOrgRating(unitId: $u, periodId: $p, rating: $r) }"
DIST = """query($u: ID!, $p: ID!) { distributionCheck(unitId: $u, periodId: $p) { orgRating
  counts { predicate count percent } violations { rule message } } }"""


def evaluation_of(client, employee):
    plan = PerformancePlan.objects.get(employee=employee, year=YEAR)
    return client.data(EVALS, {"p": gid("PerformancePlan", plan.pk)})["evaluations"][0]


def task_id(evaluation, bpmn_id):
    return next(t["id"] for t in evaluation["processInstance"]["activeTasks"] if t["bpmnId"] == bpmn_id)


def test_a_quarter_from_self_assessment_to_final(quarter, client_for):
    d, period, q1 = quarter
    hr, staff = client_for(d.hr_all.user.username), client_for(d.staff.user.username)
    kasi, kabid, peer = (client_for(d.kasi.user.username), client_for(d.kabid.user.username),
                         client_for(d.peer.user.username))
    section = gid("OrgUnit", d.kasi.unit_id)
    job = hr.data(OPEN, {"p": period, "u": section})["openReviewPeriod"]
    assert hr.data("query($id: ID!) { job(id: $id) { status total } }", {"id": job["id"]})["job"] == {
        "status": "DONE", "total": 3}  # kasi, staff, peer (the kabid's unit is above)

    mine = evaluation_of(staff, d.staff)
    assert (mine["status"], mine["period"]) == ("SELF_ASSESSMENT", {"kind": "QUARTER", "number": 1})
    indicator = gid("Indicator", Indicator.objects.get(work_result__plan__employee=d.staff).pk)
    bad = staff.error(RECORD, {"i": indicator, "p": period, "v": "1", "l": ["file:///etc/passwd"]})
    assert bad["extensions"]["fields"] == {"evidenceLinks": "tautan harus berupa alamat http(s)"}
    assert peer.error(RECORD, {"i": indicator, "p": period, "v": "1", "l": []})["extensions"]["code"] == "NOT_FOUND"
    assert kasi.error(RECORD, {"i": indicator, "p": period, "v": "1", "l": []})["extensions"]["code"] == "FORBIDDEN"
    recorded = staff.data(RECORD, {"i": indicator, "p": period, "v": "1", "l": ["https://drive.lebongkab.go.id/bukti/1"]})
    assert recorded["recordRealization"] == {"value": "1", "evidenceLinks": ["https://drive.lebongkab.go.id/bukti/1"]}
    complete(staff, task_id(mine, "self_assess"), {"decision": "SUBMIT", "notes": "Satu dokumen selesai."})

    rating = evaluation_of(kasi, d.staff)
    assert rating["status"] == "RATING" and rating["realizations"][0]["value"] == "1"
    not_rated = kasi.error(COMPLETE, {"id": task_id(rating, "rate"), "d": {"decision": "APPROVE"}})
    assert not_rated["extensions"]["code"] == "BAD_USER_INPUT"
    assert staff.error(RATE, {"e": rating["id"], "r": "DI_ATAS_EKSPEKTASI", "b": "DI_ATAS_EKSPEKTASI"})[
        "extensions"]["code"] == "FORBIDDEN"
    rated = kasi.data(RATE, {"e": rating["id"], "r": "SESUAI_EKSPEKTASI", "b": "DI_ATAS_EKSPEKTASI"})["rateEvaluation"]
    assert rated == {"predicate": "BAIK", "resultRating": "SESUAI_EKSPEKTASI", "ratedBy": {"name": d.kasi.name}}
    complete(kasi, task_id(rating, "rate"), {"decision": "APPROVE"})

    approval = evaluation_of(kabid, d.staff)
    assert approval["status"] == "APPROVAL"
    too_early = kabid.error(COMPLETE, {"id": task_id(approval, "approve"), "d": {"decision": "APPROVE"}})
    assert too_early["extensions"]["code"] == "CONFLICT" and "R-ORG" in too_early["message"]
    # R-ORG: the section's rating is set by the leader of the unit above it (the kabid), not by its own head.
    assert kasi.error(ORG, {"u": section, "p": period, "r": "BAIK"})["extensions"]["code"] == "FORBIDDEN"
    assert kabid.data(ORG, {"u": section, "p": period, "r": "BAIK"})["setOrgRating"] == "BAIK"
    complete(kabid, task_id(approval, "approve"), {"decision": "APPROVE"})
    assert evaluation_of(staff, d.staff)["status"] == "FINAL"

    # R-DIST is read by those who read the unit's figures (unitPerformance); with one rating in
    # the unit the counts would tell the staff member's predicate to anyone.
    check = kabid.data(DIST, {"u": section, "p": period})["distributionCheck"]
    assert check["orgRating"] == "BAIK"
    assert {c["predicate"]: (c["count"], c["percent"]) for c in check["counts"]}["BAIK"] == (1, 100.0)
    assert [v["rule"] for v in check["violations"]] == ["BAIK_MAX_70", "NEEDS_IMPROVEMENT_OR_POOR_MIN_1"]


def test_r_leader_the_section_head_takes_the_org_rating(quarter, client_for):
    d, period, q1 = quarter
    hr, kasi, kabid = (client_for(d.hr_all.user.username), client_for(d.kasi.user.username),
                       client_for(d.kabid.user.username))
    section = gid("OrgUnit", d.kasi.unit_id)
    hr.data(OPEN, {"p": period, "u": section})
    own = evaluation_of(kasi, d.kasi)
    complete(kasi, task_id(own, "self_assess"), {"decision": "SUBMIT"})
    rating = evaluation_of(kabid, d.kasi)
    before = kabid.error(RATE, {"e": rating["id"], "r": "DI_ATAS_EKSPEKTASI", "b": "SESUAI_EKSPEKTASI"})
    assert before["extensions"]["code"] == "CONFLICT"  # R-ORG first
    kabid.data(ORG, {"u": section, "p": period, "r": "BUTUH_PERBAIKAN"})
    rated = kabid.data(RATE, {"e": rating["id"], "r": "DI_ATAS_EKSPEKTASI", "b": "SESUAI_EKSPEKTASI"})["rateEvaluation"]
    # R-LEADER: BUTUH_PERBAIKAN maps to DI_BAWAH, whatever the rater chose; then R-MATRIX.
    assert rated["resultRating"] == "DI_BAWAH_EKSPEKTASI" and rated["predicate"] == "BUTUH_PERBAIKAN"
    assert Evaluation.objects.get(plan__employee=d.kasi).rated_by == d.kabid


def test_only_hr_opens_a_review_period(quarter, client_for):
    d, period, q1 = quarter
    section = gid("OrgUnit", d.kasi.unit_id)
    for who in ["kasi", "hr_dinkes", "staff"]:
        assert client_for(getattr(d, who).user.username).error(OPEN, {"p": period, "u": section})[
            "extensions"]["code"] == "FORBIDDEN"


def test_feedback_per_work_result_and_core_value(quarter, client_for):
    d, period, q1 = quarter
    hr, staff, kasi = (client_for(d.hr_all.user.username), client_for(d.staff.user.username),
                       client_for(d.kasi.user.username))
    hr.data(OPEN, {"p": period, "u": gid("OrgUnit", d.kasi.unit_id)})
    complete(staff, task_id(evaluation_of(staff, d.staff), "self_assess"), {"decision": "SUBMIT"})
    rating = evaluation_of(kasi, d.staff)
    own = gid("WorkResult", WorkResult.objects.get(plan__employee=d.staff).pk)
    foreign = gid("WorkResult", WorkResult.objects.get(plan__employee=d.peer).pk)
    mutation = """mutation($e: ID!, $f: [WorkResultFeedbackInput!]) { rateEvaluation(evaluationId: $e,
      resultRating: SESUAI_EKSPEKTASI, behaviorRating: SESUAI_EKSPEKTASI, feedback: "Umum",
      behaviorFeedback: {AKUNTABEL: "Laporan tepat waktu."}, workResultFeedback: $f) { resultFeedback behaviorFeedback } }"""
    wrong = kasi.error(mutation, {"e": rating["id"], "f": [{"workResultId": foreign, "text": "x"}]})
    assert wrong["extensions"]["code"] == "BAD_USER_INPUT"
    done = kasi.data(mutation, {"e": rating["id"], "f": [{"workResultId": own, "text": "Dokumen rapi."}]})["rateEvaluation"]
    pk = str(WorkResult.objects.get(plan__employee=d.staff).pk)
    assert done == {"resultFeedback": {pk: "Dokumen rapi."}, "behaviorFeedback": {"AKUNTABEL": "Laporan tepat waktu."}}


def test_satisfaction_indicator_takes_the_units_ikm(quarter, client_for):
    d, period, q1 = quarter
    hr, staff = client_for(d.hr_all.user.username), client_for(d.staff.user.username)
    hr.data(OPEN, {"p": period, "u": gid("OrgUnit", d.kasi.unit_id)})
    result = WorkResult.objects.get(plan__employee=d.staff)
    ikm_indicator = Indicator.objects.create(work_result=result, aspect="KUALITAS", text="IKM seksi", target="80",
                                             kind="SATISFACTION")
    variables = {"i": gid("Indicator", ikm_indicator.pk), "p": period, "v": "99", "l": []}
    assert staff.error(RECORD, variables)["extensions"]["code"] == "CONFLICT"  # no survey yet
    hr.data("""mutation($u: ID!) { submitSatisfactionSurvey(unitId: $u, year: 2027,
      responses: [[4,4,4,4,4,4,4,4,3],[3,3,3,3,3,3,3,3,3]]) { score } }""", {"u": gid("OrgUnit", d.kasi.unit_id)})
    assert staff.data(RECORD, variables)["recordRealization"]["value"] == "86.11"  # the IKM, not the 99 sent


def test_distribution_check_is_read_like_unit_performance(quarter, client_for):
    """F4 (issue 11): R-DIST's counts tell single ratings in a small unit: exactly the readers of
    unitPerformance (HR of the unit, leaders of the unit and above) get them, anyone else the
    same NOT_FOUND as there."""
    d, period, q1 = quarter
    Evaluation.objects.create(plan=PerformancePlan.objects.get(employee=d.staff, year=YEAR), period=q1,
                              predicate="SANGAT_BAIK", status="FINAL")
    unit_performance = "query($u: ID!) { unitPerformance(unitId: $u, year: %d) { overduePlans } }" % YEAR
    section = gid("OrgUnit", d.kasi.unit_id)
    for who, sees in [("kasi", True), ("kabid", True), ("kadis", True), ("hr_all", True), ("staff", False),
                      ("peer", False), ("other_rater", False), ("hr_dinkes", False), ("process_admin", False)]:
        client = client_for(getattr(d, who).user.username)
        check = client(DIST, {"u": section, "p": period})
        dashboard = client(unit_performance, {"u": section})
        if sees:
            assert {c["predicate"]: c["count"] for c in check["data"]["distributionCheck"]["counts"]}[
                "SANGAT_BAIK"] == 1, who
        else:
            assert check["errors"][0]["extensions"] == dashboard["errors"][0]["extensions"] == {"code": "NOT_FOUND"}, who


def test_distribution_counts_the_period_and_the_units_subtree_only(quarter, client_for):
    """R-DIST reads one population (selectors.rated_in_subtree): the predicates given in the
    period to the employees of the unit and the units below it, against the unit's own rating for
    that period — not another quarter's predicates or rating, nor those of the unit above."""
    d, period, q1 = quarter
    q2 = PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=2)
    plan = {e: PerformancePlan.objects.get(employee=getattr(d, e), year=YEAR) for e in ("staff", "kabid")}
    Evaluation.objects.create(plan=plan["staff"], period=q1, predicate="SANGAT_BAIK", status="FINAL")
    Evaluation.objects.create(plan=plan["staff"], period=q2, predicate="BAIK", status="FINAL")
    Evaluation.objects.create(plan=plan["kabid"], period=q1, predicate="KURANG", status="FINAL")  # the unit above
    # The section's own rating for q1 is recorded last: the first rows are the ones it must not read.
    UnitOrgRating.objects.create(unit=d.kasi.unit, period=q2, rating="KURANG")
    UnitOrgRating.objects.create(unit=d.kabid.unit, period=q1, rating="ISTIMEWA")
    UnitOrgRating.objects.create(unit=d.kasi.unit, period=q1, rating="BAIK")
    check = client_for(d.hr_all.user.username).data(DIST, {"u": gid("OrgUnit", d.kasi.unit_id), "p": period})
    counted = {c["predicate"]: c["count"] for c in check["distributionCheck"]["counts"] if c["count"]}
    assert (check["distributionCheck"]["orgRating"], counted) == ("BAIK", {"SANGAT_BAIK": 1})
