"""The HTTP side of the ASGI application (project/http.py) on uvicorn: a request's synchronous
work (request_started, the view, closing the response) runs on one of the process's few fixed
lanes, and a burst of requests beyond the lanes waits in line and is answered, instead of
making a thread per request; generated documents have lanes of their own, so the API does not
wait behind them."""
from __future__ import annotations

import datetime as dt
import threading
import time
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


def test_the_api_does_not_wait_behind_documents_being_generated(asgi_host, settings, django_user_model):
    """More document requests than the API has lanes, each held in its lane until the API has
    answered: had they taken the API's lanes, the API would wait for them (here, until the gate
    gives up after 20 s)."""
    user = django_user_model.objects.create_user("pegawai", password="rahasia-123")
    token = TOKEN_PREFIX + "documents"
    ApiToken.objects.create(user=user, digest=_digest(token), prefix=token[:12],
                            expires_at=timezone.now() + dt.timedelta(hours=1))
    gate, held = threading.Event(), []

    def hold_documents(scope=None, **_kwargs):
        if scope and scope["path"].startswith("/dokumen/"):
            held.append(threading.current_thread().name)
            gate.wait(10)

    def document(_n: int) -> int:
        return httpx.get(f"http://{asgi_host}/dokumen/skp/1.pdf", timeout=60).status_code

    documents = settings.KINERJA_HTTP_THREADS + 1
    request_started.connect(hold_documents)
    try:
        with ThreadPoolExecutor(documents) as pool:
            pending = [pool.submit(document, n) for n in range(documents)]
            while len(held) < settings.KINERJA_HTTP_DOCUMENT_THREADS:  # every document lane is held
                time.sleep(0.02)
            answers = [httpx.post(f"http://{asgi_host}/graphql/", timeout=30, json={"query": "{ me { user { username } } }"},
                                  headers={"Authorization": f"Bearer {token}"}) for _ in range(3)]
            answered_while_held = not any(future.done() for future in pending)
            gate.set()
            statuses = [future.result() for future in pending]
    finally:
        gate.set()
        request_started.disconnect(hold_documents)
    assert answered_while_held
    assert [a.json()["data"]["me"]["user"]["username"] for a in answers] == ["pegawai"] * 3
    assert statuses == [404] * documents  # not signed in: as if the plan did not exist
    assert all(name.startswith("http-documents-") for name in held), held
