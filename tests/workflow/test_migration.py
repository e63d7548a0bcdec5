"""Migrating running instances between versions: dry run, refusal when a changed task already
completed, real run in batches with an audit event each."""
from __future__ import annotations

from apps.workflow.models import HumanTask, ProcessDefinition, ProcessEvent, ProcessInstance

from ..conftest import gid
from .helpers import DRAFT, complete, start
from .test_definitions import DEMO_XML, FORMS, PUBLISH, UPLOAD

MIGRATE = """mutation($f: ID!, $t: ID!, $dry: Boolean!) { migrateProcessInstances(fromDefinitionId: $f,
  toDefinitionId: $t, dryRun: $dry) { processInstanceId canMigrate migrated reason } }"""


def test_dry_run_then_real_run(published, client_for):
    d = published
    admin = client_for(d.process_admin.user.username)
    staff, peer = client_for(d.staff.user.username), client_for(d.peer.user.username)
    waiting = start(staff, d.staff)                          # draft open
    moved_on = start(peer, d.peer)                           # draft completed below
    complete(peer, moved_on["activeTasks"][0]["id"], DRAFT)
    v1 = ProcessDefinition.objects.get(key="approval_demo")
    # v2 renames the draft task: instances that already completed it must stay on v1.
    v2 = admin.data(UPLOAD, {"x": DEMO_XML.replace('name="Susun rencana kerja"', 'name="Susun SKP"'),
                             "f": FORMS, "b": None, "k": "approval_demo"})["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": v2["id"]})
    args = {"f": gid("ProcessDefinition", v1.pk), "t": v2["id"]}

    dry = {r["processInstanceId"]: r for r in admin.data(MIGRATE, {**args, "dry": True})["migrateProcessInstances"]}
    assert dry[waiting["id"]]["canMigrate"] is True and dry[waiting["id"]]["migrated"] is False
    assert dry[moved_on["id"]]["canMigrate"] is False and "draft" in dry[moved_on["id"]]["reason"]
    assert ProcessInstance.objects.filter(definition=v1).count() == 2

    real = {r["processInstanceId"]: r for r in admin.data(MIGRATE, {**args, "dry": False})["migrateProcessInstances"]}
    assert real[waiting["id"]]["migrated"] is True and real[moved_on["id"]]["migrated"] is False
    migrated = ProcessInstance.objects.get(subject=d.staff)
    assert migrated.definition.version == 2
    assert ProcessEvent.objects.filter(instance=migrated, kind="MIGRATED").get().data == {"from": 1, "to": 2}
    [draft] = HumanTask.objects.filter(instance=migrated, state="READY")
    assert draft.name == "Susun SKP"
    # The migrated instance runs on.
    assert complete(staff, gid("Task", draft.pk), DRAFT)["nextTasks"][0]["bpmnId"] == "review"


def test_migration_is_for_process_admins_and_same_key(published, client_for):
    d = published
    v1 = ProcessDefinition.objects.get(key="approval_demo")
    args = {"f": gid("ProcessDefinition", v1.pk), "t": gid("ProcessDefinition", v1.pk), "dry": True}
    assert client_for(d.hr_all.user.username).error(MIGRATE, args)["extensions"]["code"] == "FORBIDDEN"
    admin = client_for(d.process_admin.user.username)
    assert admin.error(MIGRATE, args)["extensions"]["code"] == "BAD_USER_INPUT"
    other = admin.data(UPLOAD, {"x": DEMO_XML, "f": FORMS, "b": None, "k": "lain"})["uploadProcessDefinition"]
    assert admin.error(MIGRATE, dict(args, t=other["id"]))["extensions"]["code"] == "BAD_USER_INPUT"
