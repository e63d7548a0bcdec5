"""The BPMN runtime's data: definitions (versioned), instances, the human-task mirror, audit.

Every inbox query, count and permission check reads ``HumanTask`` (mirrored after each save),
never the serialized state. Object permissions (django-guardian, direct foreign keys for speed):
``view_processinstance`` for the people involved in an instance, ``complete_humantask`` for the
assignee or candidates of a task.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from apps.organization.models import Employee


class DefinitionStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    PUBLISHED = "PUBLISHED", _("Published")
    RETIRED = "RETIRED", _("Retired")


class ProcessDefinition(models.Model):
    key = models.CharField(max_length=100, db_index=True)
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=DefinitionStatus.choices, default=DefinitionStatus.DRAFT)
    process_id = models.CharField(max_length=200)
    bpmn_xml = models.TextField()
    forms = models.JSONField(default=dict, blank=True)
    lane_bindings = models.JSONField(default=dict, blank=True)
    lanes = models.JSONField(default=list, blank=True)       # [{name, binding}] as checked at upload
    user_tasks = models.JSONField(default=list, blank=True)  # [{bpmnId, name, lane, form, uiForm, handler}]
    starters = models.JSONField(default=list, blank=True)    # roles that may start an instance
    checksum = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="definition_unique_version"),
            models.UniqueConstraint(fields=["key"], condition=models.Q(status="PUBLISHED"),
                                    name="definition_one_published_per_key"),
        ]
        permissions = [("deploy_script", "Can deploy BPMN with script tasks")]

    def __str__(self) -> str:
        return f"{self.key} v{self.version} ({self.status})"

    def lane_binding(self, lane: str) -> str | None:
        return next((lane_["binding"] for lane_ in self.lanes if lane_["name"] == lane), None)

    def user_task(self, bpmn_id: str) -> dict:
        return next((t for t in self.user_tasks if t["bpmnId"] == bpmn_id), {})


class InstanceStatus(models.TextChoices):
    RUNNING = "RUNNING", _("Running")
    COMPLETED = "COMPLETED", _("Completed")
    CANCELLED = "CANCELLED", _("Cancelled")


class ProcessInstance(models.Model):
    definition = models.ForeignKey(ProcessDefinition, on_delete=models.PROTECT, related_name="instances")
    key = models.CharField(max_length=100)  # the definition's key, for the one-active-instance rule
    subject = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="process_instances")
    initiator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    period_id = models.CharField(max_length=64, blank=True, default="")
    # The domain object this instance acts on (registry.Binding), set only by the service that
    # starts the process for it; handlers act on nothing else (docs/design.md, Trust boundaries).
    bound_kind = models.CharField(max_length=60, blank=True, default="")
    bound_id = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=InstanceStatus.choices, default=InstanceStatus.RUNNING)
    state = models.TextField()
    serializer_version = models.CharField(max_length=40)
    lock_version = models.PositiveIntegerField(default=0)
    next_timer_at = models.DateTimeField(null=True, blank=True, db_index=True)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "subject", "period_id"], condition=models.Q(status="RUNNING"),
                                    name="instance_one_running_per_subject_period"),
        ]
        indexes = [models.Index(fields=["subject", "status"])]

    def __str__(self) -> str:
        return f"{self.key} #{self.pk} ({self.subject_id})"


class TaskState(models.TextChoices):
    READY = "READY", _("Ready")
    COMPLETED = "COMPLETED", _("Completed")
    CANCELLED = "CANCELLED", _("Cancelled")


class HumanTask(models.Model):
    # Not a column: whether the acting user may complete the task, set on a locked task by
    # services._locked_task for the checks that follow.
    actor_may_complete: bool

    instance = models.ForeignKey(ProcessInstance, on_delete=models.CASCADE, related_name="tasks")
    subject = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    task_uuid = models.UUIDField(unique=True)
    bpmn_id = models.CharField(max_length=200)
    name = models.CharField(max_length=300)
    lane = models.CharField(max_length=200)
    instructions = models.TextField(blank=True, default="")
    form_key = models.CharField(max_length=200, blank=True, default="")
    ui_form_key = models.CharField(max_length=200, blank=True, default="")
    state = models.CharField(max_length=10, choices=TaskState.choices, default=TaskState.READY)
    assignee = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_tasks")
    candidates = models.ManyToManyField(Employee, related_name="candidate_tasks", blank=True)
    data = models.JSONField(default=dict, blank=True)        # what was submitted (or the saved draft)
    due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["assignee", "state", "-created_at"]),
            models.Index(fields=["instance", "state"]),
            models.Index(fields=["subject", "state"]),
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["state", "created_at"]),  # the notification sweep: newly assigned tasks
        ]
        permissions = [("complete_humantask", "Can complete the task")]

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"


class ProcessEvent(models.Model):
    """Append-only audit of an instance: who, when, which task, the data, the outcome."""

    class Kind(models.TextChoices):
        STARTED = "STARTED"
        CLAIMED = "CLAIMED"
        UNCLAIMED = "UNCLAIMED"
        DRAFT_SAVED = "DRAFT_SAVED"
        REASSIGNED = "REASSIGNED"
        COMPLETED = "COMPLETED"
        TIMER_FIRED = "TIMER_FIRED"
        TIMER_FAILED = "TIMER_FAILED"  # the timer's step failed; retried later (steps.retry_timer_later)
        MIGRATED = "MIGRATED"
        ENDED = "ENDED"

    instance = models.ForeignKey(ProcessInstance, on_delete=models.CASCADE, related_name="events")
    task = models.ForeignKey(HumanTask, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    data = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class ProcessInstanceUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(ProcessInstance, on_delete=models.CASCADE)


class HumanTaskUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(HumanTask, on_delete=models.CASCADE)
