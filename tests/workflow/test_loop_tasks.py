"""Loop tasks (multi-instance) finish when their children are completed by another worker
process, or after a restart: each worker parses its own copy of the spec, and loads reuse it
(apps/workflow/engine.py, SpecReferenceConverter and spec_for)."""
from __future__ import annotations

import pytest

from apps.organization.models import Employee
from apps.workflow import engine, services
from apps.workflow.models import HumanTask, InstanceStatus, TaskState

XML = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="mi_probe" name="MI probe" isExecutable="true">
    <bpmn:laneSet id="ls"><bpmn:lane id="L1" name="Employee"><bpmn:flowNodeRef>s</bpmn:flowNodeRef><bpmn:flowNodeRef>ut</bpmn:flowNodeRef><bpmn:flowNodeRef>after</bpmn:flowNodeRef><bpmn:flowNodeRef>e</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="ut"/>
    <bpmn:userTask id="ut" name="UT">
      <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="ut" targetRef="after"/>
    <bpmn:userTask id="after" name="After"/>
    <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="e"/>
    <bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>"""


@pytest.mark.parametrize("another_worker", [False, True])
def test_a_multi_instance_task_finishes_whichever_worker_completes_its_children(demo_db, monkeypatch,
                                                                                 another_worker):
    definition = services.definition_upload(actor=None, bpmn_xml=XML, lane_bindings={"Employee": "EMPLOYEE"})
    services.definition_publish(actor=None, definition=definition)
    staff = Employee.objects.get(pk=demo_db.staff.pk)
    instance = services.process_start(actor=staff.user, key="mi_probe", subject=staff, data={"periodId": "2026"})
    for _child in range(2):
        if another_worker:  # the next request lands on a process that has not parsed this version yet
            monkeypatch.setattr(engine, "_specs", {})
        task = HumanTask.objects.filter(instance=instance, state=TaskState.READY, bpmn_id="ut").first()
        services.task_complete(actor=staff.user, task_id=task.pk, data={})
    instance.refresh_from_db()
    assert instance.status == InstanceStatus.RUNNING
    assert list(HumanTask.objects.filter(instance=instance, state=TaskState.READY).values_list("bpmn_id", flat=True)) \
        == ["after"]
