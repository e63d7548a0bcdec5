"""Organization import from two CSV files (units, employees): validate everything, then write.

The whole input is checked against the merged view of what the database holds and what the
files say, before anything is written; any problem aborts with every error listed by file and
row number (the header is row 1). Rows are upserted by unit code and NIP; what the files do not
mention is left as it is. The files are authoritative for what they list: an employee's
supervisor, acting post and roles are set to exactly what their row says.

``nip`` is a PNS NIP or an NI PPPK, and ``employment_type`` must match its form. The optional
``rank`` column holds the pangkat/golongan (``Penata Muda (III/a)``; PPPK ``IX``); a file without
the column leaves the stored ranks as they are.

The ``roles`` column is a ``;``-separated list of PERFORMANCE_ADMIN and PROCESS_ADMIN. An HR
scope other than the employee's own unit is written ``PERFORMANCE_ADMIN@UNIT_CODE`` (several
allowed); plain PERFORMANCE_ADMIN manages the employee's own unit and its sub-units.

An empty ``parent_code`` makes a new unit a top-level unit (superuser only) and leaves an
existing unit under its current parent: a partial file never detaches a subtree. An HR import
may touch only what lies inside the units they manage, before and after the change (see
``_check_actor_scope``). At most ``MAX_LISTED_ERRORS`` errors are returned, with the count of
the rest.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User, Group
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import BadInput, Forbidden

from . import services
from .hierarchy import Member, OrgSnapshot, choose_head_position, find_cycles
from .models import (
    Employee,
    EmploymentType,
    OrgUnit,
    PerformanceAdminScope,
    Position,
    PositionClass,
    Role,
    UnitKind,
)
from .nip import identity_problems
from .selectors import is_performance_admin, units_managed_by

UNIT_COLUMNS = ["code", "name", "parent_code", "kind"]
EMPLOYEE_COLUMNS = [
    "nip", "name", "email", "username", "unit_code", "position", "position_class",
    "employment_type", "supervisor_nip", "acting_for_nip", "roles",
]
OPTIONAL_EMPLOYEE_COLUMNS = ["rank"]
USERNAME_MAX = 150
# A long file full of errors must not produce a response many times its size.
MAX_LISTED_ERRORS = 100


@dataclass
class ImportResult:
    units_created: int = 0
    units_updated: int = 0
    employees_created: int = 0
    employees_updated: int = 0
    accounts_created: int = 0


@dataclass
class UnitRow:
    row: int
    code: str
    name: str
    parent_code: str
    kind: str


@dataclass
class EmployeeRow:
    row: int
    nip: str
    name: str
    email: str
    username: str
    unit_code: str
    position: str
    position_class: str
    employment_type: str
    supervisor_nip: str
    acting_for_nip: str
    roles: list[str]
    scopes: list[str] = field(default_factory=list)  # unit codes managed as HR
    rank: str | None = None  # None: the file has no rank column (the stored rank is kept)


class Errors:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(self, file: str, row: int, column: str | None, message: str) -> None:
        self.items.append({"file": file, "row": row, "column": column, "message": message})

    def raise_if_any(self) -> None:
        if self.items:
            self.items.sort(key=lambda e: (e["file"] != "units", e["row"], e["column"] or ""))
            message = _("The import was refused: %(count)d problem(s) found; nothing was written.") % {
                "count": len(self.items)}
            listed = self.items[:MAX_LISTED_ERRORS]
            more = len(self.items) - len(listed)
            if not more:
                raise BadInput(message, errors=listed)
            message += " " + _("Only the first %(listed)d are listed; %(more)d more are not shown.") % {
                "listed": len(listed), "more": more}
            raise BadInput(message, errors=listed, truncated=more)


def _read_csv(text: str, file: str, columns: list[str], errors: Errors,
              optional: tuple[str, ...] = ()) -> list[tuple[int, dict[str, str]]]:
    text = text.lstrip("\ufeff")  # Excel writes a byte-order mark
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in columns if c not in header]
    if missing:
        errors.add(file, 1, None, _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
        return []
    reader.fieldnames = header
    rows = []
    try:
        for number, raw in enumerate(reader, start=2):
            if None in raw:
                errors.add(file, number, None, _("The row has more values than the header has columns."))
                continue
            values = {k: (v or "").strip() for k, v in raw.items()}
            values.update({c: None for c in optional if c not in header})  # type: ignore  # None: column absent
            if any(values.values()):
                rows.append((number, values))
    except csv.Error as exc:
        errors.add(file, reader.line_num, None, _("The file is not valid CSV: %(error)s") % {"error": exc})
    return rows


def _parse_units(text: str, errors: Errors) -> list[UnitRow]:
    rows: list[UnitRow] = []
    seen: dict[str, int] = {}
    for number, v in _read_csv(text, "units", UNIT_COLUMNS, errors):
        row = UnitRow(number, v["code"], v["name"], v["parent_code"], v["kind"].upper())
        if not row.code:
            errors.add("units", number, "code", _("The unit code is empty."))
            continue
        if len(row.code) > 50:
            errors.add("units", number, "code", _("The unit code is longer than 50 characters."))
        if row.code in seen:
            errors.add("units", number, "code",
                       _("Unit code %(code)s already appears in row %(row)d.") % {"code": row.code, "row": seen[row.code]})
            continue
        seen[row.code] = number
        if not row.name:
            errors.add("units", number, "name", _("The unit name is empty."))
        if row.kind not in UnitKind.values:
            errors.add("units", number, "kind", _("Unknown unit kind %(kind)s; expected one of %(kinds)s.")
                       % {"kind": row.kind or "''", "kinds": ", ".join(UnitKind.values)})
        if row.parent_code == row.code:
            errors.add("units", number, "parent_code", _("A unit cannot be its own parent."))
        rows.append(row)
    return rows


def _parse_roles(value: str, number: int, errors: Errors) -> tuple[list[str], list[str]]:
    roles: list[str] = []
    scopes: list[str] = []
    for item in filter(None, (part.strip() for part in value.split(";"))):
        role, _sep, scope = item.partition("@")
        role = role.strip().upper()
        if role not in Role.values or (scope and role != Role.PERFORMANCE_ADMIN):
            errors.add("employees", number, "roles", _("Unknown role %(role)s; expected %(roles)s.")
                       % {"role": item, "roles": " / ".join(Role.values)})
            continue
        if role not in roles:
            roles.append(role)
        if scope:
            scopes.append(scope.strip())
    return roles, scopes


def _parse_employees(text: str, errors: Errors) -> list[EmployeeRow]:
    """Every row's own fields are checked and each problem reported; a row whose NIP is
    malformed or repeated cannot be keyed and stays out of the merged view, the others go on
    to be checked against the database and the rest of the file."""
    rows: list[EmployeeRow] = []
    seen_nip: dict[str, int] = {}
    seen_username: dict[str, int] = {}
    email_validator = EmailValidator()

    def add(number: int, column: str, message: str) -> None:
        errors.add("employees", number, column, message)

    for number, v in _read_csv(text, "employees", EMPLOYEE_COLUMNS, errors, tuple(OPTIONAL_EMPLOYEE_COLUMNS)):
        roles, scopes = _parse_roles(v["roles"], number, errors)
        row = EmployeeRow(
            number, v["nip"], v["name"], v["email"], v["username"], v["unit_code"], v["position"],
            v["position_class"].upper(), v["employment_type"].upper(), v["supervisor_nip"],
            v["acting_for_nip"], roles, scopes, v["rank"],
        )
        keyed = True
        row.rank, problems = identity_problems(row.nip, row.employment_type, row.rank)
        if "nip" in problems:
            add(number, "nip", "%s: %s" % (row.nip or "''", problems["nip"]))
            keyed = False
        elif row.nip in seen_nip:
            add(number, "nip", _("NIP %(nip)s already appears in row %(row)d.") % {"nip": row.nip, "row": seen_nip[row.nip]})
            keyed = False
        else:
            seen_nip[row.nip] = number
        if not row.name:
            add(number, "name", _("The name is empty."))
        if row.email:
            try:
                email_validator(row.email)
            except ValidationError:
                add(number, "email", _("%(email)s is not a valid email address.") % {"email": row.email})
        if row.username:
            if len(row.username) > USERNAME_MAX or not all(c.isalnum() or c in "@.+-_" for c in row.username):
                add(number, "username", _("The username may only hold letters, digits and @ . + - _ (at most 150)."))
            elif row.username.lower() in seen_username:
                add(number, "username", _("Username %(username)s already appears in row %(row)d.")
                    % {"username": row.username, "row": seen_username[row.username.lower()]})
            elif keyed:
                seen_username[row.username.lower()] = number
        if not row.unit_code:
            add(number, "unit_code", _("The unit code is empty."))
        if not row.position:
            add(number, "position", _("The position title is empty."))
        if row.position_class not in PositionClass.values:
            add(number, "position_class", _("Unknown position class %(value)s; expected one of %(values)s.")
                % {"value": row.position_class or "''", "values": ", ".join(PositionClass.values)})
        if row.employment_type not in EmploymentType.values:
            add(number, "employment_type", _("Unknown employment type %(value)s; expected PNS or PPPK.")
                % {"value": row.employment_type or "''"})
        for column in ("employment_type", "rank"):
            if column in problems:
                add(number, column, problems[column])
        for column, value in (("supervisor_nip", row.supervisor_nip), ("acting_for_nip", row.acting_for_nip)):
            if value and value == row.nip:
                add(number, column, _("An employee cannot name themself here."))
        if keyed:
            rows.append(row)
    return rows


class _Plan:
    """The merged view (database overlaid with the files) and what must be written."""

    def __init__(self, unit_rows: list[UnitRow], employee_rows: list[EmployeeRow]) -> None:
        self.unit_rows = unit_rows
        self.employee_rows = employee_rows
        self.db_units = {
            u.code: u for u in OrgUnit.objects.select_related("parent")
        }
        self.db_employees = {
            e.nip: e
            for e in Employee.objects.select_related("unit", "position", "supervisor_override", "user",
                                                     "acting_position__unit")
        }
        # unit code -> parent code
        self.unit_parent: dict[str, str | None] = {
            code: (u.parent.code if u.parent else None) for code, u in self.db_units.items()
        }
        for row in unit_rows:
            # Empty parent_code: a new unit is top-level, an existing one keeps its parent.
            self.unit_parent[row.code] = row.parent_code or self.unit_parent.get(row.code)
        self.members: dict[str, Member] = {}
        for nip, e in self.db_employees.items():
            self.members[nip] = Member(
                key=nip, unit=e.unit.code, position=(e.unit.code, e.position.title),
                position_class=e.position.position_class,
                override=e.supervisor_override.nip if e.supervisor_override else None,
                active=e.is_active,
            )
        for e in self.db_employees.values():
            if e.acting_position_id:
                post = (e.acting_position.unit.code, e.acting_position.title)
                self.members[e.nip].acting_position = post
        for row in employee_rows:
            self.members[row.nip] = Member(
                key=row.nip, unit=row.unit_code, position=(row.unit_code, row.position),
                position_class=row.position_class, override=row.supervisor_nip or None, active=True,
            )
        for row in employee_rows:
            target = self.members.get(row.acting_for_nip) if row.acting_for_nip else None
            self.members[row.nip].acting_position = target.position if target else None
        self.heads: dict[str, tuple | None] = {}


def _validate_merged(plan: _Plan, errors: Errors) -> None:
    """Check the merged view, every part of it even when other parts are already wrong: only the
    supervisor-cycle check needs the unit tree and the unit heads to be sound, and is left out
    (it would report cycles of a derivation that is not the real one) when they are not."""
    for row in plan.unit_rows:
        if row.parent_code and row.parent_code not in plan.unit_parent:
            errors.add("units", row.row, "parent_code", _("Unknown parent unit %(code)s.") % {"code": row.parent_code})
    unit_row = {r.code: r.row for r in plan.unit_rows}
    unit_cycles = find_cycles(plan.unit_parent)
    for cycle in unit_cycles:
        errors.add("units", min(unit_row.get(c, 0) for c in cycle), "parent_code",
                   _("The units %(codes)s form a cycle.") % {"codes": " → ".join(cycle)})

    owners = _username_owners([r.username for r in plan.employee_rows if r.username])
    for row in plan.employee_rows:
        if row.unit_code and row.unit_code not in plan.unit_parent:
            errors.add("employees", row.row, "unit_code", _("Unknown unit %(code)s.") % {"code": row.unit_code})
        if row.supervisor_nip and row.supervisor_nip not in plan.members:
            errors.add("employees", row.row, "supervisor_nip", _("Unknown supervisor NIP %(nip)s.") % {"nip": row.supervisor_nip})
        if row.acting_for_nip and row.acting_for_nip not in plan.members:
            errors.add("employees", row.row, "acting_for_nip", _("Unknown NIP %(nip)s.") % {"nip": row.acting_for_nip})
        for scope in row.scopes:
            if scope not in plan.unit_parent:
                errors.add("employees", row.row, "roles", _("Unknown unit %(code)s.") % {"code": scope})
        db_user = plan.db_employees.get(row.nip)
        if row.username:
            taken_by = owners.get(row.username.lower())
            own_user_id = db_user.user_id if db_user else None
            if taken_by is not None and taken_by != own_user_id:
                errors.add("employees", row.row, "username",
                           _("Username %(username)s is already used by another account.") % {"username": row.username})

    # Position classes must agree between everyone holding the same post.
    post_class: dict[tuple, tuple[str, int]] = {}
    for row in plan.employee_rows:
        post = (row.unit_code, row.position)
        if post in post_class and post_class[post][0] != row.position_class:
            errors.add("employees", row.row, "position_class",
                       _("Position %(title)s in unit %(unit)s has class %(other)s in row %(row)d.")
                       % {"title": row.position, "unit": row.unit_code, "other": post_class[post][0], "row": post_class[post][1]})
        post_class.setdefault(post, (row.position_class, row.row))

    rows_by_nip = {r.nip: r for r in plan.employee_rows}
    by_unit: dict[str, list[Member]] = defaultdict(list)
    for m in plan.members.values():
        if m.unit in plan.unit_parent:  # an unknown unit is already reported on its rows
            by_unit[m.unit].append(m)
    ambiguous: set[str] = set()
    for unit, members in by_unit.items():
        choice = choose_head_position(members)
        file_rows = sorted(rows_by_nip[m.key].row for m in members if m.key in rows_by_nip)
        anchor = file_rows[0] if file_rows else 0
        if choice.ambiguous:
            errors.add("employees", anchor, "position",
                       _("Unit %(unit)s has more than one possible head post (%(posts)s): give all but the head a "
                         "supervisor_nip inside the unit.") % {"unit": unit, "posts": ", ".join(p[1] for p in choice.ambiguous)})
            ambiguous.add(unit)
            continue
        plan.heads[unit] = choice.head
        holders = [m.key for m in members if m.position == choice.head and m.active]
        if choice.head and len(holders) > 1:
            errors.add("employees", anchor, "position",
                       _("The head post %(title)s of unit %(unit)s is held by %(count)d employees; a head post has one holder.")
                       % {"title": choice.head[1], "unit": unit, "count": len(holders)})

    head_posts = {head for head in plan.heads.values() if head}
    actors: dict[tuple, list[str]] = defaultdict(list)
    for m in plan.members.values():
        if m.acting_position is not None and m.active:
            actors[m.acting_position].append(m.key)
    for row in plan.employee_rows:
        post = plan.members[row.nip].acting_position
        if not row.acting_for_nip or post is None or post[0] in ambiguous:
            continue
        if post not in head_posts:
            errors.add("employees", row.row, "acting_for_nip",
                       _("%(nip)s does not hold the head post of a unit; a Plt only acts for a unit head.") % {"nip": row.acting_for_nip})
        others = [nip for nip in actors[post] if nip != row.nip]
        if others:
            errors.add("employees", row.row, "acting_for_nip",
                       _("The post of %(nip)s already has an acting official (%(others)s).")
                       % {"nip": row.acting_for_nip, "others": ", ".join(others)})
    if unit_cycles or ambiguous:
        return

    snapshot = OrgSnapshot(unit_parent=plan.unit_parent, unit_head=plan.heads, members=plan.members)
    raters = {k: v[0] for k, v in snapshot.raters().items()}
    for cycle in find_cycles(raters):
        anchor = min((rows_by_nip[n].row for n in cycle if n in rows_by_nip), default=0)
        errors.add("employees", anchor, "supervisor_nip",
                   _("The supervisor chain has a cycle: %(nips)s.") % {"nips": " → ".join(cycle + cycle[:1])})


def _username_owners(usernames: list[str]) -> dict[str, int]:
    """Existing accounts by lower-cased username, for the given names (1 query)."""
    wanted = {u.lower() for u in usernames}
    rows = (
        get_user_model().objects.annotate(lower_name=Lower("username"))
        .filter(lower_name__in=wanted).values_list("lower_name", "pk")
    )
    return dict(rows)


def _check_actor_scope(plan: _Plan, actor: User | None, errors: Errors) -> None:
    """A non-superuser HR may only touch what lies inside the units they manage, old and new.

    That is every unit and employee of the files, where they are now and where the row puts
    them, and every unit, post, supervisor and HR scope a row points to. A reference the row
    leaves as the database has it is no change and passes (so HR can re-import their own rows
    when e.g. their top unit's parent or a head's supervisor lies outside). Only a superuser
    may grant or remove PROCESS_ADMIN, change a superuser's account or make a top-level unit.
    Unknown references are already errors and are not reported twice.
    """
    if actor is None or actor.is_superuser:
        return
    managed = set(units_managed_by(actor).values_list("code", flat=True))
    allowed = set(managed)  # plus new units hanging (maybe through other new units) below them
    new_units = [r for r in plan.unit_rows if r.code not in plan.db_units]
    while grown := [r.code for r in new_units if r.code not in allowed and plan.unit_parent[r.code] in allowed]:
        allowed.update(grown)

    def outside(code: str) -> str:
        return _("Unit %(code)s is outside the units you manage.") % {"code": code}

    for row in plan.unit_rows:
        parent = plan.unit_parent[row.code]
        current = plan.db_units.get(row.code)
        old_parent = current.parent.code if current and current.parent else None
        if current is not None and row.code not in managed:
            errors.add("units", row.row, "code", outside(row.code))
        elif current is None and parent is None:
            errors.add("units", row.row, "parent_code",
                       _("Only a superuser may create a top-level unit; give a parent_code."))
        elif parent != old_parent and parent in plan.unit_parent and parent not in allowed:
            errors.add("units", row.row, "parent_code", outside(parent))

    # Both are small (a few administrators), so read whole rather than filtered by a long id list.
    old_scopes: dict[int, set[str]] = defaultdict(set)
    for user_id, code in PerformanceAdminScope.objects.values_list("user_id", "unit__code"):
        old_scopes[user_id].add(code)
    process_admins = set(get_user_model().objects.filter(groups__name=Role.PROCESS_ADMIN).values_list("pk", flat=True))

    for row in plan.employee_rows:
        current = plan.db_employees.get(row.nip)
        if (row.unit_code in plan.unit_parent and row.unit_code not in allowed) or (
                current and current.unit.code not in managed):
            errors.add("employees", row.row, "unit_code", _("This employee is outside the units you manage."))
        old_supervisor = current.supervisor_override.nip if current and current.supervisor_override else None
        supervisor = plan.members.get(row.supervisor_nip) if row.supervisor_nip else None
        if supervisor and row.supervisor_nip != old_supervisor and supervisor.unit not in allowed:
            errors.add("employees", row.row, "supervisor_nip",
                       _("%(nip)s works outside the units you manage.") % {"nip": row.supervisor_nip})
        # A Plt appointment belongs to the unit of its post: the post given up and the new one.
        old_post = (current.acting_position.unit.code, current.acting_position.title) \
            if current and current.acting_position_id else None
        new_post = plan.members[row.nip].acting_position if row.acting_for_nip else None
        if new_post != old_post and not (row.acting_for_nip and new_post is None):  # None: unknown NIP
            if old_post and old_post[0] not in managed:
                errors.add("employees", row.row, "acting_for_nip",
                           _("This employee is acting official (Plt) for %(title)s of unit %(unit)s, outside the "
                             "units you manage.") % {"title": old_post[1], "unit": old_post[0]})
            if new_post and new_post[0] not in allowed:
                errors.add("employees", row.row, "acting_for_nip",
                           _("%(nip)s works outside the units you manage.") % {"nip": row.acting_for_nip})
        user_id = current.user_id if current else None
        wanted = set(row.scopes or [row.unit_code]) if Role.PERFORMANCE_ADMIN in row.roles else set()
        for code in sorted((wanted ^ old_scopes.get(user_id, set())) - allowed):
            if code in plan.unit_parent:
                errors.add("employees", row.row, "roles", outside(code))
        if Role.PROCESS_ADMIN in row.roles and user_id not in process_admins:
            errors.add("employees", row.row, "roles", _("Only a superuser may grant the PROCESS_ADMIN role."))
        if Role.PROCESS_ADMIN not in row.roles and user_id in process_admins:
            errors.add("employees", row.row, "roles", _("Only a superuser may remove the PROCESS_ADMIN role."))
        if current and current.user and current.user.is_superuser:
            errors.add("employees", row.row, "username",
                       _("This employee's account is a superuser's; only a superuser may change it."))


def organization_import(
    *,
    units_csv: str,
    employees_csv: str,
    actor: User | None = None,
    password: str | None = None,
    progress: Any = None,
) -> ImportResult:
    """Validate both files against the database, then upsert them in one transaction.

    ``actor`` None means the system (management command). ``password`` is the initial password
    of new accounts (demo and tests); without it new accounts get an unusable password.
    ``progress`` is a callable wrapping an iterable (e.g. tqdm) for large files.
    """
    if actor is not None and not is_performance_admin(actor):
        raise Forbidden()
    errors = Errors()
    unit_rows = _parse_units(units_csv, errors)
    employee_rows = _parse_employees(employees_csv, errors)
    # Only rows that cannot be keyed (malformed or repeated NIP or unit code) are left out of the
    # merged view, so the rest is still checked: a bad NIP in one row, an unknown unit in
    # another and an unknown supervisor in a third are all reported at once.
    plan = _Plan(unit_rows, employee_rows)
    _validate_merged(plan, errors)
    _check_actor_scope(plan, actor, errors)
    errors.raise_if_any()
    with transaction.atomic():
        return _write(plan, password, progress or (lambda items, **_kw: items))


# Rows per statement (UPDATE ... CASE, IN lists): SQLite's variable limit, PostgreSQL's planning time.
BATCH = 500


def _chunks(items: list, size: int = BATCH) -> Any:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _write(plan: _Plan, password: str | None, progress: Any) -> ImportResult:
    """Write the merged view: every kind of object in bulk, one statement per kind and change
    (per BATCH rows), so that 3 rows cost as many queries as 50 (tests/test_import_queries.py)."""
    result = ImportResult()
    units = dict(plan.db_units)
    new_units = []
    for row in plan.unit_rows:
        unit = units.get(row.code)
        if unit is None:
            unit = units[row.code] = OrgUnit(code=row.code)
            new_units.append(unit)
        unit.name, unit.kind = row.name, row.kind
    result.units_created = len(new_units)
    result.units_updated = len(plan.unit_rows) - len(new_units)
    OrgUnit.objects.bulk_create(new_units, batch_size=BATCH)
    OrgUnit.objects.bulk_update([units[r.code] for r in plan.unit_rows if r.code in plan.db_units], ["name", "kind"],
                                batch_size=BATCH)
    moved = []
    for row in plan.unit_rows:
        parent_code = plan.unit_parent[row.code]
        parent_id = units[parent_code].pk if parent_code else None
        if units[row.code].parent_id != parent_id:
            units[row.code].parent_id = parent_id
            moved.append(units[row.code])
    OrgUnit.objects.bulk_update(moved, ["parent"], batch_size=BATCH)
    services.rebuild_unit_paths()

    positions = _write_positions(plan, units)
    User = get_user_model()
    hashed = make_password(password) if password else None  # hashed once: it is the same for all new accounts
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in Role.values}
    employees = dict(plan.db_employees)
    new_employees: list[Employee] = []
    accounts: dict[str, Any] = {}  # NIP -> the account the row leaves the employee with
    now = timezone.now()
    for row in progress(plan.employee_rows, desc="pegawai", unit="baris"):
        employee = employees.get(row.nip)
        if employee is None:
            employee = employees[row.nip] = Employee(nip=row.nip)
            new_employees.append(employee)
            result.employees_created += 1
        else:
            result.employees_updated += 1
        employee.name, employee.email = row.name, row.email
        employee.employment_type = row.employment_type
        if row.rank is not None:
            employee.rank = row.rank
        employee.unit, employee.is_active = units[row.unit_code], True
        employee.position = positions[(units[row.unit_code].pk, row.position)]
        employee.updated_at = now  # auto_now, which bulk_update does not apply
        user = _account_for(row, employee, User, hashed, result)
        if user is not None:
            accounts[row.nip] = user
    new_users = [u for u in accounts.values() if u.pk is None]
    User.objects.bulk_update([u for u in accounts.values() if u.pk is not None],
                             ["username", "email", "first_name", "is_staff"], batch_size=BATCH)
    User.objects.bulk_create(new_users, batch_size=BATCH)
    for nip, user in accounts.items():
        employees[nip].user = user  # now saved: its id is set on the employee
    _write_roles(plan, accounts, groups)
    _write_scopes(plan, accounts, units)

    # New employees first, without references: the rows may refer to each other.
    Employee.objects.bulk_create(new_employees, batch_size=BATCH)
    for row in plan.employee_rows:
        employee = employees[row.nip]
        employee.supervisor_override = employees[row.supervisor_nip] if row.supervisor_nip else None
        employee.acting_position = employees[row.acting_for_nip].position if row.acting_for_nip else None
    # Clear first so Plt appointments can move between people without tripping the
    # one-Plt-per-post constraint half-way; in chunks to stay under SQLite's variable limit.
    for nips in _chunks([r.nip for r in plan.employee_rows]):
        Employee.objects.filter(nip__in=nips).update(acting_position=None)
    Employee.objects.bulk_update(
        [employees[r.nip] for r in plan.employee_rows],
        ["name", "email", "employment_type", "rank", "unit", "position", "is_active", "user", "updated_at",
         "supervisor_override", "acting_position"], batch_size=BATCH)
    changed_heads = []
    for code, unit in units.items():
        head = plan.heads.get(code)
        head_id = positions[(unit.pk, head[1])].pk if head else None
        if unit.head_position_id != head_id:
            unit.head_position_id = head_id
            changed_heads.append(unit)
    OrgUnit.objects.bulk_update(changed_heads, ["head_position"], batch_size=BATCH)
    services.refresh_derived_relations()
    return result


def _write_positions(plan: _Plan, units: dict[str, OrgUnit]) -> dict[tuple[int, str], Position]:
    """Every post, by (unit id, title): the rows' new posts created, a changed class saved."""
    positions = {(p.unit_id, p.title): p for p in Position.objects.all()}
    created: dict[tuple[int, str], Position] = {}
    reclassed: dict[tuple[int, str], Position] = {}
    for row in plan.employee_rows:
        key = (units[row.unit_code].pk, row.position)
        position = positions.get(key)
        if position is None:
            position = positions[key] = created[key] = Position(
                unit=units[row.unit_code], title=row.position, position_class=row.position_class)
        elif position.position_class != row.position_class:
            position.position_class = row.position_class
            if key not in created:
                reclassed[key] = position
    Position.objects.bulk_create(list(created.values()), batch_size=BATCH)
    Position.objects.bulk_update(list(reclassed.values()), ["position_class"], batch_size=BATCH)
    return positions


def _account_for(row: EmployeeRow, employee: Employee, User: Any, hashed: str | None, result: ImportResult) -> Any:
    """The employee's account as the row leaves it, not yet saved (None: still none)."""
    user = employee.user
    if not row.username and user is None:
        return None
    if user is None:
        user = User(username=row.username, password=hashed or make_password(None))
        result.accounts_created += 1
    elif row.username:
        user.username = row.username
    user.email = row.email
    user.first_name = row.name[:150]
    user.is_staff = user.is_superuser or Role.PERFORMANCE_ADMIN in row.roles or Role.PROCESS_ADMIN in row.roles
    return user


def _write_roles(plan: _Plan, accounts: dict[str, Any], groups: dict[str, Group]) -> None:
    """Each account's role groups exactly as its row lists them; other groups are left alone."""
    Membership = get_user_model().groups.through
    mine = {user.pk for user in accounts.values()}
    wanted = {(accounts[row.nip].pk, groups[role].pk) for row in plan.employee_rows if row.nip in accounts
              for role in row.roles}
    # The role groups hold a few administrators: read whole rather than filtered by a long id list.
    held = {(user_id, group_id): pk for pk, user_id, group_id in Membership.objects.filter(
        group__in=groups.values()).values_list("pk", "user_id", "group_id")}
    for pks in _chunks([pk for key, pk in held.items() if key[0] in mine and key not in wanted]):
        Membership.objects.filter(pk__in=pks).delete()
    Membership.objects.bulk_create([Membership(user_id=user_id, group_id=group_id)
                                    for user_id, group_id in sorted(wanted - held.keys())], batch_size=BATCH)


def _write_scopes(plan: _Plan, accounts: dict[str, Any], units: dict[str, OrgUnit]) -> None:
    """Each account's HR scopes exactly as its row says: the units named, else its own unit."""
    mine = {user.pk for user in accounts.values()}
    wanted = set()
    for row in plan.employee_rows:
        if row.nip in accounts and Role.PERFORMANCE_ADMIN in row.roles:
            user_id = accounts[row.nip].pk
            wanted |= {(user_id, units[code].pk) for code in row.scopes or [row.unit_code]}
    # A few administrators (as in _check_actor_scope): read whole.
    held = {(user_id, unit_id): pk for pk, user_id, unit_id in PerformanceAdminScope.objects.values_list(
        "pk", "user_id", "unit_id")}
    for pks in _chunks([pk for key, pk in held.items() if key[0] in mine and key not in wanted]):
        PerformanceAdminScope.objects.filter(pk__in=pks).delete()
    PerformanceAdminScope.objects.bulk_create([PerformanceAdminScope(user_id=user_id, unit_id=unit_id)
                                               for user_id, unit_id in sorted(wanted - held.keys())],
                                              batch_size=BATCH)
