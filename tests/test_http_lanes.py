"""The HTTP side of the ASGI application (project/http.py) on uvicorn: a request's synchronous
work (request_started, the view, closing the response) runs on one of the process's few fixed
lanes, and a burst of requests beyond the lanes waits in line and is answered, instead of
making a thread per request."""
from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.core.signals import request_finished, request_started
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.accounts.services import TOKEN_PREFIX, _digest

from .conftest import asgi_server

BURST = 24


@pytest.fixture
def asgi_host(transactional_db, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    with asgi_server() as host:
        yield host


def test_a_burst_beyond_the_lanes_is_answered_on_the_lanes(asgi_host, settings, django_user_model):
    user = django_user_model.objects.create_user("pegawai", password="rahasia-123")
    token = TOKEN_PREFIX + "lanes"
    ApiToken.objects.create(user=user, digest=_digest(token), prefix=token[:12],
                            expires_at=timezone.now() + dt.timedelta(hours=1))
    seen: list[tuple[str, str]] = []

    def started(**_kwargs):
        seen.append(("started", threading.current_thread().name))

    def finished(**_kwargs):
        seen.append(("finished", threading.current_thread().name))

    def post(n: int) -> tuple[int, dict]:
        # Every other one signed in: both read the database, so each request needs its connection.
        answer = httpx.post(f"http://{asgi_host}/graphql/", timeout=30, json={"query": "{ me { user { username } } }"},
                            headers={"Authorization": f"Bearer {token}"} if n % 2 else {})
        return answer.status_code, answer.json()

    request_started.connect(started)
    request_finished.connect(finished)
    try:
        with ThreadPoolExecutor(BURST) as pool:
            answers = list(pool.map(post, range(BURST)))
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)

    assert [status for status, _body in answers] == [200] * BURST
    assert [(body["data"] or {}).get("me") for _status, body in answers] == \
        [{"user": {"username": "pegawai"}} if n % 2 else None for n in range(BURST)]
    assert [kind for kind, _thread in seen].count("started") == BURST
    lanes = {thread for _kind, thread in seen}
    # Every request ran on a lane (not on a thread made for it), and never on more than there are.
    assert all(thread.startswith("http-lane-") for thread in lanes), lanes
    assert len(lanes) <= settings.KINERJA_HTTP_THREADS
