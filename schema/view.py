"""The /graphql/ endpoint.

CSRF: requests that carry a session cookie are checked exactly like any Django form post (send
the csrftoken cookie's value in the X-CSRFToken header). Bearer-token requests carry no ambient
credential and are exempt; so are cookie-less requests, which can do nothing but log in — and a
cross-site page cannot send them, since GraphQL POSTs must be application/json (which browsers
preflight) and mutations are refused over GET.
"""
from __future__ import annotations

import json
import re
from functools import cache

from cross_web import HTTPException  # what strawberry's views raise for a bad request
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView

from . import schema
from .context import KinerjaContext


def _refusal(message: str, status: int) -> JsonResponse:
    """A request refused before any GraphQL ran, in the same shape as every other error."""
    code = "NOT_FOUND" if status == 404 else "BAD_USER_INPUT"
    return JsonResponse({"data": None, "errors": [{"message": str(message), "extensions": {"code": code}}]},
                        status=status)


# Strawberry's GraphiQL page loads its scripts from unpkg.com, which an intranet cannot reach.
# The same files, at the versions the page names, come from our own npm install (package.json)
# as static files (settings.STATICFILES_DIRS): package -> (folder inside the package on unpkg,
# our static prefix). The page's integrity hashes stay and check our copies too.
_VENDOR = {"react": ("umd/", "vendor/react/"), "react-dom": ("umd/", "vendor/react-dom/"),
           "js-cookie": ("dist/", "vendor/js-cookie/"), "graphiql": ("", "vendor/graphiql/"),
           "@graphiql/plugin-explorer": ("dist/", "vendor/graphiql-explorer/")}
_UNPKG = re.compile(r'https://unpkg\.com/((?:@[^/@"]+/)?[^/@"]+)@[^/"]+/([^"]+)')


@cache
def _offline(page: str) -> str:
    def local(match: re.Match) -> str:
        inside, prefix = _VENDOR[match[1]]
        return static(prefix + match[2].removeprefix(inside))
    return _UNPKG.sub(local, page)


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
        try:
            if int(request.META.get("CONTENT_LENGTH") or 0) > settings.KINERJA_GRAPHQL_MAX_BODY_BYTES \
                    and not request.content_type.startswith("multipart/"):
                raise RequestDataTooBig
            if request.method == "POST" and not getattr(request, "kinerja_bearer", False) \
                    and settings.SESSION_COOKIE_NAME in request.COOKIES:
                refusal = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
                if refusal is not None:
                    return refusal
            response = self.run(request=request)
        except RequestDataTooBig:
            return _refusal(_("The request may be at most %(kb)d KB.")
                            % {"kb": settings.KINERJA_GRAPHQL_MAX_BODY_BYTES // 1024}, status=413)
        except UnicodeDecodeError:  # strawberry decodes the body as UTF-8 before parsing it
            return _refusal(_("The request body is not valid UTF-8."), status=400)
        except HTTPException as exc:
            # strawberry's refusals of the request itself (bad JSON, GET mutation) as GraphQL errors
            return _refusal(exc.reason, status=exc.status_code)
        if request.method == "GET":
            get_token(request)  # GraphiQL and browser clients get their csrftoken cookie here
        return response

    def render_graphql_ide(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse(_offline(self.graphql_ide_html))

    def decode_json(self, data: str | bytes) -> object:
        if len(data) > settings.KINERJA_GRAPHQL_MAX_BODY_BYTES:  # a body sent without Content-Length
            raise RequestDataTooBig
        try:
            return json.loads(data)
        except RecursionError:
            raise HTTPException(400, _("The JSON is nested too deeply.")) from None

    def get_context(self, request, response) -> KinerjaContext:
        return KinerjaContext(request=request, response=response)
