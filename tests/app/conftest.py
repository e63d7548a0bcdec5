"""Browser tests of the app (frontend/, issue 12): Debian's headless Chromium driven by
Playwright, against the real ASGI application (HTTP, WebSocket subscriptions, the built app's
static files) on uvicorn, over the demo organization with its bundled processes published.

- ``app_url``: the server's base URL (``http://127.0.0.1:<port>``).
- ``browser_for(username, width=1280)``: a page signed in through the app's own sign-in screen,
  in its own browser context (own cookies: three people are three contexts). Any script error
  or failed request to our server fails the test at teardown.
- ``axe_check(page)``: axe-core (from frontend/node_modules) on the current screen; serious and
  critical violations fail.
- ``shot(page, name)``: a full-page screenshot under test-artifacts/app/ (CI keeps it).

The app must have been built (``make test`` builds it first); without frontend/dist/index.html
these tests fail with the command to run.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from django.conf import settings

from ..conftest import PASSWORD, asgi_server, headless_chromium

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "app"
AXE = Path(settings.BASE_DIR) / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = 360, 1280

pytestmark = pytest.mark.django_db(transaction=True)


# One browser per test module, not per session: while Playwright runs, its event loop runs in the
# test thread, and every later test (outside tests/app) that commits events would fail.
@pytest.fixture(scope="module")
def chromium():
    if not (settings.FRONTEND_DIST / "index.html").exists():
        pytest.fail("The app is not built: run `make frontend` (make test does it first).")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with headless_chromium() as browser:
        yield browser


@pytest.fixture
def app_url(published):
    """The ASGI application with the static files (the built app) served, as in production."""
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    with asgi_server(wrap=ASGIStaticFilesHandler) as address:
        yield f"http://{address}"


def in_thread(call):
    """Run ``call`` (services, management commands) off Playwright's thread: its event loop runs
    there once the browser started, and the services' async_to_sync event publishing refuses to
    run inside a running loop."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def run():
        try:
            return call()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def demo_year(app_url, published):
    """The Tubei demo with its year in progress, as `make run` leaves it (load_demo_year): SKP
    approved down the Dinas Pendidikan chain, one submitted, one sent back, TW I reviewed …"""
    import datetime as dt
    import io

    from django.core.management import call_command

    year = dt.date.today().year
    in_thread(lambda: call_command("load_demo_year", "--year", str(year), stdout=io.StringIO()))
    return year


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.fill("#login-username", username)
    page.fill("#login-password", password)
    page.click(".k-login button[type=submit]")


@pytest.fixture
def new_context(chromium, app_url):
    """new_context(width=1280) -> (context, page) not signed in; errors are collected."""
    contexts, errors = [], []

    def make(width: int = DESKTOP):
        # The browser's own zone is not Jakarta: the app must show WIB times all the same.
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale="id-ID",
                                       timezone_id="Europe/Amsterdam", base_url=app_url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))
        page.on("response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.url}"))
        page.on("console", lambda m: m.type == "error" and "status of 4" not in m.text
                and errors.append(f"console: {m.text}"))
        return context, page

    yield make
    for context in contexts:
        context.close()
    assert not errors, errors


@pytest.fixture
def browser_for(new_context):
    """browser_for(username, width=1280) -> a page signed in through the app, on Beranda."""
    def make(username: str, width: int = DESKTOP):
        _context, page = new_context(width)
        page.goto("/")
        sign_in(page, username)
        page.wait_for_selector("header.k-header")
        return page

    return make


@pytest.fixture
def axe_check():
    def check(page, *, exclude: tuple[str, ...] = ()) -> list[dict]:
        # Evaluated through the browser's debugging protocol: the app's Content Security Policy
        # (scripts from our origin only) refuses an injected <script>, as it should.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        result = page.evaluate(
            """async (exclude) => {
                const r = await axe.run({ include: [document], exclude: exclude.map((s) => [s]) },
                                        { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
                return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                                  nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
            }""", list(exclude))
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        assert not serious, json.dumps(serious, indent=1)
        return result

    return check


def shot(page, name: str) -> None:
    width = page.viewport_size["width"]
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


def shot_both(page, name: str) -> None:
    """The same screen at phone and at desktop width (the page stays at desktop width)."""
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, name)


def subscribed(page, operation: str) -> None:
    """Reload the page with its WebSocket watched until the app has sent the subscription named
    ``operation`` (e.g. "TaskEvents"), then give the server a moment to join its groups. A live
    update asserted before that could be sent while nobody listens yet: "networkidle" says
    nothing about a WebSocket."""
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(str(payload))))
    page.reload()
    page.wait_for_selector("header.k-header")
    deadline = time.monotonic() + 20
    while not any(operation in frame for frame in frames):
        assert time.monotonic() < deadline, f"the app did not subscribe to {operation}"
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)


def download(page, link, tmp_path) -> tuple[str, bytes]:
    """Click the link as a user would: (the name the browser saves it under, the file's bytes)."""
    with page.expect_download() as info:
        link.click()
    file = info.value
    assert file.failure() is None, file.failure()
    path = tmp_path / file.suggested_filename
    file.save_as(path)
    return file.suggested_filename, path.read_bytes()
