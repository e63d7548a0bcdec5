"""Handlers that BPMN steps call, registered by other apps by name (docs/design.md).

``apps.performance`` registers e.g. ``performance.plan.submit`` in its ``AppConfig.ready()``;
the runtime only knows this registry. A service handler receives a ``StepContext`` and returns
JSON-able data stored in the task's result variable; a completion handler (user-task property
``handler``) runs after the user's data is accepted. Both run inside the step's transaction:
raising ``DomainError`` rolls the whole step back and the client gets its message.

Trust (docs/design.md, Trust boundaries): process data comes from clients (``startProcess(data:)``,
forms), so a handler never takes an object id from it. A handler that acts on a domain object
declares its kind (``binds="performance.plan"``); the runtime runs it only in an instance bound to
an object of that kind — bound by the service that owns the object when it starts the process
(``Binding``) — and hands it that object's id as ``step.bound_id``. An instance started by a
client is bound to nothing, so a definition that uses such a handler cannot be started that way.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from apps.core.errors import DomainError, Forbidden

_handlers: dict[str, Callable[["StepContext"], Any]] = {}
_binds: dict[str, str] = {}


@dataclass(frozen=True)
class Binding:
    """The domain object an instance acts on, e.g. ``Binding("performance.plan", 42)``."""
    kind: str
    id: int


@dataclass
class StepContext:
    instance: Any                      # ProcessInstance
    # Service task: the task data (read/write). Completion: what this task's form submitted,
    # alone — not overlaid on the process data, where an optional field left empty would take an
    # earlier task's value (a resubmission without notes once carried the rater's return notes).
    data: dict
    params: dict = field(default_factory=dict)
    actor: Any = None                  # the user completing a task, or None for engine steps
    task: Any = None                   # HumanTask for completion handlers

    @property
    def bound_id(self) -> int:
        """The id of the object the instance is bound to (checked against the handler's kind by ``run``)."""
        return self.instance.bound_id


class HandlerFailed(RuntimeError):
    """A handler broke with something other than a ``DomainError``: a bug, never the user's input.
    The step fails as INTERNAL (logged with its traceback), its text never reaches the client."""


def register(name: str, *, binds: str | None = None) -> Callable:
    def decorator(fn: Callable[[StepContext], Any]) -> Callable[[StepContext], Any]:
        _handlers[name] = fn
        if binds:
            _binds[name] = binds
        return fn
    return decorator


def names() -> list[str]:
    """Every registered handler's name, sorted (offered in the process modeler)."""
    return sorted(_handlers)


def get(name: str) -> Callable[[StepContext], Any] | None:
    return _handlers.get(name)


def binds(name: str) -> str | None:
    """The kind of domain object the handler acts on, if any."""
    return _binds.get(name)


def run(name: str, step: StepContext) -> Any:
    """Call a handler, only where its instance is bound to an object of the kind it acts on."""
    kind = _binds.get(name)
    if kind and (step.instance.bound_kind != kind or step.instance.bound_id is None):
        raise Forbidden(_("This step acts on a %(kind)s, and this process was not started for one; nothing was saved.")
                        % {"kind": kind})
    try:
        return _handlers[name](step)
    except DomainError:
        raise
    except Exception as exc:  # noqa: BLE001 — a bug in a handler; see HandlerFailed
        raise HandlerFailed(f"handler {name} failed in instance {step.instance.pk}") from exc
