"""Acts outside the workflow that belong to a step of it (recordRealization during the
self-assessment, rateEvaluation during the rating): only whoever holds that open task of that
evaluation's own instance may do them."""
from __future__ import annotations

from apps.performance.models import Evaluation, Indicator

from ..conftest import gid
from ..workflow.helpers import complete
from .test_quarter import OPEN, RATE, RECORD, evaluation_of, task_id

RATED = {"r": "SESUAI_EKSPEKTASI", "b": "SESUAI_EKSPEKTASI"}


def test_only_the_holder_of_that_open_task_of_that_evaluation_acts(quarter, client_for):
    d, period, _q1 = quarter
    staff, peer, kasi = (client_for(d.staff.user.username), client_for(d.peer.user.username),
                         client_for(d.kasi.user.username))
    client_for(d.hr_all.user.username).data(OPEN, {"p": period, "u": gid("OrgUnit", d.kasi.unit_id)})
    mine = evaluation_of(staff, d.staff)
    # The employee holds the self-assessment, not the rating of his own evaluation.
    assert staff.error(RATE, {"e": mine["id"], **RATED})["extensions"]["code"] == "FORBIDDEN"
    complete(staff, task_id(mine, "self_assess"), {"decision": "SUBMIT"})
    # The rater holds the rating of the staff member's evaluation, not of the peer's (still
    # self-assessing) ...
    assert kasi.error(RATE, {"e": evaluation_of(peer, d.peer)["id"], **RATED})["extensions"]["code"] == "FORBIDDEN"
    assert kasi.data(RATE, {"e": mine["id"], **RATED})["rateEvaluation"]["predicate"] == "BAIK"
    # ... and once she has passed it on, it is no longer hers to change; nor is a realization his.
    complete(kasi, task_id(evaluation_of(kasi, d.staff), "rate"), {"decision": "APPROVE"})
    assert kasi.error(RATE, {"e": mine["id"], **RATED})["extensions"]["code"] == "FORBIDDEN"
    indicator = gid("Indicator", Indicator.objects.get(work_result__plan__employee=d.staff).pk)
    late = staff.error(RECORD, {"i": indicator, "p": period, "v": "2", "l": []})
    assert late["extensions"]["code"] == "FORBIDDEN"


def test_a_units_figures_are_its_own_and_the_years(quarter, client_for):
    """unitPerformance counts the unit's subtree in that year only: another unit's plans, or the
    same unit's plans of another year, never show in it."""
    from .test_monitoring import UNIT

    d, _period, _q1 = quarter
    hr = client_for(d.hr_all.user.username)
    section = gid("OrgUnit", d.kasi.unit_id)
    counted = hr.data(UNIT, {"u": section, "y": 2027})["unitPerformance"]["plansByStatus"]
    assert sum(row["count"] for row in counted) == 3  # kasi, staff, peer (the kabid is above)
    puskesmas = hr.data(UNIT, {"u": gid("OrgUnit", d.kapus.unit_id), "y": 2027})["unitPerformance"]
    assert sum(row["count"] for row in puskesmas["plansByStatus"]) == 0
    other_year = hr.data(UNIT, {"u": section, "y": 2026})["unitPerformance"]["plansByStatus"]
    assert sum(row["count"] for row in other_year) == 0
    # Predicates: the unit's final evaluations only (one final, one rated, one open).
    hr.data(OPEN, {"p": _period, "u": section})
    Evaluation.objects.filter(plan__employee=d.staff).update(predicate="BAIK", status="FINAL")
    Evaluation.objects.filter(plan__employee=d.peer).update(predicate="KURANG")  # rated, not final
    def counted(unit):
        rows = hr.data(UNIT, {"u": gid("OrgUnit", unit), "y": 2027})["unitPerformance"]["predicateDistribution"]
        return {row["predicate"]: row["count"] for row in rows if row["count"]}

    assert counted(d.kasi.unit_id) == {"BAIK": 1}
    assert counted(d.kapus.unit_id) == {}


def test_a_draft_task_handed_to_someone_else_does_not_make_the_plan_theirs(published, client_for):
    """HR may hand the employee's drafting task to a colleague (reassignTask); the SKP is still
    the employee's: the colleague holding that task may not write it."""
    from apps.performance.models import PerformancePlan, WorkResult
    from apps.workflow.models import HumanTask

    d = published
    hr = client_for(d.hr_all.user.username)
    hr.data("mutation($y: Int!, $u: ID!) { openPerformanceYear(year: $y, unitId: $u) { id } }",
            {"y": 2027, "u": gid("OrgUnit", d.staff.unit_id)})
    plan = PerformancePlan.objects.get(employee=d.staff, year=2027)
    draft = HumanTask.objects.get(subject=d.staff, bpmn_id="draft", state="READY")
    hr.data("mutation($id: ID!, $e: ID!) { reassignTask(id: $id, employeeId: $e) { id } }",
            {"id": gid("Task", draft.pk), "e": gid("Employee", d.peer.pk)})
    upsert = """mutation($p: ID!, $i: WorkResultInput!) { upsertWorkResult(planId: $p, input: $i) { id } }"""
    error = client_for(d.peer.user.username).error(upsert, {"p": gid("PerformancePlan", plan.pk), "i": {
        "text": "Ditulis oleh rekan", "indicators": [{"aspect": "KUANTITAS", "text": "x", "target": "1"}]}})
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert not WorkResult.objects.filter(plan=plan).exists()


def test_a_submitted_or_approved_plan_cannot_be_edited_by_its_employee(published, client_for):
    """The SKP is the employee's to write only while their drafting task is open."""
    import io

    from django.core.management import call_command

    from apps.performance.models import PerformancePlan, WorkResult

    call_command("load_demo_year", "--year", "2026", stdout=io.StringIO())
    upsert = """mutation($p: ID!, $i: WorkResultInput!) { upsertWorkResult(planId: $p, input: $i) { id } }"""
    for status in ("SUBMITTED", "APPROVED"):
        plan = PerformancePlan.objects.filter(year=2026, status=status).select_related("employee__user").first()
        before = WorkResult.objects.filter(plan=plan).count()
        error = client_for(plan.employee.user.username).error(upsert, {"p": gid("PerformancePlan", plan.pk), "i": {
            "text": "Ditambahkan setelah diajukan", "indicators": [{"aspect": "KUANTITAS", "text": "x", "target": "1"}]}})
        assert error["extensions"]["code"] == "FORBIDDEN", status
        assert WorkResult.objects.filter(plan=plan).count() == before


def test_another_units_goal_and_a_period_without_evaluation_are_not_found(published, client_for):
    """An org goal id of another unit, or a realization for a period the plan has no evaluation
    in, name nothing the caller may act on: NOT_FOUND, nothing written."""
    import io

    from django.core.management import call_command

    from apps.performance.models import Indicator, OrgGoal, PerformancePeriod, Realization

    call_command("load_demo_year", "--year", "2026", stdout=io.StringIO())
    d = published
    hr = client_for(d.hr_all.user.username)
    other = OrgGoal.objects.exclude(unit=d.kapus.unit).first()
    goal = """mutation($u: ID!, $id: ID) { upsertOrgGoal(unitId: $u, year: 2026, text: "Diubah", id: $id) { id } }"""
    error = hr.error(goal, {"u": gid("OrgUnit", d.kapus.unit_id), "id": gid("OrgGoal", other.pk)})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert OrgGoal.objects.get(pk=other.pk).text != "Diubah"

    indicator = Indicator.objects.filter(work_result__plan__employee=d.staff).first()
    q3 = PerformancePeriod.objects.get(year=2026, kind="QUARTER", number=3)
    record = """mutation($i: ID!, $p: ID!) { recordRealization(indicatorId: $i, periodId: $p, value: "1") { id } }"""
    error = client_for(d.staff.user.username).error(record, {"i": gid("Indicator", indicator.pk),
                                                             "p": gid("PerformancePeriod", q3.pk)})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert not Realization.objects.filter(period=q3).exists()


def test_a_work_result_of_another_plan_is_not_found(published, client_for):
    from apps.performance.models import PerformancePlan, WorkResult

    d = published
    client_for(d.hr_all.user.username).data(
        "mutation($y: Int!, $u: ID!) { openPerformanceYear(year: $y, unitId: $u) { id } }",
        {"y": 2027, "u": gid("OrgUnit", d.staff.unit_id)})
    upsert = """mutation($p: ID!, $i: WorkResultInput!) { upsertWorkResult(planId: $p, input: $i) { id } }"""
    indicators = [{"aspect": "KUANTITAS", "text": "x", "target": "1"}]
    peer_plan = PerformancePlan.objects.get(employee=d.peer, year=2027)
    theirs = client_for(d.peer.user.username).data(upsert, {"p": gid("PerformancePlan", peer_plan.pk), "i": {
        "text": "Milik rekan", "indicators": indicators}})["upsertWorkResult"]
    mine = PerformancePlan.objects.get(employee=d.staff, year=2027)
    error = client_for(d.staff.user.username).error(upsert, {"p": gid("PerformancePlan", mine.pk), "i": {
        "id": theirs["id"], "text": "Diambil alih", "indicators": indicators}})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert WorkResult.objects.get(plan=peer_plan).text == "Milik rekan"
