"""The one GraphQL schema of Kinerja: every app's queries and mutations merged."""
from __future__ import annotations

import strawberry
from django.conf import settings
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry_django.optimizer import DjangoOptimizerExtension

from apps.core.errors import DomainError

from .accounts import AccountsMutation, AccountsQuery
from .errors import DomainErrors
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
from .workflow import WorkflowMutation, WorkflowQuery

Query = merge_types("Query", (AccountsQuery, OrganizationQuery, WorkflowQuery, PerformanceQuery, PlanningQuery,
                                 EvaluationQuery, MonitoringQuery))
Mutation = merge_types("Mutation", (AccountsMutation, OrganizationMutation, WorkflowMutation, PerformanceMutation,
                                    PlanningMutation, EvaluationMutation, MonitoringMutation))

class KinerjaSchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Log only what is unexpected; domain errors and bad queries are the client's business."""
        for error in errors:
            if error.original_error is not None and not isinstance(error.original_error, DomainError):
                super().process_errors([error], execution_context)


schema = KinerjaSchema(
    query=Query,
    mutation=Mutation,
    config=StrawberryConfig(relay_max_results=settings.KINERJA_GRAPHQL_MAX_PAGE),
    extensions=[
        lambda: QueryDepthLimiter(max_depth=settings.KINERJA_GRAPHQL_MAX_DEPTH),
        lambda: MaxTokensLimiter(max_token_count=settings.KINERJA_GRAPHQL_MAX_TOKENS),
        lambda: MaxAliasesLimiter(max_alias_count=settings.KINERJA_GRAPHQL_MAX_ALIASES),
        DjangoOptimizerExtension,
        DomainErrors,
    ],
)
