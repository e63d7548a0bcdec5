"""A top official's (JPT) work results are grouped by perspective (PermenPANRB 6/2022) in every
document that lists them — the SKP and the evaluation alike — in the regulation's order of
perspectives, numbered on through the groups; nobody else's documents have perspective groups."""
from __future__ import annotations

from apps.performance.models import Evaluation, Indicator, WorkResult

from ..conftest import gid
from .test_pdf_documents import (  # noqa: F401 (demo_year: the fixture)
    EVALUATION_DOC,
    PLAN_DOC,
    demo_year,
    download,
    plan_of,
    q1,
    save_png,
    text_of,
)

# The Sekda's own result (proses bisnis) comes after one added later for penerima layanan, the
# perspective the regulation lists first; the numbering runs on through the groups.
IN_ORDER = ["A. UTAMA Perspektif: Penerima layanan 1 ", "Indeks kepuasan layanan sekretariat daerah",
            "Perspektif: Proses bisnis 2 ", "Laporan evaluasi tata kelola perangkat daerah", "B. TAMBAHAN"]


def positions(text: str, parts: list[str]) -> list[int]:
    return [text.find(part) for part in parts]


def test_a_top_officials_evaluation_groups_results_by_perspective_as_the_skp_does(demo_year, client_for):
    d = demo_year
    plan = plan_of(d.sekda)
    own = plan.work_results.get()
    WorkResult.objects.filter(pk=own.pk).update(perspective="PROSES_BISNIS")
    added = WorkResult.objects.create(plan=plan, position=own.position + 1, type="UTAMA", org_goal=own.org_goal,
                                      perspective="PENERIMA_LAYANAN",
                                      text="Indeks kepuasan layanan sekretariat daerah")
    Indicator.objects.create(work_result=added, aspect="KUALITAS", text="Nilai IKM", target="85", unit="poin")
    evaluation = Evaluation.objects.create(plan=plan, period=q1())
    sekda = client_for(d.sekda.user.username)

    skp = text_of(download(sekda, sekda.data(PLAN_DOC, {"id": gid("PerformancePlan", plan.pk)})
                           ["performancePlan"]["document"]))
    found = sekda.data(EVALUATION_DOC, {"id": gid("Evaluation", evaluation.pk)})["evaluation"]
    pdf = download(sekda, found["document"])
    evaluated = text_of(pdf)
    for text in (skp, evaluated):
        found_at = positions(text, IN_ORDER)
        assert -1 not in found_at and found_at == sorted(found_at), list(zip(IN_ORDER, found_at, strict=True))
    save_png(pdf, "document-evaluation-jpt")


def test_nobody_elses_evaluation_has_perspective_groups(demo_year, client_for):
    d = demo_year
    evaluation = Evaluation.objects.get(plan__employee=d.staff, period=q1())
    WorkResult.objects.filter(plan=evaluation.plan).update(perspective="PENERIMA_LAYANAN")  # set, yet not a JPT
    staff = client_for(d.staff.user.username)
    found = staff.data(EVALUATION_DOC, {"id": gid("Evaluation", evaluation.pk)})["evaluation"]
    text = text_of(download(staff, found["document"]))
    assert "A. UTAMA 1 Instrumen penilaian kurikulum" in text and "Perspektif" not in text
