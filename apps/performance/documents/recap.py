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
from collections.abc import Callable
from typing import Any

from django.utils import translation
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from apps.organization.models import OrgUnit

from .. import rules
from ..models import PerformancePeriod
from .recap_data import DistributionRow, Recap, recap_of
from .sheets import CREDIT, DATE, INTEGER, PERCENT, TEXT, Column, table, title_block


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


def _employees_sheet(ws: Worksheet, recap: Recap) -> None:
    ws.title = "Rekap Pegawai"
    header = title_block(ws, "Rekap Kinerja Pegawai", recap)
    table(ws, EMPLOYEE_COLUMNS, recap.employees, header)


def _distribution_sheet(ws: Worksheet, recap: Recap) -> None:
    note = "" if recap.distribution else "Belum ada capaian kinerja organisasi yang ditetapkan untuk periode ini."
    header = title_block(ws, "Distribusi Predikat Kinerja (R-DIST)", recap, note)
    table(ws, _distribution_columns(), recap.distribution, header)


def render(unit: OrgUnit, year: int, period: PerformancePeriod | None, nip_shown) -> bytes:
    """The recap workbook; the caller has checked the viewer may read the unit's aggregates.
    ``nip_shown(employee)``: whose NIP the viewer may see (the API's rule); the others stay empty."""
    with translation.override("id"):  # a filed document: Indonesian, whatever the browser asks
        recap = recap_of(unit, year, period, nip_shown)
        workbook = Workbook()
        _employees_sheet(workbook.active, recap)
        _distribution_sheet(workbook.create_sheet("Distribusi (R-DIST)"), recap)
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()

