"""The XLSX of R-DISCIPLINE for a unit (and its sub-units) and a month, as HR hands it to the
allowance (Tukin/TPP) calculation: the figures only, no money. Laid out like the performance
recap (apps/performance/documents/sheets.py): a title block, then one row per active employee
in real Excel cells — NIP as text, day counts as integers, the on-time share as a real fraction
under a % format (empty when no day was expected) — with the header frozen and filtered.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from openpyxl import Workbook

from apps.organization.models import Employee, OrgUnit
from apps.performance.documents import names
from apps.organization.selectors import government_of
from apps.performance.documents.sheets import INTEGER, PERCENT, TEXT, Column, table, title_block

from .discipline import Row, month_summary, subtree_employees

COLUMNS: list[Column] = [
    Column("Nama", 30, lambda r: r.figures.employee.name),
    Column("NIP", 21, lambda r: r.nip, TEXT),
    Column("Pangkat/Golongan", 22, lambda r: r.figures.employee.rank),
    Column("Jabatan", 36, lambda r: r.figures.employee.position.title),
    Column("Unit kerja", 36, lambda r: r.figures.employee.unit.name),
    Column("Hari kerja", 10, lambda r: r.figures.working_days, INTEGER),
    Column("Tepat waktu", 10, lambda r: r.figures.on_time, INTEGER),
    Column("Terlambat", 10, lambda r: r.figures.late, INTEGER),
    Column("Tidak mengisi", 10, lambda r: r.figures.missing, INTEGER),
    Column("Dikecualikan (cuti/dinas luar)", 14, lambda r: r.figures.excused, INTEGER),
    # A month in progress: days still within their grace period, so that the row adds up.
    Column("Belum lewat batas waktu", 12, lambda r: r.figures.pending, INTEGER),
    Column("Persentase tepat waktu", 12,
           lambda r: None if r.figures.percent_on_time is None else float(r.figures.percent_on_time / 100), PERCENT),
]


@dataclass(frozen=True)
class DisciplineSheet:
    government: str
    unit: OrgUnit
    period_label: str  # "Maret 2026"
    generated_at: dt.datetime  # aware, in the installation's zone (WIB)
    rows: list["SheetRow"]


@dataclass(frozen=True)
class SheetRow:
    """An employee's month as the sheet prints it: the NIP only where the viewer may see it."""
    figures: Row
    nip: str


def month_title(year: int, month: int) -> str:
    return f"{names.MONTHS[month - 1]} {year}"


def filename(unit: OrgUnit, year: int, month: int) -> str:
    """'Disiplin-Harian-DISDIK-2026-M03.xlsx' (the month as the recap names a month period)."""
    return f"Disiplin-Harian-{names.safe(unit.code)}-{year}-M{month:02d}.xlsx"


def render(unit: OrgUnit, year: int, month: int, nip_shown: Callable[[Employee], bool]) -> bytes:
    """The workbook; the caller has checked the viewer may read the unit's aggregates and that
    the month exists. ``nip_shown(employee)``: whose NIP the viewer may see (the API's rule,
    organization.selectors.personal_details_visible); the others stay empty, as in the recap.
    6 queries whatever the number of employees (+ the NIP rule's 3)."""
    rows = [SheetRow(row, row.employee.nip if nip_shown(row.employee) else "")
            for row in month_summary(list(subtree_employees(unit)), year, month)]
    sheet = DisciplineSheet(government=government_of(unit), unit=unit, period_label=month_title(year, month),
                            generated_at=timezone.localtime(), rows=rows)
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Disiplin Harian"
    header = title_block(ws, "Rekap Disiplin Pengisian Progres Harian", sheet)
    table(ws, COLUMNS, sheet.rows, header)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
