"""The only module that touches SpiffWorkflow: checking uploads, parsing, running, storing.

- ``check_definition`` refuses, with element-level problems, anything that could not run safely.
- Parsed specs are cached per definition version (``spec_for``).
- Stored state leaves the spec out (``dumps``/``loads``): the spec is the cached one of the
  definition version the instance runs on — about half the size and load time (docs/spiffworkflow.md).
"""
from __future__ import annotations

import contextvars
import json
import re
import threading
from xml.parsers import expat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import jsonschema
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser, SpiffProcessParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState as SpiffTaskState

from apps.core.errors import BadInput

from . import registry, sandbox
from .lanes import EMPLOYEE, RATER, RATER_SUPERVISOR, resolve_binding

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
SERIALIZER_VERSION = "spiff-3.2.0/spec-ref-1"
# Who may start an instance unless the process says otherwise with the process-level spiff
# property startableBy (comma-separated roles): the subject and HR of the subject's unit.
DEFAULT_STARTERS = ("EMPLOYEE", "PERFORMANCE_ADMIN")

# Elements this runtime cannot run (no message correlation, DMN, data stores or external calls).
UNSUPPORTED = {
    "dataStore": gettext_lazy("data stores are not supported"),
    "dataStoreReference": gettext_lazy("data stores are not supported"),
    "complexGateway": gettext_lazy("complex gateways are not supported"),
    "sendTask": gettext_lazy("send tasks (messages) are not supported"),
    "receiveTask": gettext_lazy("receive tasks (messages) are not supported"),
    "messageEventDefinition": gettext_lazy("message events are not supported"),
    "signalEventDefinition": gettext_lazy("signal events are not supported"),
    "escalationEventDefinition": gettext_lazy("escalation events are not supported"),
    "conditionalEventDefinition": gettext_lazy("conditional events are not supported"),
    "compensateEventDefinition": gettext_lazy("compensation is not supported"),
    "businessRuleTask": gettext_lazy("business rule (DMN) tasks are not supported"),
    "callActivity": gettext_lazy("call activities are not supported; use an embedded sub-process"),
    "choreographyTask": gettext_lazy("choreographies are not supported"),
    "transaction": gettext_lazy("transaction sub-processes are not supported"),
}


@dataclass
class Problem:
    message: str
    element_id: str | None = None
    tag: str | None = None
    line: int | None = None

    def as_dict(self) -> dict:
        return {"elementId": self.element_id, "tag": self.tag, "line": self.line, "message": self.message}


class DefinitionInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass
class CheckedDefinition:
    process_id: str
    name: str
    lanes: list[dict]             # [{name, binding}]
    user_tasks: list[dict]        # [{bpmnId, name, lane, form, handler}]
    uses_scripts: bool
    starters: list[str] = field(default_factory=lambda: list(DEFAULT_STARTERS))


# What a failing step of the process itself raises (its conditions, scripts, flows): the runtime
# catches it by this name, so that only this module imports SpiffWorkflow.
StepError = SpiffWorkflowException


def plain_message(message: str | Exception) -> str:
    """An engine or validator message in plain words for users: its first line, without object
    reprs or memory addresses."""
    message = re.sub(r"<Element [^>]*>", "the element", str(message))
    message = re.sub(r" at 0x[0-9a-f]+", "", message)
    return message.split("\n")[0].strip()


def _tag(node) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else str(node.tag)


class _RootReached(Exception):
    pass


def _refuse_dtd(data: bytes) -> None:
    """Refuse any DTD, wherever it is: its entities expand (billion laughs) or name files. A
    DOCTYPE may only come before the root element, so expat reads no further than that."""
    def dtd(*_args):
        raise DefinitionInvalid([Problem(_("DTDs and entities are not allowed in BPMN files"))])

    def root(*_args):
        raise _RootReached

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = dtd
    parser.StartElementHandler = root
    try:
        parser.Parse(data, True)
    except _RootReached:
        pass
    except (expat.ExpatError, ValueError) as exc:  # before the root (or an exotic encoding): refuse
        reason = expat.errors.messages[exc.code] if isinstance(exc, expat.ExpatError) else str(exc)
        raise DefinitionInvalid([Problem(_("the file is not well-formed XML: %(reason)s") % {"reason": reason},
                                         line=getattr(exc, "lineno", None))]) from None


def _parse_xml(xml: str | bytes) -> etree._Element:
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    _refuse_dtd(data)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise DefinitionInvalid([Problem(_("the file is not well-formed XML: %(reason)s") % {"reason": plain_message(exc.msg)}, line=exc.lineno)]) from None
    if root.getroottree().docinfo.doctype:  # should expat and libxml2 ever read the prolog differently
        raise DefinitionInvalid([Problem(_("DTDs and entities are not allowed in BPMN files"))])
    return root


class _ProcessParser(SpiffProcessParser):
    def xpath(self, xpath):
        # SpiffWorkflow indexes a process's elements with './/*[@id]', which libxml2 evaluates in
        # quadratic time (4,000 gateways: 5 s); the descendant axis gives the same list linearly.
        return super().xpath("descendant::*[@id]" if xpath == ".//*[@id]" else xpath)


class BpmnParser(SpiffBpmnParser):
    PROCESS_PARSER_CLASS = _ProcessParser


def _compile(problems: list[Problem], node, source: str | None, what: str, script: bool = False) -> None:
    if source is None or not source.strip():
        return
    try:
        (sandbox.compile_script if script else sandbox.compile_expression)(source)
    except ValueError as exc:
        problems.append(Problem(_("%(what)s does not compile: %(reason)s") % {"what": what, "reason": plain_message(exc)}, node.get("id"), _tag(node), node.sourceline))


def _check_xml(root, process, forms: dict, bindings: dict, allow_scripts: bool) -> tuple[list[Problem], list[dict], bool]:
    """Static checks on the chosen process and its sub-processes."""
    problems: list[Problem] = []
    uses_scripts = False
    ns = {"bpmn": BPMN, "spiff": SPIFF}
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        tag = _tag(node)
        if tag in UNSUPPORTED and etree.QName(node).namespace == BPMN:
            # An event definition is reported on the event that carries it.
            owner = node.getparent() if tag.endswith("EventDefinition") else node
            problems.append(Problem(str(UNSUPPORTED[tag]), owner.get("id"), tag, node.sourceline))
    # Flows indexed once: looking each gateway's flows up in the tree made the check quadratic.
    flows: dict[str, Any] = {}
    flows_from: dict[str, list] = {}
    for flow in process.iter(f"{{{BPMN}}}sequenceFlow"):
        flows.setdefault(flow.get("id"), flow)
        flows_from.setdefault(flow.get("sourceRef"), []).append(flow)
    for node in process.iter(f"{{{BPMN}}}*"):
        tag = _tag(node)
        if tag == "sequenceFlow":
            condition = node.find("bpmn:conditionExpression", ns)
            if condition is not None:
                _compile(problems, node, condition.text, _("the condition"))
        elif tag in ("exclusiveGateway", "inclusiveGateway"):
            named = [flows.get(ref.text.strip()) for ref in node.findall("bpmn:outgoing", ns) if ref.text]
            outgoing = [o for o in named if o is not None] or flows_from.get(node.get("id"), [])
            if len(outgoing) > 1:
                default = node.get("default")
                for flow in outgoing:
                    if flow.get("id") != default and flow.find("bpmn:conditionExpression", ns) is None:
                        problems.append(Problem(
                            _("the gateway's outgoing flow %(flow)s has neither a condition nor is it the default")
                            % {"flow": flow.get("id")},
                            node.get("id"), tag, node.sourceline))
        elif tag in ("timeDate", "timeDuration", "timeCycle"):
            if not (node.text or "").strip():
                problems.append(Problem(_("the timer has no expression"), node.getparent().getparent().get("id"),
                                        "timerEventDefinition", node.sourceline))
            else:
                _compile(problems, node.getparent().getparent(), node.text, _("the timer expression"))
        elif tag == "scriptTask":
            uses_scripts = True
            script = node.find("bpmn:script", ns)
            _compile(problems, node, script.text if script is not None else "", _("the script"), script=True)
            if not allow_scripts:
                problems.append(Problem(_("script tasks need the permission to deploy code (workflow.deploy_script)"),
                                        node.get("id"), tag, node.sourceline))
        elif tag == "serviceTask":
            operator = node.find(".//spiff:serviceTaskOperator", ns)
            name = operator.get("id") if operator is not None else None
            if not name or registry.get(name) is None:
                problems.append(Problem(_("the service task has no registered handler (%(name)s)") % {"name": name or "-"},
                                        node.get("id"), tag, node.sourceline))
            for param in node.findall(".//spiff:parameter", ns):
                _compile(problems, node, param.get("value"), _("the parameter %(name)s") % {"name": param.get("id")})
    for kind in ("preScript", "postScript"):
        for node in process.iter(f"{{{SPIFF}}}{kind}"):
            uses_scripts = True
            owner = node.getparent().getparent()
            _compile(problems, owner, node.text, kind, script=True)
            if not allow_scripts:
                problems.append(Problem(_("%(kind)s needs the permission to deploy code (workflow.deploy_script)") % {"kind": kind},
                                        owner.get("id"), _tag(owner), node.sourceline))

    lanes = []
    for lane in process.iter(f"{{{BPMN}}}lane"):
        name = (lane.get("name") or "").strip()
        binding = resolve_binding(name, bindings)
        if binding is None:
            problems.append(Problem(_("the lane '%(name)s' has no binding: use a standard lane name or give laneBindings") % {"name": name},
                                    lane.get("id"), "lane", lane.sourceline))
        lanes.append({"name": name, "binding": binding})
    return problems, lanes, uses_scripts


def _check_forms(problems: list[Problem], user_tasks: list[dict], forms: dict, process) -> None:
    by_id: dict[str, Any] = {}  # one pass, not one tree search per task
    for node in process.iter(f"{{{BPMN}}}*"):
        by_id.setdefault(node.get("id"), node)
    for task in user_tasks:
        for key in ("form", "uiForm"):
            filename = task.get(key)
            if not filename:
                continue
            node = by_id.get(task["bpmnId"])
            line = node.sourceline if node is not None else None
            if filename not in forms:
                problems.append(Problem(_("the form %(file)s is referenced but not supplied") % {"file": filename}, task["bpmnId"], "userTask", line))
                continue
            if key == "form":
                schema = forms[filename]
                try:
                    if not isinstance(schema, dict) or schema.get("type") != "object":
                        raise jsonschema.SchemaError(_("a form must be a JSON Schema of type object"))
                    jsonschema.validators.validator_for(schema).check_schema(schema)
                except jsonschema.SchemaError as exc:
                    problems.append(Problem(_("the form %(file)s is not a valid JSON Schema: %(reason)s") % {"file": filename, "reason": plain_message(exc.message)},
                                            task["bpmnId"], "userTask", line))


# Definition keys are identifiers that clients and pages pass around: plain ASCII words only.
KEY = re.compile(r"[A-Za-z0-9_-]{1,100}")


def _check_key(key: str) -> None:
    if not KEY.fullmatch(key):
        raise BadInput(fields={"key": _("Use 1 to 100 letters, digits, _ or -.")})


def check_definition(xml: str, forms: dict | None, bindings: dict | None, key: str | None,
                     allow_scripts: bool) -> CheckedDefinition:
    """Everything that must hold before a definition may be stored; raises DefinitionInvalid."""
    if key is not None:
        _check_key(key)
    forms = forms or {}
    bindings = bindings or {}
    if not isinstance(forms, dict) or not isinstance(bindings, dict):
        raise DefinitionInvalid([Problem(_("forms and laneBindings must be JSON objects"))])
    root = _parse_xml(xml)
    if etree.QName(root).namespace != BPMN or _tag(root) != "definitions":
        raise DefinitionInvalid([Problem(_("this is not a BPMN 2.0 file (root must be bpmn:definitions)"),
                                         root.get("id"), _tag(root), root.sourceline)])
    try:
        VALIDATOR.validate(root, "upload.bpmn")
    except ValidationException as exc:
        raise DefinitionInvalid([Problem(_("not valid BPMN 2.0: %(reason)s") % {"reason": plain_message(exc)}, exc.id or None, exc.tag or None,
                                         exc.line_number or None)]) from None

    processes = root.findall(f"{{{BPMN}}}process")
    executable = [p for p in processes if p.get("isExecutable") == "true"]
    if not executable:
        raise DefinitionInvalid([Problem(_("the file has no executable process (isExecutable=\"true\")"),
                                         processes[0].get("id") if processes else None, "process",
                                         processes[0].sourceline if processes else None)])
    chosen = [p for p in executable if p.get("id") == key] or (executable if len(executable) == 1 else [])
    if not chosen:
        raise DefinitionInvalid([Problem(_("the file has several executable processes: give key to choose one"),
                                         None, "process", None)])
    process = chosen[0]
    process_id = process.get("id")
    if key is None and not KEY.fullmatch(process_id):  # the process id would become the key
        raise DefinitionInvalid([Problem(_("the process id cannot be the key (use 1 to 100 letters, digits, _ or -): "
                                           "give key"), process_id, "process", process.sourceline)])

    problems, lanes, uses_scripts = _check_xml(root, process, forms, bindings, allow_scripts)
    user_tasks: list[dict] = []
    try:
        parser = BpmnParser()
        parser.add_bpmn_xml(root, filename="upload.bpmn")
        parser.find_all_specs()
        spec = parser.get_spec(process_id)
        subprocesses = parser.get_subprocess_specs(process_id)
        for task_spec in [*spec.task_specs.values(), *(t for s in subprocesses.values() for t in s.task_specs.values())]:
            if getattr(task_spec, "manual", False):
                props = (getattr(task_spec, "extensions", None) or {}).get("properties", {})
                user_tasks.append({
                    "bpmnId": task_spec.bpmn_id, "name": task_spec.bpmn_name or task_spec.bpmn_id,
                    "lane": task_spec.lane, "form": props.get("formJsonSchemaFilename"),
                    "uiForm": props.get("formUiSchemaFilename"), "handler": props.get("handler"),
                })
        BpmnWorkflow(spec, subprocesses, script_engine=script_engine())
    except ValidationException as exc:
        problems.append(Problem(plain_message(exc), exc.id or None, exc.tag or None, exc.line_number or None))
    except SpiffWorkflowException as exc:
        problems.append(Problem(plain_message(exc)))
    except Exception as exc:  # parser bugs on odd files must still be a clean refusal
        problems.append(Problem(_("the process cannot be built: %(reason)s") % {"reason": plain_message(exc)}))

    lane_bindings = {lane["name"]: lane["binding"] for lane in lanes}
    for task in user_tasks:
        if not task["lane"] or task["lane"] not in lane_bindings:
            problems.append(Problem(_("the user task is in no lane, so nobody would get it"), task["bpmnId"], "userTask"))
        if task["handler"] and registry.get(task["handler"]) is None:
            problems.append(Problem(_("the completion handler %(name)s is not registered") % {"name": task["handler"]}, task["bpmnId"], "userTask"))
        elif (task["handler"] and registry.binds(task["handler"])
              and lane_bindings.get(task["lane"]) not in (EMPLOYEE, RATER, RATER_SUPERVISOR)):
            # A step that changes a plan or evaluation belongs to the people the regulation names;
            # a lane bound to a user or a group would hand it to anyone the uploader chooses.
            problems.append(Problem(_("the completion handler %(name)s changes a plan or evaluation: its task must be "
                                      "in the lane of the employee, the rater or the rater's supervisor")
                                    % {"name": task["handler"]}, task["bpmnId"], "userTask"))
    _check_forms(problems, user_tasks, forms, process)
    starters = list(DEFAULT_STARTERS)
    for prop in process.findall(f"{{{BPMN}}}extensionElements/{{{SPIFF}}}properties/{{{SPIFF}}}property"):
        if prop.get("name") == "startableBy":
            starters = [s.strip() for s in (prop.get("value") or "").split(",") if s.strip()]
            unknown = [s for s in starters if s not in ("EMPLOYEE", "RATER", "RATER_SUPERVISOR", "PERFORMANCE_ADMIN")]
            if unknown:
                problems.append(Problem(_("startableBy names unknown roles: %(roles)s") % {"roles": ", ".join(unknown)}, process_id, "process",
                                        prop.sourceline))
    if problems:
        raise DefinitionInvalid(problems)
    return CheckedDefinition(process_id=process_id, name=process.get("name") or process_id, lanes=lanes,
                             user_tasks=user_tasks, uses_scripts=uses_scripts, starters=starters)


# --- running ------------------------------------------------------------------------------

class SandboxEnvironment(BasePythonScriptEngineEnvironment):
    def evaluate(self, expression, context, external_context=None):
        return sandbox.evaluate(expression, {**(external_context or {}), **context})

    def execute(self, script, context, external_context=None):
        sandbox.execute(script, context)
        return True

    def call_service(self, context, operation_name=None, operation_params=None, **kwargs):
        if registry.get(operation_name) is None:
            raise ValueError(f"no handler registered for {operation_name}")
        step = current_step.get()
        params = {name: p["value"] for name, p in (operation_params or {}).items()}
        step_context = registry.StepContext(instance=step.get("instance"), data=context, params=params,
                                            actor=step.get("actor"))
        return json.dumps(registry.run(operation_name, step_context))


class SandboxScriptEngine(PythonScriptEngine):
    # Spiff's own versions drop the reason ("Error evaluating expression 'x'") or prefix it with
    # the class name of our SandboxError: say which code failed and why.
    def evaluate(self, task, expression, external_context=None):
        try:
            return self.environment.evaluate(expression, task.data, external_context)
        except sandbox.SandboxError as exc:
            raise WorkflowTaskException(f"Error evaluating expression '{expression}': {exc}", task=task,
                                        exception=exc) from None

    def execute(self, task, script, external_context=None):
        try:
            return self.environment.execute(script, task.data, external_context or {})
        except sandbox.SandboxError as exc:
            raise WorkflowTaskException(f"Error in the script: {exc}", task=task, exception=exc) from None

    def call_service(self, task, **kwargs):
        # Spiff 3.2.0's own version raises NameError on any handler error; let ours through.
        return self.environment.call_service(task.data, **kwargs)


current_step: contextvars.ContextVar[dict] = contextvars.ContextVar("current_step", default={})
_ENGINE = SandboxScriptEngine(environment=SandboxEnvironment())


def script_engine() -> SandboxScriptEngine:
    return _ENGINE


_specs: dict[tuple[int, str], tuple[Any, dict]] = {}
_specs_lock = threading.Lock()


def spec_for(definition_id: int, checksum: str, xml: str | Callable[[], str], process_id: str) -> tuple[Any, dict]:
    """The parsed (spec, subprocess specs) of a definition version, parsed once per process.
    ``xml`` may be a callable, so that callers read the (large) XML only on a cache miss."""
    key = (definition_id, checksum)
    cached = _specs.get(key)
    if cached is None:
        parser = BpmnParser()
        parser.add_bpmn_xml(_parse_xml(xml() if callable(xml) else xml), filename=f"{process_id}.bpmn")
        cached = (parser.get_spec(process_id), parser.get_subprocess_specs(process_id))
        _connect_loop_children(cached)
        with _specs_lock:
            _specs[key] = cached
    return cached


def _connect_loop_children(spec_pair: tuple[Any, dict]) -> None:
    """Wire each loop (multi-instance, standard loop) task to its child's completion, as Spiff's
    spec converter does when it rebuilds a spec; its parser leaves it to the first child created.
    Loads reuse the cached spec (SpecReferenceConverter.from_dict), so without this a loop whose
    children complete in another worker, or after a restart, would never finish; and wiring it
    once here, before the spec is shared, means no two threads wire it twice."""
    spec, subprocess_specs = spec_pair
    for process_spec in [spec, *subprocess_specs.values()]:
        for task_spec in process_spec.task_specs.values():
            if isinstance(task_spec, LoopTask):
                child = process_spec.task_specs[task_spec.task_spec]
                if not child.completed_event.is_connected(task_spec.merge_child):
                    child.completed_event.connect(task_spec.merge_child)


def definition_spec(definition) -> tuple[Any, dict]:
    """``spec_for`` a ProcessDefinition row; its XML (often a deferred column) is read only
    when this process has not parsed the version yet."""
    return spec_for(definition.pk, definition.checksum, lambda: definition.bpmn_xml, definition.process_id)


_spec_in_use: contextvars.ContextVar[tuple[Any, dict]] = contextvars.ContextVar("spec_in_use")


class SpecReferenceConverter(BpmnWorkflowConverter):
    """Writes no spec into stored state; restores the cached spec of the instance's version."""

    def to_dict(self, workflow):
        """BpmnWorkflowConverter.to_dict (SpiffWorkflow 3.2.0), same keys in the same order, with
        the specs' names in place of the specs: the parent converts every spec only for us to
        drop it (a twentieth of a completion's CPU)."""
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["spec"] = workflow.spec.name
        dct["subprocess_specs"] = sorted(workflow.subprocess_specs)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct):
        """BpmnWorkflowConverter.from_dict (SpiffWorkflow 3.2.0) with the cached spec objects put
        in directly: converting them to a dict only for the parent to rebuild them was a tenth of
        a completion's CPU. Specs hold no run state, so instances share them, as new_workflow does."""
        spec, subprocess_specs = _spec_in_use.get()
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


_config = dict(SPIFF_CONFIG)
_config[BpmnWorkflow] = SpecReferenceConverter
_serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(_config))


def new_workflow(spec_pair: tuple[Any, dict], data: dict) -> BpmnWorkflow:
    workflow = BpmnWorkflow(spec_pair[0], spec_pair[1], script_engine=_ENGINE)
    workflow.task_tree.data.update(data)  # before the first engine step (docs/spiffworkflow.md)
    return workflow


def dumps(workflow: BpmnWorkflow) -> str:
    return _serializer.serialize_json(workflow)


def loads(state: str, spec_pair: tuple[Any, dict]) -> BpmnWorkflow:
    token = _spec_in_use.set(spec_pair)
    try:
        workflow = _serializer.deserialize_json(state)
    finally:
        _spec_in_use.reset(token)
    workflow.script_engine = _ENGINE  # not serialized: re-attach after every load
    return workflow


def element_states(workflow: BpmnWorkflow) -> tuple[list[str], list[str]]:
    """BPMN element ids the instance has completed (in order) and is at now (for drawing it)."""
    completed, active = [], []
    for task in workflow.get_tasks():
        bpmn_id = getattr(task.task_spec, "bpmn_id", None)
        if not bpmn_id:
            continue  # the engine's own helper tasks
        if task.state == SpiffTaskState.COMPLETED and bpmn_id not in completed:
            completed.append(bpmn_id)
        elif task.state in (SpiffTaskState.READY, SpiffTaskState.WAITING, SpiffTaskState.STARTED) and bpmn_id not in active:
            active.append(bpmn_id)
    return completed, active


def ready_user_tasks(workflow: BpmnWorkflow) -> list:
    return workflow.get_tasks(state=SpiffTaskState.READY, manual=True)


@dataclass(frozen=True)
class UserTask:
    """What the runtime mirrors of a READY user task (``HumanTask``), in plain values."""
    id: UUID
    bpmn_id: str
    name: str
    lane: str
    instructions: str
    draft: dict        # a draft handed over in the process data (a returned form, pre-filled)
    due_at: datetime | None


def open_user_task_ids(workflow: BpmnWorkflow) -> set[UUID]:
    return {task.id for task in ready_user_tasks(workflow)}


def open_user_tasks(workflow: BpmnWorkflow, ids: set[UUID] | None = None) -> dict[UUID, UserTask]:
    """The READY user tasks by id (only those in ``ids``, when given)."""
    tasks = {}
    for task in ready_user_tasks(workflow):
        if ids is not None and task.id not in ids:
            continue
        spec = task.task_spec
        draft = task.data.get("draft")
        tasks[task.id] = UserTask(
            id=task.id, bpmn_id=spec.bpmn_id, name=spec.bpmn_name or spec.bpmn_id, lane=spec.lane or "",
            instructions=(spec.extensions or {}).get("instructionsForEndUser") or spec.documentation or "",
            draft=dict(draft) if isinstance(draft, dict) else {}, due_at=_deadline(task))
    return tasks


def run_engine_steps(workflow: BpmnWorkflow) -> None:
    """Run the engine until only user tasks and waiting events are left."""
    workflow.do_engine_steps()


def refresh_timers(workflow: BpmnWorkflow) -> None:
    """Fire the timers that are due (the engine steps after them run separately)."""
    workflow.refresh_timers()


def is_completed(workflow: BpmnWorkflow) -> bool:
    return workflow.is_completed()


def ready_user_task(workflow: BpmnWorkflow, task_id):
    """The READY user task with this id, or None (completed meanwhile, or never there)."""
    task = workflow.get_task_from_id(task_id) if task_id in workflow.tasks else None
    return task if task is not None and task.has_state(SpiffTaskState.READY) else None


def complete_user_task(spiff_task, data: dict) -> None:
    """Hand the submitted data to a READY user task and complete it (the engine steps after it
    run separately)."""
    spiff_task.data.update(data)
    spiff_task.run()


def calls_services(spec_pair: tuple[Any, dict]) -> bool:
    """Whether the process (or a subprocess) has a service task, which calls a registered handler."""
    return any(getattr(task_spec, "operation_name", None)
               for spec in [spec_pair[0], *spec_pair[1].values()] for task_spec in spec.task_specs.values())


def handler_names(spec_pair: tuple[Any, dict], definition) -> set[str]:
    """Every registered handler a definition calls: its service tasks' operators (the process and
    its subprocesses) and its user tasks' completion handlers."""
    specs = [spec_pair[0], *spec_pair[1].values()]
    names = {getattr(task_spec, "operation_name", None) for spec in specs for task_spec in spec.task_specs.values()}
    names.update(task.get("handler") for task in definition.user_tasks)
    return {name for name in names if name}


TIMER_EVENT_TYPES = {"TimeDateEventDefinition", "DurationTimerEventDefinition", "CycleTimerEventDefinition"}


def _due(value) -> str | None:
    if isinstance(value, dict):  # a cycle timer: {"cycles": n, "next": iso, "duration": s}
        value = value.get("next")
    return value if isinstance(value, str) else None


def _deadline(spiff_task) -> datetime | None:
    """The earliest timer on a task's boundary (its deadline), if any."""
    parent = spiff_task.parent
    dues = []
    for sibling in (parent.children if parent else []):
        definition = getattr(sibling.task_spec, "event_definition", None)
        if sibling is spiff_task or not isinstance(definition, TimerEventDefinition):
            continue
        try:
            value = _due(definition.details(sibling).value)
        except Exception:  # a timer that is not waiting yet has no due time
            continue
        due = parse_datetime(value) if value else None
        if due:
            dues.append(due)
    return min(dues) if dues else None


def next_timer(workflow: BpmnWorkflow) -> str | None:
    """The earliest due time (ISO string) among waiting timers, if any."""
    due = [_due(e.value) for e in workflow.waiting_events() if e.event_type in TIMER_EVENT_TYPES]
    times = [t for t in due if t]
    return min(times, key=datetime.fromisoformat) if times else None


def _diff(workflow: BpmnWorkflow, spec_pair: tuple[Any, dict]):
    """How a running workflow lines up with another version's spec (SpiffWorkflow's diff)."""
    from SpiffWorkflow.bpmn.util.diff import diff_workflow

    return diff_workflow(_serializer.registry, workflow, spec_pair[0], spec_pair[1])


def migration_refusal(workflow: BpmnWorkflow, spec_pair: tuple[Any, dict]) -> tuple[str | None, Any]:
    """Why a running workflow cannot move to another version's spec (None when it can), and the
    diff that ``migrate`` applies. Refused: a running sub-process that no longer exists, a task
    that changed or was removed and has already completed, a waiting or ready task removed."""
    top, sub_diffs = _diff(workflow, spec_pair)
    if any(d is None for d in sub_diffs.values()):
        return _("a running sub-process no longer exists"), top
    for task in [*top.changed, *top.removed]:
        if task.has_state(SpiffTaskState.COMPLETED):
            return _("task %(id)s changed in the new version and has already completed") % {
                "id": task.task_spec.bpmn_id or task.task_spec.name}, top
    for task in top.removed:
        if task.has_state(SpiffTaskState.READY | SpiffTaskState.WAITING):
            return _("open task %(id)s does not exist in the new version") % {
                "id": task.task_spec.bpmn_id or task.task_spec.name}, top
    return None, top


def migrate(workflow: BpmnWorkflow, top_diff, spec_pair: tuple[Any, dict]) -> None:
    from SpiffWorkflow.bpmn.util.diff import migrate_workflow

    migrate_workflow(top_diff, workflow, spec_pair[0])
    workflow.subprocess_specs = spec_pair[1]
