"""A periodic or annual evaluation (evaluasi kinerja pegawai) as PDF: the period, the employee,
the rater and the rater's supervisor, the unit's organizational rating, the results with their
realization and feedback (JPT: grouped by perspective, as in the SKP), the behaviours with feedback, both ratings, the predicate, the notes,
the signature blocks (annual: also the supervisor's, and the development plan). An evaluation
that is not FINAL is watermarked DRAFT."""
from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from reportlab.platypus import Spacer

from apps.organization.models import PositionClass

from .. import rules
from ..models import CoreValue, Evaluation
from ..suggestions import Suggestion
from . import data, names
from .layout import (
    date_range,
    grid_table,
    heading,
    markup,
    or_dash,
    para,
    people_stacked,
    place_and_date,
    rich,
    signature_blocks,
    summary_table,
    title_block,
    widths,
)
from .layout import build as build_pdf
from .names import choice_label
from .results_table import sectioned_results_table
from .skp import behaviour_cell, target_text

RESULT_COLUMNS = [("NO", 0.045), ("RENCANA HASIL KERJA", 0.2), ("ASPEK", 0.09), ("INDIKATOR KINERJA INDIVIDU", 0.19),
                  ("TARGET", 0.1), ("REALISASI BERDASARKAN BUKTI DUKUNG", 0.16),
                  ("UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG", 0.215)]
NOT_RATED = "Belum dinilai"


def _amount(value: Decimal) -> str:
    """12.50 -> "12,5": a sum of daily outputs as Indonesian writes a number."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def _realization_cell(realization, indicator, suggestion: Suggestion | None):
    """The recorded realization with its note; below it, the realization the approved daily
    progress suggests and, when the recorded one differs, the employee's reason — both as the
    evaluation page shows them, so that whoever signs sees the same."""
    lines = [escape(f"{realization.value} {indicator.unit}".strip()) if realization else "-"]
    if realization and realization.note:
        lines.append(f"<i>{markup(realization.note)}</i>")
    if suggestion is not None:
        lines.append(f"<font size=7>Dari progres harian: {escape(_amount(suggestion.value))} "
                     f"{escape(suggestion.output_unit)} ({suggestion.entries} progres)</font>")
    if realization and realization.deviation_reason:
        lines.append(f"<font size=7><b>Alasan perbedaan:</b> {markup(realization.deviation_reason)}</font>")
    return rich("<br/>".join(lines), "cell_center")


def results_table(document: data.EvaluationDocument):
    feedback = document.evaluation.result_feedback or {}

    def cells(number: int, row: data.ResultRow, indicator) -> list:
        supports = "".join(f"<br/><i>Mendukung: {markup(text)}</i>" for text in row.supports)
        lead = [para(number, "cell_center"), rich(f"{markup(row.result.text)}{supports}")]
        tail = [para(or_dash(feedback.get(str(row.result.pk))))]
        if indicator is None:
            return lead + [para("-") for _ in range(4)] + tail
        return lead + [para(indicator.get_aspect_display()), para(indicator.text),
                       para(target_text(indicator), "cell_center"),
                       _realization_cell(row.realizations.get(indicator.pk), indicator,
                                         document.suggested.get(indicator.pk))] + tail

    # A top official's (JPT) results are grouped by perspective, as in the SKP.
    is_jpt = document.evaluation.plan.employee.position.position_class == PositionClass.JPT
    return sectioned_results_table(document.results, columns=RESULT_COLUMNS, row_cells=cells, spanned=(0, 1, 6),
                                   by_perspective=is_jpt)


def behaviour_table(document: data.EvaluationDocument):
    feedback = document.evaluation.behavior_feedback or {}
    rows = [[para(n, "cell_center"), behaviour_cell(value), para(or_dash(document.expectations.get(value))),
             para(or_dash(feedback.get(value)))] for n, value in enumerate(CoreValue.values, 1)]
    return grid_table(["NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN", "UMPAN BALIK BERKELANJUTAN"], rows,
                      widths(0.045, 0.5, 0.2, 0.255), zebra_groups=list(range(len(rows))))


def development_table(document: data.EvaluationDocument):
    rows = [[para(n, "cell_center"), para(item.need), para(item.activity)]
            for n, item in enumerate(document.development, 1)] or [[para("-", "cell_center"), para("-"), para("-")]]
    return grid_table(["NO", "KEBUTUHAN PENGEMBANGAN KOMPETENSI", "KEGIATAN PENGEMBANGAN"], rows,
                      widths(0.045, 0.48, 0.475))


def story(document: data.EvaluationDocument) -> list:
    evaluation, period = document.evaluation, document.period
    day = timezone.localtime(evaluation.finalized_at).date() if document.is_final and evaluation.finalized_at \
        else timezone.localdate()
    org_rating = choice_label(rules.OrgRating, document.org_rating, missing="-")
    result_rating = choice_label(rules.Rating, evaluation.result_rating, missing=NOT_RATED)
    behavior_rating = choice_label(rules.Rating, evaluation.behavior_rating, missing=NOT_RATED)
    predicate = choice_label(rules.Predicate, evaluation.predicate, missing=NOT_RATED)
    flow = [
        *title_block("EVALUASI KINERJA PEGAWAI", f"PERIODE: {names.period_name(period).upper()}",
                     document.government.upper(),
                     f"PERIODE PENILAIAN: {date_range(period.starts_on, period.ends_on).upper()}"),
        people_stacked([("PEGAWAI YANG DINILAI", document.employee), ("PEJABAT PENILAI KINERJA", document.rater),
                        ("ATASAN PEJABAT PENILAI KINERJA", document.supervisor)]),
        Spacer(1, 6),
        summary_table([("CAPAIAN KINERJA ORGANISASI", org_rating.upper())]),
        heading("HASIL KERJA"), results_table(document), Spacer(1, 4),
        summary_table([("RATING HASIL KERJA", result_rating.upper())]),
        heading("PERILAKU KERJA"), behaviour_table(document), Spacer(1, 4),
        summary_table([("RATING PERILAKU KERJA", behavior_rating.upper()),
                       ("PREDIKAT KINERJA PEGAWAI", predicate.upper())]),
        heading("CATATAN/REKOMENDASI"), para(or_dash(evaluation.feedback), "body"),
    ]
    if evaluation.override_reason:
        flow += [heading("ALASAN PENYIMPANGAN DISTRIBUSI PREDIKAT"), para(evaluation.override_reason, "body")]
    if document.is_annual:
        flow += [heading("RENCANA PENGEMBANGAN"), development_table(document)]
    flow.append(signature_blocks(
        ("Pegawai yang Dinilai", document.employee), ("Pejabat Penilai Kinerja", document.rater),
        place_and_date(day), below=("Atasan Pejabat Penilai Kinerja", document.supervisor)
        if document.is_annual else None))
    return flow


def render(evaluation: Evaluation) -> bytes:
    """The evaluation as PDF bytes (Indonesian whatever the request's language)."""
    with translation.override("id"):
        document = data.evaluation_document(evaluation.pk)
        employee = document.employee
        return build_pdf(
            story(document), title=f"Evaluasi Kinerja {names.period_name(document.period).upper()} {employee.name}",
            footer=f"Evaluasi {names.period_name(document.period)} {document.period.year} · {employee.name} · "
                   f"{employee.number_label} {employee.nip}",
            draft=not document.is_final)

