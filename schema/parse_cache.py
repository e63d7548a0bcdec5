"""Parse each GraphQL document once: clients send the same few documents again and again, and
parsing the app's recordDailyEntry mutation took 7 % of its CPU.

Unlike strawberry's ParserCache, a document that does not parse is left to strawberry, which
parses it again and reports the error the way it reports every other (DomainErrors gives it its
code) — the cache holds only documents that parsed. Long texts (a value written into the query)
are not kept, so that a flood of large distinct queries cannot grow memory."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from graphql import GraphQLError, parse
from strawberry.extensions import SchemaExtension

CACHED_QUERY_MAX_CHARS = 10_000


@lru_cache(maxsize=1000)
def parsed(query: str, **options):
    return parse(query, **options)


class ParseCache(SchemaExtension):
    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None and context.query and len(context.query) <= CACHED_QUERY_MAX_CHARS:
            try:
                context.graphql_document = parsed(context.query, **context.parse_options)
            except GraphQLError:
                pass  # strawberry's own parse reports it
        yield
