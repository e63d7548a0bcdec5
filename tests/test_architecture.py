"""Arrows that import-linter cannot see (docs/design.md, "Layers and arrows"): BPMN handlers are
adapters — they read the step and call a service, which owns the write and its rules — so no
``apps/*/handlers.py`` writes through the ORM. Checked on the syntax tree, not by grep, so that a
comment or a string naming ``.save(`` does not count and a write split over lines does."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HANDLERS = sorted(ROOT.glob("apps/*/handlers.py"))

# Methods that write through a model instance, a manager or a queryset (QuerySet.update/delete,
# Model.save/delete, Manager.create, related managers' add/set/remove/clear …), and the row lock
# that only a write needs.
ORM_WRITES = {"save", "delete", "update", "create", "bulk_create", "bulk_update", "get_or_create",
              "update_or_create", "add", "set", "remove", "clear", "select_for_update"}


def orm_writes(source: str) -> list[str]:
    """``line: call`` for each call of an ORM write method, and each use of a model manager
    (``.objects``), in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ORM_WRITES:
            found.append(f"{node.lineno}: .{node.func.attr}(…)")
        elif isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager", "_base_manager"}:
            found.append(f"{node.lineno}: .{node.attr}")
    return found


def test_there_are_handlers_to_check():
    assert {path.parent.name for path in HANDLERS} >= {"performance", "daily"}


@pytest.mark.parametrize("path", HANDLERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_handlers_do_not_write_through_the_orm(path):
    found = orm_writes(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.relative_to(ROOT)} writes through the ORM; move the write into a service the "
                       f"handler calls (apps/performance/steps.py, apps/daily/action_plans.py): {found}")


@pytest.mark.parametrize("line", [
    "plan.save(update_fields=['status'])",
    "PerformancePlan.objects.filter(pk=1).update(status='X')",
    "Evaluation.objects.create(plan=plan)",
    "DevelopmentPlanItem.objects.bulk_create(items)",
    "plan.work_results.all().delete()",
    "result.parents.set(parents)",
    "(PerformancePlan\n    .objects.get(pk=1))",
])
def test_the_scan_finds_each_kind_of_write(line):
    assert orm_writes(line)


def test_the_scan_ignores_names_in_comments_and_strings():
    assert not orm_writes("# plan.save()\nsteps.plan_submit(actor=a, plan_id=1, notes='x.save()')")
