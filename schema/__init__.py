"""The one GraphQL schema of Kinerja: every app's queries and mutations merged."""
from __future__ import annotations

import strawberry
from django.conf import settings
from strawberry import relay
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry_django.optimizer import DjangoOptimizerExtension

from apps.core.errors import DomainError

from .accounts import AccountsMutation, AccountsQuery
from .daily_actions import ActionPlanMutation, ActionPlanQuery
from .daily_calendar import CalendarMutation, CalendarQuery
from .daily_discipline import DisciplineQuery
from .daily_entries import DailyEntriesMutation, DailyEntriesQuery
from .documents import DocumentsQuery
from .errors import DomainErrors
from .limits import JsonInputLimits, SchemaPrivacy
from .parse_cache import ParseCache
from .organization import OrganizationMutation, OrganizationQuery
from .performance import (
    EvaluationMutation,
    EvaluationQuery,
    MonitoringMutation,
    MonitoringQuery,
    PerformanceMutation,
    PerformanceQuery,
    PlanningMutation,
    PlanningQuery,
)
from .subscriptions import Subscription
from .workflow import WorkflowMutation, WorkflowQuery

Query = merge_types("Query", (AccountsQuery, OrganizationQuery, WorkflowQuery, PerformanceQuery, PlanningQuery,
                                 EvaluationQuery, MonitoringQuery, DocumentsQuery, ActionPlanQuery, CalendarQuery,
                                 DailyEntriesQuery, DisciplineQuery))
Mutation = merge_types("Mutation", (AccountsMutation, OrganizationMutation, WorkflowMutation, PerformanceMutation,
                                    PlanningMutation, EvaluationMutation, MonitoringMutation, ActionPlanMutation,
                                    CalendarMutation, DailyEntriesMutation))


class KinerjaSchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Log only what is unexpected; domain errors and bad queries are the client's business."""
        for error in errors:
            if error.original_error is not None and not isinstance(error.original_error, DomainError):
                super().process_errors([error], execution_context)


# The limits' validation rules, built once: the validation cache is keyed by the rule classes,
# and a limiter made per request would make a new class (and a cache miss) every time.
LIMIT_RULES = [*QueryDepthLimiter(max_depth=settings.KINERJA_GRAPHQL_MAX_DEPTH).validation_rules,
               *MaxAliasesLimiter(max_alias_count=settings.KINERJA_GRAPHQL_MAX_ALIASES).validation_rules]

schema = KinerjaSchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    config=StrawberryConfig(relay_max_results=settings.KINERJA_GRAPHQL_MAX_PAGE),
    extensions=[
        lambda: AddValidationRules(LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=settings.KINERJA_GRAPHQL_MAX_TOKENS),
        # Clients send the same few documents again and again: parse and validate each once
        # (bounded, so that a flood of distinct queries cannot grow memory). Documents compare
        # by structure. (Not strawberry's ParserCache: its parse errors bypass DomainErrors.)
        ParseCache,
        lambda: ValidationCache(maxsize=1000),
        SchemaPrivacy,
        JsonInputLimits,
        DjangoOptimizerExtension,
        DomainErrors,
    ],
)


def _cache_node_id_attrs(base: type) -> None:
    """Our relay types take their id from the model's pk. Left unset, strawberry scans the type's
    annotations for a NodeID on every ``id`` it resolves (a third of a task-list request's time)."""
    for node_type in base.__subclasses__():
        if node_type._id_attr is None:
            node_type._id_attr = "pk"
        _cache_node_id_attrs(node_type)


_cache_node_id_attrs(relay.Node)
