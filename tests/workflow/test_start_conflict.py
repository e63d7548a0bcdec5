"""One running instance per process, subject and period: also when the new one would end before
its first wait (it is stored COMPLETED, which the database's unique constraint on running
instances does not cover — apps/workflow/steps.py, _refuse_if_running)."""
from __future__ import annotations

import pytest

from apps.core.errors import Conflict
from apps.organization.models import Employee
from apps.workflow import services
from apps.workflow.models import InstanceStatus, ProcessInstance

XML = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="quick_or_not" name="Quick or not" isExecutable="true">
    <bpmn:laneSet id="ls"><bpmn:lane id="L1" name="Employee"><bpmn:flowNodeRef>s</bpmn:flowNodeRef><bpmn:flowNodeRef>g</bpmn:flowNodeRef><bpmn:flowNodeRef>ut</bpmn:flowNodeRef><bpmn:flowNodeRef>e</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
    <bpmn:exclusiveGateway id="g" default="f_wait"/>
    <bpmn:sequenceFlow id="f_quick" sourceRef="g" targetRef="e">
      <bpmn:conditionExpression>quick == True</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_wait" sourceRef="g" targetRef="ut"/>
    <bpmn:userTask id="ut" name="Wait"/>
    <bpmn:sequenceFlow id="f2" sourceRef="ut" targetRef="e"/>
    <bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>"""


def test_an_instance_that_would_end_at_once_is_refused_while_one_runs(demo_db):
    definition = services.definition_upload(actor=None, bpmn_xml=XML, lane_bindings={"Employee": "EMPLOYEE"})
    services.definition_publish(actor=None, definition=definition)
    staff = Employee.objects.get(pk=demo_db.staff.pk)
    running = services.process_start(actor=staff.user, key="quick_or_not", subject=staff,
                                     data={"periodId": "2026", "quick": False})
    assert running.status == InstanceStatus.RUNNING
    with pytest.raises(Conflict):
        services.process_start(actor=staff.user, key="quick_or_not", subject=staff,
                               data={"periodId": "2026", "quick": True})
    assert ProcessInstance.objects.filter(key="quick_or_not").count() == 1
    # Another period is free, and ends at once as asked.
    other = services.process_start(actor=staff.user, key="quick_or_not", subject=staff,
                                   data={"periodId": "2027", "quick": True})
    assert other.status == InstanceStatus.COMPLETED
