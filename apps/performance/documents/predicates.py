"""Penetapan predikat kinerja pegawai: a unit's predicate determination for a period as PDF, for
its leader to sign — the organizational rating, what R-DIST allows for it against the actual
distribution (selectors.distribution_check, rules.distribution_violations), and every employee
of the unit and its sub-units with the predicate of their FINAL evaluation and any recorded
override reason."""
from __future__ import annotations

from fractions import Fraction

from django.utils import timezone, translation
from reportlab.platypus import Spacer

from .. import rules
from ..models import EvaluationStatus, PerformancePeriod
from . import data, names
from .layout import (
    SECTION_FILL,
    date_range,
    grid_table,
    heading,
    markup,
    para,
    period_name,
    place_and_date,
    rich,
    signature_blocks,
    summary_table,
    title_block,
    widths,
)
from .layout import build as build_pdf

NOT_FINAL = "belum final"
# selectors.distribution_check counts every predicate given in the period, final or not yet.
COUNTED = ("Dihitung dari semua evaluasi periode ini yang telah diberi predikat oleh pejabat penilai, termasuk "
           "yang belum berstatus final, sebagaimana pemeriksaan distribusi predikat (R-DIST) di aplikasi.")


def _percent(count: int, total: int) -> str:
    """One decimal, comma as Indonesian writes it (42,9 %)."""
    if not total:
        return "-"
    value = Fraction(count * 100, total)
    return f"{float(value):.1f}".replace(".", ",") + " %"


def distribution_table(document: data.PredicatesDocument):
    rows = [[para(str(rules.Predicate(value).label)), para(document.counts.get(value, 0), "cell_center"),
             para(_percent(document.counts.get(value, 0), document.total), "cell_center")]
            for value in rules.Predicate.values]
    rows.append([rich("<b>Jumlah</b>"), rich(f"<b>{document.total}</b>", "cell_center"),
                 para(_percent(document.total, document.total), "cell_center")])
    return grid_table(["PREDIKAT KINERJA", "JUMLAH PEGAWAI", "PERSENTASE"], rows, widths(0.5, 0.25, 0.25),
                      extra=[("BACKGROUND", (0, len(rows)), (-1, len(rows)), SECTION_FILL)])


def rules_table(document: data.PredicatesDocument):
    if not document.rules:
        text = "Capaian kinerja organisasi belum ditetapkan: distribusi predikat belum dapat diperiksa." \
            if document.org_rating is None else "Tidak ada ketentuan."
        return para(text, "body")
    rows = [[para(n, "cell_center"), para(rule.message), rich("<b>Terpenuhi</b>" if rule.met else
                                                              "<b>Tidak terpenuhi</b>", "cell_center")]
            for n, rule in enumerate(document.rules, 1)]
    return grid_table(["NO", "KETENTUAN DISTRIBUSI (SE MENPANRB 3/2023)", "KETERANGAN"], rows,
                      widths(0.06, 0.69, 0.25))


def employees_table(document: data.PredicatesDocument):
    rows = []
    for n, row in enumerate(document.rows, 1):
        person = row.person
        predicate = str(rules.Predicate(row.predicate).label) if row.predicate else NOT_FINAL
        note = row.override_reason or ("" if row.status in (None, EvaluationStatus.FINAL) else
                                       f"Status: {EvaluationStatus(row.status).label}")
        rows.append([para(n, "cell_center"), rich(f"{markup(person.name)}<br/>{person.number_label}. "
                                                  f"{markup(person.nip)}"),
                     rich(f"{markup(person.rank)}"), para(person.position), para(person.unit),
                     rich(f"<b>{markup(predicate)}</b>" if row.predicate else f"<i>{markup(predicate)}</i>",
                          "cell_center"), para(note or "-")])
    if not rows:
        rows = [[para("-", "cell_center")] + [para("-")] * 6]
    return grid_table(["NO", "NAMA / NIP", "PANGKAT/ GOL. RUANG", "JABATAN", "UNIT KERJA", "PREDIKAT KINERJA",
                       "CATATAN / ALASAN PENYIMPANGAN"], rows,
                      widths(0.045, 0.22, 0.12, 0.19, 0.17, 0.1, 0.155), zebra_groups=list(range(len(rows))))


def story(document: data.PredicatesDocument) -> list:
    period = document.period
    org = str(rules.OrgRating(document.org_rating).label).upper() if document.org_rating else "BELUM DITETAPKAN"
    leader_role = f"Kepala {document.unit.name}" if document.leader is None else document.leader.position
    return [
        *title_block("PENETAPAN PREDIKAT KINERJA PEGAWAI", document.government.upper(), document.unit.name.upper(),
                     f"PERIODE: {period_name(period)} TAHUN {period.year}",
                     f"({date_range(period.starts_on, period.ends_on)})"),
        summary_table([("CAPAIAN KINERJA ORGANISASI", org),
                       ("JUMLAH PEGAWAI", len(document.rows)),
                       ("PREDIKAT FINAL", sum(1 for r in document.rows if r.predicate))]),
        heading("A. DISTRIBUSI PREDIKAT KINERJA PEGAWAI"), distribution_table(document),
        para(COUNTED, "cell_small"), Spacer(1, 4),
        heading("B. KETENTUAN DISTRIBUSI UNTUK CAPAIAN ORGANISASI " + org), rules_table(document),
        heading("C. PREDIKAT KINERJA PEGAWAI"), employees_table(document),
        signature_blocks(None, (leader_role, document.leader), place_and_date(timezone.localdate())),
    ]


def render(unit, period: PerformancePeriod, nip_shown) -> bytes:
    """The predicate determination as PDF bytes (Indonesian whatever the request's language);
    ``nip_shown(employee)``: whose NIP the viewer may see (the API's rule), the others print "-"."""
    with translation.override("id"):
        document = data.predicates_document(unit, period, nip_shown)
        return build_pdf(story(document), title=f"Penetapan Predikat Kinerja {document.unit.name}",
                         footer=f"Penetapan Predikat Kinerja · {document.unit.name} · {names.period_name(period)} "
                                f"{period.year}", draft=False)
