"""Uploaded BPMN code cannot escape: each escape of SPIFFWORKFLOW.md fails at upload or fails
its step cleanly at run time, with nothing written."""
from __future__ import annotations

import pytest

from apps.workflow import sandbox
from apps.workflow.models import HumanTask, ProcessInstance

from .helpers import COMPLETE, DRAFT, complete, start
from .test_definitions import DEMO_XML, FORMS, PUBLISH, UPLOAD

ESCAPES_REFUSED_AT_COMPILE = [
    "().__class__.__base__.__subclasses__()",
    "__import__('subprocess').call(['id'])",
    "[c for c in ().__class__.__bases__]",
    "decision.__class__",
    "_x",
]
ESCAPES_FAILING_AT_RUN = [
    "open('/etc/passwd').read() == ''",
    "getattr(decision, '__class__') == 1",
    "eval('1+1') == 2",
    "exec('x=1') is None",
    "globals() != {}",
    "vars() != {}",
    "type(decision).mro() != []",
]


@pytest.mark.parametrize("source", ESCAPES_REFUSED_AT_COMPILE)
def test_escape_is_refused_when_compiling(source):
    with pytest.raises(ValueError):
        sandbox.compile_expression(source)


@pytest.mark.parametrize("source", ESCAPES_FAILING_AT_RUN)
def test_escape_fails_at_run_time(source):
    with pytest.raises(ValueError):
        sandbox.evaluate(source, {"decision": "APPROVE"})


@pytest.mark.parametrize("script", [
    "import os\nos.system('id')",
    "import subprocess",
    "f = open('/etc/passwd')",
    "while True:\n    pass",
    "x = [i for i in range(10**9)]",
])
def test_scripts_cannot_import_read_files_or_run_forever(script):
    with pytest.raises(ValueError):
        sandbox.execute(script, {})


def test_ordinary_expressions_and_scripts_work():
    assert sandbox.evaluate("decision == 'REVISE' and len(notes) > 0", {"decision": "REVISE", "notes": "x"})
    data = {"items": [1, 2, 3]}
    sandbox.execute("total = 0\nfor i in items:\n    total += i\nlabel = 'n=%d' % len(items)", data)
    assert data["total"] == 6 and data["label"] == "n=3"


def _upload_and_publish(admin, xml):
    definition = admin.data(UPLOAD, {"x": xml, "f": FORMS, "b": None, "k": "uji_sandbox"})["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": definition["id"]})


@pytest.mark.parametrize("condition", ESCAPES_REFUSED_AT_COMPILE[:2])
def test_upload_refuses_escaping_conditions(published, client_for, condition):
    admin = client_for(published.process_admin.user.username)
    xml = DEMO_XML.replace('decision == "REVISE"', condition.replace("'", "&apos;"), 1)
    error = admin.error(UPLOAD, {"x": xml, "f": FORMS, "b": None, "k": "uji_sandbox"})
    assert error["extensions"]["errors"][0]["elementId"] == "f_revise_draft"


def test_run_time_escape_fails_the_step_and_writes_nothing(published, client_for):
    d = published
    admin = client_for(d.process_admin.user.username)
    _upload_and_publish(admin, DEMO_XML.replace('decision == "REVISE"', "open(&apos;/etc/passwd&apos;).read() == &apos;&apos;", 1))
    staff, kasi = client_for(d.staff.user.username), client_for(d.kasi.user.username)
    draft = start(staff, d.staff, key="uji_sandbox")["activeTasks"][0]
    review = complete(staff, draft["id"], DRAFT)["nextTasks"][0]
    instance = ProcessInstance.objects.get(key="uji_sandbox")
    error = kasi.error(COMPLETE, {"id": review["id"], "d": {"decision": "APPROVE"}})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "open" in error["message"]
    assert HumanTask.objects.get(bpmn_id="review", instance=instance).state == "READY"
    assert ProcessInstance.objects.get(pk=instance.pk).lock_version == instance.lock_version
