"""Handlers that BPMN steps call, registered by other apps by name (DESIGN.md).

``apps.performance`` registers e.g. ``performance.plan.submit`` in its ``AppConfig.ready()``;
the runtime only knows this registry. A service handler receives a ``StepContext`` and returns
JSON-able data stored in the task's result variable; a completion handler (user-task property
``handler``) runs after the user's data is accepted. Both run inside the step's transaction:
raising ``DomainError`` rolls the whole step back and the client gets its message.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_handlers: dict[str, Callable[["StepContext"], Any]] = {}


@dataclass
class StepContext:
    instance: Any                      # ProcessInstance
    data: dict                         # service task: the task data (read/write); completion: process data + submission
    params: dict = field(default_factory=dict)
    actor: Any = None                  # the user completing a task, or None for engine steps
    task: Any = None                   # HumanTask for completion handlers


def register(name: str) -> Callable:
    def decorator(fn: Callable[[StepContext], Any]) -> Callable[[StepContext], Any]:
        _handlers[name] = fn
        return fn
    return decorator


def names() -> list[str]:
    """Every registered handler's name, sorted (offered in the process modeler)."""
    return sorted(_handlers)


def get(name: str) -> Callable[[StepContext], Any] | None:
    return _handlers.get(name)
