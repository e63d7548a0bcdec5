"""Run BPMN conditions, expressions and scripts in a RestrictedPython sandbox, bounded in time.

SpiffWorkflow's default engine uses plain eval/exec: an uploaded BPMN could read files or start
processes. Here code is compiled with RestrictedPython (no imports, no names or attributes
starting with "_", guarded item/iteration/attribute access), gets a small whitelist of builtins,
and is stopped after ``TIME_LIMIT`` seconds. Errors are ValueError (Spiff's own error formatter
crashes on a SyntaxError without a line number).
"""
from __future__ import annotations

import operator
import sys
import time
from functools import lru_cache
from types import CodeType
from typing import Any

from RestrictedPython import compile_restricted_eval, compile_restricted_exec, safe_builtins
from RestrictedPython.Eval import default_guarded_getitem, default_guarded_getiter
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
    safer_getattr,
)

TIME_LIMIT = 0.5  # seconds per expression or script

_EXTRA_BUILTINS = {
    name: __builtins__[name] if isinstance(__builtins__, dict) else getattr(__builtins__, name)
    for name in ("all", "any", "dict", "enumerate", "list", "max", "min", "reversed", "sum", "set", "sorted", "map",
                 "filter")
}
_INPLACE = {"+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
            "//=": operator.ifloordiv, "%=": operator.imod}


def _inplacevar(op: str, x: Any, y: Any) -> Any:
    if op not in _INPLACE:
        raise ValueError(f"operator {op} is not allowed")
    return _INPLACE[op](x, y)


GUARDS = {
    "__builtins__": {**safe_builtins, **_EXTRA_BUILTINS},
    "_getattr_": safer_getattr,
    "_getitem_": default_guarded_getitem,
    "_getiter_": default_guarded_getiter,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence,
    "_write_": full_write_guard,
    "_inplacevar_": _inplacevar,
}


@lru_cache(maxsize=4096)
def compile_expression(source: str) -> CodeType:
    result = compile_restricted_eval(source.strip())
    if result.errors or result.code is None:
        raise ValueError("; ".join(result.errors) or "invalid expression")
    return result.code


@lru_cache(maxsize=1024)
def compile_script(source: str) -> CodeType:
    result = compile_restricted_exec(source)
    if result.errors or result.code is None:
        raise ValueError("; ".join(result.errors) or "invalid script")
    return result.code


def _bounded(code: CodeType, scope: dict) -> Any:
    deadline = time.monotonic() + TIME_LIMIT

    def tracer(frame, event, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"stopped after {TIME_LIMIT} s")
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        return eval(code, scope)  # noqa: S307 - restricted code object, see module docstring
    finally:
        sys.settrace(previous)


def evaluate(source: str, data: dict) -> Any:
    try:
        return _bounded(compile_expression(source), {**data, **GUARDS})
    except Exception as exc:  # anything the sandboxed code raises becomes a clean step failure
        raise ValueError(f"{type(exc).__name__}: {exc}") from None


def execute(source: str, data: dict) -> None:
    """Run a script; plain-data names it leaves behind become task data."""
    scope = {**data, **GUARDS}
    try:
        _bounded(compile_script(source), scope)
    except Exception as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from None
    for key, value in scope.items():
        if key in GUARDS or key.startswith("_") or callable(value):
            continue
        data[key] = value
