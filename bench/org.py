"""Organization benchmark: import time and selector cost as the organization grows.

    python -m bench.org [--employees 1000 5000] [--depth 6]

Builds a synthetic organization (units `depth` levels deep, a head per unit, staff below) in a
fresh database named by DATABASE_URL (default: a temporary SQLite file), imports it through the
real importer and prints one table row per size: import wall time, per-employee ms, and the
query count and mean time of each selector. Not a test: nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def setup_django(database_url: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings_test")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("flush", "--noinput", verbosity=0) if _tables_exist() else None
    call_command("migrate", verbosity=0)


def _tables_exist() -> bool:
    from django.db import connection

    return "organization_employee" in connection.introspection.table_names()


def synthetic_org(employees: int, depth: int) -> tuple[str, str]:
    """CSV text for a balanced tree: branching chosen so `depth` levels hold the employees."""
    branching = 3
    units = ["code,name,parent_code,kind"]
    people = ["nip,name,email,username,unit_code,position,position_class,employment_type,supervisor_nip,acting_for_nip,roles"]
    codes = [["U"]]
    units.append("U,Pemda Sintetis,,PEMDA")
    for level in range(1, depth):
        codes.append([])
        for parent in codes[level - 1]:
            for b in range(branching):
                code = f"{parent}.{b}"
                codes[level].append(code)
                units.append(f"{code},Unit {code},{parent},{'DINAS' if level == 1 else 'BIDANG'}")
    all_units = [c for level in codes for c in level]
    classes = ["JPT", "JPT", "ADMINISTRATOR", "PENGAWAS"]
    n = 0

    def nip() -> str:
        nonlocal n
        n += 1
        return f"19800101{2005 + n // 1998:04d}01{1 + n % 2}{n % 999 + 1:03d}"

    for i, code in enumerate(all_units):
        level = code.count(".")
        people.append(f"{nip()},Kepala {code},,,{code},Kepala {code},{classes[min(level, 3)]},PNS,,,")
    staff = max(0, employees - len(all_units))
    for i in range(staff):
        code = all_units[i % len(all_units)]
        people.append(f"{nip()},Staf {i},,,{code},Staf,PELAKSANA,PNS,,,")
    return "\n".join(units) + "\n", "\n".join(people) + "\n"


def measure(fn, repeat: int = 50) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return len(ctx.captured_queries), statistics.mean(times)


def run(sizes: list[int], depth: int) -> None:
    from django.core.management import call_command

    from apps.organization import selectors
    from apps.organization.importer import organization_import
    from apps.organization.models import Employee, OrgUnit

    rows = []
    for size in sizes:
        call_command("flush", "--noinput", verbosity=0)
        units_csv, employees_csv = synthetic_org(size, depth)
        start = time.perf_counter()
        organization_import(units_csv=units_csv, employees_csv=employees_csv)
        elapsed = time.perf_counter() - start
        staff = Employee.objects.filter(position__title="Staf").order_by("-unit__depth").first()
        head = Employee.objects.get(pk=staff.rater_id)
        unit = OrgUnit.objects.order_by("-depth").first()
        cells = [f"{Employee.objects.count():>9}", f"{elapsed:>8.2f}", f"{elapsed * 1000 / size:>7.2f}"]
        for fn in (lambda: selectors.rater_of(staff), lambda: selectors.rater_supervisor_of(staff),
                   lambda: list(selectors.subordinates_of(head)), lambda: selectors.leader_of(unit)):
            queries, ms = measure(fn)
            cells.append(f"{queries} q {ms:6.3f}")
        rows.append(cells)
    header = ["employees", "import s", "ms/emp", "rater_of", "rater_supervisor_of", "subordinates_of", "leader_of"]
    print(f"\nOrganization benchmark (depth {depth}, {os.environ['DATABASE_URL'].split(':')[0]})")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    print("(selector cells: queries, mean ms over 50 calls)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, os.getcwd())
    setup_django(args.database_url)
    run(args.employees, args.depth)


if __name__ == "__main__":
    main()
