"""Resolvers only map (docs/design.md, "Layers and arrows"): no module of ``schema/`` builds a
queryset, writes a row, computes a rule or decides who may see what. Those live in the apps'
selectors and services; the schema declares types on model classes, names enums, decodes global
ids and turns what selectors and services return into GraphQL answers.

An AST scan of every ``schema/*.py``, exact on purpose: each message names the file, the line
and what belongs in a selector or service instead."""
from __future__ import annotations

import ast
import enum
import importlib
import re
from pathlib import Path

import pytest
from django.db.models import Model

SCHEMA = Path(__file__).resolve().parent.parent / "schema"
MODULES = sorted(p for p in SCHEMA.glob("*.py"))

# Calls that build or run a query, or write a row: a selector's or a service's business.
QUERY_METHODS = {
    "filter", "exclude", "annotate", "alias", "select_related", "prefetch_related", "aggregate", "order_by",
    "only", "defer", "distinct", "extra", "raw", "select_for_update", "union",
    "create", "get_or_create", "update_or_create", "bulk_create", "bulk_update", "delete", "save",
    "refresh_from_db",
}
# With arguments only: a dict's .values() is no query.
QUERY_METHODS_WITH_ARGUMENTS = {"values", "values_list"}
# With keyword arguments only: a dict's .get(key) and .update(other) are no query.
QUERY_METHODS_WITH_KEYWORDS = {"get", "update"}
# Django's query expressions: whoever builds one builds a query.
QUERY_EXPRESSIONS = {
    "Q", "F", "Subquery", "Exists", "OuterRef", "Count", "Sum", "Min", "Max", "Avg", "Case", "When", "Value",
    "Prefetch", "Coalesce", "ExpressionWrapper", "Func", "RawSQL",
}
# The rules, the cascade and the org hierarchy compute; the schema only shows what they decided.
FORBIDDEN_IMPORT = re.compile(r"^apps\.\w+\.(rules|cascade|hierarchy)(\.|$)")


def _tree(path: Path) -> ast.Module:
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node  # type: ignore[attr-defined]
    return tree


def _where(path: Path, node: ast.AST) -> str:
    return f"schema/{path.name}:{node.lineno}"


def query_problems(path: Path) -> list[str]:
    problems = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            problems.append(f"{_where(path, node)}: .objects (a model's manager) — read through a selector")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr in QUERY_METHODS
                or node.func.attr in QUERY_METHODS_WITH_ARGUMENTS and (node.args or node.keywords)
                or node.func.attr in QUERY_METHODS_WITH_KEYWORDS and node.keywords):
            problems.append(f"{_where(path, node)}: .{node.func.attr}() builds a query or writes a row — "
                            f"a selector's (or service's) business")
        elif isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else None
            if name in QUERY_EXPRESSIONS:
                problems.append(f"{_where(path, node)}: {name}() is a query expression — build it in a selector")
    return problems


def import_problems(path: Path) -> list[str]:
    problems = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        forbidden = [m for m in modules if FORBIDDEN_IMPORT.match(m)]
        if forbidden:
            problems.append(f"{_where(path, node)}: imports {forbidden[0]} — rules, cascade and hierarchy are for "
                            f"services and selectors")
    return problems


def _resolve(node: ast.AST, namespace: dict):
    """The object a Name or a dotted Attribute chain names in the module, or None."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, namespace)
        return getattr(base, node.attr, None) if base is not None else None
    return None


def _is_model(value) -> bool:
    return isinstance(value, type) and issubclass(value, Model)


def _in_annotation(node: ast.AST) -> bool:
    while hasattr(node, "parent"):
        parent = node.parent
        if isinstance(parent, ast.arg) and parent.annotation is node:
            return True
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and parent.returns is node:
            return True
        if isinstance(parent, ast.AnnAssign) and parent.annotation is node:
            return True
        node = parent
    return False


def _declares_type(node: ast.AST) -> bool:
    """The model is the first argument of a class decorator (@strawberry_django.type(Model, ...))."""
    call = getattr(node, "parent", None)
    return (isinstance(call, ast.Call) and call.args and call.args[0] is node
            and isinstance(getattr(call, "parent", None), ast.ClassDef) and call in call.parent.decorator_list)


def _names_enum(node: ast.AST, model: type) -> bool:
    """``Model.Kind`` where Kind is a choices enum declared on the model."""
    parent = getattr(node, "parent", None)
    if not isinstance(parent, ast.Attribute) or parent.value is not node:
        return False
    value = getattr(model, parent.attr, None)
    return isinstance(value, type) and issubclass(value, enum.Enum)


def model_use_problems(path: Path, namespace: dict | None = None) -> list[str]:
    """Each use of a model class (``namespace``: the module's, imported) other than declaring a
    type on it, naming one of its choices enums or annotating (no runtime use)."""
    if namespace is None:
        namespace = vars(importlib.import_module(f"schema.{path.stem}"))
    problems = []
    for node in ast.walk(_tree(path)):
        if not isinstance(node, (ast.Name, ast.Attribute)) or isinstance(getattr(node, "parent", None), ast.Attribute) \
                and _is_model(_resolve(node.parent, namespace)):
            continue  # the longest chain naming the model is judged, not its prefixes
        model = _resolve(node, namespace)
        if not _is_model(model) or _declares_type(node) or _names_enum(node, model) or _in_annotation(node):
            continue
        problems.append(f"{_where(path, node)}: uses the model {model.__name__} — only a type declaration "
                        f"(@strawberry_django.type({model.__name__})) and its enums may name it")
    return problems


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_schema_builds_no_query(path):
    assert query_problems(path) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_schema_imports_no_rules_cascade_or_hierarchy(path):
    assert import_problems(path) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_schema_names_models_only_to_declare_types(path):
    assert model_use_problems(path) == []


def test_the_scan_catches_a_query_put_back(tmp_path):
    """The checks themselves: a resolver that queries, imports the rules and uses a model is caught."""
    resolver = tmp_path / "resolver.py"
    resolver.write_text(
        "from apps.performance import rules\n"
        "from apps.performance.rules import predicate\n"
        "def plans(user):\n"
        "    return PerformancePlan.objects.filter(Q(employee__user=user)).order_by('pk')\n"
        "def plan(plans, pk, names):\n"
        "    plans.get(pk=pk).delete()\n"
        "    return names.get(pk), dict(names).values()\n")
    problems = query_problems(resolver)
    assert sorted(p.split(": ", 1)[1].split(" ")[0] for p in problems) == [
        ".delete()", ".filter()", ".get()", ".objects", ".order_by()", "Q()"]
    assert len(import_problems(resolver)) == 2


def test_the_scan_allows_declarations_and_catches_other_model_uses(tmp_path):
    from apps.workflow import models

    resolver = tmp_path / "resolver.py"
    resolver.write_text(
        "@strawberry_django.type(models.ProcessInstance, name='ProcessInstance')\n"
        "class ProcessInstanceType:\n"
        "    status: InstanceStatus\n"
        "EventKind = strawberry.enum(models.ProcessEvent.Kind, name='ProcessEventKind')\n"
        "def reload(instance: models.ProcessInstance) -> models.ProcessInstance:\n"
        "    return models.ProcessInstance.objects.get(pk=instance.pk)\n"
        "def is_task(value) -> bool:\n"
        "    return isinstance(value, HumanTask)\n")
    problems = model_use_problems(resolver, {"models": models, "HumanTask": models.HumanTask})
    assert sorted(p.split(": ", 1)[0] for p in problems) == ["schema/resolver.py:6", "schema/resolver.py:8"]
