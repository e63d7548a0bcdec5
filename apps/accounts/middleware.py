"""Authenticate ``Authorization: Bearer <token>`` requests.

A bearer request carries no ambient credential (no cookie), so it is exempt from CSRF; a bad,
expired or revoked token makes the request anonymous rather than falling back to a session.
"""
from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .services import user_for_token


class BearerTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() == "bearer":
            found = user_for_token(token.strip())
            request.user, request.kinerja_api_token = found if found else (AnonymousUser(), None)
            request.kinerja_bearer = True
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)
