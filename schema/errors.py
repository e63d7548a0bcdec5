"""Turn every error into docs/design.md's shape: ``extensions.code`` plus a message in the caller's
language. Domain errors keep their message and details; anything unexpected is logged and
masked as INTERNAL so no traceback or internal text reaches a client."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from .context import may_explore_schema

logger = logging.getLogger("kinerja.graphql")

_PAGE_LIMIT = re.compile(r"Argument '(first|last)' cannot be higher than (\d+)")
_HINT = re.compile(r"\s*Did you mean .*\?$", re.DOTALL)


def _with(error: GraphQLError, message: str, extensions: dict) -> GraphQLError:
    return GraphQLError(message, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, original_error=None, extensions=extensions)


def format_error(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, DomainError):
        extensions = {"code": original.code}
        for key, value in original.extensions.items():
            extensions[key] = {k: str(v) for k, v in value.items()} if isinstance(value, dict) else value
        return _with(error, str(original.message), extensions)
    if original is None or (isinstance(original, GraphQLError) and not error.path):
        # Parse, validation and variable-coercion errors (no path: nothing ran yet): the request
        # itself is wrong. graphql-core's text is English. An error with a path is ours.
        if error.extensions and error.extensions.get("code"):
            return error
        return _with(error, error.message, {"code": "BAD_USER_INPUT"})
    limit = _PAGE_LIMIT.match(str(original))
    if isinstance(original, ValueError) and limit:
        message = _("At most %(max)s items can be fetched in one page.") % {"max": limit.group(2)}
        return _with(error, message, {"code": "BAD_USER_INPUT", "fields": {limit.group(1): message}})
    logger.error("Unexpected error in GraphQL operation", exc_info=original)
    return _with(error, _("An internal error occurred."), {"code": "INTERNAL"})


def without_hint(error: GraphQLError) -> GraphQLError:
    """The error without graphql-core's "Did you mean ...?", which spells the schema out."""
    message = _HINT.sub("", error.message)
    return error if message == error.message else _with(error, message, error.extensions or {})


class DomainErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and getattr(result, "errors", None):
            errors = [format_error(e) for e in result.errors]
            if not may_explore_schema(self.execution_context.context):
                errors = [without_hint(e) for e in errors]
            result.errors = errors
