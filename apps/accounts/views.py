"""Sign-in and sign-out for the web pages (process administration), through the same
rate-limited check as the GraphQL ``login`` mutation — but with no bearer token: the pages
use the session."""
from __future__ import annotations

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.errors import DomainError

from . import services

DEFAULT_NEXT = "/proses/"


def _next_url(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or DEFAULT_NEXT
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure())
    return target if safe else DEFAULT_NEXT


@require_http_methods(["GET", "POST"])
def login_page(request):
    error, status = "", 200
    if request.method == "POST":
        try:
            services.session_login(request=request, username=request.POST.get("username", ""),
                                   password=request.POST.get("password", ""))
            return redirect(_next_url(request))
        except DomainError as exc:
            error, status = exc.message, 429 if isinstance(exc, services.TooManyAttempts) else 400
    return render(request, "accounts/login.html", {
        "error": error, "next": _next_url(request), "username": request.POST.get("username", "")},
        status=status)


@require_POST
def logout_page(request):
    services.logout(request=request)
    return redirect("login")
