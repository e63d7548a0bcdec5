"""Reads of the organization, each in a constant number of queries whatever the tree depth.

Raters and leaders are read from the cached columns maintained by services (see models), and
subtrees through the materialized path, so no selector walks the tree with one query a level.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import reduce
from operator import or_

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from strawberry.relay import to_base64

from .models import Employee, OrgUnit, PerformanceAdminScope, Role


def employee_of(user: User) -> Employee | None:
    """The employee record of a user (1 query), or None."""
    if not user.is_authenticated:
        return None
    return Employee.objects.select_related("unit", "position").filter(user=user).first()


def rater_of(employee: Employee) -> Employee | None:
    """The employee's rater (pejabat penilai), acting official included: 1 query."""
    if employee.rater_id is None:
        return None
    return Employee.objects.select_related("unit", "position").get(pk=employee.rater_id)


def rater_supervisor_of(employee: Employee) -> Employee | None:
    """The rater's own rater (atasan pejabat penilai): 1 query."""
    return (
        Employee.objects.select_related("unit", "position")
        .filter(ratees__ratees=employee).first()
    )


def employee_references(pks: Iterable[int]) -> dict[int, dict[str, str]]:
    """How a report names employees: {pk: {"employeeId": the GraphQL global id, "employeeName"}}
    (1 query). The id is built as the API's relay ids are (base64 of "Employee:<pk>"), since
    apps do not import the schema."""
    return {pk: {"employeeId": to_base64("Employee", pk), "employeeName": name}
            for pk, name in Employee.objects.filter(pk__in=set(pks)).values_list("pk", "name")}


def subordinates_of(employee: Employee) -> QuerySet[Employee]:
    """Everyone this employee rates directly: 1 query."""
    return Employee.objects.filter(rater=employee, is_active=True).select_related("unit", "position")


def leader_of(unit: OrgUnit) -> Employee | None:
    """The occupant of the unit's head post (its Plt if one is appointed): 1 query."""
    if unit.leader_id is None:
        return None
    return Employee.objects.select_related("unit", "position").get(pk=unit.leader_id)


def government_of(unit: OrgUnit) -> str:
    """The regional government a unit belongs to: the name of its tree's root (no query for the
    root itself, else 1)."""
    if unit.parent_id is None:
        return unit.name
    return OrgUnit.objects.filter(pk=unit.ancestor_ids[0]).values_list("name", flat=True).first() or ""


def subtree(units: QuerySet[OrgUnit] | list[OrgUnit]) -> Q:
    """A filter on OrgUnit for the given units and all units below them."""
    paths = [u.path for u in units]
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(path__startswith=p) for p in paths))


def is_performance_admin(user: User) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=Role.PERFORMANCE_ADMIN).exists()
    )


def units_managed_by(user: User) -> QuerySet[OrgUnit]:
    """Units an HR user manages (their scopes and every sub-unit): 2 queries (superuser: all)."""
    if not user.is_authenticated:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    scopes = list(
        OrgUnit.objects.filter(
            hr_scopes__user=user, hr_scopes__user__groups__name=Role.PERFORMANCE_ADMIN
        ).only("path")
    )
    return OrgUnit.objects.filter(subtree(scopes))


def manages_unit(user: User, unit: OrgUnit) -> bool:
    """Whether an HR user manages this unit (2 queries)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    ancestors = unit.ancestor_ids
    return PerformanceAdminScope.objects.filter(
        user=user, unit_id__in=ancestors, user__groups__name=Role.PERFORMANCE_ADMIN
    ).exists()


def personal_details_audience(user: User) -> tuple[set[int], QuerySet[OrgUnit] | None]:
    """Who may see the viewer's colleagues' personal details (NIP, email), for one request.

    Returns the employee ids the viewer is, rates, or approves (as rater's supervisor), and the
    units whose staff the viewer manages as HR (None for a superuser: everyone). 3 queries.
    """
    if user.is_superuser:
        return set(), None
    own = Employee.objects.filter(user=user).values_list("pk", flat=True)
    ids = set(
        Employee.objects.filter(Q(pk__in=own) | Q(rater__in=own) | Q(rater__rater__in=own))
        .values_list("pk", flat=True)
    )
    return ids, units_managed_by(user)


def personal_details_visible(user: User) -> Callable[[Employee], bool]:
    """Whether the viewer may see an employee's NIP and email, as a check for many employees
    (3 queries, once): the API's rule (the employee, their rater and rater's supervisor, HR of
    their unit) for every read that prints personal details, documents included."""
    ids, units = personal_details_audience(user)
    if units is None:
        return lambda employee: True
    unit_ids = set(units.values_list("pk", flat=True))
    return lambda employee: employee.pk in ids or employee.unit_id in unit_ids


# --- what the GraphQL lists and lookups read (the org tree is for everyone signed in) ----------

def units_with_leader() -> QuerySet[OrgUnit]:
    """Every unit, its head post's occupant joined: what a service given a unit reads."""
    return OrgUnit.objects.select_related("leader")


def employees_with_unit() -> QuerySet[Employee]:
    """Every employee, unit and position joined: what a service given an employee reads."""
    return Employee.objects.select_related("unit", "position__unit")


def all_units() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.all()


def all_employees() -> QuerySet[Employee]:
    return Employee.objects.all()


def employees_by_pks(pks: Iterable[int]) -> list[Employee]:
    """The employees of ``pks`` that exist, with their units (1 query)."""
    return list(Employee.objects.select_related("unit").filter(pk__in=list(pks)))


def units_filtered(*, kind: str | None = None, parent: OrgUnit | None = None, within: OrgUnit | None = None,
                   search: str | None = None) -> QuerySet[OrgUnit]:
    """orgUnits: the tree in path order, narrowed by kind, a parent's children, a subtree and a
    part of the name or code."""
    qs = OrgUnit.objects.order_by("path", "pk")
    if kind:
        qs = qs.filter(kind=kind)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    if search:
        qs = qs.filter(name__icontains=search) | qs.filter(code__icontains=search)
    return qs


def employees_filtered(*, is_active: bool | None = True, unit: OrgUnit | None = None, include_subunits: bool = True,
                       search: str | None = None, position_class: str | None = None,
                       employment_type: str | None = None, rater_id: int | None = None) -> QuerySet[Employee]:
    """employees: by name, narrowed by activity, unit (with its sub-units or not), part of the
    name, position class, employment type and rater."""
    qs = Employee.objects.order_by("name", "pk")
    if is_active is not None:
        qs = qs.filter(is_active=is_active)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path) if include_subunits else qs.filter(unit=unit)
    if search:
        qs = qs.filter(name__icontains=search)
    if position_class:
        qs = qs.filter(position__position_class=position_class)
    if employment_type:
        qs = qs.filter(employment_type=employment_type)
    if rater_id is not None:
        qs = qs.filter(rater_id=rater_id)
    return qs


def own_hr_scopes(user: User) -> list[OrgUnit]:
    """The units an HR user was given (not those below them); none for a superuser (they manage all)."""
    if user.is_superuser:
        return []
    return list(units_managed_by(user).filter(hr_scopes__user=user))
