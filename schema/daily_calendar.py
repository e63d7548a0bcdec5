"""GraphQL for the calendar (R-CALENDAR): national holidays and collective leave, a unit's
working week and time zone, and employees' leave.

Holidays and unit schedules are reference data for everyone signed in (the org tree is too).
Leave is personal: the employee, their rater and the rater's rater, HR of their unit and the
leaders of their unit or above see it (apps.daily.schedule.leaves_visible_to); for anyone else it does not exist
(NOT_FOUND). ``leaves`` filters (an employee, a unit's subtree, a status) only narrow that set: a unit
is reference data (the tree), so naming one you have no business with lists nothing.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry
import strawberry_django
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from strawberry import relay
from strawberry.types import Info

from apps.core.errors import BadInput
from apps.daily import calendar_services as services
from apps.daily import models, schedule
from apps.performance.services import MAX_YEAR, MIN_YEAR

from . import common
from .common import scoped, visible_leaves
from .context import require_user
from .ids import decode_id
from .organization import CursorConnection, EmployeeType, OrgUnitType

HolidayKindEnum = strawberry.enum(models.HolidayKind, name="HolidayKind")
LeaveKindEnum = strawberry.enum(models.LeaveKind, name="LeaveKind")
LeaveStatusEnum = strawberry.enum(models.LeaveStatus, name="LeaveStatus")
UnitTimeZoneEnum = strawberry.enum(models.TimeZoneName, name="UnitTimeZone")


@strawberry_django.type(models.Holiday, name="Holiday")
class HolidayType:
    date: dt.date
    name: str
    kind: HolidayKindEnum


@strawberry.type(name="UnitSchedule")
class UnitScheduleType:
    unit: OrgUnitType
    working_days: int = strawberry.field(description="5: Monday–Friday; 6: Monday–Saturday.")
    time_zone: UnitTimeZoneEnum = strawberry.field(description="Deadlines and dates are in this zone.")
    defined_by: Optional[OrgUnitType] = strawberry.field(
        description="The unit whose setting applies (this one or the nearest above); null: nobody set one, "
                    "Monday–Friday in the installation's zone.")


@strawberry_django.type(models.Leave, name="Leave")
class LeaveType(relay.Node):
    employee: EmployeeType
    starts_on: dt.date
    ends_on: dt.date
    kind: LeaveKindEnum
    status: LeaveStatusEnum
    note: str
    decided_by: Optional[EmployeeType] = strawberry_django.field(
        description="The rater who decided, or the employee record of HR who recorded it.")
    decided_at: Optional[dt.datetime]
    decision_note: str
    created_at: dt.datetime

    @classmethod
    def get_queryset(cls, queryset: QuerySet, info: Info, **kwargs) -> QuerySet:
        return schedule.scope_to_visible_leaves(queryset, visible_leaves(info))


def _schedule_of(unit) -> UnitScheduleType:
    effective, source = schedule.unit_schedule(unit)
    return UnitScheduleType(unit=unit, working_days=effective.working_days,
                            time_zone=UnitTimeZoneEnum(effective.time_zone), defined_by=source)


def _leave(info: Info, leave_id: strawberry.ID) -> models.Leave:
    return common.lookup(visible_leaves(info), leave_id, "Leave")


@strawberry.type
class CalendarQuery:
    @strawberry_django.field(description="R-CALENDAR: the national holidays and collective leave (cuti bersama) "
                                         "of a year, by date.")
    def holidays(self, info: Info, year: int) -> list[HolidayType]:
        require_user(info)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise BadInput(_("The year is out of range."), fields={"year": "range"})
        return schedule.holidays_of_year(year)

    @strawberry.field(description="R-CALENDAR: a unit's working week and time zone, its own or inherited.")
    def unit_schedule(self, info: Info, unit_id: strawberry.ID) -> UnitScheduleType:
        require_user(info)
        return _schedule_of(common.unit(unit_id))

    @strawberry_django.connection(CursorConnection[LeaveType], description="Leave you may see (your own, your "
                                  "staff's, your units'), latest first. `unitId`: only of the employees of that "
                                  "unit and its sub-units (it narrows what you may see, never widens it).")
    def leaves(self, info: Info, employee_id: strawberry.ID | None = None,
               status: LeaveStatusEnum | None = None, unit_id: strawberry.ID | None = None) -> QuerySet[models.Leave]:
        return scoped(schedule.leaves_filtered(
            visible_leaves(info), employee_id=decode_id(employee_id, "Employee") if employee_id else None,
            unit=common.unit(unit_id) if unit_id else None, status=status.value if status else None))


@strawberry.type
class CalendarMutation:
    @strawberry.mutation(description="HR managing the whole organization: add a national holiday or day of "
                                     "collective leave, or change the one on that date.")
    def set_holiday(self, info: Info, date: dt.date, name: str, kind: HolidayKindEnum) -> HolidayType:
        return services.holiday_set(actor=require_user(info), date=date, name=name, kind=kind.value)

    @strawberry.mutation(description="HR managing the whole organization: remove the holiday on that date.")
    def delete_holiday(self, info: Info, date: dt.date) -> bool:
        services.holiday_delete(actor=require_user(info), date=date)
        return True

    @strawberry.mutation(description="HR of the unit: its working week and time zone (units below without their "
                                     "own inherit them).")
    def set_unit_schedule(self, info: Info, unit_id: strawberry.ID, working_days: int,
                          time_zone: UnitTimeZoneEnum) -> UnitScheduleType:
        actor = require_user(info)
        unit = common.unit(unit_id)
        services.unit_schedule_set(actor=actor, unit=unit, working_days=working_days, time_zone=time_zone.value)
        return _schedule_of(unit)

    @strawberry.mutation(description="HR of the employee's unit: record leave (cuti, dinas luar, sick); approved "
                                     "at once, it excuses its days.")
    def record_leave(self, info: Info, employee_id: strawberry.ID, starts_on: dt.date, ends_on: dt.date,
                     kind: LeaveKindEnum, note: str = "") -> LeaveType:
        actor = require_user(info)
        leave = services.leave_record(actor=actor, employee=common.employee(employee_id), starts_on=starts_on,
                                      ends_on=ends_on, kind=kind.value, note=note)
        return common.reload(info, leave)

    @strawberry.mutation(description="The employee: mark your own leave; it waits for your rater.")
    def request_leave(self, info: Info, starts_on: dt.date, ends_on: dt.date, kind: LeaveKindEnum,
                      note: str = "") -> LeaveType:
        leave = services.leave_request(actor=require_user(info), starts_on=starts_on, ends_on=ends_on,
                                       kind=kind.value, note=note)
        return common.reload(info, leave)

    @strawberry.mutation(description="The employee's rater (an acting official included): approve or reject a "
                                     "pending leave.")
    def decide_leave(self, info: Info, leave_id: strawberry.ID, approve: bool, note: str = "") -> LeaveType:
        actor = require_user(info)
        leave = services.leave_decide(actor=actor, leave=_leave(info, leave_id), approve=approve, note=note)
        return common.reload(info, leave)

    @strawberry.mutation(description="Withdraw a pending leave you recorded; HR of the employee's unit removes any.")
    def cancel_leave(self, info: Info, leave_id: strawberry.ID) -> bool:
        actor = require_user(info)
        services.leave_cancel(actor=actor, leave=_leave(info, leave_id))
        return True
