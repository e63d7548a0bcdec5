"""GraphQL for R-DISCIPLINE (apps/daily/discipline.py): per employee and month, working days and
how they were filled — on time, late, missing, excused — and the share on time. No money.

Who sees what: HR of a unit and the leaders of the unit or above see every employee of it
(``discipline``, ``disciplineExport``); an employee their own month, a rater their ratees' and
the rater's rater theirs (``employeeDiscipline``; ``discipline`` lists for them only those rows).
Anyone else: NOT_FOUND.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Optional

import strawberry
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from strawberry import relay
from strawberry.types import Info

from apps.core.errors import BadInput
from apps.daily import discipline, discipline_xlsx
from apps.daily.audience import employee_for_daily
from apps.performance.documents import names

from . import common
from .context import require_user
from .documents import DocumentLink
from .ids import decode_id
from .organization import EmployeeType

if TYPE_CHECKING:
    from apps.organization.models import Employee


@strawberry.type(name="DisciplineRow", description="R-DISCIPLINE: one employee's month, counted up to today "
                                                   "(later days are not counted).")
class DisciplineRowType:
    employee: EmployeeType
    working_days: int = strawberry.field(description="Working days of the employee's unit (R-CALENDAR).")
    on_time: int = strawberry.field(description="Days whose first entry was submitted by the deadline.")
    late: int = strawberry.field(description="Days first submitted after the deadline (R-LATE).")
    missing: int = strawberry.field(description="Days past the deadline without a submitted entry.")
    excused: int = strawberry.field(description="Working days covered by approved leave (cuti, dinas luar, sick).")
    pending: int = strawberry.field(description="Days without an entry still within the deadline: neither "
                                                "missing nor late yet.")
    percent_on_time: Optional[float] = strawberry.field(
        description="onTime ÷ (workingDays − excused) × 100, 2 decimals; null when no day is expected.")

    @classmethod
    def of(cls, row: discipline.Row) -> DisciplineRowType:
        percent = row.percent_on_time
        return cls(employee=row.employee, working_days=row.working_days, on_time=row.on_time, late=row.late,
                   missing=row.missing, excused=row.excused, pending=row.pending,
                   percent_on_time=None if percent is None else float(percent))


class _Pages:
    """The rows of a list of employees, computed a page at a time: the connection slices it, and
    one slice costs the same few queries whatever its length (discipline.month_summary)."""

    def __init__(self, employees: QuerySet[Employee], year: int, month: int) -> None:
        self.employees, self.year, self.month = employees, year, month

    def __getitem__(self, page: slice) -> list[DisciplineRowType]:
        rows = discipline.month_summary(list(self.employees[page]), self.year, self.month)
        return [DisciplineRowType.of(row) for row in rows]

    def count(self) -> int:
        """The rows of every page (1 query)."""
        return self.employees.count()


def _is_offset_cursor(cursor: str) -> bool:
    try:
        kind, offset = relay.from_base64(cursor)
    except (ValueError, TypeError):
        return False
    return kind == relay.types.PREFIX and offset.isdigit()


@strawberry.type(name="DisciplineRowConnection", description="A page of discipline rows.")
class DisciplineConnection(relay.ListConnection[DisciplineRowType]):
    pages: strawberry.Private[Optional[_Pages]] = None

    @strawberry.field(description="Rows in the whole list, every page (one COUNT query).")
    def total_count(self) -> int:
        assert self.pages is not None
        return self.pages.count()

    @classmethod
    def resolve_connection(cls, nodes, *, info: Info, before: str | None = None, after: str | None = None,
                           **kwargs):
        # A cursor that is not one of ours is the caller's mistake, as in every list (CursorConnection).
        for name, cursor in (("after", after), ("before", before)):
            if cursor is not None and not _is_offset_cursor(cursor):
                raise BadInput(fields={name: _("not a cursor of this list")})
        connection = super().resolve_connection(nodes, info=info, before=before, after=after, **kwargs)
        connection.pages = nodes
        return connection


@strawberry.type
class DisciplineQuery:
    @relay.connection(DisciplineConnection, description=(
            "R-DISCIPLINE of a unit and its sub-units for a month, one row per active employee (by sub-unit, "
            "then name): all of them for HR of the unit and the leaders of the unit or above; for anyone else, "
            "only their own row and those of the employees they rate (and their ratees rate); NOT_FOUND when "
            "that is nobody."))
    def discipline(self, info: Info, unit_id: strawberry.ID, year: int, month: int) -> Iterable[DisciplineRowType]:
        user = require_user(info)
        return _Pages(discipline.discipline_visible(user, common.unit(unit_id), year, month), year, month)

    @strawberry.field(description="R-DISCIPLINE of one employee for a month: for the employee, their rater and "
                                  "the rater's rater, HR of their unit and the leaders of it or above.")
    def employee_discipline(self, info: Info, employee_id: strawberry.ID, year: int, month: int) -> DisciplineRowType:
        employee = employee_for_daily(require_user(info), decode_id(employee_id, "Employee"))
        return DisciplineRowType.of(discipline.month_summary([employee], year, month)[0])

    @strawberry.field(description="The XLSX of R-DISCIPLINE for a unit and its sub-units and a month (the figures "
                                  "for the allowance calculation): for HR of the unit and the leaders above.")
    def discipline_export(self, info: Info, unit_id: strawberry.ID, year: int, month: int) -> DocumentLink:
        unit = common.readable_unit(info, unit_id)
        discipline.month_bounds(year, month)
        return DocumentLink(url=reverse("document-discipline", args=[unit.pk, year, month]),
                            filename=discipline_xlsx.filename(unit, year, month), content_type=names.XLSX)
