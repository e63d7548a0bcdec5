"""R-DISCIPLINE benchmark: the month's discipline summary of many employees (issue 14: 10,000
employees in ≤ 5 s on PostgreSQL), and the XLSX of the same month.

    python -m bench.daily [--employees 10000] [--runs 5] [--database-url postgres://…/kinerja_bench_daily]

The database named by --database-url (or DATABASE_URL; default a temporary SQLite file) is
FLUSHED and migrated: never point it at a database you keep. Builds with bulk_create a region of
50 units (one with a 6-day week) and N employees, each with an SKP work result, one entry per
working day of March 2026 (Nyepi and Idul Fitri taken off): mostly on time, some late by one to
three days, some days missing or drafts only, 5% of the staff on leave for a week. Then times
``month_summary`` over all of them (the employees read first, as the callers do) and the XLSX
of the whole region, and prints one table. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time
from zoneinfo import ZoneInfo

from .org import setup_django

YEAR, MONTH, UNITS = 2026, 3, 50
WIB = ZoneInfo("Asia/Jakarta")
HOLIDAYS = {dt.date(2026, 3, d): "Nyepi / Idul Fitri" for d in (18, 19, 20, 21, 23, 24)}


def build(employees: int) -> None:
    from apps.daily import calendar
    from apps.daily.models import DailyEntry, EntryStatus, Holiday, Leave, LeaveKind, LeaveStatus, UnitSchedule
    from apps.organization.models import Employee, OrgUnit, Position
    from apps.performance.models import PerformancePlan, WorkResult

    rng = random.Random(14)
    for day, name in HOLIDAYS.items():
        Holiday.objects.create(date=day, name=name, kind="NATIONAL")
    root = OrgUnit.objects.create(code="BENCH", name="Pemerintah Kabupaten Bench", kind="PEMDA")
    OrgUnit.objects.filter(pk=root.pk).update(path=f"/{root.pk}/")
    units = []
    for n in range(UNITS):
        unit = OrgUnit.objects.create(code=f"B{n:02d}", name=f"Unit Bench {n:02d}", kind="DINAS", parent=root, depth=1)
        unit.path = f"/{root.pk}/{unit.pk}/"
        unit.save(update_fields=["path"])
        units.append(unit)
    UnitSchedule.objects.create(unit=units[0], working_days=6)
    positions = Position.objects.bulk_create(
        [Position(unit=u, title="Pengolah Data", position_class="PELAKSANA") for u in units])
    Employee.objects.bulk_create(
        [Employee(nip=f"19900101201501{n:04d}", name=f"Pegawai {n:05d}", employment_type="PNS",
                  unit=units[n % UNITS], position=positions[n % UNITS], rank="Penata Muda (III/a)")
         for n in range(employees)], batch_size=2000)
    staff = list(Employee.objects.select_related("unit"))
    plans = PerformancePlan.objects.bulk_create(
        [PerformancePlan(employee=e, year=YEAR, status="APPROVED") for e in staff], batch_size=2000)
    results = WorkResult.objects.bulk_create([WorkResult(plan=p, text="Data terolah") for p in plans], batch_size=2000)
    schedules = {5: calendar.Schedule(5), 6: calendar.Schedule(6)}
    holidays = set(HOLIDAYS)
    entries, leave = [], []
    for employee, result in zip(staff, results):
        schedule = schedules[6 if employee.unit_id == units[0].pk else 5]
        for day in calendar.working_days(dt.date(YEAR, MONTH, 1), dt.date(YEAR, MONTH, 31), schedule, holidays):
            draw = rng.random()
            if draw < 0.05:
                continue  # missing
            status, submitted = EntryStatus.APPROVED, None
            if draw < 0.08:
                status = EntryStatus.DRAFT
            else:
                delay = 0 if draw < 0.85 else rng.choice([2, 3, 6])
                submitted = dt.datetime.combine(day + dt.timedelta(days=delay), dt.time(15), tzinfo=WIB)
            entries.append(DailyEntry(
                employee=employee, date=day, work_result=result, text="Mengolah data", quantity=1,
                output_unit="berkas", status=status, first_submitted_at=submitted,
                late_days=calendar.late_days(day, submitted, schedule, holidays) if submitted else 0))
        if rng.random() < 0.05:
            leave.append(Leave(employee=employee, starts_on=dt.date(YEAR, MONTH, 9), ends_on=dt.date(YEAR, MONTH, 13),
                               kind=LeaveKind.CUTI, status=LeaveStatus.APPROVED))
    DailyEntry.objects.bulk_create(entries, batch_size=5000)
    Leave.objects.bulk_create(leave)


def timed(function, runs: int) -> tuple[list[float], int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        function()
    return times, len(queries), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    setup_django(args.database_url)
    from django.db import connection

    from apps.daily import discipline, discipline_xlsx
    from apps.daily.models import DailyEntry
    from apps.organization.models import OrgUnit

    start = time.perf_counter()
    build(args.employees)
    print(f"built {args.employees} employees, {DailyEntry.objects.count()} entries in "
          f"{time.perf_counter() - start:.0f} s on {connection.vendor}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs", flush=True)
    region = OrgUnit.objects.get(code="BENCH")
    today = dt.date(YEAR, MONTH + 1, 15)  # the month is over: every day counted
    cases = [
        (f"month_summary, {args.employees} employees (read + compute)",
         lambda: discipline.month_summary(list(discipline.subtree_employees(region)), YEAR, MONTH, today=today)),
        (f"XLSX of the region, {args.employees} rows", lambda: discipline_xlsx.render(region, YEAR, MONTH, lambda employee: True)),
    ]
    print("| case | median s | max s | queries |\n|---|---:|---:|---:|")
    for name, function in cases:
        times, queries, _ = timed(function, args.runs)
        print(f"| {name} | {statistics.median(times):.2f} | {max(times):.2f} | {queries} |", flush=True)


if __name__ == "__main__":
    main()
