"""The layout every XLSX recap shares (performance recap, daily discipline): a title block, then a
table of real Excel cells under a bold, frozen, filtered header. Pure functions of a worksheet
and plain values: no queries, no translations."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apps.organization.models import OrgUnit

TEXT, DATE, DATETIME, CREDIT, PERCENT, INTEGER = "@", "DD/MM/YYYY", "DD/MM/YYYY HH:MM", "0.000", "0.00%", "0"
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    value: Callable[[Any], Any]
    number_format: str | None = None
    wrap: bool = False


class Titled(Protocol):
    """What a title block shows."""

    government: str
    unit: OrgUnit
    period_label: str
    generated_at: dt.datetime  # aware, in the installation's zone (WIB)


def title_block(ws: Worksheet, title: str, recap: Titled, note: str = "") -> int:
    """Title lines above the table, then a line for a note; returns the header's row number
    (the same on every sheet of a workbook)."""
    # Excel has no time zones: the local (WIB) wall time, and its zone's name beside it.
    generated = recap.generated_at.replace(tzinfo=None, microsecond=0)
    lines = [[title], ["Pemerintah daerah", recap.government],
             ["Unit kerja", f"{recap.unit.name} (beserta sub-unit)"], ["Periode", recap.period_label],
             ["Dibuat", generated, recap.generated_at.tzname()], [note]]
    for row, values in enumerate(lines, start=1):
        for column, value in enumerate(values, start=1):
            if value:
                ws.cell(row, column, value).font = BOLD if column == 1 else Font()
    ws["A1"].font = Font(bold=True, size=14)
    if note:
        ws.cell(len(lines), 1).font = Font(italic=True)
    ws["B5"].number_format = DATETIME
    ws["B5"].alignment = Alignment(horizontal="left")
    return len(lines) + 1


def table(ws: Worksheet, columns: list[Column], rows: Sequence[Any], header_row: int) -> None:
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(header_row, index, column.title)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    for offset, row in enumerate(rows, start=1):
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(header_row + offset, index, column.value(row))
            if column.number_format:
                cell.number_format = column.number_format
            if column.wrap:
                cell.alignment = WRAP
    last_column = get_column_letter(len(columns))
    ws.freeze_panes = f"B{header_row + 1}"  # the header and the names stay in view
    ws.auto_filter.ref = f"A{header_row}:{last_column}{header_row + max(len(rows), 1)}"
