"""Mutation testing of the permission guards and the sandbox (issue 11; docs/design.md, Trust
boundaries: "a guard that can be deleted with the suite still green is a missing test").

mutmut and cosmic-ray mutate every operator in a module and rerun the suite per mutant; with a
suite of live-server tests that is days of CPU on 2 cores. Here the operators are only those that
weaken a guard, and each module is tested with the test files that cover it:

- ``raise-guard``: an ``if …: raise <DomainError>`` is deleted (the check no longer happens);
- ``or-term`` / ``and-term``: one operand of a ``|``, ``&``, ``or`` or ``and`` in a guard or a
  visibility condition is dropped (who may see or do something changes);
- ``augmented-term``: a ``condition |= …`` / ``&=`` is deleted;
- ``in-term``: one element of a literal in ``x in (a, b)`` is dropped (e.g. the lanes whose tasks
  follow a change of rater);
- ``filter-term``: one keyword of a ``.filter(…)`` / ``.exclude(…)`` in a selector is dropped;
- ``early-return``: an ``if …: return …`` shortcut is deleted;
- ``allow-all``: a predicate (``may_*``, ``is_*``, ``manages_*``, ``_may_*``, ``*_visible*``)
  returns True at once;
- ``swap``: a name the module lists in ``SWAPS`` is replaced (e.g. the sandbox's ``safer_getattr``
  by the plain ``getattr``, ``except BaseException`` by ``except Exception``);
- ``call-deleted``: a call the module lists in ``DELETED_CALLS`` is not made (e.g. ``setrlimit``,
  killing a worker past its time).

A mutant is *killed* when its tests fail, *survives* when they pass. Each mutant is written into
the source file, tested, and the file restored (run it on a clean tree, nothing else editing).

    .venv/bin/python -m bench.guard_mutants                   # every module below
    .venv/bin/python -m bench.guard_mutants apps/workflow/sandbox.py --list   # the mutants only

The table of kill rates per module and every survivor go to ``bench/results/<date>-mutation.md``.
"""
from __future__ import annotations

import argparse
import ast
import datetime as dt
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

MATRIX = ["tests/test_permission_matrix.py", "tests/test_permission_matrix_nested.py"]
# The performance tests about who may do what (the whole folder is twice as long).
PERFORMANCE_ACCESS = ["tests/performance/test_process_binding.py", "tests/performance/test_plan_visibility.py",
                      "tests/performance/test_task_holders.py",
                      "tests/performance/test_cascade_links.py",
                      "tests/performance/test_ikm_api.py", "tests/performance/test_monitoring.py",
                      "tests/performance/test_evidence.py"]
# module -> the tests that guard it (fastest first: a mutant stops at the first failing test)
MODULES: dict[str, list[str]] = {
    "apps/workflow/sandbox.py": ["tests/workflow/test_sandbox.py", "tests/workflow/test_sandbox_faults.py"],
    "apps/workflow/registry.py": ["tests/performance/test_process_binding.py", "tests/workflow/test_handlers.py"],
    "apps/workflow/selectors.py": [*MATRIX, "tests/test_nested_visibility.py", "tests/workflow/test_tasks.py",
                                   "tests/workflow/test_timers.py", "tests/performance/test_task_holders.py",
                                   "tests/workflow/test_handlers.py", "tests/workflow/test_admin_pages.py"],
    "apps/performance/selectors.py": [*MATRIX, "tests/test_nested_visibility.py", "tests/test_me_and_visibility.py",
                                      *PERFORMANCE_ACCESS, "tests/performance/test_quarter.py"],  # R-DIST's population
    "apps/organization/selectors.py": [*MATRIX, "tests/test_me_and_visibility.py", "tests/test_selectors.py",
                                       "tests/test_hr_mutations.py", "tests/test_org_scope.py"],
    "apps/workflow/services.py": [*MATRIX, "tests/performance/test_process_binding.py", "tests/workflow"],
    "apps/workflow/steps.py": ["tests/performance/test_process_binding.py", "tests/workflow"],
    "apps/workflow/mirror.py": [*MATRIX, "tests/workflow"],
    "apps/performance/services.py": [*MATRIX, *PERFORMANCE_ACCESS, "tests/performance/test_quarter.py",
                                     "tests/performance/test_planning.py"],
    "apps/performance/steps.py": ["tests/performance/test_process_binding.py", "tests/performance/test_annual.py",
                                  "tests/performance/test_quarter.py", "tests/performance/test_planning.py",
                                  "tests/performance/test_whole_year.py", *MATRIX],
    "apps/organization/services.py": [*MATRIX, "tests/test_hr_mutations.py", "tests/test_org_scope.py",
                                      "tests/test_import.py"],
    "apps/organization/importer.py": ["tests/test_org_scope.py", "tests/test_import.py"],
    "apps/workflow/migration.py": ["tests/performance/test_process_binding.py", "tests/workflow/test_migration.py"],
}
SWAPS: dict[str, dict[str, str]] = {
    # (RestrictedPython's default_guarded_getitem/getiter are plain ``ob[k]``/``iter``: swapping
    # them changes nothing, so they are not listed.)
    "apps/workflow/sandbox.py": {"safer_getattr": "getattr", "full_write_guard": "(lambda o: o)",
                                 "BaseException": "Exception"},
}
# Mutants that cannot change behaviour: (module, operator, text of the line, text of the line
# before) -> why. They are listed in the report, not counted.
EQUIVALENT: dict[tuple[str, str, str, str], str] = {
    # (module, operator, what the mutant removes (its start), text on its line or the line before)
    # Superusers manage every unit (organization.selectors.units_managed_by), so the HR condition
    # already lets them see everything: the shortcut saves the join, it grants nothing more.
    ("apps/workflow/selectors.py", "early-return", "if user.is_superuser:", "everyone granted view"):
        "a superuser is HR of every unit: the shortcut only saves the query's join",
    ("apps/performance/selectors.py", "early-return", "if user.is_superuser:", "HR their units"):
        "a superuser is HR of every unit: the shortcut only saves the query's join",
    # Only view rows are ever written for instances (mirror.view_rows).
    ("apps/workflow/selectors.py", "filter-term", 'permission__codename="view_processinstance"', ""):
        "only view_processinstance rows exist for instances",
    ("apps/performance/selectors.py", "filter-term", 'permission__codename="view_processinstance"', ""):
        "only view_processinstance rows exist for instances",
    ("apps/performance/selectors.py", "filter-term", "predicate__isnull=False", "def unit_performance"):
        "a final evaluation always has its predicate (evaluation_rate_decision refuses to pass on without)",
    ("apps/workflow/selectors.py", "filter-term", 'permission__codename="complete_humantask"', ""):
        "only complete_humantask rows exist for tasks",
    ("apps/workflow/selectors.py", "and-term", "user.is_authenticated", "def is_process_admin"):
        "an anonymous user is no superuser and has no groups: the first term changes nothing",
    ("apps/organization/selectors.py", "and-term", "user.is_authenticated", "def is_performance_admin"):
        "an anonymous user is no superuser and has no groups: the first term changes nothing",
    # Every caller of units_managed_by (importer, admin, plan/instance visibility, me,
    # personal_details_audience) decides for a superuser before asking it.
    ("apps/organization/selectors.py", "early-return", "if user.is_superuser:", "return OrgUnit.objects.none()"):
        "every caller handles a superuser before asking which units they manage",
    ("apps/performance/services.py", "or-term", "plan.process_instance_id is None", "holding the plan's open drafting task"):
        "holds_open_task finds no task of a plan without an instance: the term only saves the query",
    ("apps/performance/services.py", "or-term", "evaluation.process_instance_id is None", "def _require_task"):
        "holds_open_task finds no task of an evaluation without an instance: the term only saves the query",
    # A staff result can only support an approved result (R-CASCADE), and an approved plan is not
    # drafted again: the rater can no longer delete it by then (the drafting guard refuses first).
    ("apps/performance/services.py", "raise-guard", "if work_result.children.exists():", "_require_drafting(actor, plan)"):
        "unreachable: only approved results are supported, and approved plans are not edited",
    ("apps/organization/services.py", "in-term", "post.pk", "_require_hr_for(actor, employee.unit)"):
        "re-appointing to the same post asks for HR of the post's unit, which was checked just before",
    # A plain PERFORMANCE_ADMIN scope is the row's own unit: dropping it changes the outcome
    # only where that unit lies outside HR's units, and such a row is refused for its unit_code.
    ("apps/organization/importer.py", "or-term", "[row.unit_code]", "user_id = current.user_id if current else None"):
        "only outside HR's units, where the row is already refused for its unit_code",
    ("apps/organization/selectors.py", "early-return", "if user.is_superuser:", '"""'):
        "a superuser manages every unit (units_managed_by): the shortcut only saves the queries",
    ("apps/organization/importer.py", "early-return", "if employee.user is None:", "def _set_scopes"):
        "the import's writer, not a guard: an employee without an account has no HR scope to set",
    ("apps/performance/services.py", "in-term", '""', "def _choice("):
        "input parsing, not a guard: an empty choice and a missing one both take the default",
    ("apps/workflow/sandbox.py", "call-deleted kill", "worker.kill()", "if worker.proc.poll() is not None"):
        "poll() has already reaped the dead worker; kill() only closes pipes that the GC closes too",
    ("apps/workflow/sandbox.py", "call-deleted kill", "self.proc.kill()", "except subprocess.TimeoutExpired:"):
        "a worker ends at the end of its input; one that does not within 1 s cannot be made in a test",
    ("apps/workflow/sandbox.py", "swap BaseException", "BaseException", "reply = json.dumps(_describe(exc"):
        "reached only when describing an error raises; user code cannot define classes (no __metaclass__), "
        "so str() of what it raises cannot raise",
    # The server's own interruption (Ctrl-C, SystemExit of the server) while it waits for a worker:
    # not something user code can cause; the branch only tidies up before the server ends anyway.
    ("apps/workflow/sandbox.py", "swap BaseException", "BaseException", "self.read(STARTUP_LIMIT)"):
        "only the server's own KeyboardInterrupt/SystemExit differs from Exception here",
    ("apps/workflow/sandbox.py", "call-deleted kill", "self.kill()", "except BaseException:"):
        "only after the server's own KeyboardInterrupt/SystemExit during a worker's start",
    ("apps/workflow/sandbox.py", "swap BaseException", "BaseException", "# e.g. a real KeyboardInterrupt"):
        "only the server's own KeyboardInterrupt/SystemExit differs from Exception here",
    ("apps/workflow/sandbox.py", "call-deleted kill", "worker.kill()", "# e.g. a real KeyboardInterrupt"):
        "only after the server's own KeyboardInterrupt/SystemExit while waiting for a worker",
}
# Calls whose statement is deleted (the bound they set is gone): module -> function names.
DELETED_CALLS: dict[str, set[str]] = {
    "apps/workflow/sandbox.py": {"setrlimit", "kill", "_limit_memory", "_limit_cpu"},
}
DOMAIN_ERRORS = {"Forbidden", "NotFound", "BadInput", "Conflict", "Unauthenticated", "DomainError",
                 "PermissionDenied", "SandboxError"}
# In services and the importer most raises validate input; there only the access checks count.
ACCESS_ERRORS = {"Forbidden", "NotFound", "Unauthenticated", "PermissionDenied", "Conflict"}
PERMISSION_ONLY = {"apps/workflow/services.py", "apps/workflow/steps.py", "apps/performance/services.py", "apps/performance/steps.py",
                   "apps/organization/services.py", "apps/organization/importer.py"}
PREDICATE_PREFIXES = ("may_", "_may_", "is_", "manages_", "_require", "require_")
SELECTOR_FILES = {"selectors.py"}
# Functions of selector files that compute, not decide who sees what: their operators are no guards.
NOT_GUARDS = {"progress_of", "_number"}


@dataclass
class Mutant:
    module: str
    line: int
    operator: str
    source: str      # the mutated module
    gone: str = ""   # what the mutation removed or replaced (its first line)

    def label(self) -> str:
        return f"{self.module}:{self.line} {self.operator} [{self.gone[:60]}]"


def _segment(source: str, node: ast.AST) -> str:
    return ast.get_source_segment(source, node) or ""


def _offsets(source: str) -> list[int]:
    starts, total = [], 0
    for line in source.splitlines(keepends=True):
        starts.append(total)
        total += len(line)
    return starts


def _replace(source: str, node: ast.AST, text: str, starts: list[int]) -> str:
    begin = starts[node.lineno - 1] + node.col_offset
    end = starts[node.end_lineno - 1] + node.end_col_offset
    return source[:begin] + text + source[end:]


def _raises(body: list[ast.stmt], errors: set[str]) -> bool:
    last = body[-1]
    if not isinstance(last, ast.Raise) or last.exc is None:
        return False
    target = last.exc.func if isinstance(last.exc, ast.Call) else last.exc
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in errors


def _is_guard_function(name: str) -> bool:
    return name.startswith(PREDICATE_PREFIXES) or "visible" in name or "scope" in name or "manage" in name


def _annotations(tree: ast.AST) -> list[ast.AST]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            found.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            found.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            found.append(node.annotation)
    return found


def equivalence(mutant: Mutant) -> str | None:
    """Why a mutant cannot change behaviour, if it is one of the known equivalent ones."""
    lines = (ROOT / mutant.module).read_text(encoding="utf-8").splitlines()
    here, before = lines[mutant.line - 1].strip(), lines[mutant.line - 2].strip()
    for (module, operator, gone, previous), reason in EQUIVALENT.items():
        if module == mutant.module and operator == mutant.operator and mutant.gone.startswith(gone) and (
                previous in before or previous in here):
            return reason
    return None


def mutants(module: str) -> list[Mutant]:
    source = (ROOT / module).read_text(encoding="utf-8")
    tree = ast.parse(source)
    starts = _offsets(source)
    selector = Path(module).name in SELECTOR_FILES
    errors = ACCESS_ERRORS if module in PERMISSION_ONLY else DOMAIN_ERRORS
    found: list[Mutant] = []

    def add(node: ast.AST, operator: str, text: str, gone: ast.AST | None = None) -> None:
        mutated = _replace(source, node, text, starts)
        try:
            ast.parse(mutated)
        except SyntaxError:
            return
        if mutated != source:
            removed = _segment(source, gone or node).splitlines()[0].strip()
            found.append(Mutant(module, node.lineno, operator, mutated, removed))

    # Annotations are strings here (from __future__ import annotations): mutating them does nothing.
    annotations = {id(n) for a in _annotations(tree) for n in ast.walk(a)}
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    owner = {}
    for fn in functions:
        for child in ast.walk(fn):
            owner.setdefault(child, fn)  # outermost first: ast.walk is breadth-first
    for node in ast.walk(tree):
        if id(node) in annotations:
            continue
        fn = owner.get(node)
        guarded = (selector and (fn is None or fn.name not in NOT_GUARDS)) or (
            fn is not None and _is_guard_function(fn.name))
        if isinstance(node, ast.If) and not node.orelse:
            indent = " " * node.col_offset
            if _raises(node.body, errors):
                add(node, "raise-guard", "pass")
                if len(node.body) > 1:  # the check is the raise after other statements
                    add(node.body[-1], "raise-guard", "pass")
            elif guarded and isinstance(node.body[-1], ast.Return) and len(node.body) == 1:
                add(node, "early-return", "pass")
            del indent
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitOr, ast.BitAnd)) and guarded:
            name = "or-term" if isinstance(node.op, ast.BitOr) else "and-term"
            add(node, name, f"({_segment(source, node.left)})", gone=node.right)
            add(node, name, f"({_segment(source, node.right)})", gone=node.left)
        elif isinstance(node, ast.BoolOp) and guarded and fn is not None:
            name = "or-term" if isinstance(node.op, ast.Or) else "and-term"
            for i in range(len(node.values)):
                rest = [_segment(source, v) for j, v in enumerate(node.values) if j != i]
                joiner = " or " if isinstance(node.op, ast.Or) else " and "
                add(node, name, f"({joiner.join(rest)})", gone=node.values[i])
        elif (isinstance(node, ast.Compare) and fn is not None and len(node.ops) == 1
              and isinstance(node.ops[0], (ast.In, ast.NotIn))
              and isinstance(node.comparators[0], (ast.Tuple, ast.Set, ast.List))
              and len(node.comparators[0].elts) > 1):
            elements = node.comparators[0].elts
            for i in range(len(elements)):
                rest = ", ".join(_segment(source, e) for j, e in enumerate(elements) if j != i)
                add(node.comparators[0], "in-term", f"({rest},)", gone=elements[i])
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, (ast.BitOr, ast.BitAnd)) and guarded:
            add(node, "augmented-term", "pass")
        elif (isinstance(node, ast.Call) and selector and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("filter", "exclude") and len(node.keywords) + len(node.args) > 1):
            for i, keyword in enumerate(node.keywords):
                others = [_segment(source, a) for a in node.args] + [
                    _segment(source, k) for j, k in enumerate(node.keywords) if j != i]
                add(node, "filter-term", f"{_segment(source, node.func)}({', '.join(others)})", gone=keyword)
    for fn in functions:
        if fn.name.startswith(("may_", "_may_", "is_", "_is_", "manages_")) and fn.body:
            first = fn.body[1] if isinstance(fn.body[0], ast.Expr) and len(fn.body) > 1 else fn.body[0]
            add(first, "allow-all", "return True")
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in DELETED_CALLS.get(module, set()):
                add(node, f"call-deleted {name}", "pass")
    for old, new in SWAPS.get(module, {}).items():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Name) and node.id == old and isinstance(node.ctx, ast.Load)
                    and id(node) not in annotations):  # annotations are strings here: no effect
                add(node, f"swap {old}", new)
    return sorted(found, key=lambda m: (m.line, m.operator))


def _tests_fail(tests: list[str], timeout: int) -> bool:
    existing = [t for t in tests if (ROOT / t).exists()]
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *existing],
                              cwd=ROOT, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return True  # a hang is noticed
    return done.returncode != 0


def run(mutant: Mutant, tests: list[str], timeout: int) -> tuple[bool, float]:
    """True when the tests fail (killed)."""
    path = ROOT / mutant.module
    original = path.read_text(encoding="utf-8")
    started = time.monotonic()
    try:
        path.write_text(mutant.source, encoding="utf-8")
        killed = _tests_fail(tests, timeout)
    finally:
        path.write_text(original, encoding="utf-8")
    return killed, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES))
    parser.add_argument("--list", action="store_true", help="only list the mutants")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--root", type=Path, help="mutate this checkout (e.g. a git worktree) instead of this one")
    args = parser.parse_args()
    global ROOT
    ROOT = (args.root or ROOT).resolve()
    rows, survivors, equivalents = [], [], []
    for module in args.modules:
        found = mutants(module)
        if args.list:
            for m in found:
                print(m.label())
            continue
        if _tests_fail(MODULES[module], args.timeout):
            sys.exit(f"the tests of {module} fail without any mutant: fix them first")
        killed = 0
        spent = 0.0
        same = [(m, equivalence(m)) for m in found]
        equivalents.extend(f"{m.label()}: {why}" for m, why in same if why)
        found = [m for m, why in same if not why]
        for i, mutant in enumerate(found, 1):
            dead, seconds = run(mutant, MODULES[module], args.timeout)
            spent += seconds
            killed += dead
            if not dead:
                survivors.append(mutant.label())
            print(f"[{i}/{len(found)}] {'killed ' if dead else 'SURVIVED'} {mutant.label()} ({seconds:.0f} s)",
                  flush=True)
        rate = f"{100 * killed / len(found):.0f} %" if found else "–"
        rows.append(f"| `{module}` | {len(found)} | {killed} | {len(found) - killed} | {rate} | {spent / 60:.1f} min |")
    if args.list:
        return
    table = ["| module | mutants | killed | survived | kill rate | time |", "|---|---|---|---|---|---|", *rows]
    report = [f"## Guard mutation run {dt.datetime.now():%Y-%m-%d %H:%M}", "", *table, ""]
    report += ["Survivors:", *[f"- {s}" for s in survivors], ""] if survivors else ["No survivor.", ""]
    report += ["Equivalent mutants (not run, not counted):", *[f"- {e}" for e in equivalents], ""] if equivalents else []
    print("\n".join(report))
    RESULTS.mkdir(exist_ok=True)  # this checkout's results, also when --root mutates another
    with (RESULTS / f"{dt.date.today():%Y-%m-%d}-mutation.md").open("a", encoding="utf-8") as out:
        out.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
