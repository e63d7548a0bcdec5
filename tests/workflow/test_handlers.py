"""Registered handlers run inside the step's transaction: a service task stores its result; a
completion handler that raises rolls the whole step back and the client gets its message."""
from __future__ import annotations

import pytest
from django.db.models import F

from apps.core.errors import BadInput
from apps.workflow import registry
from apps.workflow.models import HumanTask, ProcessInstance

from ..conftest import gid
from .helpers import COMPLETE, DRAFT, complete, start
from .test_definitions import DEMO_XML, FORMS, PUBLISH, UPLOAD

SERVICE = """<bpmn:serviceTask id="score" name="Hitung skor">
      <bpmn:extensionElements>
        <spiffworkflow:serviceTaskOperator id="test.score" resultVariable="score_result">
          <spiffworkflow:parameters>
            <spiffworkflow:parameter id="length" type="int" value="len(summary)"/>
          </spiffworkflow:parameters>
        </spiffworkflow:serviceTaskOperator>
      </bpmn:extensionElements>
      <bpmn:incoming>f_draft_review</bpmn:incoming>
      <bpmn:outgoing>f_score_review</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f_score_review" sourceRef="score" targetRef="review"/>"""


@pytest.fixture
def handlers():
    calls = []

    @registry.register("test.score")
    def score(step):
        calls.append((step.instance.pk, step.params))
        return {"length": step.params["length"], "long_enough": step.params["length"] >= 20}

    @registry.register("test.refuse_short")
    def refuse_short(step):
        if len(step.data.get("summary", "")) < 30:
            raise BadInput("Ringkasan terlalu pendek untuk rencana tahunan.", fields={"summary": "short"})

    @registry.register("test.buggy")
    def buggy(step):
        return int("rahasia_internal")  # a bug: a ValueError from the handler's own code

    @registry.register("test.another_step_meanwhile")
    def another_step_meanwhile(step):
        # Another step of the same instance (a timer, a parallel branch's task) is saved between
        # this step's load and its save: the instance row moves on under it.
        ProcessInstance.objects.filter(pk=step.instance.pk).update(lock_version=F("lock_version") + 1)

    yield calls
    for name in ("test.score", "test.refuse_short", "test.buggy", "test.another_step_meanwhile"):
        registry._handlers.pop(name, None)


def publish(admin, xml, key):
    definition = admin.data(UPLOAD, {"x": xml, "f": FORMS, "b": None, "k": key})["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": definition["id"]})


def test_service_task_handler_result_is_stored(published, client_for, handlers):
    d = published
    xml = DEMO_XML.replace('<bpmn:sequenceFlow id="f_draft_review" sourceRef="draft" targetRef="review"/>',
                           '<bpmn:sequenceFlow id="f_draft_review" sourceRef="draft" targetRef="score"/>' + SERVICE)
    xml = xml.replace("<bpmn:incoming>f_draft_review</bpmn:incoming>\n      <bpmn:incoming>f_back_to_review</bpmn:incoming>",
                      "<bpmn:incoming>f_score_review</bpmn:incoming>\n      <bpmn:incoming>f_back_to_review</bpmn:incoming>")
    publish(client_for(d.process_admin.user.username), xml, "uji_service")
    staff = client_for(d.staff.user.username)
    draft = start(staff, d.staff, key="uji_service")["activeTasks"][0]
    review = complete(staff, draft["id"], DRAFT)["nextTasks"][0]
    assert review["bpmnId"] == "review"
    instance = ProcessInstance.objects.get(key="uji_service")
    assert handlers == [(instance.pk, {"length": len(DRAFT["summary"])})]
    assert '"score_result": {"length": %d, "long_enough": true}' % len(DRAFT["summary"]) in instance.state


def test_unregistered_service_handler_is_refused_at_upload(published, client_for):
    xml = DEMO_XML.replace('<bpmn:sequenceFlow id="f_draft_review" sourceRef="draft" targetRef="review"/>',
                           '<bpmn:sequenceFlow id="f_draft_review" sourceRef="draft" targetRef="score"/>' + SERVICE)
    error = client_for(published.process_admin.user.username).error(UPLOAD, {"x": xml, "f": FORMS, "b": None, "k": "x"})
    assert any(p["elementId"] == "score" for p in error["extensions"]["errors"])


def test_completion_handler_that_raises_rolls_the_step_back(published, client_for, handlers):
    d = published
    xml = DEMO_XML.replace('<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>',
                           '<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>'
                           '<spiffworkflow:property name="handler" value="test.refuse_short"/>')
    publish(client_for(d.process_admin.user.username), xml, "uji_handler")
    staff = client_for(d.staff.user.username)
    draft = start(staff, d.staff, key="uji_handler")["activeTasks"][0]
    instance = ProcessInstance.objects.get(key="uji_handler")
    error = staff.error(COMPLETE, {"id": draft["id"], "d": {"summary": "Terlalu singkat sekali", "decision": "SUBMIT"}})
    assert error["message"] == "Ringkasan terlalu pendek untuk rencana tahunan."
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": {"summary": "short"}}
    assert HumanTask.objects.get(instance=instance).state == "READY"
    assert ProcessInstance.objects.get(pk=instance.pk).lock_version == instance.lock_version
    assert instance.events.count() == 1  # only STARTED
    ok = complete(staff, draft["id"], {"summary": "Rencana kerja lengkap untuk seluruh tahun 2026", "decision": "SUBMIT"})
    assert ok["nextTasks"][0]["bpmnId"] == "review"


def test_a_step_saved_meanwhile_on_the_same_instance_is_a_conflict_and_nothing_is_written(
        published, client_for, handlers):
    """The instance's lock version: two steps of one instance that both loaded the same state
    cannot both be saved; the later one gets CONFLICT and its whole step rolls back."""
    d = published
    xml = DEMO_XML.replace('<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>',
                           '<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>'
                           '<spiffworkflow:property name="handler" value="test.another_step_meanwhile"/>')
    publish(client_for(d.process_admin.user.username), xml, "uji_conflict")
    staff = client_for(d.staff.user.username)
    draft = start(staff, d.staff, key="uji_conflict")["activeTasks"][0]
    instance = ProcessInstance.objects.get(key="uji_conflict")
    error = staff.error(COMPLETE, {"id": draft["id"], "d": DRAFT})
    assert error["extensions"]["code"] == "CONFLICT"
    assert HumanTask.objects.get(instance=instance).state == "READY"
    assert ProcessInstance.objects.get(pk=instance.pk).lock_version == instance.lock_version  # the bump rolled back too
    assert instance.events.count() == 1  # only STARTED


def test_a_bug_in_a_handler_is_internal_and_its_text_stays_on_the_server(published, client_for, handlers, caplog):
    """A KeyError inside a handler is our bug, not the user's input: INTERNAL, the message says
    nothing about the code, the step rolls back (completion handler and service task alike)."""
    d = published
    admin = client_for(d.process_admin.user.username)
    completion = DEMO_XML.replace(
        '<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>',
        '<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>'
        '<spiffworkflow:property name="handler" value="test.buggy"/>')
    service = DEMO_XML.replace(
        '<bpmn:sequenceFlow id="f_draft_review" sourceRef="draft" targetRef="review"/>',
        '<bpmn:sequenceFlow id="f_draft_review" sourceRef="draft" targetRef="score"/>'
        + SERVICE.replace("test.score", "test.buggy")).replace(
        "<bpmn:incoming>f_draft_review</bpmn:incoming>\n      <bpmn:incoming>f_back_to_review</bpmn:incoming>",
        "<bpmn:incoming>f_score_review</bpmn:incoming>\n      <bpmn:incoming>f_back_to_review</bpmn:incoming>")
    publish(admin, completion, "uji_bug_completion")
    publish(admin, service, "uji_bug_service")
    staff = client_for(d.staff.user.username)
    for key in ("uji_bug_completion", "uji_bug_service"):
        draft = start(staff, d.staff, key=key)["activeTasks"][0]
        error = staff.error(COMPLETE, {"id": draft["id"], "d": DRAFT})
        assert error["extensions"] == {"code": "INTERNAL"}, key
        assert "rahasia" not in error["message"] and "KeyError" not in error["message"]
        instance = ProcessInstance.objects.get(key=key)
        assert HumanTask.objects.get(instance=instance).state == "READY"
        assert instance.events.count() == 1  # only STARTED
    assert "rahasia_internal" in caplog.text  # the traceback is logged for the operators


INSTANCES = """query($f: ProcessInstanceFilter) { processInstances(first: 20, filter: $f) { totalCount
  edges { node { key status subject { name } activeTasks { bpmnId } } } } }"""


def test_process_instances_list_is_scoped(published, client_for):
    d = published
    staff, peer = client_for(d.staff.user.username), client_for(d.peer.user.username)
    start(staff, d.staff)
    start(peer, d.peer)
    assert staff.data(INSTANCES, {})["processInstances"]["totalCount"] == 1
    hr = client_for(d.hr_all.user.username)
    assert hr.data(INSTANCES, {})["processInstances"]["totalCount"] == 2
    assert hr.data(INSTANCES, {"f": {"subjectEmployeeId": gid("Employee", d.peer.pk)}})["processInstances"]["totalCount"] == 1
    assert hr.data(INSTANCES, {"f": {"status": "COMPLETED"}})["processInstances"]["totalCount"] == 0
    assert client_for(d.hr_dinkes.user.username).data(INSTANCES, {})["processInstances"]["totalCount"] == 0
    kasi = client_for(d.kasi.user.username)
    assert kasi.data(INSTANCES, {})["processInstances"]["totalCount"] == 0  # nothing has reached the rater yet
