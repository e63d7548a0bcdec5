"""Documents benchmark: generation time and size of each PDF and XLSX recap for the demo year.

    python -m bench.documents [--runs 15] [--out bench/results/<date>-documents.md]

Loads the Tubei demo and its year in progress (load_demo_year) into a fresh database named by
DATABASE_URL (default: a temporary SQLite file), grows one draft plan to 30 work results of two
indicators each, then renders each document ``runs`` times in process (no HTTP: the data
loading and the PDF layout, which is what a download costs) and prints one table row per
document: median and slowest time, size, pages, queries. Not a test: nothing is asserted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import time
from pathlib import Path

from .org import setup_django

YEAR = 2026
DEMO = Path(__file__).resolve().parent.parent / "apps" / "organization" / "demo"


def load_demo_year() -> None:
    from django.core.management import call_command

    from apps.organization.importer import organization_import

    organization_import(units_csv=(DEMO / "units.csv").read_text(encoding="utf-8"),
                        employees_csv=(DEMO / "employees.csv").read_text(encoding="utf-8"), password="bench-12345")
    call_command("load_workflows", stdout=io.StringIO())
    call_command("load_demo_year", "--year", str(YEAR), stdout=io.StringIO())


def thirty_result_plan():
    """The plan sent back for revision, grown to 30 work results × 2 indicators (as the tests do)."""
    from apps.performance.models import Indicator, PerformancePlan, WorkResult

    plan = PerformancePlan.objects.get(year=YEAR, revision_notes__startswith="Tambahkan")
    parents = list(plan.work_results.first().parents.all())
    for n in range(2, 31):
        result = WorkResult.objects.create(plan=plan, position=n, type="UTAMA" if n <= 24 else "TAMBAHAN",
                                           text=f"Rencana hasil kerja nomor {n}: verifikasi data sekolah wilayah {n}")
        result.parents.set(parents)
        Indicator.objects.create(work_result=result, aspect="KUANTITAS", text="Sekolah terverifikasi",
                                 target=str(n), unit="sekolah")
        Indicator.objects.create(work_result=result, aspect="KUALITAS", text="Persentase data valid", target="95",
                                 unit="%")
    return plan


def shown_to_hr(employee) -> bool:
    """The viewer of the unit documents here: HR of the whole regency, who sees every NIP."""
    return True


def cases() -> list[tuple[str, object, tuple]]:
    from apps.organization.models import Employee, OrgUnit
    from apps.performance.documents import evaluation, predicates, recap, skp
    from apps.performance.models import Evaluation, PerformancePeriod, PerformancePlan

    agus = Employee.objects.get(position__title="Pengembang Kurikulum", unit__code="DISDIK-SD-KUR")
    q1 = PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=1)
    lebong = OrgUnit.objects.get(code="LEBONG")
    everyone = Employee.objects.filter(unit__path__startswith=lebong.path, is_active=True).count()
    return [
        ("SKP, approved (1 result)", skp.render, (PerformancePlan.objects.get(employee=agus, year=YEAR),)),
        ("SKP, draft, 30 results × 2 indicators", skp.render, (thirty_result_plan(),)),
        ("Evaluation TW I, final", evaluation.render, (Evaluation.objects.get(plan__employee=agus, period=q1),)),
        ("Predicate determination, section (4 employees)", predicates.render,
         (OrgUnit.objects.get(code="DISDIK-SD-KUR"), q1, shown_to_hr)),
        (f"Predicate determination, Kabupaten Lebong ({everyone} employees)", predicates.render, (lebong, q1, shown_to_hr)),
        ("Recap XLSX, Dinas Pendidikan, year", recap.render, (OrgUnit.objects.get(code="DISDIK"), YEAR, None, shown_to_hr)),
        ("Recap XLSX, Dinas Pendidikan, TW I", recap.render, (OrgUnit.objects.get(code="DISDIK"), YEAR, q1, shown_to_hr)),
        (f"Recap XLSX, Kabupaten Lebong ({everyone} employees), TW I", recap.render, (lebong, YEAR, q1, shown_to_hr)),
    ]


def measure(render, args: tuple, runs: int) -> tuple[list[float], bytes, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = render(*args)
        times.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as captured:
        render(*args)
    return times, pdf, len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--out", default=f"bench/results/{dt.date.today().isoformat()}-documents.md")
    args = parser.parse_args()
    setup_django(None)
    from django.conf import settings
    from django.db import connection
    from pypdf import PdfReader

    load_demo_year()
    lines = [f"Command: `python -m bench.documents --runs {args.runs}` on {connection.vendor}, paper "
             f"{settings.KINERJA_DOCUMENT_PAPER}, reportlab in process (data loading + layout, no HTTP); "
             f"the demo year of `make run` (load_demo_year); load average {os.getloadavg()[0]:.1f} on "
             f"{os.cpu_count()} CPUs (machine shared with other runs: medians are the figure to read).", "",
             "| document | median ms | max ms | KB | pages | queries |", "|---|---:|---:|---:|---:|---:|"]
    print("\n".join(lines[2:]), flush=True)
    for name, render, render_args in cases():
        times, pdf, queries = measure(render, render_args, args.runs)
        pages = len(PdfReader(io.BytesIO(pdf)).pages) if pdf.startswith(b"%PDF") else "–"
        row = (f"| {name} | {statistics.median(times) * 1000:.0f} | {max(times) * 1000:.0f} | "
               f"{len(pdf) / 1024:.1f} | {pages} | {queries} |")
        print(row, flush=True)
        lines.append(row)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
