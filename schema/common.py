"""What every schema module shares: lookups by global id with the viewer's visibility, and the
querysets each request scopes its types by (built once per request).

Lookups decode the global id (ids.decode_id), fetch through the owning app's selector and answer
NOT_FOUND, the same for a row that does not exist and one the viewer may not see. Resolvers only
map: the querysets come from selectors (docs/design.md, Layers and arrows)."""
from __future__ import annotations

from typing import Any

import strawberry
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from strawberry.types import Info
from strawberry_django.optimizer import optimize
from strawberry_django.queryset import get_queryset_config

from apps.core import selectors as rows
from apps.core.errors import NotFound
from apps.daily import entry_selectors
from apps.daily.schedule import leaves_visible_to
from apps.organization import selectors as organization
from apps.performance import selectors as performance
from apps.workflow import selectors as workflow

from .context import context, require_user
from .ids import decode_id


# --- one row ------------------------------------------------------------------------------------

def one(info: Info, queryset: QuerySet) -> Any:
    """The first row of a selector's queryset, optimized for the selection, else NOT_FOUND."""
    found = optimize(queryset, info).first()
    if found is None:
        raise NotFound()
    return found


def node(info: Info, queryset: QuerySet, global_id: strawberry.ID, type_name: str) -> Any:
    """The row of a selector's queryset that a client's global id names, optimized, else NOT_FOUND."""
    return one(info, rows.row(queryset, decode_id(global_id, type_name)))


def lookup(queryset: QuerySet, global_id: strawberry.ID, type_name: str) -> Any:
    """The row of a selector's queryset that a client's global id names (for a service), else NOT_FOUND."""
    found = rows.row(queryset, decode_id(global_id, type_name)).first()
    if found is None:
        raise NotFound()
    return found


def row_or_none(queryset: QuerySet, pk: int) -> Any:
    """The row ``pk`` (a trusted id, e.g. an instance's binding) of a selector's queryset, or None."""
    return rows.row(queryset, pk).first()


def reload(info: Info, instance: Any) -> Any:
    """What a service returned, read again for the selection (optimized)."""
    return one(info, rows.row_of(instance))


def fresh(instance: Any) -> Any:
    """What a service returned, read again as stored (1 query)."""
    return rows.fresh(instance)


def first_or_none(info: Info, queryset: QuerySet) -> Any:
    """The first row of a selector's queryset, optimized for the selection, or None."""
    return optimize(queryset, info).first()


def scoped(queryset: QuerySet) -> QuerySet:
    """A root's queryset that its selector already scoped to the viewer: the type's
    get_queryset need not filter it again (it still scopes everything nested)."""
    get_queryset_config(queryset).type_get_queryset_did_run = True
    return queryset


# --- by global id, as arguments of services ----------------------------------------------------

def unit(unit_id: strawberry.ID):
    """A unit (with its leader) by global id: the org tree is for everyone signed in."""
    return lookup(organization.units_with_leader(), unit_id, "OrgUnit")


def employee(employee_id: strawberry.ID):
    """An employee (with unit and position) by global id: names and positions are for everyone."""
    return lookup(organization.employees_with_unit(), employee_id, "Employee")


def period(period_id: strawberry.ID):
    """A review period by its global id (periods are reference data)."""
    return lookup(performance.periods(), period_id, "PerformancePeriod")


def readable_unit(info: Info, unit_id: strawberry.ID):
    """A unit whose aggregates the viewer may read (HR of it, leaders at or above), else NOT_FOUND."""
    found = performance.readable_unit(require_user(info), decode_id(unit_id, "OrgUnit"))
    if found is None:
        raise NotFound()
    return found


def plan(user: AbstractBaseUser, plan_id: strawberry.ID):
    """A plan the viewer may see, with what its services check (employee, unit, position, rater)."""
    return lookup(performance.plans_for_change(user), plan_id, "PerformancePlan")


# --- what the viewer may see, once per request -------------------------------------------------

def _per_request(info: Info, key: str, build):
    cache = context(info).cache
    if key not in cache:
        cache[key] = build(require_user(info))
    return cache[key]


def visible_plans(info: Info) -> QuerySet:
    """plans_visible_to the viewer (its role look-ups run once per request)."""
    return _per_request(info, "plans", performance.plans_visible_to)


def visible_instances(info: Info) -> QuerySet:
    """instances_visible_to the viewer (its role look-ups run once per request)."""
    return _per_request(info, "instances", workflow.instances_visible_to)


def visible_leaves(info: Info) -> QuerySet:
    """leaves_visible_to the viewer, once per request."""
    return _per_request(info, "leaves", leaves_visible_to)


def visible_entries(info: Info) -> QuerySet:
    """entries_visible_to the viewer (its role look-ups run once per request)."""
    return _per_request(info, "daily_entries", entry_selectors.entries_visible_to)
