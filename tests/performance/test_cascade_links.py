"""F3 (issue 11): a work result may support only the rater's work results of the same year, or
an organizational goal of the employee's unit or a unit above it (R-CASCADE). Any other id is
refused exactly like an id that does not exist — over HTTP, and nothing is written."""
from __future__ import annotations

import pytest

from apps.performance import services
from apps.performance.models import Indicator, PerformancePlan, WorkResult

from ..conftest import gid

YEAR = 2027
UPSERT = """mutation($p: ID!, $i: WorkResultInput!) { upsertWorkResult(planId: $p, input: $i) {
  id text orgGoal { text } parents { text indicators { target } feedback { text } } } }"""
MISSING = gid("WorkResult", 987654)


def indicator():
    return [{"aspect": "KUANTITAS", "text": "Dokumen", "target": "4", "unit": "dokumen"}]


def rhk(employee, year=YEAR, text=None) -> WorkResult:
    """The employee's plan for the year (with its planning process) and one work result in it."""
    plan = services.plan_open(employee=employee, year=year, deadline=f"{year}-01-31T23:59:00+07:00", actor=None)
    result = WorkResult.objects.create(plan=plan, text=text or f"RHK {employee.name} {year}")
    Indicator.objects.create(work_result=result, aspect="KUANTITAS", text="Dokumen", target="12", unit="dokumen")
    return result


@pytest.fixture
def plans(published):
    d = published
    results = {who: rhk(getattr(d, who)) for who in ["kabid", "kasi", "staff", "peer", "kapus", "plt_kapus", "nurse"]}
    results["kasi_next_year"] = rhk(d.kasi, YEAR + 1)
    return d, results


def link(client, plan_of_result: WorkResult, **input):
    return client(UPSERT, {"p": gid("PerformancePlan", plan_of_result.plan_id),
                           "i": {"text": "Instrumen penilaian", "indicators": indicator(), **input}})


def test_only_the_raters_work_results_of_the_year_may_be_supported(plans, client_for):
    d, r = plans
    staff = client_for(d.staff.user.username)
    services.feedback_give(actor=d.kabid.user, work_result=r["kasi"], text="Catatan untuk kasi saja.")
    missing = link(staff, r["staff"], parentIds=[MISSING])["errors"]
    assert [e["extensions"] for e in missing] == [{"code": "NOT_FOUND"}]
    # The rater's supervisor's, a peer's, the rater's of another year, a mix with a good one:
    # each answers exactly like the missing id (message and all), so no id reveals a plan.
    for foreign in (["kabid"], ["peer"], ["kasi_next_year"], ["kasi", "peer"]):
        refused = link(staff, r["staff"], parentIds=[gid("WorkResult", r[k].pk) for k in foreign])
        assert refused["errors"][0]["message"] == missing[0]["message"], foreign
        assert refused["errors"][0]["extensions"] == {"code": "NOT_FOUND"}, foreign
    # ... also when changing an existing result; and nothing was written.
    edit = link(staff, r["staff"], id=gid("WorkResult", r["staff"].pk), parentIds=[gid("WorkResult", r["peer"].pk)])
    assert edit["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert list(r["staff"].parents.all()) == [] and WorkResult.objects.filter(plan=r["staff"].plan).count() == 1
    assert not PerformancePlan.objects.get(pk=r["staff"].plan_id).history.filter(kind="WORK_RESULT_SAVED").exists()

    # The rater's own: linked, and read back with its text and targets but not the feedback
    # the rater got from her own rater (that stays with her plan).
    saved = staff.data(UPSERT, {"p": gid("PerformancePlan", r["staff"].plan_id),
                                "i": {"text": "Instrumen penilaian", "indicators": indicator(),
                                      "parentIds": [gid("WorkResult", r["kasi"].pk)]}})["upsertWorkResult"]
    assert saved["parents"] == [{"text": r["kasi"].text, "indicators": [{"target": "12"}], "feedback": []}]


def test_an_acting_officials_work_results_are_the_raters(plans, client_for):
    d, r = plans
    nurse = client_for(d.nurse.user.username)
    assert PerformancePlan.objects.get(pk=r["nurse"].plan_id).rater == d.plt_kapus
    # The head on leave is not the rater: the Plt is.
    assert link(nurse, r["nurse"], parentIds=[gid("WorkResult", r["kapus"].pk)])["errors"][0]["extensions"] == {
        "code": "NOT_FOUND"}
    linked = nurse.data(UPSERT, {"p": gid("PerformancePlan", r["nurse"].plan_id),
                                 "i": {"text": "Asuhan keperawatan", "indicators": indicator(),
                                       "parentIds": [gid("WorkResult", r["plt_kapus"].pk)]}})["upsertWorkResult"]
    assert [p["text"] for p in linked["parents"]] == [r["plt_kapus"].text]


def test_only_goals_of_the_unit_or_above_for_the_year(plans, client_for):
    d, r = plans
    hr = d.hr_all.user
    goal = lambda unit, year: gid("OrgGoal", services.org_goal_upsert(  # noqa: E731
        actor=hr, unit=unit, year=year, goal_id=None, text=f"Sasaran {unit.code} {year}", source=None,
        indicator="", target="").pk)
    agency, other_agency = d.kadis.unit, d.kadinkes.unit
    kasi = client_for(d.kasi.user.username)
    missing = link(kasi, r["kasi"], orgGoalId=gid("OrgGoal", 987654))["errors"][0]
    assert missing["extensions"] == {"code": "NOT_FOUND"}
    for foreign in (goal(other_agency, YEAR), goal(agency, YEAR + 1)):
        refused = link(kasi, r["kasi"], orgGoalId=foreign)["errors"][0]
        assert (refused["message"], refused["extensions"]) == (missing["message"], missing["extensions"])
    assert WorkResult.objects.filter(plan=r["kasi"].plan).count() == 1
    saved = kasi.data(UPSERT, {"p": gid("PerformancePlan", r["kasi"].plan_id),
                               "i": {"text": "Kurikulum", "indicators": indicator(), "orgGoalId": goal(agency, YEAR)}})
    assert saved["upsertWorkResult"]["orgGoal"] == {"text": f"Sasaran {agency.code} {YEAR}"}
