"""File names of the generated documents: what an employee finds in their Downloads folder."""
from __future__ import annotations

import re

from apps.organization.models import OrgUnit

from ..models import Evaluation, PerformancePeriod, PerformancePlan

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe(text: str) -> str:
    """Unit codes come from a CSV: keep a file name to letters, digits, dot, dash and underscore."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "unit"


def period_name(period: PerformancePeriod) -> str:
    """'Triwulan I', 'Semester II', 'Bulan Maret', or 'Tahunan' for the year: as the documents name it."""
    if period.kind == "YEAR":
        return "Tahunan"
    if period.kind == "MONTH":
        return f"Bulan {MONTHS[period.number - 1]}"
    return f"{'Triwulan' if period.kind == 'QUARTER' else 'Semester'} {ROMAN[period.number - 1]}"


def choice_label(choices, value: str | None, missing: str = "") -> str:
    """The (Indonesian) label of a stored choice, or ``missing`` when there is none."""
    return str(choices(value).label) if value else missing


def period_label(period: PerformancePeriod) -> str:
    """'2026' for the year, '2026-TW1' for a quarter (Triwulan), '2026-M03' for a month."""
    if period.kind == "YEAR":
        return str(period.year)
    prefix = {"QUARTER": "TW", "SEMESTER": "S", "MONTH": "M"}[period.kind]
    return f"{period.year}-{prefix}{period.number:0{2 if period.kind == 'MONTH' else 1}d}"


def plan_filename(plan: PerformancePlan) -> str:
    return f"SKP-{plan.year}-{plan.employee.nip}.pdf"


def evaluation_filename(evaluation: Evaluation) -> str:
    return f"Evaluasi-{period_label(evaluation.period)}-{evaluation.plan.employee.nip}.pdf"


def predicates_filename(unit: OrgUnit, period: PerformancePeriod) -> str:
    return f"Penetapan-Predikat-{safe(unit.code)}-{period_label(period)}.pdf"


def recap_filename(unit: OrgUnit, year: int, period: PerformancePeriod | None) -> str:
    return f"Rekap-Kinerja-{safe(unit.code)}-{period_label(period) if period else year}.xlsx"
