"""The XLSX recap (rekap kinerja) of a unit and its sub-units for a year or a period, as HR
files it with the BKPSDM and feeds it to allowance (TPP) sheets: real Excel cells — NIP as text
(an 18-digit number would turn into 1.98E+17), dates as dates, predicate shares and credit
points as numbers — under a title block, with the header row frozen and filtered.

Sheet "Rekap Pegawai": one row per active employee (recap_data.EmployeeRow).
Sheet "Distribusi (R-DIST)": per rated unit of the subtree, the predicate counts and shares
against what its organizational rating allows, and the violations.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apps.organization.models import OrgUnit

from .. import rules
from ..models import PerformancePeriod
from .recap_data import DistributionRow, Recap, recap_of

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


EMPLOYEE_COLUMNS: list[Column] = [
    Column("Nama", 30, lambda r: r.name),
    Column("NIP", 21, lambda r: r.nip, TEXT),
    Column("Pangkat/Golongan", 22, lambda r: r.rank),
    Column("Jenis", 8, lambda r: r.employment_type),
    Column("Jabatan", 36, lambda r: r.position),
    Column("Kelas jabatan", 24, lambda r: r.position_class),
    Column("Unit kerja", 36, lambda r: r.unit),
    Column("Status SKP", 13, lambda r: r.plan_status),
    Column("Tanggal SKP ditetapkan", 13, lambda r: r.plan_approved_on, DATE),
    Column("Status penilaian", 22, lambda r: r.evaluation_status),
    Column("Rating hasil kerja", 19, lambda r: r.result_rating),
    Column("Rating perilaku kerja", 19, lambda r: r.behavior_rating),
    Column("Predikat", 17, lambda r: r.predicate),
    Column("Capaian kinerja organisasi", 17, lambda r: r.org_rating),
    Column("Angka kredit", 11, lambda r: r.credit_points, CREDIT),
]


def _share(predicate: str) -> Callable[[DistributionRow], Any]:
    # A real fraction under a % format (0.5 shows as 50.00%); nothing when no one has a predicate.
    return lambda r: r.counts.get(predicate, 0) / r.total if r.total else None


def _distribution_columns() -> list[Column]:
    """Built per document: the predicates' labels are translated in the document's language."""
    return [
        Column("Kode unit", 16, lambda r: r.unit_code),
        Column("Unit kerja", 36, lambda r: r.unit_name),
        Column("Capaian kinerja organisasi", 17, lambda r: r.org_rating),
        Column("Jumlah pegawai berpredikat", 13, lambda r: r.total, INTEGER),
        *[column for predicate in rules.Predicate for column in (
            Column(f"{predicate.label} (jumlah)", 12, lambda r, p=predicate.value: r.counts.get(p, 0), INTEGER),
            Column(f"{predicate.label} (%)", 12, _share(predicate.value), PERCENT))],
        Column("Distribusi yang diizinkan", 48, lambda r: "\n".join(r.allowed), wrap=True),
        Column("Memenuhi R-DIST", 11, lambda r: "Tidak" if r.violations else "Ya"),
        Column("Pelanggaran", 48, lambda r: "\n".join(r.violations), wrap=True),
    ]


def _title_block(ws: Worksheet, title: str, recap: Recap, note: str = "") -> int:
    """Title lines above the table, then a line for a note; returns the header's row number
    (the same on both sheets)."""
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


def _table(ws: Worksheet, columns: list[Column], rows: Sequence[Any], header_row: int) -> None:
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


def _employees_sheet(ws: Worksheet, recap: Recap) -> None:
    ws.title = "Rekap Pegawai"
    header = _title_block(ws, "Rekap Kinerja Pegawai", recap)
    _table(ws, EMPLOYEE_COLUMNS, recap.employees, header)


def _distribution_sheet(ws: Worksheet, recap: Recap) -> None:
    note = "" if recap.distribution else "Belum ada capaian kinerja organisasi yang ditetapkan untuk periode ini."
    header = _title_block(ws, "Distribusi Predikat Kinerja (R-DIST)", recap, note)
    _table(ws, _distribution_columns(), recap.distribution, header)


def render(unit: OrgUnit, year: int, period: PerformancePeriod | None) -> bytes:
    """The recap workbook; the caller has checked the viewer may read the unit's aggregates."""
    with translation.override("id"):  # a filed document: Indonesian, whatever the browser asks
        recap = recap_of(unit, year, period)
        workbook = Workbook()
        _employees_sheet(workbook.active, recap)
        _distribution_sheet(workbook.create_sheet("Distribusi (R-DIST)"), recap)
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()

