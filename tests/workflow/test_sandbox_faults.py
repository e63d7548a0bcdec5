"""Fault tests over HTTP: uploaded code that raises what ends a Python process, runs C-level work
past the time limit or leaves values that are not data fails its step with BAD_USER_INPUT,
writes nothing — and the server answers the next request."""
from __future__ import annotations

import time

import pytest

from apps.workflow.models import HumanTask, ProcessInstance

from ..conftest import PASSWORD
from .helpers import COMPLETE, DRAFT, START, complete, my_tasks, start
from .test_definitions import DEMO_XML, FORMS, PUBLISH, UPLOAD

CONDITION = 'decision == "REVISE"'  # the review gateway's condition, replaced below


def _english(*clients):
    for client in clients:
        client.language = "en"  # the reasons are asserted as their English msgids
    return clients


def _publish(client, xml: str, key: str) -> None:
    definition = client.data(UPLOAD, {"x": xml, "f": FORMS, "b": None, "k": key})["uploadProcessDefinition"]
    client.data(PUBLISH, {"id": definition["id"]})


def _still_serving(client, username: str) -> None:
    """The next request is answered (a condition that ended the process would leave none)."""
    assert client.data("query { me { user { username } } }")["me"]["user"]["username"] == username


@pytest.mark.parametrize("exception", ["SystemExit", "KeyboardInterrupt", "GeneratorExit", "MemoryError"])
def test_a_condition_raising_any_exception_fails_the_step_and_the_server_goes_on(published, client_for, exception):
    d = published
    admin = client_for(d.process_admin.user.username)
    _publish(admin, DEMO_XML.replace(CONDITION, f"(x for x in [1]).throw({exception})", 1), "uji_fault")
    staff, kasi = _english(client_for(d.staff.user.username), client_for(d.kasi.user.username))
    draft = start(staff, d.staff, key="uji_fault")["activeTasks"][0]
    review = complete(staff, draft["id"], DRAFT)["nextTasks"][0]
    instance = ProcessInstance.objects.get(key="uji_fault")

    error = kasi.error(COMPLETE, {"id": review["id"], "d": {"decision": "APPROVE"}})

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "throw" in error["message"]  # which expression failed ...
    assert ("over the memory limit" if exception == "MemoryError" else exception) in error["message"]  # ... and why
    assert HumanTask.objects.get(bpmn_id="review", instance=instance).state == "READY"
    assert ProcessInstance.objects.get(pk=instance.pk).lock_version == instance.lock_version
    _still_serving(kasi, d.kasi.user.username)
    assert [t["bpmnId"] for t in my_tasks(kasi) if t["processInstance"]["id"]] == ["review"]


def test_a_timer_expression_raising_system_exit_refuses_the_start(published, client_for):
    d = published
    admin = client_for(d.process_admin.user.username)
    _publish(admin, DEMO_XML.replace('"P14D"', "(x for x in [1]).throw(SystemExit)"), "uji_fault")
    [staff] = _english(client_for(d.staff.user.username))
    error = staff.error(START, {"key": "uji_fault", "s": _gid(d.staff), "d": {"periodId": "2026"}})
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "SystemExit" in error["message"]
    assert not ProcessInstance.objects.filter(key="uji_fault").exists()
    _still_serving(staff, d.staff.user.username)
    assert start(staff, d.staff)["status"] == "RUNNING"  # the bundled process still starts


def test_c_level_work_in_a_condition_is_stopped_at_the_time_limit(published, client_for):
    d = published
    admin = client_for(d.process_admin.user.username)
    _publish(admin, DEMO_XML.replace(CONDITION, "sum(range(2*10**8)) &lt; 0", 1), "uji_fault")
    staff, kasi = _english(client_for(d.staff.user.username), client_for(d.kasi.user.username))
    draft = start(staff, d.staff, key="uji_fault")["activeTasks"][0]
    review = complete(staff, draft["id"], DRAFT)["nextTasks"][0]
    started = time.monotonic()
    error = kasi.error(COMPLETE, {"id": review["id"], "d": {"decision": "APPROVE"}})
    assert time.monotonic() - started < 2.0
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "time limit" in error["message"]
    _still_serving(kasi, d.kasi.user.username)


def test_a_script_value_that_is_not_data_is_bad_input_naming_the_variable(published, client_for, django_user_model):
    """Today's INTERNAL (the state could not be stored): now the step fails and says which name."""
    d = published
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)  # may deploy scripts
    root = client_for("root")
    xml = DEMO_XML.replace(
        '<bpmn:sequenceFlow id="f_start_draft" sourceRef="start" targetRef="draft"/>',
        '<bpmn:sequenceFlow id="f_start_draft" sourceRef="start" targetRef="calc"/>'
        '<bpmn:scriptTask id="calc"><bpmn:incoming>f_start_draft</bpmn:incoming><bpmn:outgoing>f_calc_draft</bpmn:outgoing>'
        '<bpmn:script>count = 2\nseen = {1, 2}</bpmn:script></bpmn:scriptTask>'
        '<bpmn:sequenceFlow id="f_calc_draft" sourceRef="calc" targetRef="draft"/>',
    ).replace("<bpmn:incoming>f_start_draft</bpmn:incoming>\n      <bpmn:incoming>f_revise_draft</bpmn:incoming>",
              "<bpmn:incoming>f_calc_draft</bpmn:incoming>\n      <bpmn:incoming>f_revise_draft</bpmn:incoming>")
    _publish(root, xml, "uji_script")
    [staff] = _english(client_for(d.staff.user.username))
    error = staff.error(START, {"key": "uji_script", "s": _gid(d.staff), "d": {"periodId": "2026"}})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "the variable seen is set, which is not plain data" in error["message"]
    assert not ProcessInstance.objects.filter(key="uji_script").exists()
    _still_serving(staff, d.staff.user.username)


def _gid(employee) -> str:
    from ..conftest import gid

    return gid("Employee", employee.pk)
