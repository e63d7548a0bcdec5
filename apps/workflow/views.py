"""The process-administration pages: definitions in the bpmn-js modeler, instances in a viewer.

The modeler page is a thin shell: it checks who may open it and hands the page its ids and
texts; everything it reads or changes goes through the GraphQL API (session cookie + CSRF
header), so it can do exactly what the API lets its user do. The instance viewer carries its
data in the page instead (see ``instance_view``).

Who: the modeler and the definition list are for process administrators (403 for other signed-in
users, the login page for anonymous ones); the instance list and viewer also for HR (performance
administrators). Process administrators see every instance's path; HR the instances of their
units; any other instance is 404.
"""
from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from apps.organization import selectors as org

from . import layout, registry, selectors
from .lanes import ROLES, STANDARD_LANES
from .models import DefinitionStatus, InstanceStatus, ProcessDefinition

PAGE_SIZE = 50


def _allowed(check):
    """Anonymous users go to the login page; signed-in users who fail ``check`` get 403."""
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return require_GET(wrapper)
    return decorator


process_admin_only = _allowed(selectors.is_process_admin)
admin_or_hr = _allowed(lambda user: selectors.is_process_admin(user) or org.is_performance_admin(user))


@process_admin_only
def definition_list(request):
    definitions = ProcessDefinition.objects.annotate(
        running=Count("instances", filter=Q(instances__status=InstanceStatus.RUNNING))
    ).defer("bpmn_xml", "forms", "user_tasks").order_by("key", "-version")
    by_key: dict[str, list] = {}
    for definition in definitions:
        by_key.setdefault(definition.key, []).append(definition)
    return render(request, "workflow/definition_list.html", {"by_key": by_key})


def _modeler_config(definition: ProcessDefinition | None) -> dict:
    return {
        "definitionId": definition.pk if definition else None,
        "readOnly": bool(definition and definition.status == DefinitionStatus.RETIRED),
        "handlers": registry.names(),
        "roles": sorted(ROLES),
        "standardLanes": STANDARD_LANES,
        "strings": _modeler_strings(),
    }


def _modeler_strings() -> dict:
    return {
        "loading": _("Loading…"), "loaded": _("Loaded."), "saving": _("Saving…"),
        "checking": _("Checking…"), "valid": _("No problems found: this process can be saved and published."),
        "problems": _("%(count)s problem(s) found; each is marked on its element."),
        "saved": _("Saved as draft version %(version)s."), "published": _("Published."),
        "retired": _("Retired."), "saveFirst": _("Save the changes as a draft before publishing."),
        "unsaved": _("Unsaved changes"), "badJson": _("Form %(name)s is not valid JSON: %(error)s"),
        "confirmPublish": _("Publish this version? New instances will use it; the published version "
                            "before it is retired."),
        "confirmRetire": _("Retire this version? No new instances can start on it."),
        "noSelection": _("Select an element on the diagram to edit it."),
        "formName": _("File name of the new form (e.g. review.schema.json)"),
        "noForm": _("(no form)"), "standard": _("standard: %(binding)s"),
        "unbound": _("no standard binding — choose one"), "error": _("Error: %(message)s"),
        "keyRequired": _("Fill in the process key."),
        "labels": {
            "name": _("Name"), "lane": _("Lane"), "form": _("Form (JSON Schema file)"),
            "handler": _("Completion handler"), "instructions": _("Instructions for the person doing the task"),
            "operator": _("Service handler"), "condition": _("Condition (on the data)"),
            "startableBy": _("Who may start it (roles, comma-separated)"),
            "timerKind": _("Timer"), "timer": _("Timer expression (ISO 8601 or a data field)"),
        },
        "timerKinds": {"timeDuration": _("after a duration"), "timeDate": _("at a date"),
                       "timeCycle": _("repeating")},
    }


@process_admin_only
def definition_edit(request, pk: int):
    definition = get_object_or_404(ProcessDefinition.objects.only("pk", "key", "version", "status", "name"), pk=pk)
    return render(request, "workflow/modeler.html", {"definition": definition, "config": _modeler_config(definition)})


@process_admin_only
def definition_new(request):
    return render(request, "workflow/modeler.html", {"definition": None, "config": _modeler_config(None)})


@admin_or_hr
def instance_list(request):
    instances = selectors.instances_drawable_by(request.user).select_related("subject", "definition").only(
        "pk", "key", "status", "started_at", "ended_at", "subject__name", "definition__version"
    ).order_by("-pk")
    key, status = request.GET.get("key", "").strip(), request.GET.get("status", "")
    if key:
        instances = instances.filter(key=key)
    if status in InstanceStatus.values:
        instances = instances.filter(status=status)
    page = Paginator(instances, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workflow/instance_list.html", {
        "page": page, "key": key, "status": status, "statuses": InstanceStatus.choices})


EVENT_LABELS = {
    "STARTED": gettext_lazy("started"), "CLAIMED": gettext_lazy("claimed"), "UNCLAIMED": gettext_lazy("released"),
    "DRAFT_SAVED": gettext_lazy("draft saved"), "REASSIGNED": gettext_lazy("reassigned"),
    "COMPLETED": gettext_lazy("completed"), "TIMER_FIRED": gettext_lazy("timer fired"),
    "TIMER_FAILED": gettext_lazy("timer failed"),
    "MIGRATED": gettext_lazy("moved to another version"), "ENDED": gettext_lazy("ended"),
}


@admin_or_hr
def instance_view(request, pk: int):
    """The page carries its data (built server-side, not through GraphQL): process
    administrators may draw any instance's path without being allowed to read its forms."""
    instance = selectors.instances_drawable_by(request.user).select_related(
        "definition", "subject").filter(pk=pk).first()
    if instance is None:
        raise Http404
    config = {
        "instance": {
            "id": instance.pk, "key": instance.key, "status": instance.get_status_display(),
            "process": instance.definition.name, "version": instance.definition.version,
            "subject": instance.subject.name, "startedAt": instance.started_at.isoformat(),
            "endedAt": instance.ended_at.isoformat() if instance.ended_at else None,
            "diagramXml": layout.with_diagram(instance.definition.bpmn_xml),
            **selectors.instance_timeline(instance),
        },
        "strings": {
            "error": _("Error: %(message)s"), "none": _("none"), "process": _("Process"), "employee": _("Employee"),
            "status": _("Status"), "started": _("Started"), "ended": _("Ended"), "system": _("system"),
            "unassigned": _("not claimed yet"), "due": _("due %(date)s"),
            "events": {kind: str(label) for kind, label in EVENT_LABELS.items()},
        },
    }
    return render(request, "workflow/instance.html", {"instance_id": pk, "config": config})
