"""Uploaded BPMN code cannot escape: each escape of docs/spiffworkflow.md fails at upload or fails
its step cleanly at run time, with nothing written."""
from __future__ import annotations

import os
import threading
import time

import pytest
from django.utils import translation

from apps.workflow import sandbox
from apps.workflow.models import HumanTask, ProcessInstance

from .helpers import COMPLETE, DRAFT, complete, start
from .test_definitions import DEMO_XML, FORMS, PUBLISH, UPLOAD

# (source, why it is refused): each refusal is checked for its reason, not for "any ValueError".
ESCAPES_REFUSED_AT_COMPILE = [
    ("().__class__.__base__.__subclasses__()", '"__subclasses__" is an invalid attribute name because it starts with "_"'),
    ("__import__('subprocess').call(['id'])", '"__import__" is an invalid variable name because it starts with "_"'),
    ("[c for c in ().__class__.__bases__]", '"__bases__" is an invalid attribute name because it starts with "_"'),
    ("decision.__class__", '"__class__" is an invalid attribute name because it starts with "_"'),
    ("_x", '"_x" is an invalid variable name because it starts with "_"'),
    ("eval('1+1') == 2", "Eval calls are not allowed"),
    ("exec('x=1') is None", "Exec calls are not allowed"),
    ("import os", "SyntaxError"),
]
ESCAPES_FAILING_AT_RUN = [
    ("open('/etc/passwd').read() == ''", "NameError: name 'open' is not defined"),
    ("getattr(decision, '__class__') == 1", "NameError: name 'getattr' is not defined"),
    ("globals() != {}", "NameError: name 'globals' is not defined"),
    ("vars() != {}", "NameError: name 'vars' is not defined"),
    ("type(decision).mro() != []", "NameError: name 'type' is not defined"),
    # The guarded attribute access (safer_getattr): str.format reads attributes by name.
    ("'{0.__class__}'.format(decision)", "NotImplementedError: Using the format*() methods of `str` is not safe"),
    ("decision.format_map({})", "NotImplementedError: Using the format*() methods of `str` is not safe"),
    ("setattr(decision, 'upper', 1)", "TypeError: attribute-less object"),
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):  # the reasons are asserted as their English msgids
        yield


def refused(call, *args) -> str:
    with pytest.raises(sandbox.SandboxError) as caught:
        call(*args)
    return str(caught.value)


@pytest.mark.parametrize(("source", "reason"), ESCAPES_REFUSED_AT_COMPILE)
def test_escape_is_refused_when_compiling(source, reason):
    assert reason in refused(sandbox.compile_expression, source)


def test_code_too_deep_for_the_compiler_is_refused_cleanly():
    assert refused(sandbox.compile_expression, "1+" * 4_990 + "1") == "the code cannot be compiled (RecursionError)"


def test_code_too_long_is_refused_before_compiling():
    """Compiling runs in the server: its cost is bounded by refusing long code first."""
    assert refused(sandbox.compile_expression, "1+" * 5_000 + "1") == "the code is longer than 10000 characters"
    assert refused(sandbox.compile_script, "x = 1\n" * 2_000) == "the code is longer than 10000 characters"


def test_only_short_plain_expressions_run_in_process():
    """A plain expression's cost grows with its length: past a few dozen nodes it goes to a
    worker, under the time limit."""
    assert sandbox._is_plain('decision == "REVISE" and len(notes) > 0')
    long = " or ".join(["x[::-1] < y"] * 20)
    assert not sandbox._is_plain(long)
    assert sandbox.evaluate(long, {"x": "ab", "y": "c"}) is True


def test_a_result_too_large_is_refused():
    """What a script leaves behind becomes process data, stored and reloaded at every step."""
    sandbox.shutdown()
    assert refused(sandbox.execute, "y = 'x' * 2000000", {}) == "the result is larger than 1024 KB"
    assert _sandbox_workers() == []  # the worker that sent it is ended, not left writing


@pytest.mark.parametrize(("source", "reason"), ESCAPES_FAILING_AT_RUN)
def test_escape_fails_at_run_time(source, reason):
    assert reason in refused(sandbox.evaluate, source, {"decision": "APPROVE"})


@pytest.mark.parametrize(("script", "reason"), [
    ("import os\nos.system('id')", "ImportError: __import__ not found (line 1)"),
    ("x = 1\nimport subprocess", "ImportError: __import__ not found (line 2)"),
    ("f = open('/etc/passwd')", "NameError: name 'open' is not defined"),
    ("while True:\n    pass", "stopped after 0.5 s (the time limit)"),
    ("x = [i for i in range(10**9)]", "limit"),  # time or memory, whichever comes first
    # The write guard (full_write_guard): no attribute is set on anything, not even a script's own function.
    ("def f():\n    pass\nf.x = 1", "TypeError: attribute-less object (assign or del) (line 3)"),
])
def test_scripts_cannot_import_read_files_or_run_forever(script, reason):
    assert reason in refused(sandbox.execute, script, {})


# --- user code cannot end, hang or exhaust the process that runs it -------------------------------

@pytest.mark.parametrize("exception", ["SystemExit", "KeyboardInterrupt", "GeneratorExit",
                                       "BaseException"])
def test_every_exception_class_fails_the_step_and_nothing_else(exception):
    source = f"(x for x in [1]).throw({exception})"
    assert refused(sandbox.evaluate, source, {}) == exception
    assert refused(sandbox.execute, f"raise {exception}('bye')", {}) == f"{exception}: bye (line 1)"
    assert sandbox.evaluate("decision.upper()", {"decision": "ok"}) == "OK"  # and the next one works


def test_memory_error_and_recursion_error_are_contained():
    assert refused(sandbox.evaluate, "(x for x in [1]).throw(MemoryError)", {}) == "over the memory limit of 128 MB"
    assert refused(sandbox.execute, "def f():\n    return f()\nf()", {}).startswith(
        "RecursionError: maximum recursion depth exceeded")


def test_c_level_work_is_stopped_at_the_time_limit():
    started = time.monotonic()
    assert refused(sandbox.evaluate, "sum(range(2*10**8)) > 0", {}) == "stopped after 0.5 s (the time limit)"
    assert time.monotonic() - started < sandbox.TIME_LIMIT + 0.5
    assert sandbox.evaluate("sum(items)", {"items": [1, 2]}) == 3  # a new worker took over


@pytest.mark.parametrize("source", [
    "len('x' * 200_000_000)",
    "len(pad * n)",  # operators that build values never run in the server's own process ...
    "len(f'{pad:>{n}}')",  # ... nor do format widths
])
def test_memory_is_bounded(source):
    assert refused(sandbox.evaluate, source, {"pad": "x", "n": 200_000_000}) == "over the memory limit of 128 MB"


def test_values_that_are_not_plain_data_name_their_variable():
    assert refused(sandbox.execute, "total = 1\nseen = {1, 2}", {}) == (
        "the variable seen is set, which is not plain data (text, number, true/false, list or object)")
    assert "the variable r is range" in refused(sandbox.execute, "r = range(3)", {})
    assert "the variable x is float" in refused(sandbox.execute, "x = float('nan')", {})
    assert refused(sandbox.evaluate, "set(items)", {"items": [1]}).startswith("the value is set")
    assert "the variable when is object" in refused(sandbox.evaluate, "str(when) == 1", {"when": object()})


def test_scripts_keep_functions_out_of_the_data_and_leave_unread_data_alone():
    data = {"a": 1, "untouched": {"big": "x" * 1000}}
    sandbox.execute("def double(v):\n    return v * 2\nb = double(a)", data)
    assert data == {"a": 1, "untouched": {"big": "x" * 1000}, "b": 2}


def _sandbox_workers() -> list[int]:
    """Pids of this process's children that are sandbox workers (zombies included)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read()
        except OSError:
            continue
        if parent == os.getpid() and (b"sandbox.py" in command or not command):  # a zombie has none
            pids.append(int(entry))
    return pids


def test_a_worker_that_dies_mid_job_fails_the_step_and_is_reaped():
    """E.g. the kernel's OOM killer: the step fails cleanly and no zombie stays behind."""
    sandbox.shutdown()
    assert sandbox.evaluate("sum([n])", {"n": 1}) == 1  # a worker waits in the pool

    def loop():
        with translation.override("en"):
            outcome["reason"] = refused(sandbox.execute, "while True:\n    pass", {})

    outcome = {}
    runner = threading.Thread(target=loop)
    runner.start()
    deadline = time.monotonic() + 5
    while not (busy := [w for w in list(sandbox._live) if w not in sandbox._idle]) and time.monotonic() < deadline:
        time.sleep(0.01)
    [worker] = busy
    os.kill(worker.proc.pid, 9)
    runner.join()
    assert outcome["reason"] in ("stopped: the sandbox process ended", "stopped after 0.5 s (the time limit)")
    assert _sandbox_workers() == []
    assert sandbox.evaluate("1 + n", {"n": 1}) == 2  # a new worker serves the next step
    sandbox.shutdown()


def test_a_worker_nobody_waits_for_is_stopped_by_its_cpu_limit():
    """A server that dies mid-job cannot kill its worker: the kernel does, after CPU_BACKSTOP."""
    worker = sandbox._Worker()
    try:
        request = sandbox._encode("exec", "while True:\n    pass", sandbox.compile_script("while True:\n    pass"), {})
        os.write(worker.proc.stdin.fileno(), request)  # and never read the reply, like a dead server
        assert worker.proc.wait(timeout=sandbox.CPU_BACKSTOP + 8) != 0
    finally:
        worker.kill()


def test_workers_are_reaped_replaced_and_shared_by_threads():
    sandbox.shutdown()
    assert _sandbox_workers() == []
    refused(sandbox.evaluate, "sum(range(10**9))", {})  # the worker is killed and reaped
    assert _sandbox_workers() == []
    results = {}

    def run(i):
        results[i] = sandbox.evaluate("n * 2 if n >= 0 else sum([n])", {"n": i})

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {i: i * 2 for i in range(8)}
    assert 1 <= len(_sandbox_workers()) <= sandbox.MAX_IDLE
    sandbox.shutdown()
    assert _sandbox_workers() == []


def _sums_are_right(base: int) -> bool:
    return all(sandbox.evaluate("sum(items)", {"items": [base, i]}) == base + i for i in range(200))


def test_a_forked_child_uses_its_own_workers():
    """As in Celery's prefork pool: parent and child evaluate at the same time, each through its
    own workers (sharing the parent's pipes would mix up their replies)."""
    assert sandbox.evaluate("sum(items)", {"items": [1]}) == 1  # the parent has a worker now
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(write, b"ok" if _sums_are_right(1000) else b"wrong")
            sandbox.shutdown()
        finally:
            os._exit(0)
    os.close(write)
    parent_right = _sums_are_right(2000)
    assert os.read(read, 100) == b"ok"
    os.waitpid(pid, 0)
    os.close(read)
    assert parent_right


def test_plain_conditions_run_in_process_quickly():
    sandbox.evaluate("decision == 'REVISE'", {"decision": "x"})
    started = time.perf_counter()
    for _ in range(1000):
        assert sandbox.evaluate("decision == 'REVISE' and len(notes) > 0", {"decision": "REVISE", "notes": "x"})
    assert time.perf_counter() - started < 0.5  # about 5 µs each in process; a worker is ~20x that


def test_ordinary_expressions_and_scripts_work():
    assert sandbox.evaluate("decision == 'REVISE' and len(notes) > 0", {"decision": "REVISE", "notes": "x"})
    data = {"items": [1, 2, 3]}
    sandbox.execute("total = 0\nfor i in items:\n    total += i\nlabel = 'n=%d' % len(items)", data)
    assert data["total"] == 6 and data["label"] == "n=3"


def _upload_and_publish(admin, xml):
    definition = admin.data(UPLOAD, {"x": xml, "f": FORMS, "b": None, "k": "uji_sandbox"})["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": definition["id"]})


@pytest.mark.parametrize("condition", [source for source, _reason in ESCAPES_REFUSED_AT_COMPILE[:2]])
def test_upload_refuses_escaping_conditions(published, client_for, condition):
    admin = client_for(published.process_admin.user.username)
    xml = DEMO_XML.replace('decision == "REVISE"', condition.replace("'", "&apos;"), 1)
    error = admin.error(UPLOAD, {"x": xml, "f": FORMS, "b": None, "k": "uji_sandbox"})
    assert error["extensions"]["errors"][0]["elementId"] == "f_revise_draft"


def test_run_time_escape_fails_the_step_and_writes_nothing(published, client_for):
    d = published
    admin = client_for(d.process_admin.user.username)
    _upload_and_publish(admin, DEMO_XML.replace('decision == "REVISE"', "open(&apos;/etc/passwd&apos;).read() == &apos;&apos;", 1))
    staff, kasi = client_for(d.staff.user.username), client_for(d.kasi.user.username)
    draft = start(staff, d.staff, key="uji_sandbox")["activeTasks"][0]
    review = complete(staff, draft["id"], DRAFT)["nextTasks"][0]
    instance = ProcessInstance.objects.get(key="uji_sandbox")
    error = kasi.error(COMPLETE, {"id": review["id"], "d": {"decision": "APPROVE"}})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "open" in error["message"]
    assert HumanTask.objects.get(bpmn_id="review", instance=instance).state == "READY"
    assert ProcessInstance.objects.get(pk=instance.pk).lock_version == instance.lock_version
