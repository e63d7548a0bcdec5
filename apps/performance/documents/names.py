"""File names of the generated documents (what an employee finds in their Downloads folder) and
the names the documents give periods, dates and stored choices."""
from __future__ import annotations

import datetime as dt
import re

from django.utils import formats, translation

from apps.organization.models import OrgUnit

from ..models import Evaluation, PerformancePeriod, PerformancePlan, PeriodKind

# Only for apps/daily/discipline_xlsx.month_title, which should call in_indonesian(day, "F Y")
# instead; the documents take month names from Django's Indonesian locale.
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe(text: str) -> str:
    """Unit codes come from a CSV: keep a file name to letters, digits, dot, dash and underscore."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "unit"


def in_indonesian(day: dt.date, pattern: str) -> str:
    """A date formatted with Django's Indonesian locale ("j F Y": 31 Januari 2026), whatever the
    request's language: the documents are Indonesian."""
    with translation.override("id"):
        return formats.date_format(day, pattern)


def period_name(period: PerformancePeriod) -> str:
    """'Triwulan I', 'Semester II', 'Bulan Maret', or 'Tahunan' for the year: as the documents name it."""
    if period.kind == PeriodKind.YEAR:
        return "Tahunan"
    if period.kind == PeriodKind.MONTH:
        return f"Bulan {in_indonesian(dt.date(period.year, period.number, 1), 'F')}"
    return f"{'Triwulan' if period.kind == PeriodKind.QUARTER else 'Semester'} {ROMAN[period.number - 1]}"


def choice_label(choices, value: str | None, missing: str = "") -> str:
    """The (Indonesian) label of a stored choice, or ``missing`` when there is none."""
    return str(choices(value).label) if value else missing


def period_label(period: PerformancePeriod) -> str:
    """'2026' for the year, '2026-TW1' for a quarter (Triwulan), '2026-M03' for a month."""
    if period.kind == PeriodKind.YEAR:
        return str(period.year)
    prefix = {PeriodKind.QUARTER: "TW", PeriodKind.SEMESTER: "S", PeriodKind.MONTH: "M"}[period.kind]
    return f"{period.year}-{prefix}{period.number:0{2 if period.kind == PeriodKind.MONTH else 1}d}"


def plan_filename(plan: PerformancePlan) -> str:
    return f"SKP-{plan.year}-{plan.employee.nip}.pdf"


def evaluation_filename(evaluation: Evaluation) -> str:
    return f"Evaluasi-{period_label(evaluation.period)}-{evaluation.plan.employee.nip}.pdf"


def predicates_filename(unit: OrgUnit, period: PerformancePeriod) -> str:
    return f"Penetapan-Predikat-{safe(unit.code)}-{period_label(period)}.pdf"


def recap_filename(unit: OrgUnit, year: int, period: PerformancePeriod | None) -> str:
    return f"Rekap-Kinerja-{safe(unit.code)}-{period_label(period) if period else year}.xlsx"
