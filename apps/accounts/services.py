"""Login, logout and bearer tokens. Tokens are random, shown once, stored as a SHA-256 digest."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import cast

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from apps.core import rows
from apps.core.errors import BadInput, DomainError

from .models import ApiToken

TOKEN_PREFIX = "knj_"
# Session entry naming the bearer token issued by the same login.
SESSION_TOKEN_KEY = "kinerja_api_token_id"


class TooManyAttempts(DomainError):
    code = "FORBIDDEN"
    default_message = _("Too many login attempts. Wait a few minutes and try again.")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class LoginResult:
    token: str
    user: User
    expires_at: dt.datetime


def _rate_limited(request: HttpRequest, username: str) -> bool:
    """Count this attempt against both limits; True when either is exceeded."""
    by_address = is_ratelimited(request, group="login-address", key="ip",
                                rate=settings.KINERJA_LOGIN_RATE_ADDRESS, increment=True)
    by_username = is_ratelimited(request, group="login-username", key=lambda _group, _request: username.lower(),
                                 rate=settings.KINERJA_LOGIN_RATE_USERNAME, increment=True)
    return by_address or by_username


def check_login_rate(request: HttpRequest, username: str) -> None:
    """Count one sign-in attempt; TooManyAttempts when over a limit. Every sign-in form
    (GraphQL ``login``, /masuk/, /admin/login/) calls this before checking the password."""
    if _rate_limited(request, username):
        raise TooManyAttempts()


@transaction.atomic
def session_login(*, request: HttpRequest, username: str, password: str) -> User:
    """Check the credentials (rate-limited) and start a session: the web pages' login."""
    check_login_rate(request, username)
    user = auth.authenticate(request, username=username, password=password)
    if user is None:
        raise BadInput(_("Wrong username or password."), fields={"password": "invalid"})
    auth.login(request, user)
    return user


@transaction.atomic
def login(*, request: HttpRequest, username: str, password: str) -> LoginResult:
    """Check the credentials, start a session and issue a bearer token."""
    user = session_login(request=request, username=username, password=password)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(hours=settings.KINERJA_TOKEN_TTL_HOURS)
    api_token = ApiToken.objects.create(user=user, digest=_digest(token), prefix=token[:12], expires_at=expires_at,
                                        session_key=request.session.session_key or "")
    request.session[SESSION_TOKEN_KEY] = api_token.pk
    return LoginResult(token=token, user=user, expires_at=expires_at)


@transaction.atomic
def logout(*, request: HttpRequest) -> None:
    """End the login this request belongs to: its bearer token and its session, server-side.

    A GraphQL ``login`` starts both; logging out with either (the token, or the session
    cookie) revokes the token and deletes the session, so neither authenticates afterwards.
    """
    token = getattr(request, "kinerja_api_token", None)
    token_ids = {token.pk} if token is not None else set()
    if request.user.is_authenticated and hasattr(request, "session"):
        token_ids.add(request.session.get(SESSION_TOKEN_KEY))
    ApiToken.objects.filter(pk__in=token_ids - {None}, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if token is not None and token.session_key:
        _session_store(token.session_key).delete()
    auth.logout(request)


def _session_store(session_key: str | None):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def credentials_live(user: User, *, api_token_id: int | None, session_key: str | None) -> bool:
    """Whether the token or session a long-lived connection (WebSocket) signed in with still
    signs ``user`` in: not revoked, expired, logged out, or the user deactivated."""
    if api_token_id is not None:
        return ApiToken.objects.filter(pk=api_token_id, user=user, revoked_at__isnull=True,
                                       expires_at__gt=timezone.now(), user__is_active=True).exists()
    if session_key:
        # Django's own check: the session exists, names this user, and its password hash matches.
        request = HttpRequest()
        request.session = _session_store(session_key)
        return auth.get_user(request).pk == user.pk
    return False


@cache
def _live_token_sql() -> str:
    # Read on every bearer request: written once (apps/core/rows.py says why), the same filters
    # as ApiToken.objects.filter(digest=..., revoked_at__isnull=True, expires_at__gt=now,
    # user__is_active=True) with the user joined.
    token, user = ApiToken._meta.db_table, User._meta.db_table
    return (f"SELECT {rows.columns(ApiToken, 't')}, {rows.columns(User, 'u')} FROM {token} t "
            f"JOIN {user} u ON u.id = t.user_id "
            f"WHERE t.digest = %s AND t.revoked_at IS NULL AND t.expires_at > %s AND u.is_active = %s")


def user_for_token(token: str) -> tuple[User, ApiToken] | None:
    """The active user a live token belongs to, or None (1 query, plus 1 write a minute)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    found = rows.fetch_one(_live_token_sql(), [_digest(token), now, True], (ApiToken, User))
    if found is None:
        return None
    api_token, user = cast(ApiToken, found[0]), cast(User, found[1])
    api_token.user = user
    if api_token.last_used_at is None or now - api_token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
    return user, api_token

