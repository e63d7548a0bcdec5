"""A synthetic province for the benchmarks, written with bulk inserts.

    python -m bench.seed --employees 100000 [--database-url URL] [--year 2027] [--replace]

It empties the database first, and so refuses one that already holds employees unless told
with ``--replace``.

What it writes (into a flushed database, with the bundled processes published):
- units 6 levels deep (province → agencies → divisions → sections → technical units → sub-units),
  a big education agency holding a tenth of everyone (it is the open-year scenario's unit), head
  posts, staff posts, about 3 % of head posts vacant with an acting official (Plt) from the unit
  above; ``Employee.rater`` / ``OrgUnit.leader`` are written exactly as the derivation would
  (``tests/bench`` checks it with ``refresh_derived_relations``);
- one user per employee (password ``bench``), HR for the province and for each agency;
- the year ``--year`` opened: every employee's SKP with two work results cascading from the rater's
  plan, an indicator each, the BerAKHLAK expectations, and its ``skp_planning`` instance. Everyone
  who rates somebody is APPROVED (so any submitted plan can be approved); of the others 65 %
  APPROVED (half after one REVISE round), 12 % SUBMITTED, 5 % returned, 18 % in draft;
- quarter 1 under way for every approved plan: an evaluation and its ``periodic_review`` instance
  at self-assessment, rating, approval, returned, or final;
- the year before: each employee's approved plan with its completed planning instance (the task
  table of a live system holds last year's rows too; its work results are not seeded).

Instance states are real: each path is run once through SpiffWorkflow with our engine, and every
instance gets that state with fresh task ids and its own subject, plan and evaluation ids; the
task mirror, candidates, guardian grants and audit events match what the services would write.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import time
import uuid
from dataclasses import dataclass, field

from .setup import db_label, django_setup

OPD_SIZE = 2500            # employees of an ordinary agency
BRANCHING = [None, None, 5, 3, 3, 2]   # children per unit at each depth below an agency
NONLEAF_STAFF = 2
PLT_SHARE = 0.03
SENTINELS = {"subject": 977000001, "plan": 977000002, "evaluation": 977000003}
CHUNK = 1000


# --- the organization --------------------------------------------------------------------------

@dataclass
class Unit:
    id: int
    code: str
    name: str
    kind: str
    parent: Unit | None
    depth: int
    path: str = ""
    children: list[Unit] = field(default_factory=list)
    head_position: int | None = None
    staff_position: int | None = None
    leader: int | None = None
    leader_is_acting: bool = False
    staff: list[int] = field(default_factory=list)
    share: int = 0             # employees of an agency's subtree


@dataclass
class Person:
    id: int
    unit: Unit
    position: int
    head: bool
    acting_for: Unit | None = None
    rater: int | None = None
    rater_is_acting: bool = False


KINDS = ["PEMDA", "DINAS", "BIDANG", "SEKSI", "UPT", "SUBBAGIAN"]
CLASS_OF_HEAD = ["JPT", "JPT", "ADMINISTRATOR", "PENGAWAS", "PENGAWAS", "PENGAWAS"]


def build_units(employees: int) -> list[Unit]:
    """The unit tree, in breadth-first order (parents first)."""
    opd_count = max(1, employees // OPD_SIZE)
    shares = [employees] if opd_count == 1 else \
        [employees // 10] + [(employees - employees // 10) // (opd_count - 1)] * (opd_count - 1)
    root = Unit(1, "PROV", "Pemerintah Provinsi", "PEMDA", None, 0, "/1/")
    units = [root]

    def add(parent: Unit, code: str, name: str) -> Unit:
        unit = Unit(len(units) + 1, code, name, KINDS[parent.depth + 1], parent, parent.depth + 1)
        unit.path = f"{parent.path}{unit.id}/"
        parent.children.append(unit)
        units.append(unit)
        return unit

    for o, share in enumerate(shares, start=1):
        name = "Dinas Pendidikan" if o == 1 and opd_count > 1 else f"Dinas {o:02d}"
        opd = add(root, f"OPD{o:02d}", name)
        level = [opd]
        for depth in range(2, 6):
            fan = max(1, round(BRANCHING[depth] * share / OPD_SIZE)) if depth == 2 else BRANCHING[depth]
            level = [add(parent, f"{parent.code}.{i}", f"{KINDS[depth].title()} {parent.code}.{i}")
                     for parent in level for i in range(1, fan + 1)]
        opd.share = share
    return units


def build_people(units: list[Unit], employees: int, rng: random.Random) -> tuple[list[Person], list[tuple]]:
    """Heads, staff and acting officials; returns people (raters first) and position rows."""
    positions: list[tuple] = []
    for unit in units:
        unit.head_position = len(positions) + 1
        positions.append((unit.head_position, unit.id, f"Kepala {unit.name}", CLASS_OF_HEAD[unit.depth]))
        unit.staff_position = len(positions) + 1
        positions.append((unit.staff_position, unit.id, f"Pelaksana {unit.name}",
                          "FUNGSIONAL" if unit.depth == 5 else "PELAKSANA"))
    # Staff per unit: two in every inner unit, the rest of each agency spread over its leaves.
    staff_count: dict[int, int] = {}
    root = units[0]
    for opd in root.children:
        subtree = [u for u in units if u.path.startswith(opd.path)]
        leaves = [u for u in subtree if not u.children]
        inner = [u for u in subtree if u.children]
        rest = max(len(leaves), opd.share - len(subtree) - NONLEAF_STAFF * len(inner))
        for u in inner:
            staff_count[u.id] = NONLEAF_STAFF
        for i, u in enumerate(leaves):
            staff_count[u.id] = rest // len(leaves) + (1 if i < rest % len(leaves) else 0)
    staff_count[root.id] = NONLEAF_STAFF + len(root.children)  # the secretariat, HR among them
    vacant = {u.id for u in units if u.depth >= 2 and rng.random() < PLT_SHARE}

    people: list[Person] = []
    for unit in units:
        if unit.id not in vacant:
            head = Person(len(people) + 1, unit, unit.head_position, True)
            people.append(head)
            unit.leader = head.id
        for _ in range(staff_count[unit.id]):
            person = Person(len(people) + 1, unit, unit.staff_position, False)
            people.append(person)
            unit.staff.append(person.id)
        for child in unit.children:
            if child.id in vacant:  # a staff member of this unit acts as the child's head
                acting = next((people[s - 1] for s in unit.staff if people[s - 1].acting_for is None), None)
                if acting is not None:
                    acting.acting_for = child
                    child.leader, child.leader_is_acting = acting.id, True
    for person in people:
        # The head (and an acting official) is rated from the unit above; staff by their unit's leader.
        unit = person.unit.parent if person.head else person.unit
        while unit is not None and (unit.leader is None or unit.leader == person.id):
            unit = unit.parent
        if unit is not None:
            person.rater, person.rater_is_acting = unit.leader, unit.leader_is_acting
    return people, positions


# --- process state templates -------------------------------------------------------------------

@dataclass
class Template:
    """One path through a process: its final state and the user tasks it went through."""

    state: str
    tasks: list[tuple[str, str, str, dict]]   # (bpmn_id, task uuid, READY/COMPLETED, data)
    completed: bool
    next_timer: str | None
    uuids: list[str]
    literals: dict[str, str] = field(default_factory=dict)  # other text to swap in every copy

    def instantiate(self, ids: dict[str, int]) -> tuple[str, dict[str, str]]:
        """The state with fresh task ids and this instance's ids; returns it and the id map."""
        fresh = {u: str(uuid.uuid4()) for u in self.uuids}
        values = {str(SENTINELS[k]): str(v) for k, v in ids.items()}
        mapping = {**fresh, **values, **self.literals}
        pattern = _pattern(self)
        return pattern.sub(lambda m: mapping.get(m.group(0), m.group(0)), self.state), fresh


_patterns: dict[int, re.Pattern] = {}


def _pattern(template: Template) -> re.Pattern:
    key = id(template)
    if key not in _patterns:
        alternatives = [re.escape(u) for u in [*template.uuids, *template.literals]] + \
            [str(v) for v in SENTINELS.values()]
        _patterns[key] = re.compile("|".join(alternatives))
    return _patterns[key]


SUBMIT = {"decision": "SUBMIT", "notes": "SKP saya untuk tahun ini."}
REVISE = {"decision": "REVISE", "notes": "Lengkapi target kuantitas."}
APPROVE = {"decision": "APPROVE"}
PATHS = {
    "skp_planning": {
        "DRAFT": [],
        "SUBMITTED": [("draft", SUBMIT)],
        "RETURNED": [("draft", SUBMIT), ("review", REVISE)],
        "APPROVED": [("draft", SUBMIT), ("review", APPROVE)],
        "APPROVED_REVISED": [("draft", SUBMIT), ("review", REVISE), ("draft", SUBMIT), ("review", APPROVE)],
    },
    "periodic_review": {
        "SELF_ASSESSMENT": [],
        "RATING": [("self_assess", SUBMIT)],
        "APPROVAL": [("self_assess", SUBMIT), ("rate", APPROVE)],
        "RETURNED": [("self_assess", SUBMIT), ("rate", REVISE)],
        "FINAL": [("self_assess", SUBMIT), ("rate", APPROVE), ("approve", APPROVE)],
    },
}


def build_templates(definitions: dict, seed_data: dict[str, dict],
                    literals: dict[str, str] | None = None) -> dict[tuple[str, str], Template]:
    from apps.workflow import engine

    templates = {}
    for key, seed in seed_data.items():
        paths = PATHS[key]
        definition = definitions[key]
        spec = engine.spec_for(definition.pk, definition.checksum, definition.bpmn_xml, definition.process_id)
        for name, steps in paths.items():
            wf = engine.new_workflow(spec, dict(seed))
            wf.do_engine_steps()
            done = []
            for bpmn_id, data in steps:
                task = next(t for t in engine.ready_user_tasks(wf) if t.task_spec.bpmn_id == bpmn_id)
                task.data.update(data)
                task.run()
                wf.do_engine_steps()
                done.append((bpmn_id, str(task.id), "COMPLETED", data))
            ready = [(t.task_spec.bpmn_id, str(t.id), "READY", {}) for t in engine.ready_user_tasks(wf)]
            state = engine.dumps(wf)
            uuids = sorted(set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", state)))
            templates[(key, name)] = Template(state, done + ready, wf.is_completed(), engine.next_timer(wf), uuids,
                                              literals or {})
    return templates


# --- writing -----------------------------------------------------------------------------------

class Writer:
    """Collects rows per table and inserts them with one executemany per table.

    Rows are plain keyword values (missing fields take the model's defaults): building model
    instances and preparing each value through the ORM was most of the seeding time."""

    def __init__(self, bar, now) -> None:
        self.rows: dict[type, list[dict]] = {}
        self.bar = bar
        self.now = now
        self.counts: dict[str, int] = {}

    def add(self, model: type, **values) -> None:
        self.rows.setdefault(model, []).append(values)

    def _converters(self, model: type) -> list:
        """Per field: (attname, default, how to turn a value into the database's)."""
        from django.db import connection

        memo: dict = {}

        def cached(field):  # few distinct datetimes: prepare each once
            return lambda v: memo[v] if v in memo else memo.setdefault(v, field.get_db_prep_save(v, connection))

        converters = []
        for f in model._meta.concrete_fields:
            kind = f.get_internal_type()
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = self.now
            else:
                default = f.get_default()  # "" for text columns without one, as the ORM does
            if kind == "JSONField":
                prep = lambda v: json.dumps(v)  # noqa: E731
            elif kind == "DateTimeField":
                prep = cached(f)
            elif kind == "UUIDField":
                prep = lambda v, f=f: f.get_db_prep_save(v, connection)  # noqa: E731
            else:
                prep = None
            converters.append((f.attname, default, prep))
        return converters

    def flush(self, order: list[type]) -> None:
        from django.db import connection, transaction

        with transaction.atomic(), connection.cursor() as cursor:
            for model in order:
                values = self.rows.pop(model, [])
                if not values:
                    continue
                converters = self._converters(model)
                columns = ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields)
                sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) " \
                      f"VALUES ({', '.join(['%s'] * len(converters))})"
                rows = []
                for row in values:
                    out = []
                    for attname, default, prep in converters:
                        value = row.get(attname, default)
                        if value is not None and prep is not None:
                            value = prep(value)
                        out.append(value)
                    rows.append(out)
                cursor.executemany(sql, rows)
                self.counts[model.__name__] = self.counts.get(model.__name__, 0) + len(rows)
                self.bar.update(len(rows))
        assert not self.rows, f"unordered models: {list(self.rows)}"


class Seq:
    """Primary keys handed out in advance, so rows can point at each other before they exist."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def __call__(self, name: str) -> int:
        self.next[name] = self.next.get(name, 0) + 1
        return self.next[name]


class NotEmpty(Exception):
    pass


def seed(employees: int, year: int, rng_seed: int = 2027, quiet: bool = False,
         replace: bool = False) -> dict[str, int]:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, Permission, User
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from tqdm import tqdm

    from apps.organization.models import Employee, OrgUnit, PerformanceAdminScope, Position, Role
    from apps.performance import services as perf
    from apps.performance.models import (
        BehaviorExpectation,
        CoreValue,
        Evaluation,
        Indicator,
        OrgGoal,
        PerformancePlan,
        PlanEvent,
        WorkResult,
    )
    from apps.workflow import engine
    from apps.workflow.models import (
        HumanTask,
        HumanTaskUserObjectPermission,
        ProcessDefinition,
        ProcessEvent,
        ProcessInstance,
        ProcessInstanceUserObjectPermission,
    )

    rng = random.Random(rng_seed)
    call_command("migrate", verbosity=0)
    if not replace and Employee.objects.exists():
        # The seed empties the database first: never by accident (a production DATABASE_URL).
        raise NotEmpty(f"the database holds {Employee.objects.count()} employees; --replace empties it")
    call_command("flush", "--noinput", verbosity=0)
    call_command("load_workflows", stdout=open("/dev/null", "w"))
    units = build_units(employees)
    people, positions = build_people(units, employees, rng)
    by_id = {p.id: p for p in people}
    raters = {p.rater for p in people if p.rater}
    now = timezone.now()
    deadline = perf.planning_deadline(year).isoformat()
    # The templates run with a deadline still to come (a passed one's timer would fire during the
    # build, outside any instance) and each copy carries its year's real date: last year's always,
    # this year's too when the seeded year is the current one (its planning deadline has passed).
    future = perf.planning_deadline(max(year, now.year + 1)).isoformat()
    periods = perf.periods_create(year=year) + perf.periods_create(year=year - 1)
    q1 = next(p for p in periods if p.year == year and p.kind == "QUARTER" and p.number == 1)
    definitions = {d.key: d for d in ProcessDefinition.objects.filter(status="PUBLISHED")}
    templates = build_templates(definitions, {
        "skp_planning": {"periodId": str(year), "planId": SENTINELS["plan"], "deadline": future,
                         "subject_employee_id": SENTINELS["subject"]},
        "periodic_review": {"periodId": str(q1.pk), "evaluationId": SENTINELS["evaluation"],
                            "subject_employee_id": SENTINELS["subject"]},
    }, literals={future: deadline} if future != deadline else None)
    last_year = build_templates(definitions, {"skp_planning": {
        "periodId": str(year - 1), "planId": SENTINELS["plan"], "subject_employee_id": SENTINELS["subject"],
        "deadline": future}}, literals={future: perf.planning_deadline(year - 1).isoformat()})
    perms = {p.codename: p.pk for p in Permission.objects.filter(
        codename__in=["complete_humantask", "view_processinstance"])}

    # Who does each lane's work: the subject, the rater, the rater's supervisor; HR where nobody rates.
    hr_users: dict[int, int] = {}      # unit id -> HR employee id (province and each agency)
    for unit in [units[0], *units[0].children]:
        hr_users[unit.id] = unit.staff[0] if unit is units[0] else units[0].staff[1 + unit.id % len(units[0].children)]

    def hr_of(person: Person) -> list[int]:
        ancestors = [int(x) for x in person.unit.path.strip("/").split("/")]
        return sorted({hr_users[u] for u in ancestors if u in hr_users})

    def lane_people(person: Person, bpmn_id: str) -> tuple[int | None, list[int]]:
        if bpmn_id in ("draft", "self_assess"):
            return person.id, [person.id]
        target = person.rater if bpmn_id in ("review", "rate") else (
            by_id[person.rater].rater if person.rater else None)
        return (target, [target]) if target else (None, hr_of(person))

    estimated = employees * 55  # rows per employee, measured
    bar = tqdm(total=estimated, unit="rows", desc="seed", disable=quiet, mininterval=1)
    writer = Writer(bar, now)
    seq = Seq()
    password = make_password("bench")

    # Organization.
    for unit in units:
        writer.add(OrgUnit, id=unit.id, code=unit.code, name=unit.name, kind=unit.kind,
                           parent_id=unit.parent.id if unit.parent else None, path=unit.path, depth=unit.depth)
    writer.add(OrgGoal, id=1, unit_id=1, year=year, text="Meningkatnya kualitas pelayanan publik provinsi",
                       indicator="Indeks pelayanan publik", target="4,0")
    writer.flush([OrgUnit, OrgGoal])
    Position.objects.bulk_create([Position(id=i, unit_id=u, title=t, position_class=c) for i, u, t, c in positions],
                                 batch_size=2000)
    bar.update(len(positions))
    for start in range(0, len(people), CHUNK * 5):
        for p in people[start:start + CHUNK * 5]:
            writer.add(User, id=p.id, username=f"asn{p.id:06d}", password=password, is_active=True,
                            first_name=f"ASN {p.id:06d}")
            writer.add(Employee, id=p.id, nip=f"19800101{p.id:010d}", name=f"ASN {p.id:06d}", email="",
                                user_id=p.id, employment_type="PNS", unit_id=p.unit.id, position_id=p.position,
                                acting_position_id=p.acting_for.head_position if p.acting_for else None,
                                rater_id=p.rater, rater_is_acting=p.rater_is_acting)
        writer.flush([User, Employee])
    OrgUnit.objects.bulk_update([OrgUnit(id=u.id, head_position_id=u.head_position, leader_id=u.leader)
                                 for u in units], ["head_position", "leader"], batch_size=1000)
    hr_group, _created = Group.objects.get_or_create(name=Role.PERFORMANCE_ADMIN)  # flush empties it
    Group.objects.get_or_create(name=Role.PROCESS_ADMIN)
    hr_group.user_set.add(*set(hr_users.values()))
    for unit_id, employee_id in hr_users.items():
        PerformanceAdminScope.objects.create(user_id=employee_id, unit_id=unit_id)

    # The plans, processes and tasks, raters before their staff (foreign keys hold at each commit).
    plan_status = {}
    for p in people:
        if p.id in raters:
            plan_status[p.id] = rng.choice(["APPROVED", "APPROVED_REVISED"])
        else:
            plan_status[p.id] = rng.choices(["APPROVED", "APPROVED_REVISED", "SUBMITTED", "RETURNED", "DRAFT"],
                                            [32.5, 32.5, 12, 5, 18])[0]
    work_results: dict[int, list[int]] = {}

    def add_instance(person: Person, template: Template, key: str, definition, period_id: str, ids: dict) -> int:
        instance_id = seq("instance")
        state, fresh = template.instantiate({"subject": person.id, **ids})
        (kind, bound_id), = ids.items()  # the plan or evaluation the instance is bound to
        writer.add(
            ProcessInstance,
            id=instance_id, definition_id=definition.pk, key=key, subject_id=person.id, period_id=period_id,
            bound_kind=f"performance.{kind}", bound_id=bound_id,
            status="COMPLETED" if template.completed else "RUNNING", state=state,
            serializer_version=engine.SERIALIZER_VERSION, lock_version=len(template.tasks),
            next_timer_at=dt.datetime.fromisoformat(template.literals.get(template.next_timer, template.next_timer))
            if template.next_timer else None,
            ended_at=now if template.completed else None)
        writer.add(ProcessEvent, id=seq("event"), instance_id=instance_id, kind="STARTED", data={"periodId": period_id})
        viewers = {person.id}
        spec_tasks = definition.user_tasks
        for bpmn_id, task_uuid, state_, data in template.tasks:
            assignee, candidates = lane_people(person, bpmn_id)
            meta = next(t for t in spec_tasks if t["bpmnId"] == bpmn_id)
            task_id = seq("task")
            done_by = assignee or (candidates[0] if candidates else None)
            writer.add(
                HumanTask,
                id=task_id, instance_id=instance_id, subject_id=person.id, task_uuid=fresh[task_uuid],
                bpmn_id=bpmn_id, name=meta["name"], lane=meta["lane"], form_key=meta.get("form") or "",
                ui_form_key=meta.get("uiForm") or "", state=state_, assignee_id=assignee, data=data,
                due_at=dt.datetime.fromisoformat(deadline) if (state_ == "READY" and bpmn_id == "draft"
                                                               and not template.completed) else None,
                completed_at=now if state_ == "COMPLETED" else None,
                completed_by_id=done_by if state_ == "COMPLETED" else None)
            for c in candidates:
                writer.add(HumanTask.candidates.through, id=seq("candidate"), humantask_id=task_id, employee_id=c)
                writer.add(HumanTaskUserObjectPermission, id=seq("task_perm"), content_object_id=task_id,
                                                         user_id=c, permission_id=perms["complete_humantask"])
            viewers.update(candidates)
            if state_ == "COMPLETED":
                writer.add(ProcessEvent, id=seq("event"), instance_id=instance_id, task_id=task_id, actor_id=done_by,
                                        kind="COMPLETED", data=data, outcome=data.get("decision", ""))
        for v in sorted(viewers):
            writer.add(ProcessInstanceUserObjectPermission, id=seq("instance_perm"), content_object_id=instance_id,
                                                           user_id=v, permission_id=perms["view_processinstance"])
        if template.completed:
            writer.add(ProcessEvent, id=seq("event"), instance_id=instance_id, kind="ENDED")
        return instance_id

    order = [ProcessInstance, PerformancePlan, BehaviorExpectation, PlanEvent, WorkResult,
             WorkResult.parents.through, Indicator, Evaluation, HumanTask, HumanTask.candidates.through,
             HumanTaskUserObjectPermission, ProcessInstanceUserObjectPermission, ProcessEvent]
    planning, review = definitions["skp_planning"], definitions["periodic_review"]
    for start in range(0, len(people), CHUNK):
        for p in people[start:start + CHUNK]:
            status = plan_status[p.id]
            rater = by_id[p.rater] if p.rater else None
            approved = status.startswith("APPROVED")
            # Last year: approved, its planning process completed.
            old_plan = seq("plan")
            old_instance = add_instance(p, last_year[("skp_planning", "APPROVED")], "skp_planning", planning,
                                        str(year - 1), {"plan": old_plan})
            writer.add(PerformancePlan, id=old_plan, employee_id=p.id, year=year - 1, status="APPROVED",
                                       rater_id=p.rater, rater_supervisor_id=rater.rater if rater else None,
                                       process_instance_id=old_instance, approved_at=now,
                                       attachments={"resources": [], "accountability": [], "consequences": []})
            # This year.
            plan_id = seq("plan")
            instance_id = add_instance(p, templates[("skp_planning", status)], "skp_planning", planning,
                                       str(year), {"plan": plan_id})
            writer.add(
                PerformancePlan,
                id=plan_id, employee_id=p.id, year=year, rater_id=p.rater,
                rater_supervisor_id=rater.rater if rater else None, rater_is_acting=p.rater_is_acting,
                status={"RETURNED": "DRAFT"}.get(status, "APPROVED" if approved else status),
                revision_notes=REVISE["notes"] if status == "RETURNED" else "", process_instance_id=instance_id,
                approved_at=now if approved else None, approved_by_id=p.rater if approved else None,
                attachments={"resources": [], "accountability": [], "consequences": []})
            for value in CoreValue.values:
                writer.add(BehaviorExpectation, id=seq("expectation"), plan_id=plan_id, core_value=value)
            writer.add(PlanEvent, id=seq("plan_event"), plan_id=plan_id, kind="CREATED", data={})
            ids = work_results[p.id] = []
            for k in range(2):
                wr = seq("work_result")
                ids.append(wr)
                writer.add(WorkResult, id=wr, plan_id=plan_id, text=f"Hasil kerja {k + 1} ASN {p.id:06d}",
                                      type="UTAMA", position=k + 1, org_goal_id=None if rater else 1)
                if rater:
                    writer.add(WorkResult.parents.through, id=seq("wr_parent"), from_workresult_id=wr,
                                                          to_workresult_id=work_results[rater.id][k])
                writer.add(Indicator, id=seq("indicator"), work_result_id=wr, aspect="KUANTITAS",
                                     text="Jumlah dokumen yang diselesaikan", target="12", unit="dokumen")
            if approved:
                evaluation_status = rng.choices(list(PATHS["periodic_review"]), [30, 30, 20, 5, 15])[0]
                evaluation_id = seq("evaluation")
                review_instance = add_instance(p, templates[("periodic_review", evaluation_status)],
                                               "periodic_review", review, str(q1.pk), {"evaluation": evaluation_id})
                final = evaluation_status == "FINAL"
                writer.add(
                    Evaluation,
                    id=evaluation_id, plan_id=plan_id, period_id=q1.pk, process_instance_id=review_instance,
                    status={"RETURNED": "SELF_ASSESSMENT"}.get(evaluation_status, evaluation_status),
                    result_rating="SESUAI_EKSPEKTASI" if final or evaluation_status == "APPROVAL" else None,
                    behavior_rating="SESUAI_EKSPEKTASI" if final or evaluation_status == "APPROVAL" else None,
                    predicate="BAIK" if final else None, rated_by_id=p.rater if final else None,
                    finalized_at=now if final else None)
        writer.flush(order)
    bar.close()
    _reset_sequences()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as a live database would have
    return writer.counts


def _reset_sequences() -> None:
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=dt.date.today().year + 1,
                        help="the year being planned (default: next year, the coming January peak)")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--replace", action="store_true", help="empty a database that already holds data")
    args = parser.parse_args(argv)
    if args.employees < 300:
        parser.error("--employees must be at least 300")
    django_setup(args.database_url)
    start = time.perf_counter()
    try:
        counts = seed(args.employees, args.year, replace=args.replace)
    except NotEmpty as exc:
        parser.error(str(exc))
    elapsed = time.perf_counter() - start
    print(f"\nSeeded {db_label()} with {args.employees} employees in {elapsed:.0f} s:")
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
