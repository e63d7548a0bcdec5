"""The browser app's page (frontend/, issue 12): index.html of the Vite build at `/` and at
every route the app owns, so a reload or a shared link opens the same screen. The app's scripts
and styles are static files (/static/app/, settings.STATICFILES_DIRS); it talks only to
/graphql/.

The page sets the csrftoken cookie the app sends back as X-CSRFToken, and a Content Security
Policy that allows scripts from our own origin only (nothing from a CDN, no inline script).
"""
from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

# The first segments of the app's own routes (frontend/src/App.tsx).
APP_ROUTES = ("tugas", "skp", "evaluasi", "tim", "hr", "harian")


def _policy(request: HttpRequest) -> str:
    host = request.get_host()
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        # React and the form library set element styles; no style is loaded from elsewhere.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        f"connect-src 'self' ws://{host} wss://{host}",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


@require_GET
@ensure_csrf_cookie
def app_page(request: HttpRequest) -> HttpResponse:
    try:
        html = (settings.FRONTEND_DIST / "index.html").read_text(encoding="utf-8")
    except FileNotFoundError:
        return HttpResponse(_("The browser app is not built yet: run `make run` (it runs npm ci and npm run build "
                              "in frontend/)."), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(html)
    response["Cache-Control"] = "no-cache"  # a new build is picked up at once; its assets are hashed
    response["Content-Security-Policy"] = _policy(request)
    return response
