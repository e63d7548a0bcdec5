"""GraphQL for the BPMN runtime: definitions (administrators), instances and tasks (everyone)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Optional

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.types import Info

from apps.core.errors import BadInput
from apps.workflow import layout, migration, models, selectors, services

from . import common
from .accounts import UserType
from .common import scoped, visible_instances
from .context import context, require_user
from .ids import decode_id
from .organization import CursorConnection, EmployeeType

if TYPE_CHECKING:
    from .daily_actions import ActionPlanType
    from .performance import EvaluationType, PerformancePlanType

# Visibility (docs/design.md, Permissions): every type below scopes its rows to the instances the
# viewer may see, so that no nested path (a plan's or an evaluation's processInstance, an
# event's task ...) shows more than processInstance(id) or task(id) would.


DefinitionStatus = strawberry.enum(models.DefinitionStatus, name="ProcessDefinitionStatus")
InstanceStatus = strawberry.enum(models.InstanceStatus, name="ProcessInstanceStatus")
TaskStateEnum = strawberry.enum(models.TaskState, name="TaskState")
EventKind = strawberry.enum(models.ProcessEvent.Kind, name="ProcessEventKind")


@strawberry.type
class Lane:
    name: str
    binding: str | None


@strawberry_django.type(models.ProcessDefinition, name="ProcessDefinition")
class ProcessDefinitionType(relay.Node):
    key: str
    version: int
    name: str
    status: DefinitionStatus
    process_id: str
    bpmn_xml: str
    forms: JSON
    lane_bindings: JSON
    starters: JSON
    created_by: Optional[UserType]
    created_at: dt.datetime
    published_by: Optional[UserType]
    published_at: Optional[dt.datetime]

    @strawberry_django.field(only=["lanes"])
    def lanes(self) -> list[Lane]:
        return [Lane(name=lane["name"], binding=lane["binding"]) for lane in self.lanes]

    @strawberry_django.field(only=["bpmn_xml"], description=(
        "The BPMN XML with a diagram to draw: as stored when it has one, else with one laid out "
        "automatically (lanes as bands, elements in flow order); the process itself unchanged."))
    def diagram_xml(self) -> str:
        return layout.with_diagram(self.bpmn_xml)


@strawberry.type
class TaskForm:
    schema: JSON
    ui_schema: JSON | None


@strawberry_django.type(models.ProcessEvent, name="ProcessEvent")
class ProcessEventType:
    id: strawberry.ID
    kind: EventKind
    actor: Optional[UserType]
    task: Optional["TaskType"]
    data: JSON
    outcome: str
    created_at: dt.datetime

    @classmethod
    def get_queryset(cls, queryset: QuerySet, info: Info, **kwargs) -> QuerySet:
        return selectors.scope_to_visible_instances(queryset, visible_instances(info))


@strawberry.type
class ProcessDiagram:
    completed_elements: list[str] = strawberry.field(description="BPMN element ids done, in the order first done.")
    active_elements: list[str] = strawberry.field(description="BPMN element ids the instance is at now.")


@strawberry_django.type(models.ProcessInstance, name="ProcessInstance")
class ProcessInstanceType(relay.Node):
    key: str
    status: InstanceStatus
    period_id: str
    definition: ProcessDefinitionType
    subject: EmployeeType
    initiator: Optional[UserType]
    started_at: dt.datetime
    ended_at: Optional[dt.datetime]
    history: list[ProcessEventType] = strawberry_django.field(field_name="events", description="The audit trail, oldest first.")

    @classmethod
    def get_queryset(cls, queryset: QuerySet, info: Info, **kwargs) -> QuerySet:
        return selectors.scope_to_visible_instances(queryset, visible_instances(info), "pk")

    @strawberry_django.field(only=["state", "definition_id"], select_related=["definition"],
                             description="Where the instance has been and is, for drawing it on its diagram.")
    def diagram(self) -> ProcessDiagram:
        completed, active = selectors.diagram_state(self)
        return ProcessDiagram(completed_elements=completed, active_elements=active)

    @strawberry_django.field(prefetch_related=[
        lambda info: selectors.ready_tasks_prefetch(context(info).user, to_attr="ready_tasks")])
    def active_tasks(self) -> list["TaskType"]:
        ready = getattr(self, "ready_tasks", None)  # prefetched, unless a mutation returned the instance
        return selectors.ready_tasks_of(self) if ready is None else ready

    # What the instance runs for, so a client can show it next to the task (issue 12): the
    # binding the starting service recorded, never process data; shown only to those who may see it.
    @strawberry_django.field(only=["bound_kind", "bound_id"],
                             description="The SKP this instance runs for (SKP planning), when you may see it.")
    def plan(self, info: Info) -> Optional[Annotated["PerformancePlanType", strawberry.lazy("schema.performance")]]:
        from .performance import bound_plan
        return bound_plan(info, self)

    @strawberry_django.field(only=["bound_kind", "bound_id"],
                             description="The evaluation this instance runs for (periodic or annual review), when you may see it.")
    def evaluation(self, info: Info) -> Optional[Annotated["EvaluationType", strawberry.lazy("schema.performance")]]:
        from .performance import bound_evaluation
        return bound_evaluation(info, self)

    @strawberry_django.field(only=["bound_kind", "bound_id"],
                             description="The quarterly action plan this instance runs for (R-ACTION), when you "
                                         "may see its SKP.")
    def action_plan(self, info: Info) -> Optional[Annotated["ActionPlanType", strawberry.lazy("schema.daily_actions")]]:
        from .daily_actions import bound_action_plan
        return bound_action_plan(info, self)


@strawberry_django.type(models.HumanTask, name="Task")
class TaskType(relay.Node):
    bpmn_id: str
    name: str
    lane: str
    state: TaskStateEnum
    instructions: str
    assignee: Optional[EmployeeType]
    candidates: list[EmployeeType]
    due_at: Optional[dt.datetime]
    created_at: dt.datetime
    completed_at: Optional[dt.datetime]
    completed_by: Optional[UserType]
    process_instance: ProcessInstanceType = strawberry_django.field(field_name="instance")

    # A saved draft is the holder's unsent work (e.g. the rater's notes before she decides): only
    # whoever may complete the task reads it; once submitted, everyone who sees the instance does.
    @strawberry_django.field(only=["data", "state"],
                             annotate={"viewer_holds": lambda info: selectors.holds_task(context(info).user)},
                             description="Submitted data; while the task is open, its saved draft (only for "
                                         "whoever may complete it, {} for others).")
    def data(self, info: Info) -> JSON:
        return selectors.task_data_for(context(info).user, self)

    @classmethod
    def get_queryset(cls, queryset: QuerySet, info: Info, **kwargs) -> QuerySet:
        return selectors.scope_to_visible_instances(queryset, visible_instances(info))

    # The forms by a join, not by select_related("instance"): processInstance is read with its
    # own scoping (ProcessInstanceType.get_queryset) and the two would clash.
    @strawberry_django.field(only=["form_key", "ui_form_key"],
                             annotate={"definition_forms": selectors.definition_forms()})
    def form(self) -> TaskForm | None:
        if not self.form_key:
            return None
        forms = self.definition_forms
        return TaskForm(schema=forms.get(self.form_key), ui_schema=forms.get(self.ui_form_key) if self.ui_form_key else None)


@strawberry.input
class TaskFilter:
    state: TaskStateEnum | None = None
    mine: bool | None = strawberry.field(default=None, description="Assigned to you or claimable by you (open tasks).")
    process_instance_id: strawberry.ID | None = None
    subject_employee_id: strawberry.ID | None = None
    bpmn_id: str | None = None
    lane: str | None = None
    due_before: dt.datetime | None = None
    process_key: str | None = strawberry.field(default=None, description="Only tasks of this process (definition key).")


@strawberry.input
class ProcessInstanceFilter:
    key: str | None = None
    status: InstanceStatus | None = None
    subject_employee_id: strawberry.ID | None = None


@strawberry.type
class CompleteTaskPayload:
    """Each part is read again only when the client asks for it (a statement each)."""
    result: strawberry.Private[services.CompleteResult]

    @strawberry.field
    def task(self, info: Info) -> TaskType:
        return common.reload(info, self.result.task)

    @strawberry.field
    def process_instance(self) -> ProcessInstanceType:
        return common.fresh(self.result.instance)

    @strawberry.field
    def next_tasks(self) -> list[TaskType]:
        return selectors.tasks_by_pks([t.pk for t in self.result.next_tasks])


@strawberry.type
class MigrationRow:
    process_instance_id: strawberry.ID
    can_migrate: bool
    migrated: bool
    reason: str | None


def _task_pk(info: Info, task_id: strawberry.ID) -> int:
    return decode_id(task_id, "Task")


def _definition(user, definition_id: strawberry.ID) -> models.ProcessDefinition:
    return common.lookup(selectors.definitions_visible_to(user), definition_id, "ProcessDefinition")


@strawberry.type
class DefinitionProblem:
    element_id: str | None = strawberry.field(description="The BPMN element (its id) the problem is about, if any.")
    tag: str | None
    line: int | None
    message: str


@strawberry.type
class DefinitionCheck:
    valid: bool
    problems: list[DefinitionProblem]


@strawberry.type
class WorkflowQuery:
    @strawberry.field
    def check_process_definition(self, info: Info, bpmn_xml: str, forms: JSON | None = None,
                                 lane_bindings: JSON | None = None, key: str | None = None) -> DefinitionCheck:
        """Process admin: the checks of uploadProcessDefinition, storing nothing — each problem
        with the element it is about (for showing it on the diagram)."""
        problems = services.definition_check(actor=require_user(info), bpmn_xml=bpmn_xml, forms=forms,
                                             lane_bindings=lane_bindings, key=key)
        return DefinitionCheck(valid=not problems, problems=[
            DefinitionProblem(element_id=p.element_id, tag=p.tag, line=p.line, message=str(p.message))
            for p in problems])

    @strawberry_django.field
    def process_definitions(self, info: Info, key: str | None = None) -> list[ProcessDefinitionType]:
        """Process admins see every version; everyone else the published ones."""
        return selectors.definitions_filtered(require_user(info), key)

    @strawberry_django.field
    def process_definition(self, info: Info, id: strawberry.ID) -> ProcessDefinitionType:
        user = require_user(info)
        return common.node(info, selectors.definitions_visible_to(user), id, "ProcessDefinition")

    @strawberry_django.connection(CursorConnection[TaskType])
    def tasks(self, info: Info, filter: TaskFilter | None = None) -> QuerySet[models.HumanTask]:
        f = filter or TaskFilter()
        return scoped(selectors.tasks_filtered(
            require_user(info), mine=f.mine, instances=visible_instances(info), state=f.state,
            instance_id=decode_id(f.process_instance_id, "ProcessInstance") if f.process_instance_id else None,
            subject_id=decode_id(f.subject_employee_id, "Employee") if f.subject_employee_id else None,
            bpmn_id=f.bpmn_id, lane=f.lane, process_key=f.process_key, due_before=f.due_before))

    @strawberry_django.field
    def task(self, info: Info, id: strawberry.ID) -> TaskType:
        return common.node(info, selectors.tasks_visible_to(require_user(info), visible_instances(info)), id, "Task")

    @strawberry_django.field
    def process_instance(self, info: Info, id: strawberry.ID) -> ProcessInstanceType:
        return common.node(info, visible_instances(info), id, "ProcessInstance")

    @strawberry_django.connection(CursorConnection[ProcessInstanceType])
    def process_instances(self, info: Info, filter: ProcessInstanceFilter | None = None) -> QuerySet[models.ProcessInstance]:
        f = filter or ProcessInstanceFilter()
        return scoped(selectors.instances_filtered(
            require_user(info), instances=visible_instances(info), key=f.key, status=f.status,
            subject_id=decode_id(f.subject_employee_id, "Employee") if f.subject_employee_id else None))


@strawberry.type
class WorkflowMutation:
    @strawberry.mutation
    def upload_process_definition(self, info: Info, bpmn_xml: str, forms: JSON | None = None,
                                  lane_bindings: JSON | None = None, key: str | None = None) -> ProcessDefinitionType:
        """Process admin: check a BPMN file and store it as a new draft version."""
        definition = services.definition_upload(actor=require_user(info), bpmn_xml=bpmn_xml, forms=forms,
                                                lane_bindings=lane_bindings, key=key)
        return common.reload(info, definition)

    @strawberry.mutation
    def publish_process_definition(self, info: Info, id: strawberry.ID) -> ProcessDefinitionType:
        user = require_user(info)
        definition = services.definition_publish(actor=user, definition=_definition(user, id))
        return common.reload(info, definition)

    @strawberry.mutation
    def retire_process_definition(self, info: Info, id: strawberry.ID) -> ProcessDefinitionType:
        user = require_user(info)
        definition = services.definition_retire(actor=user, definition=_definition(user, id))
        return common.reload(info, definition)

    @strawberry.mutation
    def migrate_process_instances(self, info: Info, from_definition_id: strawberry.ID, to_definition_id: strawberry.ID,
                                  dry_run: bool) -> list[MigrationRow]:
        """Process admin: move running instances to another version of the same process."""
        user = require_user(info)
        rows = migration.instances_migrate(actor=user, source=_definition(user, from_definition_id),
                                           target=_definition(user, to_definition_id), dry_run=dry_run)
        return [MigrationRow(process_instance_id=str(relay.GlobalID("ProcessInstance", str(r.instance_id))),
                             can_migrate=r.can_migrate, migrated=r.migrated, reason=r.reason) for r in rows]

    @strawberry.mutation
    def start_process(self, info: Info, key: str, subject_employee_id: strawberry.ID,
                      data: JSON | None = None) -> ProcessInstanceType:
        user = require_user(info)
        subject = common.employee(subject_employee_id)
        if data is not None and not isinstance(data, dict):
            raise BadInput(fields={"data": "object"})
        instance = services.process_start(actor=user, key=key, subject=subject, data=data)
        return common.reload(info, instance)

    @strawberry.mutation
    def claim_task(self, info: Info, id: strawberry.ID) -> TaskType:
        task = services.task_claim(actor=require_user(info), task_id=_task_pk(info, id))
        return common.reload(info, task)

    @strawberry.mutation
    def unclaim_task(self, info: Info, id: strawberry.ID) -> TaskType:
        task = services.task_unclaim(actor=require_user(info), task_id=_task_pk(info, id))
        return common.reload(info, task)

    @strawberry.mutation
    def save_task_draft(self, info: Info, id: strawberry.ID, data: JSON) -> TaskType:
        task = services.task_save_draft(actor=require_user(info), task_id=_task_pk(info, id), data=data)
        return common.reload(info, task)

    @strawberry.mutation
    def reassign_task(self, info: Info, id: strawberry.ID, employee_id: strawberry.ID) -> TaskType:
        """HR of the subject's unit: give an open task to another employee."""
        user = require_user(info)
        task = services.task_reassign(actor=user, task_id=_task_pk(info, id), employee=common.employee(employee_id))
        return common.reload(info, task)

    @strawberry.mutation
    def complete_task(self, info: Info, id: strawberry.ID, data: JSON) -> CompleteTaskPayload:
        """Submit the task's form. The data is checked against the task's JSON Schema first."""
        return CompleteTaskPayload(
            result=services.task_complete(actor=require_user(info), task_id=_task_pk(info, id), data=data))
