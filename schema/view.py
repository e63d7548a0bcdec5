"""The /graphql/ endpoint.

CSRF: requests that carry a session cookie are checked exactly like any Django form post (send
the csrftoken cookie's value in the X-CSRFToken header). Bearer-token requests carry no ambient
credential and are exempt; so are cookie-less requests, which can do nothing but log in — and a
cross-site page cannot send them, since GraphQL POSTs must be application/json (which browsers
preflight) and mutations are refused over GET.
"""
from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView

from . import schema
from .context import KinerjaContext



@method_decorator(csrf_exempt, name="dispatch")
class KinerjaGraphQLView(GraphQLView):
    def __init__(self, **kwargs):
        kwargs.setdefault("schema", schema)
        kwargs.setdefault("graphql_ide", "graphiql" if settings.GRAPHIQL else None)
        kwargs.setdefault("allow_queries_via_get", True)
        # Evidence files (GraphQL multipart spec). Cross-site multipart posts carry no bearer
        # token, and those with a session cookie are CSRF-checked in dispatch().
        kwargs.setdefault("multipart_uploads_enabled", True)
        super().__init__(**kwargs)

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if request.method == "POST" and not getattr(request, "kinerja_bearer", False) \
                and settings.SESSION_COOKIE_NAME in request.COOKIES:
            refusal = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
            if refusal is not None:
                return refusal
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET":
            get_token(request)  # GraphiQL and browser clients get their csrftoken cookie here
        return response

    def get_context(self, request, response) -> KinerjaContext:
        return KinerjaContext(request=request, response=response)
