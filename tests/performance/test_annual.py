"""The annual evaluation over HTTP: periodic ratings beside it (R-ANNUAL), R-ORG and R-DIST
before the rater's rating is final (with a recorded override), the follow-up development plan,
and R-CREDIT for functional positions."""
from __future__ import annotations

from apps.performance.models import DevelopmentPlanItem, Evaluation, PerformancePeriod

from ..conftest import gid
from ..workflow.helpers import COMPLETE, complete
from .test_quarter import EVALS, OPEN, ORG, RATE, YEAR


def annual_of(client, employee):
    from apps.performance.models import PerformancePlan

    plan = PerformancePlan.objects.get(employee=employee, year=YEAR)
    evaluations = client.data(EVALS, {"p": gid("PerformancePlan", plan.pk)})["evaluations"]
    return next(e for e in evaluations if e["period"]["kind"] == "YEAR"), evaluations


def task_id(evaluation, bpmn_id):
    return next(t["id"] for t in evaluation["processInstance"]["activeTasks"] if t["bpmnId"] == bpmn_id)


def test_annual_evaluation_with_distribution_override_and_follow_up(quarter, client_for):
    d, q1_id, q1 = quarter
    hr, staff = client_for(d.hr_all.user.username), client_for(d.staff.user.username)
    kasi, kabid = client_for(d.kasi.user.username), client_for(d.kabid.user.username)
    section = gid("OrgUnit", d.kasi.unit_id)
    year = PerformancePeriod.objects.get(year=YEAR, kind="YEAR")
    year_id = gid("PerformancePeriod", year.pk)
    hr.data(OPEN, {"p": q1_id, "u": section})
    hr.data(OPEN, {"p": year_id, "u": section})
    annual, side_by_side = annual_of(staff, d.staff)
    assert [e["period"]["kind"] for e in side_by_side] == ["QUARTER", "YEAR"]  # R-ANNUAL: both, no averaging

    complete(staff, task_id(annual, "self_assess"), {"decision": "SUBMIT"})
    annual, _ = annual_of(kasi, d.staff)
    kasi.data(RATE, {"e": annual["id"], "r": "SESUAI_EKSPEKTASI", "b": "SESUAI_EKSPEKTASI"})
    no_org = kasi.error(COMPLETE, {"id": task_id(annual, "rate"), "d": {"decision": "APPROVE"}})
    assert no_org["extensions"]["code"] == "CONFLICT" and "R-ORG" in no_org["message"]
    kabid.data(ORG, {"u": section, "p": year_id, "r": "BAIK"})
    refused = kasi.error(COMPLETE, {"id": task_id(annual, "rate"), "d": {"decision": "APPROVE"}})
    assert refused["extensions"]["code"] == "BAD_USER_INPUT" and "R-DIST" in refused["message"]
    assert [e["rule"] for e in refused["extensions"]["errors"]] == ["BAIK_MAX_70", "NEEDS_IMPROVEMENT_OR_POOR_MIN_1"]
    complete(kasi, task_id(annual, "rate"), {"decision": "APPROVE",
                                             "overrideReason": "Hanya satu pegawai dinilai sejauh ini."})
    evaluation = Evaluation.objects.get(plan__employee=d.staff, period=year)
    assert evaluation.override_reason == "Hanya satu pegawai dinilai sejauh ini."

    annual, _ = annual_of(kabid, d.staff)
    complete(kabid, task_id(annual, "approve"), {"decision": "APPROVE"})
    annual, _ = annual_of(kasi, d.staff)
    assert annual["status"] == "FINAL"
    # The follow-up: development plan (and R-CREDIT for a functional position).
    position = d.staff.position
    position.position_class, position.title = "FUNGSIONAL", "Pengembang Teknologi Pembelajaran Ahli Muda"
    position.save()
    complete(kasi, task_id(annual, "follow_up"), {"decision": "SUBMIT", "items": [
        {"need": "Asesmen kurikulum merdeka", "activity": "Pelatihan daring 3 hari"}]})
    development = "query($e: ID!, $y: Int!) { developmentPlan(employeeId: $e, year: $y) { need activity } }"
    plan = staff.data(development, {"e": gid("Employee", evaluation.plan.employee_id), "y": YEAR})["developmentPlan"]
    assert plan == [{"need": "Asesmen kurikulum merdeka", "activity": "Pelatihan daring 3 hari"}]
    evaluation.refresh_from_db()
    assert str(evaluation.credit_points) == "25.000"  # Ahli Muda 25 × BAIK 100%
    assert DevelopmentPlanItem.objects.count() == 1
    assert client_for(d.peer.user.username).error(
        development, {"e": gid("Employee", evaluation.plan.employee_id), "y": YEAR})["extensions"]["code"] == "NOT_FOUND"
