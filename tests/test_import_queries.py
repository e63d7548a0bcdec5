"""The organization importer writes in bulk: an import of 3 employee rows costs as many queries as
one of 50, creating and updating alike, and what it writes is what the rows say."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.organization.importer import organization_import
from apps.organization.models import Employee, OrgUnit, PerformanceAdminScope, Position, Role

from .test_import import HEADER, to_csv

UNITS = """code,name,parent_code,kind
DISDIK-SD-KUR,Seksi Kurikulum dan Penilaian (baru),DISDIK-SD,SEKSI
DISDIK-SD-KUR-TIM,Tim Kurikulum,DISDIK-SD-KUR,SEKSI
"""
# Reading (3): units, employees, accounts by username. Writing, in a savepoint (2): units created
# and renamed, moved, their paths (read and write); posts (read, create, reclass); the role groups
# (2); accounts created or changed; role memberships (read, remove, add); HR scopes (read, remove,
# add); employees created, Plt posts cleared, every row's fields; the derived leaders and raters
# (read units and employees, write raters; the open tasks of changed raters).
CREATE_QUERIES = 26
UPDATE_QUERIES = 25


def nip(n: int) -> str:
    return f"199001012015031{n + 1:03d}"


def staff(count: int, *, again: bool = False) -> list[dict]:
    """``count`` new employees of DISDIK-SD-KUR; ``again``: the same people with every field of
    theirs changed (unit, post, its class, name, email, username, rank, roles)."""
    rows = []
    for n in range(count):
        admin = (n % 3 == 0) != again
        rows.append({
            "nip": nip(n), "name": f"Pegawai {n}{' Baru' if again else ''}",
            "email": f"p{n}{'b' if again else ''}@x.id",
            "username": f"pegawai.{n}{'.b' if again else ''}",
            "unit_code": "DISDIK-SD-KUR-TIM" if again and n % 2 else "DISDIK-SD-KUR",
            "position": f"Analis Kurikulum {n % 2}", "position_class": "PELAKSANA" if again else "FUNGSIONAL",
            "employment_type": "PNS", "rank": "Penata (III/c)" if again else "Penata Muda (III/a)",
            "supervisor_nip": nip(0) if n and not again else "", "acting_for_nip": "",
            "roles": ("PERFORMANCE_ADMIN@DISDIK;PERFORMANCE_ADMIN@DISDIK-SD" if again else "PERFORMANCE_ADMIN")
            if admin else ("PROCESS_ADMIN" if n == 1 else "")})
    return rows


def imported(rows) -> int:
    with CaptureQueriesContext(connection) as ctx:
        organization_import(units_csv=UNITS, employees_csv=to_csv(rows, HEADER), password="rahasia-uji-123")
    return len(ctx.captured_queries)


def written(rows):
    """What the database holds for the rows, as the rows say it."""
    User = get_user_model()
    shown = []
    for row in rows:
        e = Employee.objects.select_related("unit", "position", "user", "supervisor_override").get(nip=row["nip"])
        roles = ";".join(sorted(e.user.groups.filter(name__in=Role.values).values_list("name", flat=True)))
        scopes = sorted(PerformanceAdminScope.objects.filter(user=e.user).values_list("unit__code", flat=True))
        shown.append((e.name, e.email, e.user.username, e.user.email, e.user.first_name, e.user.is_staff,
                      e.unit.code, e.position.title, e.position.position_class, e.rank,
                      e.supervisor_override.nip if e.supervisor_override else "", roles, scopes,
                      e.user.check_password("rahasia-uji-123")))
    expected = []
    for row in rows:
        roles = sorted({part.split("@")[0] for part in row["roles"].split(";") if part})
        scopes = sorted(part.split("@")[1] if "@" in part else row["unit_code"]
                        for part in row["roles"].split(";") if part.startswith("PERFORMANCE_ADMIN"))
        expected.append((row["name"], row["email"], row["username"], row["email"], row["name"], bool(roles),
                         row["unit_code"], row["position"], row["position_class"], row["rank"],
                         row["supervisor_nip"], ";".join(roles), scopes, True))
    assert User.objects.filter(username__startswith="pegawai.").count() == len(rows)
    return shown, expected


def reset(name: str) -> None:
    """The demo as loaded: without the rows, accounts, posts and unit of an earlier run."""
    Employee.objects.filter(nip__in=[nip(n) for n in range(50)]).update(supervisor_override=None)
    Employee.objects.filter(nip__in=[nip(n) for n in range(50)]).delete()
    get_user_model().objects.filter(username__startswith="pegawai.").delete()
    Position.objects.filter(title__startswith="Analis Kurikulum").delete()
    OrgUnit.objects.filter(code="DISDIK-SD-KUR-TIM").delete()
    OrgUnit.objects.filter(code="DISDIK-SD-KUR").update(name=name)


def test_import_costs_the_same_queries_for_3_and_50_employee_rows(demo_db):
    counts = {}
    name = OrgUnit.objects.get(code="DISDIK-SD-KUR").name
    for size in (3, 50):
        reset(name)
        created = imported(staff(size))
        shown, expected = written(staff(size))
        assert shown == expected
        updated = imported(staff(size, again=True))
        shown, expected = written(staff(size, again=True))
        assert shown == expected
        counts[size] = created, updated
    assert OrgUnit.objects.get(code="DISDIK-SD-KUR").name == "Seksi Kurikulum dan Penilaian (baru)"
    assert OrgUnit.objects.get(code="DISDIK-SD-KUR-TIM").parent.code == "DISDIK-SD-KUR"
    assert Position.objects.filter(unit__code="DISDIK-SD-KUR-TIM", title__startswith="Analis Kurikulum").count() == 1
    assert Group.objects.filter(name__in=Role.values).count() == 2
    assert counts[3] == counts[50] == (CREATE_QUERIES, UPDATE_QUERIES), counts


def test_an_unchanged_file_writes_the_same_again(demo_db):
    rows = staff(5)
    imported(rows)
    before = written(rows)[0]
    stamp = list(Employee.objects.filter(nip__in=[r["nip"] for r in rows]).values_list("pk", "user_id"))
    imported(rows)
    assert written(rows)[0] == before
    assert list(Employee.objects.filter(nip__in=[r["nip"] for r in rows]).values_list("pk", "user_id")) == stamp
