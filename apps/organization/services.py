"""Every write to the organization. Each public function is one transaction.

After any change to units, head posts, supervisors or acting officials the cached
``OrgUnit.leader`` / ``Employee.rater`` columns are refreshed in the same transaction, and the
list of changed raters is returned so callers (the workflow runtime, later) can move tasks.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.core.errors import BadInput, Forbidden

from . import hooks, selectors
from .hierarchy import Member, OrgSnapshot, find_cycles
from .models import Employee, OrgUnit


@dataclass(frozen=True)
class RaterChange:
    employee_id: int
    old_rater_id: int | None
    new_rater_id: int | None


def load_snapshot() -> tuple[OrgSnapshot[int, int, int], dict[int, tuple[int | None, bool]], dict[int, int | None]]:
    """The whole org keyed by primary key, with the cached values to compare against (2 queries)."""
    unit_rows = list(OrgUnit.objects.values_list("id", "parent_id", "head_position_id", "leader_id"))
    emp_rows = list(
        Employee.objects.values_list(
            "id", "unit_id", "position_id", "position__position_class", "supervisor_override_id",
            "acting_position_id", "is_active", "rater_id", "rater_is_acting",
        )
    )
    snapshot = OrgSnapshot(
        unit_parent={u[0]: u[1] for u in unit_rows},
        unit_head={u[0]: u[2] for u in unit_rows},
        members={
            e[0]: Member(key=e[0], unit=e[1], position=e[2], position_class=e[3], override=e[4],
                         acting_position=e[5], active=e[6])
            for e in emp_rows
        },
    )
    cached_raters: dict[int, tuple[int | None, bool]] = {e[0]: (e[7], e[8]) for e in emp_rows}
    cached_leaders: dict[int, int | None] = {u[0]: u[3] for u in unit_rows}
    return snapshot, cached_raters, cached_leaders


def refresh_derived_relations() -> list[RaterChange]:
    """Recompute unit leaders and raters; write only rows that changed."""
    snapshot, cached_raters, cached_leaders = load_snapshot()
    leaders = snapshot.leaders()
    changed_units = [
        OrgUnit(pk=unit, leader_id=leader)
        for unit, (leader, _acting) in leaders.items() if cached_leaders.get(unit) != leader
    ]
    OrgUnit.objects.bulk_update(changed_units, ["leader"], batch_size=1000)

    raters = snapshot.raters()
    changes: list[RaterChange] = []
    changed_employees: list[Employee] = []
    for key in snapshot.members:
        new = raters.get(key, (None, False))
        old = cached_raters[key]
        if new != old:
            changed_employees.append(Employee(pk=key, rater_id=new[0], rater_is_acting=new[1]))
            if new[0] != old[0]:
                changes.append(RaterChange(key, old[0], new[0]))
    Employee.objects.bulk_update(changed_employees, ["rater", "rater_is_acting"], batch_size=1000)
    hooks.rater_changed(changes)
    return changes


def rebuild_unit_paths() -> None:
    """Recompute every unit's materialized path and depth from the parent links."""
    rows = {u: (p, path, depth) for u, p, path, depth in OrgUnit.objects.values_list("id", "parent_id", "path", "depth")}
    computed: dict[int, tuple[str, int]] = {}

    def path_of(unit: int) -> tuple[str, int]:
        chain = []
        node: int | None = unit
        while node is not None and node not in computed:
            chain.append(node)
            node = rows[node][0]
        base, depth = computed[node] if node is not None else ("/", -1)
        for item in reversed(chain):
            base, depth = f"{base}{item}/", depth + 1
            computed[item] = (base, depth)
        return computed[unit]

    changed = []
    for unit, (_parent, path, depth) in rows.items():
        new_path, new_depth = path_of(unit)
        if (new_path, new_depth) != (path, depth):
            changed.append(OrgUnit(pk=unit, path=new_path, depth=new_depth))
    OrgUnit.objects.bulk_update(changed, ["path", "depth"], batch_size=1000)


def _require_hr_for(actor: User, unit: OrgUnit) -> None:
    if not selectors.manages_unit(actor, unit):
        raise Forbidden(_("Only the performance administrator (HR) of this unit may do this."))


@transaction.atomic
def employee_set_supervisor(
    *, actor: User, employee: Employee, supervisor: Employee | None
) -> list[RaterChange]:
    """Set (or, with None, clear) the explicit rater of an employee.

    HR of the employee's unit, and of the new supervisor's: being someone's rater opens their
    plans and personal details, so HR may not hand that to a person outside their units.
    """
    _require_hr_for(actor, employee.unit)
    if supervisor is not None:
        _require_hr_for(actor, supervisor.unit)
        if supervisor.pk == employee.pk:
            raise BadInput(_("An employee cannot be their own supervisor."), fields={"supervisorId": "self"})
        if not supervisor.is_active:
            raise BadInput(_("The chosen supervisor is no longer active."), fields={"supervisorId": "inactive"})
    snapshot, _cached, _leaders = load_snapshot()
    snapshot.members[employee.pk].override = supervisor.pk if supervisor else None
    if find_cycles({k: v[0] for k, v in snapshot.raters().items()}):
        raise BadInput(
            _("This supervisor would make a cycle in the supervisor chain."),
            fields={"supervisorId": "cycle"},
        )
    employee.supervisor_override = supervisor
    employee.save(update_fields=["supervisor_override", "updated_at"])
    return refresh_derived_relations()


@transaction.atomic
def employee_set_acting(
    *, actor: User, employee: Employee, acting_for: Employee | None
) -> list[RaterChange]:
    """Appoint an employee acting official (Plt) for the post of ``acting_for``, or end it (None).

    Only a unit's head post can have a Plt; a new appointment replaces the post's previous Plt.
    HR must manage the unit of the post, the employee's unit, and the unit of the post the
    employee gives up (a Plt appointment belongs to the unit of its post).
    """
    if acting_for is None:
        if employee.acting_position is None:
            return []
        _require_hr_for(actor, employee.acting_position.unit)
        employee.acting_position = None
        employee.save(update_fields=["acting_position", "updated_at"])
        return refresh_derived_relations()
    post = acting_for.position
    _require_hr_for(actor, post.unit)
    _require_hr_for(actor, employee.unit)
    # Read only when it is another post (the one given up).
    given_up = employee.acting_position if employee.acting_position_id not in (None, post.pk) else None
    if given_up is not None:
        _require_hr_for(actor, given_up.unit)
    if acting_for.pk == employee.pk:
        raise BadInput(_("An employee cannot act for their own post."), fields={"actingForEmployeeId": "self"})
    if post.unit.head_position_id != post.pk:
        raise BadInput(
            _("An acting official (Plt) can only be appointed for the head post of a unit."),
            fields={"actingForEmployeeId": "not_head"},
        )
    Employee.objects.filter(acting_position=post).exclude(pk=employee.pk).update(acting_position=None)
    employee.acting_position = post
    employee.save(update_fields=["acting_position", "updated_at"])
    snapshot, _cached, _leaders = load_snapshot()
    if find_cycles({k: v[0] for k, v in snapshot.raters().items()}):
        raise BadInput(
            _("This appointment would make a cycle in the supervisor chain."),
            fields={"actingForEmployeeId": "cycle"},
        )
    return refresh_derived_relations()
