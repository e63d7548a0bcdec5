"""A first deployment: the bulk jobs refuse at once while the process they start is unpublished
(no Job is created), job errors name each employee, and the README's first-deployment steps
(migrate, import the organization, publish the shipped processes, create the first
administrator, open the year) run through on an empty PostgreSQL database."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
from django.conf import settings

from apps.performance import services
from apps.performance.models import Job, PerformancePeriod, PerformancePlan, PlanStatus
from apps.workflow import services as workflow
from apps.workflow.models import DefinitionStatus, ProcessDefinition
from apps.workflow.registry import Binding

from .conftest import DEMO_DIR, LOGIN, gid
from .performance.test_planning import JOB, OPEN

YEAR = 2027
OPEN_PERIOD = "mutation($p: ID!, $u: ID!) { openReviewPeriod(periodId: $p, unitId: $u) { id status } }"


# --- refusal before the job ------------------------------------------------------------------

def test_opening_a_year_before_the_planning_process_is_published_is_refused(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    error = hr.error(OPEN, {"y": YEAR, "u": gid("OrgUnit", demo.kadis.unit_id)})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["fields"] == {"process": "skp_planning"}
    assert error["message"] == ("Proses skp_planning belum diterbitkan: administrator proses harus menerbitkannya "
                                "terlebih dahulu (proses bawaan: manage.py load_workflows).")
    hr.language = "en"
    assert "The process skp_planning is not published yet" in hr.error(
        OPEN, {"y": YEAR, "u": gid("OrgUnit", demo.kadis.unit_id)})["message"]
    assert not Job.objects.exists() and not PerformancePeriod.objects.exists()  # nothing written
    # Permission comes first: someone who may not open the year learns nothing about processes.
    staff = client_for(demo.staff.user.username)
    assert staff.error(OPEN, {"y": YEAR, "u": gid("OrgUnit", demo.kadis.unit_id)})["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize("kind, process", [("QUARTER", "periodic_review"), ("YEAR", "annual_review")])
def test_opening_a_review_period_before_its_process_is_published_is_refused(published, client_for, kind, process):
    d = published
    services.periods_create(year=YEAR)
    period = PerformancePeriod.objects.get(year=YEAR, kind=kind, number=1)
    ProcessDefinition.objects.filter(key=process).update(status=DefinitionStatus.RETIRED)  # e.g. retired by mistake
    hr = client_for(d.hr_all.user.username)
    error = hr.error(OPEN_PERIOD, {"p": gid("PerformancePeriod", period.pk), "u": gid("OrgUnit", d.kadis.unit_id)})
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and error["extensions"]["fields"] == {"process": process}
    assert f"Proses {process} belum diterbitkan" in error["message"]
    assert not Job.objects.exists()


# --- job errors name the employees -------------------------------------------------------------

def test_year_job_errors_name_each_employee_by_global_id_and_name(published, client_for):
    d = published
    # The staff member already has a planning process running for the year: that item fails.
    workflow.process_start(actor=None, key="skp_planning", subject=d.staff,
                           data={"periodId": str(YEAR), "deadline": f"{YEAR}-01-31T23:59:00+07:00"},
                           binding=Binding(services.PLAN_BINDING, 0))
    hr = client_for(d.hr_all.user.username)
    job = hr.data(OPEN, {"y": YEAR, "u": gid("OrgUnit", d.kasi.unit_id)})["openPerformanceYear"]
    state = hr.data(JOB, {"id": job["id"]})["job"]
    assert state["status"] == "FAILED"
    [error] = state["errors"]
    assert error["employeeId"] == gid("Employee", d.staff.pk) and error["employeeName"] == d.staff.name
    assert "sudah berjalan" in error["message"]
    # The id is the one the API takes: the employee can be looked up with it.
    found = hr.data("query($id: ID!) { employee(id: $id) { name } }", {"id": error["employeeId"]})
    assert found["employee"]["name"] == d.staff.name


def test_review_job_errors_name_the_employee_not_the_plan(published, client_for):
    d = published
    services.periods_create(year=YEAR)
    for employee in (d.kasi, d.peer):
        plan = services.plan_open(employee=employee, year=YEAR, deadline=f"{YEAR}-01-31T23:59:00+07:00", actor=None)
        PerformancePlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)  # planning is tested elsewhere
    q1 = PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=1)
    period_id = gid("PerformancePeriod", q1.pk)
    # The peer's review of the quarter was already started by hand: that item fails.
    workflow.process_start(actor=None, key="periodic_review", subject=d.peer, data={"periodId": str(q1.pk)},
                           binding=Binding(services.EVALUATION_BINDING, 0))
    hr = client_for(d.hr_all.user.username)
    job = hr.data(OPEN_PERIOD, {"p": period_id, "u": gid("OrgUnit", d.kasi.unit_id)})["openReviewPeriod"]
    [error] = hr.data(JOB, {"id": job["id"]})["job"]["errors"]
    assert (error["employeeId"], error["employeeName"]) == (gid("Employee", d.peer.pk), d.peer.name)


# --- the README's first deployment on an empty PostgreSQL database ---------------------------

POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not POSTGRES, reason="runs in the PostgreSQL pass (DATABASE_URL=postgres://…, as .ci/run "
                                         "sets it); there a missing server fails it")
def test_first_deployment_on_an_empty_postgresql_database(tmp_path):
    import psycopg

    server = settings.DATABASES["default"]
    name = f"kinerja_first_{os.getpid()}"
    admin_dsn = dict(host=server["HOST"] or "127.0.0.1", port=server["PORT"] or 5432, user=server["USER"],
                     password=server["PASSWORD"] or None, dbname="postgres")
    with psycopg.connect(**admin_dsn, autocommit=True) as conn:  # no server: this fails the test, loudly
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = f"{server['USER']}:{server['PASSWORD']}@" if server["PASSWORD"] else f"{server['USER']}@"
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"postgres://{auth}{admin_dsn['host']}:{admin_dsn['port']}/{name}",
           "SECRET_KEY": "first-deployment-test-secret-key-0123456789", "DEBUG": "false",
           "ALLOWED_HOSTS": "127.0.0.1", "MEDIA_ROOT": str(tmp_path / "media"),
           "DJANGO_SETTINGS_MODULE": "project.settings",
           "DJANGO_SUPERUSER_PASSWORD": "pertama-kali-2027"}
    for key in ("CELERY_BROKER_URL", "REDIS_URL"):  # the embedded shape: jobs run in the server process
        env.pop(key, None)
    uvicorn = None
    try:
        # The README's steps, in order.
        _manage(env, "migrate", "--noinput")
        imported = _manage(env, "import_org", "--units", str(DEMO_DIR / "units.csv"),
                           "--employees", str(DEMO_DIR / "employees.csv"))
        assert "Employees: 58 created" in imported
        published = _manage(env, "load_workflows")
        assert "published skp_planning" in published and "published periodic_review" in published
        _manage(env, "createsuperuser", "--noinput", "--username", "admin", "--email", "admin@lebongkab.go.id")

        uvicorn = subprocess.Popen([sys.executable, "-m", "uvicorn", "project.asgi:application", "--host",
                                    "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                                   cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
        for _ in range(200):
            try:
                http.get("/graphql/")
                break
            except httpx.TransportError:
                assert uvicorn.poll() is None, uvicorn.stdout.read().decode()
                time.sleep(0.1)

        def gql(query: str, variables: dict, token: str | None = None) -> dict:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            body = http.post("/graphql/", json={"query": query, "variables": variables}, headers=headers).json()
            assert "errors" not in body, body
            return body["data"]

        token = gql(LOGIN, {"u": "admin", "p": "pertama-kali-2027"})["login"]["token"]
        units = gql('{ orgUnits(first: 5, filter: {kind: PEMDA}) { edges { node { id code } } } }', {}, token)
        [lebong] = [e["node"]["id"] for e in units["orgUnits"]["edges"] if e["node"]["code"] == "LEBONG"]
        job = gql(OPEN, {"y": YEAR, "u": lebong}, token)["openPerformanceYear"]
        for _ in range(600):
            state = gql(JOB, {"id": job["id"]}, token)["job"]
            if state["status"] in ("DONE", "FAILED"):
                break
            time.sleep(0.1)
        assert state == {"status": "DONE", "progress": 58, "total": 58, "errors": []}
        http.close()
        with psycopg.connect(**{**admin_dsn, "dbname": name}) as conn:
            plans = conn.execute("SELECT count(*) FROM performance_performanceplan WHERE year = %s "
                                 "AND process_instance_id IS NOT NULL", [YEAR]).fetchone()[0]
            pppk = conn.execute("SELECT count(*) FROM organization_employee WHERE employment_type = 'PPPK' "
                                "AND substr(nip, 13, 2) = '21'").fetchone()[0]
        assert plans == 58 and pppk >= 6
    finally:
        if uvicorn is not None:
            uvicorn.terminate()
            uvicorn.wait(timeout=20)
        with psycopg.connect(**admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

