"""ASGI entry point (uvicorn): HTTP (Django: GraphQL, admin) and WebSocket GraphQL subscriptions
on /graphql/ from one process type."""
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django.setup(set_prefix=False)  # as get_asgi_application(), before the imports below

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import path  # noqa: E402

from project.http import LanedASGIHandler  # noqa: E402
from schema import schema  # noqa: E402
from schema.subscriptions import KinerjaWSConsumer  # noqa: E402

http = LanedASGIHandler(lanes=settings.KINERJA_HTTP_THREADS, document_lanes=settings.KINERJA_HTTP_DOCUMENT_THREADS)


def cookie_origin_checked(app):
    """A browser sends its session cookie with any WebSocket, whichever page opens it: a
    connection carrying the session cookie must come from one of our hosts. Token clients
    (no cookie) may connect from anywhere, like over HTTP."""
    validated = AllowedHostsOriginValidator(app)

    async def asgi(scope, receive, send):
        cookies = dict(scope.get("headers", [])).get(b"cookie", b"")
        if settings.SESSION_COOKIE_NAME.encode() in cookies:
            return await validated(scope, receive, send)
        return await app(scope, receive, send)

    return asgi


application = ProtocolTypeRouter({
    "http": http,
    "websocket": cookie_origin_checked(AuthMiddlewareStack(URLRouter([
        path("graphql/", KinerjaWSConsumer.as_asgi(schema=schema)),
    ]))),
})
