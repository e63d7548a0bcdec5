"""Shared fixtures: a real HTTP GraphQL client against a live server, and the Tubei demo org."""
from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.core.cache import cache

from apps.organization.importer import organization_import
from apps.organization.models import Employee

DEMO_DIR = Path(__file__).resolve().parent.parent / "apps" / "organization" / "demo"
PASSWORD = "rahasia-uji-123"


class GraphQLClient:
    """Posts GraphQL over HTTP like any frontend: JSON body, bearer token or session+CSRF."""

    def __init__(self, base_url: str, *, browser: bool = False) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.token: str | None = None
        self.language: str | None = None
        self.browser = browser  # keep cookies (session + CSRF) like a browser does

    def post(self, query: str, variables: dict | None = None, *, headers: dict | None = None) -> httpx.Response:
        sent = {"Content-Type": "application/json"}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        if self.language:
            sent["Accept-Language"] = self.language
        sent.update(headers or {})
        if not self.browser:
            self.http.cookies.clear()
        return self.http.post("/graphql/", json={"query": query, "variables": variables or {}}, headers=sent)

    def __call__(self, query: str, variables: dict | None = None, **kwargs: Any) -> dict:
        response = self.post(query, variables, **kwargs)
        assert response.status_code == 200, response.text
        return response.json()

    def login(self, username: str, password: str = PASSWORD) -> "GraphQLClient":
        result = self(LOGIN, {"u": username, "p": password})
        assert "errors" not in result, result
        self.token = result["data"]["login"]["token"]
        return self

    def data(self, query: str, variables: dict | None = None) -> dict:
        result = self(query, variables)
        assert "errors" not in result, result["errors"]
        return result["data"]

    def error(self, query: str, variables: dict | None = None) -> dict:
        """The single error of a failed operation."""
        result = self(query, variables)
        assert result.get("errors"), result
        return result["errors"][0]


LOGIN = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { id username } } }"


@pytest.fixture
def ratelimit_clock(monkeypatch):
    """Hold django-ratelimit's clock still for the test. Its windows are fixed (a minute, 15
    minutes, from a point of its own), so attempts on a slow machine could straddle a window's end
    and start counting afresh: CI saw a blocked login go through twice."""
    import types

    import django_ratelimit.core

    now = django_ratelimit.core.time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: now))


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # rate-limit counters must not leak between tests
    yield
    cache.clear()


@pytest.fixture
def gql(live_server):
    client = GraphQLClient(live_server.url)
    yield client
    client.http.close()


@pytest.fixture
def client_for(live_server):
    """client_for('username') -> a logged-in GraphQL client."""
    clients: list[GraphQLClient] = []

    def make(username: str | None = None) -> GraphQLClient:
        c = GraphQLClient(live_server.url)
        clients.append(c)
        return c.login(username) if username else c

    yield make
    for c in clients:
        c.http.close()


def load_demo() -> None:
    organization_import(
        units_csv=(DEMO_DIR / "units.csv").read_text(encoding="utf-8"),
        employees_csv=(DEMO_DIR / "employees.csv").read_text(encoding="utf-8"),
        password=PASSWORD,
    )


@pytest.fixture
def demo(transactional_db):
    """The Tubei demo organization, loaded through the importer, for live-server tests."""
    load_demo()
    return Demo()


@pytest.fixture
def demo_db(db):
    """The same demo inside a rolled-back transaction, for tests without a live server."""
    load_demo()
    return Demo()


class Demo:
    """Named people of the demo, by role in the chain Kadis → Kabid → Kasi → staff."""

    def __getattr__(self, name: str) -> Employee:
        title, unit = {
            "sekda": ("Sekretaris Daerah", "SETDA"),
            "kadis": ("Kepala Dinas Pendidikan dan Kebudayaan", "DISDIK"),
            "kabid": ("Kepala Bidang Pembinaan Sekolah Dasar", "DISDIK-SD"),
            "kasi": ("Kepala Seksi Kurikulum dan Penilaian", "DISDIK-SD-KUR"),
            "staff": ("Pengembang Kurikulum", "DISDIK-SD-KUR"),
            "peer": ("Pengolah Data Pendidikan", "DISDIK-SD-KUR"),
            "other_rater": ("Kepala Seksi Pelayanan Kesehatan Primer", "DINKES-YANKES-PRIMER"),
            "hr_all": ("Analis Sumber Daya Manusia Aparatur", "BKPSDM-PKP"),
            "hr_dinkes": ("Analis Sumber Daya Manusia Aparatur", "DINKES"),
            "process_admin": ("Pranata Komputer", "BKPSDM-PKP"),
            "kapus": ("Kepala UPTD Puskesmas Tubei", "PKM-TUBEI"),
            "plt_kapus": ("Dokter Ahli Muda", "PKM-TUBEI"),
            "nurse": ("Perawat Ahli Pertama", "PKM-TUBEI"),
            "kadinkes": ("Kepala Dinas Kesehatan", "DINKES"),
        }[name]
        return (
            Employee.objects.select_related("user", "unit", "position")
            .filter(position__title=title, unit__code=unit).order_by("pk").first()
        )


@contextmanager
def asgi_server(wrap=None) -> Iterator[str]:
    """The project's ASGI application (HTTP and WebSocket) on uvicorn in a thread: its host:port.
    ``wrap``: an ASGI wrapper around it (the browser tests serve static files with it)."""
    import socket
    import threading
    import time

    import uvicorn

    from project.asgi import application

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(wrap(application) if wrap else application, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)



CHROMIUM = "/usr/bin/chromium"
# As root in a sandboxed machine: no sandbox, no GPU; no background calls to Google's hosts
# (this machine's network refuses them, many at a time, which slows every start).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def headless_chromium():
    """Debian's Chromium driven by Playwright (never Playwright's own browser download), for a
    module's browser tests. Skipped without /usr/bin/chromium, except under CI (``CI`` set),
    where a missing browser fails: `.ci/run` installs the `chromium` package."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium (Debian's package)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread while it is started;
    # Django then refuses ORM calls here (the test's own and the database flush between tests),
    # although they are plain synchronous calls — allowed for exactly that time.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def gid(type_name: str, pk: int) -> str:
    from strawberry import relay

    return str(relay.GlobalID(type_name, str(pk)))


@pytest.fixture
def published(demo):
    """The demo organization plus the bundled processes, published as `make run` does."""
    from django.core.management import call_command

    call_command("load_workflows", stdout=io.StringIO())
    return demo


@pytest.fixture
def clock(monkeypatch):
    """Move the clock for SpiffWorkflow's timers and for our timer runner alike."""
    import datetime as dt

    from django.utils import timezone
    from SpiffWorkflow.bpmn.specs.event_definitions import timer

    state = {"offset": dt.timedelta(0)}

    class MovedDatetime(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.now(tz) + state["offset"]

    real_now = timezone.now
    monkeypatch.setattr(timer, "datetime", MovedDatetime)
    monkeypatch.setattr("apps.workflow.services.timezone.now", lambda: real_now() + state["offset"])

    def advance(**delta):
        state["offset"] += dt.timedelta(**delta)

    return advance
