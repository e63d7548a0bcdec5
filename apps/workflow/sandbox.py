"""Run BPMN conditions, expressions and scripts of uploaded files so that they can neither reach
outside nor stop, hang or exhaust the server.

Two layers:

1. RestrictedPython: no imports, no names or attributes starting with "_", guarded
   item/iteration/attribute access (``safer_getattr`` also refuses ``str.format``, which reads
   attributes by name), a small whitelist of builtins.
2. Bounds. Code that can loop, call or allocate runs in a **worker process** with an address
   space limit (``MEMORY_LIMIT``, RLIMIT_AS) and a wall-clock limit (``TIME_LIMIT``, enforced by
   the server, which kills and replaces the worker on breach; RLIMIT_CPU stops a worker whose
   server died mid-job). Whatever the code raises — SystemExit, KeyboardInterrupt,
   GeneratorExit, MemoryError included — stays in the worker and comes back as a message.

Why a process and not the alternatives: a trace function cannot stop C-level work
(``sum(range(2*10**8))`` ran 2 s past the limit), the server's own memory cannot be capped for
one call, ``signal.alarm`` works only in the main thread (requests run in other threads), and
refusing unbounded constructs at compile time cannot be complete (``n = 9; 'x' * n**n**n``).

Cost (bench/sandbox.py): a gateway condition such as ``decision == "REVISE"`` can neither loop,
call user code nor build more than its data already holds — only names, constants, comparisons,
boolean logic, subscripts and ``len`` (the ``_is_plain`` AST whitelist, checked once per source).
Those run in process, about a microsecond (the traced in-process path before took ~10 µs).
Everything else costs one round trip over a pipe to a persistent worker, ~0.1-0.5 ms plus
JSON of the data it reads; a worker starts once per server process (~0.1-0.3 s) and again
after each breach.

Workers: a small pool per process; an evaluation takes one worker for itself, so the server's
threads do not queue behind each other. A forked child (Celery prefork, uvicorn workers) drops
its parent's workers (``os.register_at_fork``). A worker exits when its pipe closes, so the end
of the server process leaves none behind, and it ignores SIGINT (Ctrl-C is for the server).
Only JSON crosses the pipe: just the names the code reads, and a value the code leaves behind
that is not plain JSON data is refused, naming the variable. RLIMIT_AS and /proc are Linux's:
elsewhere only the time limit holds.

Errors are ``SandboxError`` (a ValueError: Spiff's own error formatter crashes on a SyntaxError
without a line number). This file is also the worker's program (``python -I sandbox.py``), so it
imports nothing of Django at module level.
"""
from __future__ import annotations

import ast
import atexit
import json
import math
import operator
import os
import select
import signal
import subprocess
import sys
import threading
import time
import weakref
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

TIME_LIMIT = 0.5  # seconds per expression or script (wall clock, in the worker)
MEMORY_LIMIT = 128 * 2**20  # bytes a worker may allocate beyond its start-up size
CPU_BACKSTOP = 2  # CPU seconds per job after which the kernel stops a worker nobody waits for
STARTUP_LIMIT = 20.0  # seconds a new worker may take to import and say it is ready
MAX_IDLE = 4  # workers kept per server process
MAX_WORKERS = 8  # workers busy at once per server process (each may use MEMORY_LIMIT)
MAX_SOURCE = 10_000  # characters of one expression or script (compiling is not bounded otherwise)
MAX_PLAIN_NODES = 64  # a longer "plain" expression goes to a worker: its cost grows with its length
MAX_REPLY = 1 << 20  # bytes of a worker's reply: what a script leaves behind becomes process data

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


class SandboxError(ValueError):
    """The code was refused or failed; the message says why (shown to the user)."""


class _Refused(Exception):
    """Raised in the worker for our own refusals; ``args[0]`` is the reply the server words."""


def _(message: str) -> str:
    """gettext in the server; the English text where Django is not set up (worker, bench)."""
    try:
        from django.conf import settings
        from django.utils.translation import gettext
    except ImportError:
        return message
    return gettext(message) if settings.configured else message


def _refusal(reply: dict) -> str:
    """The user's words for a refusal the worker (or the server) made."""
    if reply["refused"] == "memory":
        return _("over the memory limit of %(mb)d MB") % {"mb": MEMORY_LIMIT // 2**20}
    if reply.get("variable") is None:
        return (_("the value is %(type)s, which is not plain data (text, number, true/false, list or object)")
                % {"type": reply["type"]})
    return (_("the variable %(name)s is %(type)s, which is not plain data (text, number, true/false, list or object)")
            % {"name": reply["variable"], "type": reply["type"]})


def _compile(compiler, source: str) -> CodeType:
    if len(source) > MAX_SOURCE:
        raise SandboxError(_("the code is longer than %(max)d characters") % {"max": MAX_SOURCE})
    try:
        result = compiler(source)
    except Exception as exc:  # deeply nested source: RecursionError/MemoryError in the compiler
        raise SandboxError(_("the code cannot be compiled (%(error)s)") % {"error": type(exc).__name__}) from None
    if result.errors or result.code is None:
        raise SandboxError("; ".join(result.errors) or _("the code cannot be compiled (%(error)s)") % {"error": "-"})
    return result.code


@lru_cache(maxsize=4096)
def compile_expression(source: str) -> CodeType:
    return _compile(compile_restricted_eval, source.strip())


@lru_cache(maxsize=1024)
def compile_script(source: str) -> CodeType:
    return _compile(compile_restricted_exec, source)


# --- the in-process path: expressions that cannot loop, call user code or allocate -------------

_PLAIN_NODES = (
    ast.Expression, ast.Name, ast.Load, ast.Constant, ast.Compare, ast.BoolOp, ast.UnaryOp, ast.IfExp,
    ast.Subscript, ast.Slice, ast.Tuple, ast.List, ast.Call,
    ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Is, ast.IsNot, ast.In, ast.NotIn,
)
_PLAIN_CALLS = {"len"}  # O(1) on the JSON values process data holds


@lru_cache(maxsize=4096)
def _is_plain(source: str) -> bool:
    """True when the expression's cost is bounded by the size of its data: no loops, no calls
    but ``len(x)``, no operators that build values (``*``, ``**``, f-string widths ...), only
    JSON-like constants. Such expressions run in process (see the module docstring)."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_PLAIN_NODES:
        return False
    for node in nodes:
        if not isinstance(node, _PLAIN_NODES):
            return False
        if isinstance(node, ast.Constant) and not isinstance(node.value, (str, int, float, type(None))):
            return False
        if isinstance(node, ast.Call) and not (
                isinstance(node.func, ast.Name) and node.func.id in _PLAIN_CALLS and not node.keywords
                and len(node.args) == 1 and not isinstance(node.args[0], ast.Starred)):
            return False
    return True


@lru_cache(maxsize=4096)
def _names(code: CodeType) -> frozenset[str]:
    """Every global name the code (and the functions and comprehensions in it) may read: the
    only process data a worker needs."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _names(const)
    return frozenset(names)


def _encode(kind: str, source: str, code: CodeType, data: dict) -> bytes:
    inputs = {name: data[name] for name in _names(code) if name in data}
    try:
        return json.dumps({"kind": kind, "source": source, "data": inputs}, allow_nan=False).encode() + b"\n"
    except (TypeError, ValueError):
        bad = next((n for n, v in inputs.items() if not _is_json(v)), "?")
        raise SandboxError(_refusal(_not_plain(bad, inputs.get(bad)))) from None


def _is_json(value: Any) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return False
    return True


def _not_plain(name: str | None, value: Any) -> dict:
    return {"refused": "not_plain", "variable": name, "type": type(value).__name__}


def evaluate(source: str, data: dict) -> Any:
    code = compile_expression(source)
    if _is_plain(source):
        try:
            return eval(code, {**data, **GUARDS})  # noqa: S307 - restricted and bounded, see above
        except Exception as exc:  # nothing here runs user code: no BaseException beyond Exception
            raise SandboxError(f"{type(exc).__name__}: {exc}") from None
    return _in_worker(_encode("eval", source, code, data))["value"]


def execute(source: str, data: dict) -> None:
    """Run a script (always in a worker); plain-data names it leaves behind become task data."""
    data.update(_in_worker(_encode("exec", source, compile_script(source), data))["data"])


# --- the worker pool (server side) ---------------------------------------------------------------

class _ReplyTooLarge(Exception):
    pass


class _Worker:
    """A worker process and this process's ends of its pipes."""

    def __init__(self) -> None:
        # An empty environment: the server's (SECRET_KEY, DATABASE_URL ...) is none of its business.
        self.proc = subprocess.Popen([sys.executable, "-I", os.path.abspath(__file__)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, bufsize=0, close_fds=True, env={})
        _live.add(self)
        try:
            self.read(STARTUP_LIMIT)
        except BaseException:
            self.kill()
            raise

    def ask(self, request: bytes) -> dict:
        view = memoryview(request)
        while view:
            view = view[os.write(self.proc.stdin.fileno(), view):]
        return self.read(TIME_LIMIT)

    def read(self, limit: float) -> dict:
        """One reply (a JSON line), or TimeoutError after ``limit`` seconds."""
        deadline = time.monotonic() + limit
        fd = self.proc.stdout.fileno()
        poller = select.poll()  # not select.select: fine with descriptors above 1024
        poller.register(fd, select.POLLIN)
        reply = bytearray()
        while not reply.endswith(b"\n"):  # one reply per request; json.dumps writes no newline
            left = deadline - time.monotonic()
            if left <= 0 or not poller.poll(left * 1000):
                raise TimeoutError
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise EOFError
            reply += chunk
            if len(reply) > MAX_REPLY:
                raise _ReplyTooLarge
        return json.loads(reply)

    def kill(self) -> None:
        _live.discard(self)
        self.proc.kill()
        self.proc.wait()  # reap: no zombie
        self.proc.stdin.close()
        self.proc.stdout.close()

    def close(self) -> None:
        _live.discard(self)
        self.proc.stdin.close()  # the worker ends at the end of its input
        try:
            self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()


_pool_lock = threading.Lock()
_slots = threading.BoundedSemaphore(MAX_WORKERS)
_idle: list[_Worker] = []
_live: weakref.WeakSet[_Worker] = weakref.WeakSet()


def _in_worker(request: bytes) -> dict:
    if not _slots.acquire(timeout=STARTUP_LIMIT):
        raise SandboxError(_("the sandbox is busy; try again"))
    try:
        return _in_free_worker(request)
    finally:
        _slots.release()


def _in_free_worker(request: bytes) -> dict:
    with _pool_lock:
        worker = None
        while _idle and worker is None:
            worker = _idle.pop()
            if worker.proc.poll() is not None:  # died while idle (e.g. the OOM killer)
                worker.kill()
                worker = None
    try:
        worker = worker or _Worker()
    except (OSError, TimeoutError, EOFError, ValueError) as exc:
        raise SandboxError(_("the sandbox process could not start (%(error)s)") % {"error": type(exc).__name__}) from None
    try:
        reply = worker.ask(request)
    except TimeoutError:
        worker.kill()
        raise SandboxError(_("stopped after %(seconds)s s (the time limit)") % {"seconds": TIME_LIMIT}) from None
    except (EOFError, OSError, ValueError):  # the worker died (or garbled its reply)
        worker.kill()
        raise SandboxError(_("stopped: the sandbox process ended")) from None
    except _ReplyTooLarge:
        worker.kill()
        raise SandboxError(_("the result is larger than %(kb)d KB") % {"kb": MAX_REPLY // 1024}) from None
    except BaseException:  # e.g. a real KeyboardInterrupt of the server: no half-used worker
        worker.kill()
        raise
    with _pool_lock:
        if len(_idle) < MAX_IDLE:
            _idle.append(worker)
            worker = None
    if worker is not None:
        worker.close()
    if "refused" in reply:
        raise SandboxError(_refusal(reply))
    if "error" in reply:
        raise SandboxError(reply["error"])
    return reply


def _forget_parent_workers() -> None:
    """In a forked child: the workers belong to the parent. Close our copies of their pipes (so
    they still see the end of input when the parent ends) and never signal or wait for them."""
    global _pool_lock, _idle, _slots
    for worker in list(_live):
        worker.proc.returncode = -1  # not our child: Popen must not wait for it
        worker.proc.stdin.close()
        worker.proc.stdout.close()
    _live.clear()
    _idle = []
    _pool_lock = threading.Lock()  # another thread may have held it at the fork
    _slots = threading.BoundedSemaphore(MAX_WORKERS)


def shutdown() -> None:
    """Stop this process's idle workers (at exit; tests use it to check nothing leaks)."""
    with _pool_lock:
        idle = list(_idle)
        _idle.clear()
    for worker in idle:
        worker.close()


os.register_at_fork(after_in_child=_forget_parent_workers)
atexit.register(shutdown)


# --- the worker (its own process) ---------------------------------------------------------------

def _limit_memory() -> None:
    try:
        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # not Linux: only the time limit holds (module docstring)
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (size + MEMORY_LIMIT, size + MEMORY_LIMIT))


def _limit_cpu() -> None:
    """Let this job use CPU_BACKSTOP more CPU seconds; then the kernel ends the worker (SIGXCPU)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + CPU_BACKSTOP)
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _describe(exc: BaseException, kind: str | None) -> dict:
    """The reply for a failed job: our refusals as data (the server words them), anything the
    code raised as its class, message and line."""
    if isinstance(exc, _Refused):
        return exc.args[0]
    if isinstance(exc, MemoryError):
        return {"refused": "memory"}
    try:
        text = str(exc)  # user classes may define __str__: it may fail (a loop is timed out)
    except Exception:
        text = ""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<string>":  # the user's code, not ours
            line = tb.tb_lineno
        tb = tb.tb_next
    where = f" (line {line})" if line and kind == "exec" else ""
    return {"error": f"{type(exc).__name__}: {text}"[:500] + where if text else type(exc).__name__ + where}


def _job(job: dict) -> bytes:
    _limit_cpu()
    guards = {**GUARDS, "__builtins__": dict(GUARDS["__builtins__"])}  # nothing shared between jobs
    scope = {**job["data"], **guards}
    source = job["source"]
    if job["kind"] == "eval":
        value = eval(compile_expression(source), scope)  # noqa: S307 - restricted code, see docstring
        if not _is_json(value):
            raise _Refused(_not_plain(None, value))
        return json.dumps({"value": value}, allow_nan=False).encode()
    exec(compile_script(source), scope)  # noqa: S102 - restricted code, see docstring
    left = {key: value for key, value in scope.items()
            if key not in guards and not key.startswith("_") and not callable(value)}
    for key, value in left.items():
        if not _is_json(value):
            raise _Refused(_not_plain(key, value))
    return json.dumps({"data": left}, allow_nan=False).encode()


def _serve() -> None:
    """The worker's loop: one JSON request per line on stdin, one JSON reply per line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is for the server
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # nothing else written to stdout may garble the replies
    _limit_memory()
    replies.write(b'{"ready": true}\n')
    replies.flush()
    stdin = sys.stdin.buffer
    while True:
        job: dict = {}
        try:
            request = stdin.readline()
            if not request:
                return  # the server closed the pipe or ended
            job = json.loads(request)
            reply = _job(job)
        except BaseException as exc:  # noqa: B036 - user code may raise anything; it must not end us
            try:
                reply = json.dumps(_describe(exc, job.get("kind"))).encode()
            except BaseException:  # noqa: B036
                reply = b'{"error": "the code failed"}'
        replies.write(reply + b"\n")
        replies.flush()


if __name__ == "__main__":
    _serve()
