"""The synthetic province of ``bench/seed.py`` is data the real services accept."""
from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import Count, Max

from apps.organization import services as org_services
from apps.organization.models import Employee, OrgUnit
from apps.performance.models import Evaluation, PerformancePlan
from apps.workflow.models import HumanTask, ProcessInstance
from bench import seed

pytestmark = pytest.mark.django_db(transaction=True)

COMPLETE = """mutation($id: ID!, $d: JSON!) { completeTask(id: $id, data: $d) {
  task { state } processInstance { status } nextTasks { bpmnId assignee { name } } } }"""


@pytest.fixture
def province():
    counts = seed.seed(600, 2027, quiet=True)
    return counts


def test_seed_writes_a_province_with_every_status(province):
    assert OrgUnit.objects.aggregate(d=Max("depth"))["d"] == 5  # six levels
    assert Employee.objects.count() >= 590
    assert Employee.objects.filter(acting_position__isnull=False).exists()
    assert Employee.objects.filter(rater_is_acting=True).exists()
    statuses = set(PerformancePlan.objects.filter(year=2027).values_list("status", flat=True))
    assert statuses == {"DRAFT", "SUBMITTED", "APPROVED"}
    assert PerformancePlan.objects.filter(year=2027, revision_notes__gt="").exists()  # returned ones
    assert set(Evaluation.objects.values_list("status", flat=True)) == {
        "SELF_ASSESSMENT", "RATING", "APPROVAL", "FINAL"}
    # At least five task rows per employee (500,000 for the 100,000 of the benchmark).
    assert HumanTask.objects.count() >= 5 * Employee.objects.count()
    assert province["HumanTask"] == HumanTask.objects.count()
    # Every open task has somebody to do it.
    assert not HumanTask.objects.filter(state="READY").annotate(c=Count("candidates")).filter(c=0).exists()


def test_seeded_raters_and_leaders_are_what_the_derivation_gives(province):
    with transaction.atomic():
        assert org_services.refresh_derived_relations() == []
        transaction.set_rollback(True)


def test_seeded_tasks_complete_over_graphql(province, live_server, gql):
    """A rater approves a submitted plan; an employee submits a draft; the next task goes to the rater."""
    review = HumanTask.objects.filter(state="READY", bpmn_id="review", assignee__isnull=False).first()
    gql.login(review.assignee.user.username, "bench")
    done = gql.data(COMPLETE, {"id": _gid(review), "d": {"decision": "APPROVE"}})["completeTask"]
    assert done["processInstance"]["status"] == "COMPLETED"
    assert PerformancePlan.objects.get(process_instance=review.instance).status == "APPROVED"

    draft = HumanTask.objects.filter(state="READY", bpmn_id="draft").select_related("subject__rater").first()
    gql.login(draft.subject.user.username, "bench")
    done = gql.data(COMPLETE, {"id": _gid(draft), "d": {"decision": "SUBMIT"}})["completeTask"]
    assert done["nextTasks"] == [{"bpmnId": "review", "assignee": {"name": draft.subject.rater.name}}]
    assert ProcessInstance.objects.get(pk=draft.instance_id).lock_version > 0


def _gid(task: HumanTask) -> str:
    from strawberry import relay

    return str(relay.GlobalID("Task", str(task.pk)))


def test_seed_refuses_a_database_with_data_unless_told(province):
    with pytest.raises(seed.NotEmpty):
        seed.seed(300, 2027, quiet=True)
    assert Employee.objects.count() >= 590  # untouched
