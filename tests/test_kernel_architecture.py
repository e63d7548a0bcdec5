"""The step kernel (apps/workflow/steps.py) is the only code that writes a process instance:
every service that moves one builds an action and calls the kernel (docs/design.md, "The
workflow runtime"). Checked on the source, so a new write elsewhere fails here with its place."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL = ROOT / "apps" / "workflow" / "steps.py"
SCANNED = ("apps", "schema", "project")
WRITES = {"save", "delete", "update", "bulk_update", "bulk_create", "create", "get_or_create", "update_or_create"}
# What, in a chain like ``task.instance.save()``, names a process instance (or its manager): the
# model, the variables and attributes the code gives instances, the reverse managers to them.
INSTANCE_NAMES = {"ProcessInstance", "instance", "instances", "process_instance", "process_instances"}


def _chain(node: ast.AST) -> list[str]:
    """The names along a receiver chain: ``ProcessInstance.objects.filter(x).update`` ->
    ['update', 'filter', 'objects', 'ProcessInstance']."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names
        else:
            return names


def instance_writes(path: Path) -> list[str]:
    """Each place in a module that writes a process instance, as 'path:line: code'."""
    found = []
    source = path.read_text()
    for node in ast.walk(ast.parse(source)):
        hit = False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            hit = bool(INSTANCE_NAMES & set(_chain(node.func.value)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            sql = node.value.lower()
            hit = "workflow_processinstance" in sql and any(w in sql for w in ("update ", "insert ", "delete "))
        if hit:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.get_source_segment(source, node)}")
    return found


def modules_outside_the_kernel() -> list[Path]:
    return [path for top in SCANNED for path in sorted((ROOT / top).rglob("*.py"))
            if path != KERNEL and "migrations" not in path.parts]


def test_only_the_step_kernel_writes_process_instances():
    offending = [place for path in modules_outside_the_kernel() for place in instance_writes(path)]
    assert offending == [], "write process instances only through apps/workflow/steps.py:\n" + "\n".join(offending)


def test_the_scan_sees_the_kernels_own_writes():
    """The check would notice a write: the kernel's saves, starts and timer retries are found."""
    found = "\n".join(instance_writes(KERNEL))
    assert "ProcessInstance.objects.filter(pk=instance.pk, lock_version=expected_lock).update" in found
    assert "ProcessInstance.objects.bulk_create" in found
    assert "ProcessInstance.objects.bulk_update" in found
