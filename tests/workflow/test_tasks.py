"""Walking the bundled approval process over HTTP: start, inboxes, forms, decisions, revise
loop, conflicts, claim/draft/reassign, history — and who may do what at each step."""
from __future__ import annotations

import pytest

from apps.workflow.models import HumanTask, ProcessDefinition, ProcessEvent

from schema.ids import decode_id

from ..conftest import PASSWORD, gid
from .helpers import COMPLETE, DRAFT, HISTORY, START, TASKS, complete, my_tasks, start


def test_full_walk_with_one_revision(published, client_for):
    d = published
    staff, kasi, kabid = client_for(d.staff.user.username), client_for(d.kasi.user.username), client_for(d.kabid.user.username)
    instance = start(staff, d.staff)
    assert instance["status"] == "RUNNING"
    [draft] = instance["activeTasks"]
    assert (draft["bpmnId"], draft["lane"], draft["assignee"]["name"]) == ("draft", "Pegawai", d.staff.name)

    [inbox] = my_tasks(staff)
    assert inbox["form"]["schema"]["required"] == ["summary", "decision"]
    assert inbox["form"]["uiSchema"]["summary"]["ui:widget"] == "textarea"
    assert "SUBMIT" in inbox["instructions"]
    assert inbox["dueAt"] is not None  # the 14-day boundary timer
    assert my_tasks(kasi) == []

    result = complete(staff, draft["id"], DRAFT)
    assert result["task"]["state"] == "COMPLETED" and result["task"]["completedBy"]["username"] == d.staff.user.username
    [review] = result["nextTasks"]
    assert (review["bpmnId"], review["assignee"]["name"]) == ("review", d.kasi.name)

    result = complete(kasi, review["id"], {"decision": "REVISE", "notes": "Tambahkan target kuantitas."})
    [redraft] = result["nextTasks"]
    assert redraft["bpmnId"] == "draft" and redraft["id"] != draft["id"]  # a new task for the loop
    [inbox] = my_tasks(staff)
    assert inbox["id"] == redraft["id"]

    review = complete(staff, redraft["id"], DRAFT)["nextTasks"][0]
    approve = complete(kasi, review["id"], {"decision": "APPROVE"})["nextTasks"][0]
    assert (approve["bpmnId"], approve["assignee"]["name"]) == ("approve", d.kabid.name)
    done = complete(kabid, approve["id"], {"decision": "APPROVE"})
    assert done["processInstance"]["status"] == "COMPLETED" and done["nextTasks"] == []

    history = staff.data(HISTORY, {"id": instance["id"]})["processInstance"]
    kinds = [h["kind"] for h in history["history"]]
    assert kinds == ["STARTED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "ENDED"]
    revise = history["history"][2]
    assert revise["actor"]["username"] == d.kasi.user.username
    assert revise["task"]["bpmnId"] == "review" and revise["outcome"] == "REVISE"
    assert revise["data"] == {"decision": "REVISE", "notes": "Tambahkan target kuantitas."}


@pytest.mark.parametrize("data, fields", [
    ({**DRAFT, "approved": True}, {"approved"}),                 # extra field
    ({"summary": 12345678901, "decision": "SUBMIT"}, {"summary"}),  # wrong type
    ({"decision": "SUBMIT"}, {"summary"}),                       # missing required
    ({"summary": "Ringkasan yang cukup panjang", "decision": "APPROVE"}, {"decision"}),  # not in enum
])
def test_form_validation_before_the_engine(published, client_for, data, fields):
    staff = client_for(published.staff.user.username)
    draft = start(staff, published.staff)["activeTasks"][0]
    error = staff.error(COMPLETE, {"id": draft["id"], "d": data})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert set(error["extensions"]["fields"]) == fields
    assert HumanTask.objects.get(bpmn_id="draft").state == "READY"


def test_revise_needs_notes(published, client_for):
    d = published
    staff, kasi = client_for(d.staff.user.username), client_for(d.kasi.user.username)
    review = complete(staff, start(staff, d.staff)["activeTasks"][0]["id"], DRAFT)["nextTasks"][0]
    error = kasi.error(COMPLETE, {"id": review["id"], "d": {"decision": "REVISE"}})
    assert error["extensions"]["fields"] == {"notes": "wajib diisi"}


def test_task_without_form_accepts_only_empty_data(published, client_for):
    d = published
    staff = client_for(d.staff.user.username)
    draft_id = start(staff, d.staff)["activeTasks"][0]["id"]
    HumanTask.objects.filter(bpmn_id="draft").update(form_key="")
    error = staff.error(COMPLETE, {"id": draft_id, "d": {"x": 1}})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": {"x": "bidang tidak dikenal"}}
    assert complete(staff, draft_id, {})["task"]["state"] == "COMPLETED"


def test_double_completion_is_conflict(published, client_for):
    staff = client_for(published.staff.user.username)
    draft = start(staff, published.staff)["activeTasks"][0]
    complete(staff, draft["id"], DRAFT)
    error = staff.error(COMPLETE, {"id": draft["id"], "d": DRAFT})
    assert error["extensions"]["code"] == "CONFLICT"


def test_who_may_complete_and_see(published, client_for):
    d = published
    staff = client_for(d.staff.user.username)
    instance = start(staff, d.staff)
    draft = instance["activeTasks"][0]
    # The rater sees nothing yet: not a participant before a task reaches them.
    assert client_for(d.kasi.user.username).error(COMPLETE, {"id": draft["id"], "d": DRAFT})["extensions"]["code"] == "NOT_FOUND"
    assert client_for(d.peer.user.username).error(HISTORY, {"id": instance["id"]})["extensions"]["code"] == "NOT_FOUND"
    # HR of the unit sees the task but it is not theirs to do.
    hr = client_for(d.hr_all.user.username)
    assert hr.error(COMPLETE, {"id": draft["id"], "d": DRAFT})["extensions"]["code"] == "FORBIDDEN"
    assert client_for(d.hr_dinkes.user.username).error(HISTORY, {"id": instance["id"]})["extensions"]["code"] == "NOT_FOUND"
    review = complete(staff, draft["id"], DRAFT)["nextTasks"][0]
    # Now the subject sees the rater's task but may not complete it.
    assert staff.error(COMPLETE, {"id": review["id"], "d": {"decision": "APPROVE"}})["extensions"]["code"] == "FORBIDDEN"
    assert client_for(d.kasi.user.username).data(HISTORY, {"id": instance["id"]})["processInstance"]["status"] == "RUNNING"


def test_start_permissions_and_one_instance_per_period(published, client_for):
    d = published
    peer = client_for(d.peer.user.username)
    vars_ = {"key": "approval_demo", "s": gid("Employee", d.staff.pk), "d": {"periodId": "2026"}}
    assert peer.error(START, vars_)["extensions"]["code"] == "FORBIDDEN"
    hr = client_for(d.hr_all.user.username)
    assert hr.data(START, vars_)["startProcess"]["status"] == "RUNNING"
    assert hr.error(START, vars_)["extensions"]["code"] == "CONFLICT"
    other_period = dict(vars_, d={"periodId": "2027"})
    assert client_for(d.staff.user.username).data(START, other_period)["startProcess"]["status"] == "RUNNING"
    assert hr.error(START, dict(vars_, key="tidak_ada"))["extensions"]["code"] == "NOT_FOUND"
    assert client_for(d.hr_dinkes.user.username).error(START, other_period)["extensions"]["code"] == "FORBIDDEN"


def test_save_draft_then_complete(published, client_for):
    staff = client_for(published.staff.user.username)
    draft = start(staff, published.staff)["activeTasks"][0]
    saved = staff.data("mutation($id: ID!, $d: JSON!) { saveTaskDraft(id: $id, data: $d) { data state } }",
                       {"id": draft["id"], "d": {"summary": "Setengah jadi"}})["saveTaskDraft"]
    assert saved == {"data": {"summary": "Setengah jadi"}, "state": "READY"}
    assert my_tasks(staff)[0]["data"] == {"summary": "Setengah jadi"}
    kasi = client_for(published.kasi.user.username)
    assert kasi.error("mutation($id: ID!) { saveTaskDraft(id: $id, data: {}) { state } }",
                      {"id": draft["id"]})["extensions"]["code"] == "NOT_FOUND"
    # Unsent work stays the holder's: HR of the unit sees the instance, the task and that a draft
    # was saved, not what it says (neither on the task nor in the history).
    hr = client_for(published.hr_all.user.username)
    seen = hr.data(DRAFT_SEEN, {"id": draft["id"]})["task"]
    assert seen["data"] == {} and seen["processInstance"]["history"][-1] == {"kind": "DRAFT_SAVED",
                                                                             "data": {"fields": ["summary"]}}
    assert "Setengah" not in str(seen)
    complete(staff, draft["id"], DRAFT)
    assert ProcessEvent.objects.filter(kind="DRAFT_SAVED").count() == 1
    assert hr.data(DRAFT_SEEN, {"id": draft["id"]})["task"]["data"] == DRAFT  # submitted: part of the record


DRAFT_SEEN = """query($id: ID!) { task(id: $id) { data processInstance { history { kind data } } } }"""


REASSIGN = "mutation($id: ID!, $e: ID!) { reassignTask(id: $id, employeeId: $e) { assignee { name } candidates { name } } }"


def test_hr_reassigns_and_the_old_assignee_loses_the_task(published, client_for):
    d = published
    staff = client_for(d.staff.user.username)
    review = complete(staff, start(staff, d.staff)["activeTasks"][0]["id"], DRAFT)["nextTasks"][0]
    hr = client_for(d.hr_all.user.username)
    moved = hr.data(REASSIGN, {"id": review["id"], "e": gid("Employee", d.kabid.pk)})["reassignTask"]
    assert moved == {"assignee": {"name": d.kabid.name}, "candidates": [{"name": d.kabid.name}]}
    kasi = client_for(d.kasi.user.username)
    assert my_tasks(kasi) == []
    # She never acted in it: the instance is no longer hers to see.
    assert kasi.error(COMPLETE, {"id": review["id"], "d": {"decision": "APPROVE"}})["extensions"]["code"] == "NOT_FOUND"
    assert complete(client_for(d.kabid.user.username), review["id"], {"decision": "APPROVE"})["task"]["state"] == "COMPLETED"


def test_reassign_only_to_someone_in_the_units_hr_manages(published, client_for):
    """Holding a task opens its instance (and the plan it is for): HR of Dinas Kesehatan may not
    hand the nurse's review to someone of Dinas Pendidikan."""
    d = published
    nurse = client_for(d.nurse.user.username)
    review = complete(nurse, start(nurse, d.nurse)["activeTasks"][0]["id"], DRAFT)["nextTasks"][0]
    hr = client_for(d.hr_dinkes.user.username)
    error = hr.error(REASSIGN, {"id": review["id"], "e": gid("Employee", d.staff.pk)})
    assert (error["extensions"]["code"], error["extensions"]["fields"]) == ("FORBIDDEN", {"employeeId": "outside"})
    assert HumanTask.objects.get(bpmn_id="review").assignee_id == d.plt_kapus.pk
    assert hr.data(REASSIGN, {"id": review["id"], "e": gid("Employee", d.kapus.pk)})["reassignTask"]["assignee"] == {
        "name": d.kapus.name}


@pytest.mark.parametrize("who, code", [("kasi", "FORBIDDEN"), ("hr_dinkes", "NOT_FOUND"), ("process_admin", "NOT_FOUND")])
def test_reassign_is_for_hr_of_the_unit(published, client_for, who, code):
    d = published
    staff = client_for(d.staff.user.username)
    review = complete(staff, start(staff, d.staff)["activeTasks"][0]["id"], DRAFT)["nextTasks"][0]
    c = client_for(getattr(d, who).user.username)
    error = c.error(REASSIGN, {"id": review["id"], "e": gid("Employee", d.peer.pk)})
    assert error["extensions"]["code"] == code  # the assignee sees the task; the others do not
    if code == "FORBIDDEN":  # refused as not HR of the unit, before anything about the new person
        assert error["message"] == "Hanya pengelola kinerja unit ini yang boleh melakukan ini."
    assert HumanTask.objects.get(bpmn_id="review").assignee_id == d.kasi.pk


def test_rater_change_moves_open_tasks_in_the_same_transaction(published, client_for):
    d = published
    staff = client_for(d.staff.user.username)
    review = complete(staff, start(staff, d.staff)["activeTasks"][0]["id"], DRAFT)["nextTasks"][0]
    hr = client_for(d.hr_all.user.username)
    hr.data("mutation($e: ID!, $s: ID) { setSupervisor(employeeId: $e, supervisorId: $s) { name } }",
            {"e": gid("Employee", d.staff.pk), "s": gid("Employee", d.kabid.pk)})
    kasi, kabid = client_for(d.kasi.user.username), client_for(d.kabid.user.username)
    assert my_tasks(kasi) == []
    # The replaced rater never acted: the instance (and the plan) are no longer hers to see.
    assert kasi.error(COMPLETE, {"id": review["id"], "d": {"decision": "APPROVE"}})["extensions"]["code"] == "NOT_FOUND"
    instance_id = HumanTask.objects.get(bpmn_id="review").instance_id
    assert kasi.error(HISTORY, {"id": gid("ProcessInstance", instance_id)})["extensions"]["code"] == "NOT_FOUND"
    [moved] = my_tasks(kabid)
    assert moved["id"] == review["id"]
    assert ProcessEvent.objects.filter(kind="REASSIGNED", outcome="org change").count() == 1


def test_the_approval_follows_a_change_of_the_raters_supervisor(published, client_for):
    """The rater-supervisor lane follows the org too: HR gives the kasi another supervisor while
    the plan waits for the kabid's approval; the approval moves to the new one."""
    d = published
    staff, kasi = client_for(d.staff.user.username), client_for(d.kasi.user.username)
    review = complete(staff, start(staff, d.staff)["activeTasks"][0]["id"], DRAFT)["nextTasks"][0]
    approval = complete(kasi, review["id"], {"decision": "APPROVE"})["nextTasks"][0]
    assert approval["assignee"]["name"] == d.kabid.name
    client_for(d.hr_all.user.username).data(
        "mutation($e: ID!, $s: ID) { setSupervisor(employeeId: $e, supervisorId: $s) { name } }",
        {"e": gid("Employee", d.kasi.pk), "s": gid("Employee", d.kadis.pk)})
    assert my_tasks(client_for(d.kabid.user.username)) == []
    assert [t["id"] for t in my_tasks(client_for(d.kadis.user.username))] == [approval["id"]]


def test_who_acted_in_an_instance_keeps_seeing_it_after_a_rater_change(published, client_for):
    """The rater sent the plan back once; when it comes back to her and HR then replaces her,
    the review moves on but she keeps the instance she acted in (her decision is in it)."""
    d = published
    staff, kasi = client_for(d.staff.user.username), client_for(d.kasi.user.username)
    review = complete(staff, start(staff, d.staff)["activeTasks"][0]["id"], DRAFT)["nextTasks"][0]
    redraft = complete(kasi, review["id"], {"decision": "REVISE", "notes": "Tambahkan target."})["nextTasks"][0]
    again = complete(staff, redraft["id"], DRAFT)["nextTasks"][0]
    assert again["assignee"]["name"] == d.kasi.name
    client_for(d.hr_all.user.username).data(
        "mutation($e: ID!, $s: ID) { setSupervisor(employeeId: $e, supervisorId: $s) { name } }",
        {"e": gid("Employee", d.staff.pk), "s": gid("Employee", d.kabid.pk)})
    assert my_tasks(kasi) == []
    instance = gid("ProcessInstance", HumanTask.objects.filter(bpmn_id="review").first().instance_id)
    assert kasi.data(HISTORY, {"id": instance})["processInstance"]["status"] == "RUNNING"


def test_acting_official_receives_the_rater_task(published, client_for):
    d = published
    nurse = client_for(d.nurse.user.username)
    review = complete(nurse, start(nurse, d.nurse)["activeTasks"][0]["id"], DRAFT)["nextTasks"][0]
    assert review["assignee"]["name"] == d.plt_kapus.name


def test_task_filters(published, client_for):
    d = published
    staff = client_for(d.staff.user.username)
    instance = start(staff, d.staff)
    hr = client_for(d.hr_all.user.username)
    q = lambda f: hr.data(TASKS, {"f": f})["tasks"]["totalCount"]  # noqa: E731
    assert q({}) == 1
    assert q({"processInstanceId": instance["id"]}) == 1
    assert q({"subjectEmployeeId": gid("Employee", d.staff.pk)}) == 1
    assert q({"subjectEmployeeId": gid("Employee", d.peer.pk)}) == 0
    assert q({"bpmnId": "review"}) == 0 and q({"lane": "Pegawai"}) == 1
    assert q({"state": "READY"}) == 1 and q({"state": "COMPLETED"}) == 0
    assert q({"dueBefore": "2099-01-01T00:00:00+00:00"}) == 1 and q({"dueBefore": "2000-01-01T00:00:00+00:00"}) == 0
    assert q({"mine": True}) == 0


def test_anonymous_gets_nothing(published, gql):
    assert gql.error(TASKS, {"f": {}})["extensions"]["code"] == "UNAUTHENTICATED"


DIAGRAM = """query($id: ID!) { processInstance(id: $id) { diagram { completedElements activeElements }
  definition { bpmnXml } } }"""


def test_diagram_state_for_the_instance_viewer(published, client_for):
    """Where an instance has been and is, by BPMN element id — for the subject, the people in
    it and HR of the unit; NOT_FOUND for anyone else."""
    d = published
    staff = client_for(d.staff.user.username)
    instance = start(staff, d.staff)
    diagram = staff.data(DIAGRAM, {"id": instance["id"]})["processInstance"]["diagram"]
    assert diagram == {"completedElements": ["start"], "activeElements": ["draft", "deadline"]}  # its timer waits
    complete(staff, instance["activeTasks"][0]["id"], DRAFT)
    for who in (d.staff, d.kasi, d.hr_all):
        found = client_for(who.user.username).data(DIAGRAM, {"id": instance["id"]})["processInstance"]
        assert found["diagram"] == {"completedElements": ["start", "draft"], "activeElements": ["review"]}
        assert 'id="review"' in found["definition"]["bpmnXml"]  # what the viewer draws it on
    assert client_for(d.peer.user.username).error(DIAGRAM, {"id": instance["id"]})["extensions"]["code"] == "NOT_FOUND"


def test_who_may_start_follows_the_definitions_starters_and_a_superuser_may_always(
        published, client_for, django_user_model):
    d = published
    ProcessDefinition.objects.filter(key="approval_demo").update(starters=["EMPLOYEE"])
    vars_ = {"key": "approval_demo", "s": gid("Employee", d.staff.pk), "d": {"periodId": "2026"}}
    assert client_for(d.hr_all.user.username).error(START, vars_)["extensions"]["code"] == "FORBIDDEN"
    django_user_model.objects.create_superuser("super.admin", "super@lebongkab.go.id", PASSWORD)
    assert client_for("super.admin").data(START, vars_)["startProcess"]["status"] == "RUNNING"


def test_tasks_filtered_by_process(published, client_for):
    staff = client_for(published.staff.user.username)
    start(staff, published.staff)
    count = "query($k: String) { tasks(first: 10, filter: {mine: true, processKey: $k}) { totalCount } }"
    assert staff.data(count, {"k": "approval_demo"})["tasks"]["totalCount"] == 1
    assert staff.data(count, {"k": "skp_planning"})["tasks"]["totalCount"] == 0


@pytest.mark.parametrize("starters, allowed", [
    ([], {"staff", "hr_all"}),                       # none named: the subject and HR of the unit
    (["EMPLOYEE"], {"staff"}),
    (["RATER"], {"kasi"}),
    (["RATER_SUPERVISOR"], {"kabid"}),
    (["PERFORMANCE_ADMIN"], {"hr_all"}),
    (["RATER", "RATER_SUPERVISOR"], {"kasi", "kabid"}),
])
def test_who_may_start_for_the_staff_member(published, client_for, starters, allowed):
    """startableBy: each role, alone and together, for a process about the staff member."""
    d = published
    ProcessDefinition.objects.filter(key="approval_demo").update(starters=starters)
    for who in ("staff", "kasi", "kabid", "hr_all", "peer", "hr_dinkes"):
        period = f"uji-{who}"  # one running instance per subject and period: each their own
        vars_ = {"key": "approval_demo", "s": gid("Employee", d.staff.pk), "d": {"periodId": period}}
        result = client_for(getattr(d, who).user.username)(START, vars_)
        code = result["errors"][0]["extensions"]["code"] if "errors" in result else "OK"
        assert code == ("OK" if who in allowed else "FORBIDDEN"), (starters, who, result)


def test_rater_starters_for_someone_without_a_rater_chain(published, client_for):
    """The Sekda has no rater, and the Kadis' rater (the Sekda) has none: a rater or rater's
    supervisor start is refused for them, not an error."""
    d = published
    ProcessDefinition.objects.filter(key="approval_demo").update(starters=["RATER", "RATER_SUPERVISOR"])
    hr = client_for(d.hr_all.user.username)
    for subject in (d.sekda, d.kadis):
        result = hr(START, {"key": "approval_demo", "s": gid("Employee", subject.pk), "d": {"periodId": "2026"}})
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN", result
    sekda = client_for(d.sekda.user.username)
    assert sekda.data(START, {"key": "approval_demo", "s": gid("Employee", d.kadis.pk),
                              "d": {"periodId": "2026"}})["startProcess"]["status"] == "RUNNING"


def test_a_task_that_does_not_exist_or_is_done_is_refused_by_every_action(published, client_for):
    staff = client_for(published.staff.user.username)
    draft = start(staff, published.staff)["activeTasks"][0]
    gone = gid("Task", 999_999)
    claim = "mutation($id: ID!) { claimTask(id: $id) { id } }"
    save = "mutation($id: ID!, $d: JSON!) { saveTaskDraft(id: $id, data: $d) { id } }"
    for query, variables in [(COMPLETE, {"id": gone, "d": DRAFT}), (claim, {"id": gone}),
                             (save, {"id": gone, "d": {"summary": "x"}})]:
        assert staff.error(query, variables)["extensions"]["code"] == "NOT_FOUND"
    complete(staff, draft["id"], DRAFT)
    for query, variables in [(COMPLETE, {"id": draft["id"], "d": DRAFT}),
                             (save, {"id": draft["id"], "d": {"summary": "diubah setelah selesai"}})]:
        error = staff.error(query, variables)
        assert error["extensions"]["code"] == "CONFLICT" and "sudah berstatus selesai" in error["message"], error
    assert HumanTask.objects.get(pk=decode_id(draft["id"], "Task")).data == DRAFT


def test_a_task_the_engine_has_moved_past_is_a_conflict(published, client_for):
    """The task mirror says READY but the engine's state is past it (a mirror out of step, e.g.
    a crash between two writes): completing it is refused and nothing is written."""
    staff = client_for(published.staff.user.username)
    draft = start(staff, published.staff)["activeTasks"][0]
    complete(staff, draft["id"], DRAFT)
    task = HumanTask.objects.get(pk=decode_id(draft["id"], "Task"))
    HumanTask.objects.filter(pk=task.pk).update(state="READY", completed_at=None)
    lock = task.instance.lock_version
    error = staff.error(COMPLETE, {"id": draft["id"], "d": DRAFT})
    assert error["extensions"]["code"] == "CONFLICT"
    assert HumanTask.objects.get(pk=task.pk).state == "READY"
    task.instance.refresh_from_db()
    assert task.instance.lock_version == lock
