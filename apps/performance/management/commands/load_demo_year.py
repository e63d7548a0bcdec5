"""Bring the Tubei demo to life: a performance year in progress, driven through the same
services and BPMN tasks a user would use (idempotent: skipped when the year is already open).

Org goals for the agencies; the year opened for all of Lebong; SKP approved top-down along the
Dinas Pendidikan chain (HR acts for the regent on the Sekda's plan), one plan submitted, one sent
back for revision, the rest in draft; TW I reviewed for the curriculum section (a final
evaluation, one waiting for the rater); an IKM survey at Puskesmas Tubei; a quarterly meeting.
"""
from __future__ import annotations

import random

from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.organization.models import Employee, OrgUnit
from apps.performance import services
from apps.performance.models import Indicator, PerformancePeriod, PerformancePlan
from apps.workflow import services as workflow
from apps.workflow.models import HumanTask

DRAFT_TASKS = ("draft", "self_assess")


def person(title: str, unit: str) -> Employee:
    return Employee.objects.select_related("user", "unit").get(position__title=title, unit__code=unit)


def open_task(employee: Employee, bpmn_id: str, process: str) -> HumanTask:
    return HumanTask.objects.get(subject=employee, bpmn_id=bpmn_id, state="READY", instance__key=process)


class Command(BaseCommand):
    help = "Load a performance year in progress for the Tubei demo organization."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year)

    def handle(self, *args, year: int, **options):
        if PerformancePlan.objects.filter(year=year).exists():
            self.stdout.write(f"Demo year {year}: already open")
            return
        hr = person("Analis Sumber Daya Manusia Aparatur", "BKPSDM-PKP")
        hr_dinkes = person("Analis Sumber Daya Manusia Aparatur", "DINKES")
        sekda = person("Sekretaris Daerah", "SETDA")
        kadis = person("Kepala Dinas Pendidikan dan Kebudayaan", "DISDIK")
        kabid = person("Kepala Bidang Pembinaan Sekolah Dasar", "DISDIK-SD")
        kasi = person("Kepala Seksi Kurikulum dan Penilaian", "DISDIK-SD-KUR")
        agus = person("Pengembang Kurikulum", "DISDIK-SD-KUR")
        data1, data2 = Employee.objects.filter(position__title="Pengolah Data Pendidikan").order_by("pk")[:2]
        penelaah = person("Penelaah Teknis Kebijakan", "DISDIK-SD")

        goals = {}
        for code, text in [("SETDA", "Meningkatnya kualitas tata kelola pemerintahan daerah"),
                           ("DISDIK", "Meningkatnya mutu dan pemerataan pendidikan dasar"),
                           ("DINKES", "Meningkatnya derajat kesehatan masyarakat"),
                           ("KEC-TUBEI", "Meningkatnya kualitas pelayanan publik di Kecamatan Tubei"),
                           ("BKPSDM", "Meningkatnya profesionalitas ASN")]:
            goals[code] = services.org_goal_upsert(actor=hr.user, unit=OrgUnit.objects.get(code=code), year=year,
                                                   goal_id=None, text=text, source="PERJANJIAN_KINERJA",
                                                   indicator="Indeks capaian", target="85")
        services.performance_year_open(actor=hr.user, year=year, unit=OrgUnit.objects.get(code="LEBONG"))

        def plan(employee):
            return PerformancePlan.objects.get(employee=employee, year=year)

        def rhk(employee, text, parent=None, goal=None, target="4"):
            result = services.work_result_upsert(
                actor=employee.user, plan=plan(employee), work_result_id=None, text=text, type="UTAMA",
                parent_ids=[parent.pk] if parent else [], org_goal_id=goal.pk if goal else None, perspective=None,
                indicators=[{"aspect": "KUANTITAS", "text": f"Jumlah {text.lower()}", "target": target, "unit": "dokumen"},
                            {"aspect": "WAKTU", "text": "Ketepatan waktu", "target": "12", "unit": "bulan"}])
            return result

        def submit(employee):
            workflow.task_complete(actor=employee.user, task_id=open_task(employee, "draft", "skp_planning").pk,
                                   data={"decision": "SUBMIT"})

        def review(rater_user, employee, decision, notes=""):
            task = open_task(employee, "review", "skp_planning")
            if task.assignee is None:  # HR acting for the regent claims the Sekda's review
                workflow.task_claim(actor=rater_user, task_id=task.pk)
            data = {"decision": decision, **({"notes": notes} if notes else {})}
            workflow.task_complete(actor=rater_user, task_id=task.pk, data=data)

        r_sekda = rhk(sekda, "Laporan evaluasi tata kelola perangkat daerah", goal=goals["SETDA"])
        submit(sekda)
        review(hr.user, sekda, "APPROVE")
        r_kadis = rhk(kadis, "Program peningkatan mutu sekolah dasar", parent=r_sekda)
        submit(kadis)
        review(sekda.user, kadis, "APPROVE")
        r_kabid = rhk(kabid, "Pembinaan kurikulum di sekolah dasar", parent=r_kadis, target="12")
        submit(kabid)
        review(kadis.user, kabid, "APPROVE")
        r_kasi = rhk(kasi, "Penilaian pelaksanaan kurikulum SD", parent=r_kabid, target="12")
        submit(kasi)
        review(kabid.user, kasi, "APPROVE")
        for employee, text in [(agus, "Instrumen penilaian kurikulum"), (data1, "Rekap data capaian belajar")]:
            rhk(employee, text, parent=r_kasi)
            submit(employee)
            review(kasi.user, employee, "APPROVE")
        rhk(data2, "Verifikasi data sekolah", parent=r_kasi)
        submit(data2)
        review(kasi.user, data2, "REVISE", "Tambahkan target waktu per triwulan.")   # back in draft, with notes
        rhk(penelaah, "Telaah kebijakan kurikulum", parent=r_kabid)
        submit(penelaah)                                                            # waiting for the kabid

        q1 = PerformancePeriod.objects.get(year=year, kind="QUARTER", number=1)
        section = kasi.unit
        services.review_period_open(actor=hr.user, period=q1, unit=section)
        indicator = Indicator.objects.filter(work_result__plan=plan(agus)).order_by("pk").first()
        services.realization_record(actor=agus.user, indicator=indicator, period=q1, value="1",
                                    note="Instrumen kelas 1-3 selesai",
                                    evidence_links=["https://drive.lebongkab.go.id/kinerja/bukti-instrumen-tw1.pdf"])
        workflow.task_complete(actor=agus.user, task_id=open_task(agus, "self_assess", "periodic_review").pk,
                               data={"decision": "SUBMIT", "notes": "Satu dari empat instrumen selesai."})
        evaluation = plan(agus).evaluations.get(period=q1)
        services.evaluation_rate(actor=kasi.user, evaluation=evaluation, result_rating="SESUAI_EKSPEKTASI",
                                 behavior_rating="DI_ATAS_EKSPEKTASI", feedback="Sesuai rencana, pertahankan.",
                                 behavior_feedback={"KOLABORATIF": "Aktif membantu rekan satu seksi."})
        workflow.task_complete(actor=kasi.user, task_id=open_task(agus, "rate", "periodic_review").pk,
                               data={"decision": "APPROVE"})
        services.org_rating_set(actor=kabid.user, unit=section, period=q1, rating="BAIK")
        workflow.task_complete(actor=kabid.user, task_id=open_task(agus, "approve", "periodic_review").pk,
                               data={"decision": "APPROVE"})
        workflow.task_complete(actor=data1.user, task_id=open_task(data1, "self_assess", "periodic_review").pk,
                               data={"decision": "SUBMIT"})                        # waiting for the rater
        services.meeting_record(actor=kasi.user, unit=section, period=q1, held_at=timezone.now(),
                                attendees=[kasi, agus, data1, data2],
                                minutes="Rapat evaluasi TW I: capaian instrumen dan rekap data dibahas.",
                                actions=["Lengkapi rekap data sebelum pertengahan TW II"])

        rng = random.Random(2026)  # the same survey on every machine
        responses = [[rng.choice([3, 3, 4, 4, 4, 2]) for _ in range(9)] for _ in range(40)]
        survey = services.satisfaction_survey_submit(actor=hr_dinkes.user, unit=OrgUnit.objects.get(code="PKM-TUBEI"),
                                                     year=year, responses=responses)
        counts = {s: PerformancePlan.objects.filter(year=year, status=s).count() for s in ("DRAFT", "SUBMITTED", "APPROVED")}
        self.stdout.write(self.style.SUCCESS(
            f"Demo year {year}: {sum(counts.values())} SKP ({counts['APPROVED']} approved, {counts['SUBMITTED']} submitted, "
            f"{counts['DRAFT']} in draft), TW I reviewed for {section.name}, IKM Puskesmas Tubei {survey.score} "
            f"({survey.category}), 1 evaluation meeting."))
