"""GraphQL for the organization: units, positions, employees, HR mutations, import.

Everyone authenticated sees the org tree, names and positions. NIP and email are personal:
null for everyone but the employee, their rater and rater's supervisor, and HR of their unit.
"""
from __future__ import annotations

import json
from typing import Optional

import strawberry
import strawberry_django
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from strawberry import relay
from strawberry.types import Info
from strawberry_django.relay import DjangoCursorConnection
from strawberry_django.relay.cursor_connection import DjangoCursorEdge

from apps.core.errors import BadInput
from apps.organization import importer, models, selectors, services

from . import common
from .context import context, require_user
from .ids import decode_id

OrgUnitKind = strawberry.enum(models.UnitKind, name="OrgUnitKind")
PositionClass = strawberry.enum(models.PositionClass, name="PositionClass")
EmploymentType = strawberry.enum(models.EmploymentType, name="EmploymentType")


@strawberry_django.type(models.OrgUnit, name="OrgUnit")
class OrgUnitType(relay.Node):
    code: str
    name: str
    kind: OrgUnitKind
    depth: int
    parent: Optional["OrgUnitType"]
    children: list["OrgUnitType"]
    leader: Optional["EmployeeType"] = strawberry_django.field(
        description="The occupant of the unit's head post: its acting official (Plt) if one is appointed."
    )


@strawberry_django.type(models.Position, name="Position")
class PositionType(relay.Node):
    title: str
    position_class: PositionClass
    unit: OrgUnitType


@strawberry_django.type(models.Employee, name="Employee")
class EmployeeType(relay.Node):
    name: str
    employment_type: EmploymentType
    rank: str = strawberry_django.field(description="Pangkat/golongan (PNS e.g. 'Penata Muda (III/a)', PPPK e.g. "
                                                    "'IX'); empty when not recorded.")
    is_active: bool
    unit: OrgUnitType
    position: PositionType
    acting_position: Optional[PositionType] = strawberry_django.field(
        description="The head post this employee holds as acting official (Plt), if any."
    )
    rater: Optional["EmployeeType"] = strawberry_django.field(
        description="The rater (pejabat penilai): derived from the org tree unless HR set one."
    )
    rater_is_acting: bool = strawberry_django.field(description="The rater rates as acting official (Plt).")

    @strawberry_django.field(only=["nip", "unit_id"], description="NIP; null unless you may see personal details.")
    def nip(self, info: Info) -> str | None:
        return self.nip if context(info).can_see_personal_details(self) else None

    @strawberry_django.field(only=["email", "unit_id"], description="Email; null unless you may see personal details.")
    def email(self, info: Info) -> str | None:
        return self.email if context(info).can_see_personal_details(self) else None


@strawberry.input
class OrgUnitFilter:
    kind: OrgUnitKind | None = None
    parent_id: strawberry.ID | None = strawberry.field(default=None, description="Direct children of this unit.")
    within_id: strawberry.ID | None = strawberry.field(default=None, description="This unit and everything below it.")
    search: str | None = strawberry.field(default=None, description="Part of the name or code.")


@strawberry.input
class EmployeeFilter:
    unit_id: strawberry.ID | None = None
    include_subunits: bool = True
    search: str | None = strawberry.field(default=None, description="Part of the name.")
    position_class: PositionClass | None = None
    employment_type: EmploymentType | None = None
    rater_id: strawberry.ID | None = strawberry.field(default=None, description="People this employee rates.")
    is_active: bool | None = True


def _well_formed(cursor: str) -> bool:
    try:
        kind, values = relay.from_base64(cursor)
        return kind == DjangoCursorEdge.CURSOR_PREFIX and isinstance(json.loads(values), list)
    except (ValueError, TypeError):  # not base64, not "kind:values", not JSON
        return False


@strawberry.type(name="CursorConnection", description="A connection to a list of items.")
class CursorConnection(DjangoCursorConnection[relay.NodeType]):
    """Every list of the API: a cursor that is not one of ours is the caller's mistake
    (BAD_USER_INPUT naming the argument), not an internal error."""

    @classmethod
    def resolve_connection(cls, nodes, *, info: Info, before: str | None = None, after: str | None = None,
                           **kwargs):
        for name, cursor in (("after", after), ("before", before)):
            if cursor is not None and not _well_formed(cursor):
                raise BadInput(fields={name: _("not a cursor of this list")})
        try:
            return super().resolve_connection(nodes, info=info, before=before, after=after, **kwargs)
        except ValueError as exc:
            if str(exc) != "Invalid cursor":  # well formed, but for another ordering
                raise
            argument = "after" if after is not None else "before"
            raise BadInput(fields={argument: _("not a cursor of this list")}) from None


@strawberry.type
class OrganizationQuery:
    @strawberry_django.connection(CursorConnection[OrgUnitType])
    def org_units(self, info: Info, filter: OrgUnitFilter | None = None) -> QuerySet[models.OrgUnit]:
        require_user(info)
        f = filter or OrgUnitFilter()
        return selectors.units_filtered(kind=f.kind, parent=common.unit(f.parent_id) if f.parent_id else None,
                                        within=common.unit(f.within_id) if f.within_id else None, search=f.search)

    @strawberry_django.field
    def org_unit(self, info: Info, id: strawberry.ID) -> OrgUnitType:
        require_user(info)
        return common.node(info, selectors.all_units(), id, "OrgUnit")

    @strawberry_django.connection(CursorConnection[EmployeeType])
    def employees(self, info: Info, filter: EmployeeFilter | None = None) -> QuerySet[models.Employee]:
        require_user(info)
        f = filter or EmployeeFilter()
        return selectors.employees_filtered(
            is_active=f.is_active, unit=common.unit(f.unit_id) if f.unit_id else None,
            include_subunits=f.include_subunits, search=f.search, position_class=f.position_class,
            employment_type=f.employment_type, rater_id=decode_id(f.rater_id, "Employee") if f.rater_id else None)

    @strawberry_django.field
    def employee(self, info: Info, id: strawberry.ID) -> EmployeeType:
        require_user(info)
        return common.node(info, selectors.all_employees(), id, "Employee")


@strawberry.type(name="ImportRowError")
class ImportRowErrorType:
    file: str
    row: int
    column: str | None
    message: str


@strawberry.type(name="ImportResult")
class ImportResultType:
    units_created: int
    units_updated: int
    employees_created: int
    employees_updated: int
    accounts_created: int


@strawberry.type
class OrganizationMutation:
    @strawberry_django.mutation(handle_django_errors=False)
    def set_supervisor(self, info: Info, employee_id: strawberry.ID,
                       supervisor_id: strawberry.ID | None = None) -> EmployeeType:
        """HR: set the rater of an employee explicitly; null returns to the one derived from the org tree."""
        actor = require_user(info)
        employee = common.employee(employee_id)
        supervisor = common.employee(supervisor_id) if supervisor_id else None
        services.employee_set_supervisor(actor=actor, employee=employee, supervisor=supervisor)
        return common.reload(info, employee)

    @strawberry_django.mutation(handle_django_errors=False)
    def set_acting(self, info: Info, employee_id: strawberry.ID,
                   acting_for_employee_id: strawberry.ID | None = None) -> EmployeeType:
        """HR: appoint an acting official (Plt) for the head post held by another employee; null ends it."""
        actor = require_user(info)
        employee = common.employee(employee_id)
        acting_for = common.employee(acting_for_employee_id) if acting_for_employee_id else None
        services.employee_set_acting(actor=actor, employee=employee, acting_for=acting_for)
        return common.reload(info, employee)

    @strawberry.mutation
    def import_organization(self, info: Info, units_csv: str, employees_csv: str) -> ImportResultType:
        """HR: upsert units and employees from CSV text (same format as `manage.py import_org`:
        PNS NIP or NI PPPK matching `employment_type`, optional `rank` column).

        Refused with BAD_USER_INPUT and `extensions.errors` ({file, row, column, message}) listing
        every problem of both files in one pass when any row is bad; nothing is written then. New
        accounts get no usable password.
        """
        actor = require_user(info)
        result = importer.organization_import(units_csv=units_csv, employees_csv=employees_csv, actor=actor)
        return ImportResultType(**vars(result))
