"""The browser app's budget (issue 12): first-load JavaScript and render times in Chromium.

    python -m bench.app [--runs 5]          # or: make bench-app

1. **Bundle**: what the browser downloads before the first screen — the entry script, the chunks
   index.html preloads and the stylesheet — raw and gzipped (budget: 250 KB of JavaScript gzipped),
   and the largest lazy chunks, loaded only by the screens that need them.
2. **Render**: a fresh SQLite database with the Tubei demo, 50 open tasks for one employee and an
   SKP of 10 work results (2 indicators each); the real ASGI app on uvicorn serving the built app;
   Debian's headless Chromium, signed in. Each run navigates to the screen and stops the clock when
   every row is on screen (performance.now() from navigation start, so server time is included).
   Budget: under 1 s for both.

Prints tables; asserts nothing (timings belong in benchmarks, not tests).
"""
from __future__ import annotations

import argparse
import gzip
import io
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "frontend" / "dist"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "bench-sandi-2026"
TASKS, WORK_RESULTS = 50, 10
# What marks a rendered row on each screen (frontend/src/pages/Inbox.tsx, MyPlan.tsx).
INBOX_ROW, WORK_RESULT_ROW = "[data-testid=task-row]", "[data-testid=work-result]"


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def bundle_table() -> tuple[list[str], int]:
    html = (DIST / "index.html").read_text(encoding="utf-8")
    first = re.findall(r'(?:src|href)="/static/app/(assets/[^"]+\.(?:js|css))"', html)
    rows, total_js = [], 0
    for name in first:
        data = (DIST / name).read_bytes()
        gz = len(gzip.compress(data, 9))
        total_js += gz if name.endswith(".js") else 0
        rows.append(f"| first load | `{name}` | {kb(len(data))} | {kb(gz)} |")
    lazy = sorted((p for p in (DIST / "assets").glob("*.js") if f"assets/{p.name}" not in first),
                  key=lambda p: -p.stat().st_size)[:6]
    for path in lazy:
        data = path.read_bytes()
        rows.append(f"| lazy | `assets/{path.name}` | {kb(len(data))} | {kb(len(gzip.compress(data, 9)))} |")
    table = ["| loaded | file | KB | KB gzipped |", "|---|---|---|---|", *rows,
             f"| **first load, JavaScript** | | | **{kb(total_js)}** (budget 250) |"]
    return table, total_js


def seed() -> tuple[str, str]:
    """The demo, 50 open tasks and a 10-result SKP for one employee: (username, plan path)."""
    from django.core.management import call_command
    from django.utils import timezone

    from apps.organization.models import Employee, OrgUnit
    from apps.organization.importer import organization_import
    from apps.performance import services as performance
    from apps.performance.models import PerformancePlan
    from apps.workflow import services as workflow

    call_command("migrate", verbosity=0)
    demo = ROOT / "apps" / "organization" / "demo"
    organization_import(units_csv=(demo / "units.csv").read_text(encoding="utf-8"),
                        employees_csv=(demo / "employees.csv").read_text(encoding="utf-8"), password=PASSWORD)
    call_command("load_workflows", verbosity=0, stdout=io.StringIO())
    agus = Employee.objects.select_related("user").get(user__username="agus.pratama")
    hr = Employee.objects.select_related("user").get(user__username="rina.anggraini")
    year = timezone.localdate().year
    performance.performance_year_open(actor=hr.user, year=year, unit=OrgUnit.objects.get(code="DISDIK-SD-KUR"))
    plan = PerformancePlan.objects.get(employee=agus, year=year)
    for i in range(WORK_RESULTS):
        performance.work_result_upsert(
            actor=agus.user, plan=plan, work_result_id=None, text=f"Hasil kerja nomor {i + 1} tahun {year}",
            type="UTAMA", parent_ids=[], org_goal_id=None, perspective=None,
            indicators=[{"aspect": "KUANTITAS", "text": f"Jumlah dokumen {i + 1}", "target": "4", "unit": "dokumen"},
                        {"aspect": "WAKTU", "text": "Ketepatan waktu", "target": "12", "unit": "bulan"}])
    from apps.workflow.selectors import tasks_for_me

    # One running instance per process, subject and period: each its own period.
    for i in range(TASKS - tasks_for_me(agus.user).count()):
        workflow.process_start(actor=agus.user, key="approval_demo", subject=agus, data={"periodId": f"bench-{i}"})
    return agus.user.username, "/skp"


def render_table(runs: int) -> list[str]:
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from playwright.sync_api import sync_playwright

    from tests.conftest import asgi_server

    username, plan_path = seed()
    rows = []
    with asgi_server(wrap=ASGIStaticFilesHandler) as address, sync_playwright() as playwright:
        base = f"http://{address}"
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID").new_page()
        page.goto(base + "/")
        page.fill("#login-username", username)
        page.fill("#login-password", PASSWORD)
        page.click(".k-login button[type=submit]")
        page.wait_for_selector("header.k-header")
        for label, path, selector, count in [(f"Tugas: {TASKS} open tasks", "/tugas?n=50", INBOX_ROW, TASKS),
                                             (f"SKP saya: {WORK_RESULTS} work results", plan_path, WORK_RESULT_ROW,
                                              WORK_RESULTS)]:
            times = []
            for _ in range(runs + 1):  # the first run warms the server and the browser cache up
                page.goto(base + path)
                page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length >= n",
                                       arg=[selector, count], timeout=30_000)
                times.append(page.evaluate("performance.now()"))
            times = times[1:]
            rows.append(f"| {label} | {runs} | {statistics.median(times):.0f} | {max(times):.0f} |")
        browser.close()
    return ["| screen | runs | median ms | max ms |", "|---|---|---|---|", *rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (DIST / "index.html").exists():
        sys.exit("Build the app first: make frontend")
    bundle, _ = bundle_table()
    print("\n".join(["## First load", "", *bundle, ""]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings_test")
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-app.sqlite3"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop here
    import django

    django.setup()
    print("\n".join(["## Render in Chromium", "", *render_table(args.runs), ""]))


if __name__ == "__main__":
    main()
