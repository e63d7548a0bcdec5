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

from ..models import CoreValue, Perspective, PerformancePlan, PlanStatus
from . import data
from .layout import (
    date_range,
    grid_table,
    heading,
    indonesian_date,
    label_table,
    may_span,
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

RESULT_HEADER = ["NO", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "RENCANA HASIL KERJA", "ASPEK",
                 "INDIKATOR KINERJA INDIVIDU", "TARGET"]


def target_text(indicator) -> str:
    return f"{indicator.target} {indicator.unit}".strip()


def behaviour_cell(value: str):
    """The core value in bold with its guide behaviours (panduan perilaku) as a list."""
    guides = "".join(f"<br/>-&nbsp;{escape(g)}" for g in data.GUIDE_BEHAVIOURS[value])
    return rich(f"<b>{escape(str(CoreValue(value).label))}</b>{guides}")


def supports_cell(row: data.ResultRow):
    return para("\n".join(row.supports) or "-")


def _result_rows(rows: list[data.ResultRow], *, is_jpt: bool, first_row: int):
    """Table rows for one section: each result spans its indicator rows (the span keeps a result
    whole when the table breaks across pages). Returns rows, style commands, zebra groups and
    the perspective heading rows (relative to the body)."""
    body, commands, groups, headings = [], [], [], []
    ordered = sorted(rows, key=lambda r: list(Perspective.values + [""]).index(r.result.perspective)) \
        if is_jpt else rows
    perspective = None
    for number, row in enumerate(ordered, 1):
        if is_jpt and row.result.perspective != perspective:
            perspective = row.result.perspective
            label = Perspective(perspective).label if perspective else "Tanpa perspektif"
            headings.append(first_row + len(body))
            body.append([rich(f"<b>Perspektif: {escape(str(label))}</b>"), "", "", "", "", ""])
            groups.append(0)
        start = first_row + len(body)
        indicators = row.indicators or [None]
        for index, indicator in enumerate(indicators):
            lead = [para(number, "cell_center"), supports_cell(row), para(row.result.text)] if index == 0 \
                else ["", "", ""]
            body.append(lead + ([para(indicator.get_aspect_display()), para(indicator.text),
                                 para(target_text(indicator), "cell_center")] if indicator else
                                [para("-"), para("-"), para("-", "cell_center")]))
            groups.append(number)
        end = first_row + len(body) - 1
        if end > start and may_span(row.result.text, *row.supports):
            commands += [("SPAN", (col, start), (col, end)) for col in range(3)]
    return body, commands, groups, headings


def results_table(document: data.PlanDocument):
    main, additional = data.split_by_type(document.results)
    body, commands, groups, sections = [], [], [], []
    for title, rows in (("A. UTAMA", main), ("B. TAMBAHAN", additional)):
        sections.append(len(body))
        body.append([rich(f"<b>{title}</b>"), "", "", "", "", ""])
        groups.append(0)
        if not rows:
            body.append([para("-", "cell_center"), para("-"), para("-"), para("-"), para("-"), para("-")])
            groups.append(0)
            continue
        section_body, section_commands, section_groups, headings = _result_rows(
            rows, is_jpt=document.is_jpt, first_row=len(body))
        body += section_body
        commands += section_commands
        groups += section_groups
        sections += headings
    offset = 1  # the header row
    commands = [(name, (c0, r0 + offset), (c1, r1 + offset)) for name, (c0, r0), (c1, r1) in commands]
    return grid_table(RESULT_HEADER, body, widths(0.05, 0.22, 0.22, 0.1, 0.26, 0.15), extra=commands,
                      zebra_groups=groups, section_rows=sections)


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

