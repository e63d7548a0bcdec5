"""Masuk / Keluar in the browser: the session cookie (HttpOnly) and the CSRF header, nothing in
the browser's storage but the language; clear messages for a wrong password, for too many
attempts and for a session that ended elsewhere. GraphiQL and the app load nothing from the
internet."""
from __future__ import annotations

from urllib.parse import urlparse

from django.contrib.sessions.models import Session
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import PHONE, shot, sign_in


def test_wrong_password_then_sign_in_and_out(new_context, published, axe_check):
    context, page = new_context()
    page.goto("/")
    page.wait_for_selector("#login-username")
    shot(page, "masuk")
    axe_check(page)
    assert page.locator(".k-login [role=status]").count() == 0   # a first visit: no "session ended"
    sign_in(page, published.staff.user.username, "salah-sandi")
    alert = page.locator(".k-login [role=alert]")
    assert "salah" in alert.inner_text().lower() or "tidak" in alert.inner_text().lower()
    assert page.input_value("#login-password") == ""           # the wrong password is not kept

    sign_in(page, published.staff.user.username)
    page.wait_for_selector("header.k-header")
    assert page.locator(".k-user").inner_text() == published.staff.name
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["sessionid"]["httpOnly"] is True
    storage = page.evaluate("() => JSON.stringify({...localStorage, ...sessionStorage})")
    assert "token" not in storage.lower() and published.staff.user.username not in storage

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_selector("#login-username")
    assert not Session.objects.exists()                        # ended on the server, not only hidden


def test_too_many_attempts_are_refused_with_a_clear_message(new_context, published):
    _context, page = new_context(PHONE)
    page.goto("/")
    for _ in range(12):
        sign_in(page, published.staff.user.username, "salah-sandi")
        page.wait_for_selector(".k-login [role=alert]")
    sign_in(page, published.staff.user.username)               # the right password, too late
    page.wait_for_selector(".k-login [role=alert]:has-text('Terlalu banyak')")
    shot(page, "masuk-terlalu-banyak")
    assert page.locator("header.k-header").count() == 0


def test_a_session_ended_elsewhere_brings_back_the_sign_in_screen(browser_for, published):
    page = browser_for(published.staff.user.username)
    Session.objects.all().delete()                             # revoked by the server (or expired)
    try:
        page.locator("nav a[href='/tugas']").click(timeout=3_000)
    except PlaywrightTimeout:
        pass  # the server already ended the live subscription and the app showed the sign-in screen
    page.wait_for_selector(".k-login [role=status]:has-text('Sesi Anda telah berakhir')")
    where = page.url
    sign_in(page, published.staff.user.username)
    page.wait_for_selector("header.k-header")
    assert page.url == where                                   # back where the person was


def test_english_switch_and_deep_links(browser_for, published):
    page = browser_for(published.staff.user.username, PHONE)
    page.goto("/tugas")                                        # a reload on an app route
    page.wait_for_selector("header.k-header")
    page.get_by_role("button", name="EN", exact=True).click()
    page.get_by_role("button", name="Menu", exact=True).click()
    assert page.get_by_role("link", name="Home", exact=True).is_visible()
    assert page.evaluate("document.documentElement.lang") == "en"


def test_graphiql_and_the_app_load_nothing_from_the_internet(new_context, published, app_url, settings):
    settings.GRAPHIQL = True
    _context, page = new_context()
    hosts = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    page.goto("/")
    page.wait_for_selector("#login-username")
    page.goto("/graphql/", wait_until="networkidle")
    page.wait_for_selector(".graphiql-container .graphiql-query-editor", timeout=30_000)
    shot(page, "graphiql")
    assert hosts == {urlparse(app_url).netloc}, hosts
