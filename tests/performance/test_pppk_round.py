"""A PPPK employee, imported from a CSV with an NI PPPK and golongan IX, plans their year like
anyone else: HR opens the year, they draft and submit their SKP, their rater approves it."""
from __future__ import annotations

from apps.organization.models import Employee
from apps.performance.models import PerformancePlan

from ..conftest import PASSWORD, gid
from ..workflow.helpers import complete
from .test_planning import GOAL, JOB, OPEN, UPSERT, indicator, plan_of, rater_task, task

YEAR = 2027
IMPORT = """mutation($u: String!, $e: String!) { importOrganization(unitsCsv: $u, employeesCsv: $e) {
  employeesCreated accountsCreated } }"""
EMPLOYEES = ("nip,name,email,username,unit_code,position,position_class,employment_type,rank,supervisor_nip,"
             "acting_for_nip,roles\n"
             "199204152023212003,Nur Aini,nur.aini@lebongkab.go.id,nur.aini,DISDIK-SD-KUR,"
             "Pengembang Teknologi Pembelajaran Ahli Pertama,FUNGSIONAL,PPPK,IX,,,\n")
SIGNATORIES = """query($id: ID!) { performancePlan(id: $id) { status approvedAt employee { nip employmentType rank }
  rater { name } } }"""


def test_a_pppk_employee_plans_their_year(published, client_for):
    d = published
    hr = client_for(d.hr_all.user.username)
    assert hr.data(IMPORT, {"u": "code,name,parent_code,kind\n", "e": EMPLOYEES})["importOrganization"] == {
        "employeesCreated": 1, "accountsCreated": 1}
    # New accounts get no usable password; the administrator sets the first one.
    user = Employee.objects.get(nip="199204152023212003").user
    user.set_password(PASSWORD)
    user.save()

    goal = hr.data(GOAL, {"u": gid("OrgUnit", d.kadis.unit_id), "y": YEAR, "t": "Meningkatnya mutu pendidikan dasar"})
    job = hr.data(OPEN, {"y": YEAR, "u": gid("OrgUnit", d.kasi.unit_id)})["openPerformanceYear"]
    assert hr.data(JOB, {"id": job["id"]})["job"] == {"status": "DONE", "progress": 5, "total": 5, "errors": []}

    # The head of section plans from the agency's goal (her rater opened no plan) and is approved.
    kasi, kabid = client_for(d.kasi.user.username), client_for(d.kabid.user.username)
    section = plan_of(kasi)
    kasi_rhk = kasi.data(UPSERT, {"p": section["id"], "i": {
        "text": "Terlaksananya penilaian kurikulum di 12 SD", "orgGoalId": goal["upsertOrgGoal"]["id"],
        "indicators": indicator("12")}})["upsertWorkResult"]
    complete(kasi, task(section, "draft")["id"], {"decision": "SUBMIT"})
    complete(kabid, rater_task(kabid)[d.kasi.name], {"decision": "APPROVE"})

    # The PPPK employee drafts from the section head's result and submits; she approves.
    nur = client_for("nur.aini")
    own = plan_of(nur)
    assert own["status"] == "DRAFT" and own["rater"]["name"] == d.kasi.name
    nur.data(UPSERT, {"p": own["id"], "i": {"text": "Tersusunnya media pembelajaran digital untuk 12 SD",
                                             "parentIds": [kasi_rhk["id"]], "indicators": indicator("12")}})
    complete(nur, task(own, "draft")["id"], {"decision": "SUBMIT"})
    assert plan_of(nur)["status"] == "SUBMITTED"
    complete(kasi, rater_task(kasi)["Nur Aini"], {"decision": "APPROVE"})

    approved = nur.data(SIGNATORIES, {"id": own["id"]})["performancePlan"]
    assert approved["status"] == "APPROVED" and approved["approvedAt"]
    assert approved["employee"] == {"nip": "199204152023212003", "employmentType": "PPPK", "rank": "IX"}
    assert approved["rater"] == {"name": d.kasi.name}
    assert [e.kind for e in PerformancePlan.objects.get(employee__nip="199204152023212003", year=YEAR).history.all()
            .order_by("pk")] == ["CREATED", "WORK_RESULT_SAVED", "SUBMITTED", "APPROVED"]
