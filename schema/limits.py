"""Per-request limits that depend on the request itself: the size of JSON arguments, and who
may explore the schema. Both refuse before anything runs."""
from __future__ import annotations

import functools
import json
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _
from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLScalarType,
    GraphQLSchema,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    parse,
    value_from_ast_untyped,
    visit,
)
from graphql.language import BREAK, VariableNode
from strawberry.extensions import SchemaExtension

from apps.core.errors import BadInput, DomainError, Unauthenticated

from .context import may_explore_schema
from .parse_cache import CACHED_QUERY_MAX_CHARS


def _refuse(execution_context, error: DomainError) -> None:
    """Answer with ``error`` instead of executing (DomainErrors gives it its code)."""
    execution_context.result = ExecutionResult(data=None, errors=[GraphQLError(str(error.message), original_error=error)])


def _depth_over(value, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:  # a loop, not recursion: the value may be nested as deep as the JSON parser allows
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


class _JsonArguments(Visitor):
    """Collects (argument name, value node) for every argument of the JSON scalar type."""

    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info, self.found = type_info, []

    def enter_argument(self, node, *_args):
        argument = self.type_info.get_argument()
        named = get_named_type(argument.type) if argument is not None else None
        if isinstance(named, GraphQLScalarType) and named.name == "JSON":
            self.found.append((node.name.value, node.value))


def _json_arguments(graphql_schema: GraphQLSchema, document: DocumentNode) -> tuple:
    type_info = TypeInfo(graphql_schema)
    collector = _JsonArguments(type_info)
    visit(document, TypeInfoVisitor(type_info, collector))
    return tuple(collector.found)


@functools.lru_cache(maxsize=1000)
def _json_arguments_of(graphql_schema: GraphQLSchema, query: str) -> tuple:
    """Per query text, since clients send the same few again and again (the walk costs 0.4 ms)."""
    return _json_arguments(graphql_schema, parse(query))


class JsonInputLimits(SchemaExtension):
    """Free-form JSON arguments (task drafts, start data, forms) are stored as sent: cap each one's
    size and nesting so that nobody stores megabytes or builds values that break later readers."""

    def on_execute(self) -> Iterator[None]:
        error = self._over_limit()
        if error is not None:
            _refuse(self.execution_context, error)
        yield

    def _over_limit(self) -> BadInput | None:
        context = self.execution_context
        if context.graphql_document is None:
            return None
        graphql_schema, query, variables = context.schema._schema, context.query or "", context.variables or {}
        # Long texts (a value written into the query) are not kept as cache keys.
        found = (_json_arguments_of(graphql_schema, query) if len(query) <= CACHED_QUERY_MAX_CHARS
                 else _json_arguments(graphql_schema, context.graphql_document))
        max_bytes, max_depth = settings.KINERJA_JSON_ARG_MAX_BYTES, settings.KINERJA_JSON_ARG_MAX_DEPTH
        for name, node in found:
            value = (variables.get(node.name.value) if isinstance(node, VariableNode)
                     else value_from_ast_untyped(node, variables))
            if _depth_over(value, max_depth):
                return BadInput(fields={name: _("The data may be nested at most %(depth)d levels deep.")
                                        % {"depth": max_depth}})
            if len(json.dumps(value, ensure_ascii=False).encode()) > max_bytes:
                return BadInput(fields={name: _("The data may be at most %(kb)d KB.") % {"kb": max_bytes // 1024}})
        return None


class _Introspection(Visitor):
    found = False

    def enter_field(self, node, *_args):
        if node.name.value in ("__schema", "__type"):
            self.found = True
            return BREAK
        return None


class SchemaPrivacy(SchemaExtension):
    """Anonymous callers in production may not read the schema (introspection); the "Did you
    mean" hints are left out of their errors by DomainErrors. Signed-in users and development
    (DEBUG) keep both; the SDL export (`make schema`) does not go through a request."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and not may_explore_schema(context.context):
            introspection = _Introspection()
            visit(context.graphql_document, introspection)
            if introspection.found:
                _refuse(context, Unauthenticated())
        yield
