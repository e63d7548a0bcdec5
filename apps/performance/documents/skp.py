"""The SKP (Sasaran Kinerja Pegawai) of a plan as PDF, following the PermenPANRB 6/2022 form:
who is rated and who rates, the work results with their indicators (main, then additional; JPT:
grouped by perspective), the BerAKHLAK behaviours with the leader's expectations, the
attachments (lampiran), place and date, and both signature blocks. A plan not yet approved is
watermarked DRAFT."""
from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from reportlab.platypus import PageBreak, Spacer

from ..models import CoreValue, PerformancePlan, PlanStatus
from . import data
from .layout import (
    date_range,
    grid_table,
    heading,
    indonesian_date,
    label_table,
    numbered_list,
    or_dash,
    para,
    people_side_by_side,
    place_and_date,
    rich,
    signature_blocks,
    title_block,
    widths,
)
from .layout import build as build_pdf
from .results_table import sectioned_results_table

RESULT_COLUMNS = [("NO", 0.05), ("RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", 0.22), ("RENCANA HASIL KERJA", 0.22),
                  ("ASPEK", 0.1), ("INDIKATOR KINERJA INDIVIDU", 0.26), ("TARGET", 0.15)]


def target_text(indicator) -> str:
    return f"{indicator.target} {indicator.unit}".strip()


def behaviour_cell(value: str):
    """The core value in bold with its guide behaviours (panduan perilaku) as a list."""
    guides = "".join(f"<br/>-&nbsp;{escape(g)}" for g in data.GUIDE_BEHAVIOURS[value])
    return rich(f"<b>{escape(str(CoreValue(value).label))}</b>{guides}")


def supports_cell(row: data.ResultRow):
    return para("\n".join(row.supports) or "-")


def _result_cells(number: int, row: data.ResultRow, indicator) -> list:
    lead = [para(number, "cell_center"), supports_cell(row), para(row.result.text)]
    if indicator is None:
        return lead + [para("-"), para("-"), para("-", "cell_center")]
    return lead + [para(indicator.get_aspect_display()), para(indicator.text),
                   para(target_text(indicator), "cell_center")]


def results_table(document: data.PlanDocument):
    return sectioned_results_table(document.results, columns=RESULT_COLUMNS, row_cells=_result_cells,
                                   spanned=(0, 1, 2), by_perspective=document.is_jpt)


def behaviour_table(expectations: dict[str, str]):
    rows = [[para(n, "cell_center"), behaviour_cell(value), para(or_dash(expectations.get(value)))]
            for n, value in enumerate(CoreValue.values, 1)]
    return grid_table(["NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN"], rows, widths(0.05, 0.6, 0.35),
                      zebra_groups=list(range(len(rows))))


def _signatures(document: data.PlanDocument, day):
    return signature_blocks(("Pegawai yang Dinilai", document.employee), ("Pejabat Penilai Kinerja", document.rater),
                            place_and_date(day))


def story(document: data.PlanDocument) -> list:
    plan = document.plan
    approved = plan.status == PlanStatus.APPROVED and plan.approved_at is not None
    day = timezone.localtime(plan.approved_at).date() if approved else timezone.localdate()
    year_start, year_end = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    status_line = f"Ditetapkan pada {indonesian_date(day)}" if approved else \
        f"Belum ditetapkan (status: {PlanStatus(plan.status).label})"
    flow = [
        *title_block("SASARAN KINERJA PEGAWAI", document.government.upper(), document.unit.upper(),
                     f"PERIODE PENILAIAN: {date_range(year_start, year_end).upper()}"),
        rich(escape(status_line), "center"), Spacer(1, 4),
        people_side_by_side(("PEGAWAI YANG DINILAI", document.employee),
                            ("PEJABAT PENILAI KINERJA", document.rater)),
        heading("HASIL KERJA"), results_table(document),
        heading("PERILAKU KERJA"), behaviour_table(document.expectations),
        _signatures(document, day),
        PageBreak(),
        *title_block("LAMPIRAN SASARAN KINERJA PEGAWAI", document.government.upper(),
                     f"PERIODE PENILAIAN: {date_range(year_start, year_end).upper()}"),
        label_table([("Nama", document.employee.name), (document.employee.number_label, document.employee.nip),
                     ("Jabatan", document.employee.position), ("Unit Kerja", document.employee.unit)], 0.2),
    ]
    for key, title in data.ATTACHMENTS:
        flow += [heading(title), *numbered_list(document.attachments[key])]
    flow.append(_signatures(document, day))
    return flow


def render(plan: PerformancePlan) -> bytes:
    """The SKP as PDF bytes (Indonesian whatever the request's language)."""
    with translation.override("id"):
        document = data.plan_document(plan.pk)
        employee = document.employee
        return build_pdf(story(document), title=f"SKP {plan.year} {employee.name}",
                         footer=f"SKP {document.plan.year} · {employee.name} · {employee.number_label} {employee.nip}",
                         draft=document.plan.status != PlanStatus.APPROVED)

