"""One scenario for the permission matrix (tests/test_permission_matrix.py) and its nested-path
cross-check (tests/test_permission_matrix_nested.py): the Tubei demo with every object a root
field of the schema can be asked about, in a state where each mutation can succeed for whoever
may do it. Built once per module through the services (committed); each cell then runs in its
own rolled-back transaction.

The subject is the curriculum section's staff member (Agus Pratama); rater Desi Permata (kasi,
head of the section), rater's supervisor Hendra Saputra (kabid); HR of the unit manages all of
Lebong, HR of another unit manages Dinas Kesehatan only.
"""
from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from strawberry import relay

from apps.accounts.models import ApiToken
from apps.accounts.services import TOKEN_PREFIX, _digest

from ..conftest import Demo, load_demo

VIEWERS = ["anonymous", "subject", "peer", "rater", "rater_supervisor", "other_rater",
           "hr_unit", "hr_other", "process_admin", "superuser"]
DEMO_NAME = {"subject": "staff", "peer": "peer", "rater": "kasi", "rater_supervisor": "kabid",
             "other_rater": "other_rater", "hr_unit": "hr_all", "hr_other": "hr_dinkes",
             "process_admin": "process_admin"}

# Who may see what, by the rules of README "API rules" / "Who sees what" and docs/design.md
# "Permissions" (sets of viewers).
SIGNED_IN = frozenset(VIEWERS) - {"anonymous"}
# A plan of the subject, its evaluations and feedback: the employee, the rater, the rater's
# supervisor, HR of the unit (and superusers).
PLAN_VIEWERS = frozenset({"subject", "rater", "rater_supervisor", "hr_unit", "superuser"})
# The rater's own plan: she, her rater (the kabid), HR of the unit.
RATER_PLAN_VIEWERS = frozenset({"rater", "rater_supervisor", "hr_unit", "superuser"})
# NIP and email of the subject: as a plan.
PERSONAL_DETAILS = PLAN_VIEWERS
# A process instance and its tasks: the subject, everyone a task of it was ever given to, HR of
# the subject's unit. The approval instance waits for the rater's review (she was given a task);
# the planning instance of the 2027 plan is still at the employee's draft (nobody else was).
REVIEW_INSTANCE_VIEWERS = frozenset({"subject", "rater", "hr_unit", "superuser"})
PLANNING_INSTANCE_VIEWERS = frozenset({"subject", "hr_unit", "superuser"})
# The TW I action plan's instance is at the employee's draft too: nobody else was given a task of it.
ACTION_PLAN_INSTANCE_VIEWERS = PLANNING_INSTANCE_VIEWERS
# A unit's aggregates (unitPerformance; by issue 11 F4 also distributionCheck and
# evaluationMeetings): HR of the unit and the leaders of the unit and of every unit above it.
SECTION_AGGREGATES = frozenset({"rater", "rater_supervisor", "hr_unit", "superuser"})
PROCESS_ADMINS = frozenset({"process_admin", "superuser"})

# Unique texts planted in personal fields, to find them in any answer.
MARK = {
    "staff_feedback": "UMPAN-BALIK-UNTUK-STAF-Q7",
    "rater_feedback": "UMPAN-BALIK-UNTUK-KASI-Z3",
    "review_draft": "DRAF-PERIKSA-PENILAI-K8",
    "submitted_summary": "RINGKASAN-DIAJUKAN-PEGAWAI-S6",
    "planning_draft": "DRAF-SKP-PEGAWAI-M2",
    "evaluation_feedback": "UMPAN-BALIK-EVALUASI-TW1-P5",
    "realization": "REALISASI-TW1-R4",
    "attachment": "LAMPIRAN-SUMBER-DAYA-A1",
    "daily_entry": "PROGRES-HARIAN-DIAJUKAN-H3",
    "action_item": "AKSI-TW1-PEGAWAI-C2",
    "daily_evidence": "BUKTI-PROGRES-HARIAN-E5.pdf",
}
PLAN_YEAR = 2027   # the subject's plan in draft (planning instance at the employee's draft task)
EVAL_YEAR = 2026   # the subject's approved plan with TW I at rating and TW II at self-assessment


def gid(type_name: str, pk: int) -> str:
    return str(relay.GlobalID(type_name, str(pk)))


@dataclass
class Scenario:
    users: dict
    tokens: dict
    ids: dict = field(default_factory=dict)

    def post(self, viewer: str, query: str, variables: dict | None = None) -> dict:
        """The GraphQL answer for this viewer, through the whole Django stack (bearer token)."""
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[viewer]}"} if self.tokens.get(viewer) else {}
        response = Client().post("/graphql/", json.dumps({"query": query, "variables": variables or {}}),
                                 content_type="application/json", **headers)
        assert response.status_code == 200, response.content
        return response.json()


_built: dict[str, Scenario] = {}


@pytest.fixture(scope="module")
def matrix_scenario(request, django_db_setup, django_db_blocker):
    """The scenario, built (committed) for the module and flushed after it — unless the next
    module asks for it too (the matrix and its nested paths run one after the other): then it
    is kept for that one. Every cell rolls back, so the data stays as built."""
    if "scenario" not in _built:
        with django_db_blocker.unblock():
            _built["scenario"] = build()
    yield _built["scenario"]
    items = request.session.items
    last = max((i for i, item in enumerate(items) if item.path == request.node.path), default=len(items))
    if last + 1 < len(items) and "matrix_scenario" in items[last + 1].fixturenames:
        return
    del _built["scenario"]
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)
        _restore_role_groups()


def _restore_role_groups() -> None:
    """flush empties the tables that migrations filled too: give the role groups and HR's admin
    permissions (organization migration 0002) back, so tests after this module find the database
    as migrated, whatever order they run in."""
    from importlib import import_module

    from django.contrib.auth.models import Group, Permission

    hr_permissions = import_module("apps.organization.migrations.0002_role_groups").HR_PERMISSIONS
    hr, _ = Group.objects.get_or_create(name="PERFORMANCE_ADMIN")
    Group.objects.get_or_create(name="PROCESS_ADMIN")
    hr.permissions.add(*Permission.objects.filter(content_type__app_label="organization", codename__in=hr_permissions))
    # ... and HR's calendar permissions (daily migration 0002).
    hr.permissions.add(*Permission.objects.filter(
        content_type__app_label="daily",
        codename__in=import_module("apps.daily.migrations.0002_hr_calendar_permissions").HR_PERMISSIONS))


def _token(user) -> str:
    token = f"{TOKEN_PREFIX}matrix-{user.username}"
    ApiToken.objects.create(user=user, digest=_digest(token), prefix=token[:12],
                            expires_at=timezone.now() + dt.timedelta(days=1))
    return token


def build() -> Scenario:
    """Create the scenario (committed). Call with database access unblocked."""
    from apps.performance import services as performance
    from apps.performance.models import (
        Indicator,
        PerformancePeriod,
        PerformancePlan,
        PlanStatus,
        WorkResult,
    )
    from apps.workflow import services as workflow
    from apps.workflow.models import HumanTask, ProcessDefinition

    from apps.daily import action_plans, entries
    from apps.daily.models import ActionPlan, DailyEntry, Leave

    load_demo()
    call_command("load_workflows", stdout=io.StringIO())
    call_command("load_holidays", stdout=io.StringIO())
    d = Demo()
    staff, kasi, kabid, peer = d.staff, d.kasi, d.kabid, d.peer
    section = kasi.unit
    hr = d.hr_all.user

    # The approval demo, waiting for the rater's review (with her saved draft).
    instance = workflow.process_start(actor=staff.user, key="approval_demo", subject=staff, data={"periodId": "2026"})
    workflow.task_complete(actor=staff.user, task_id=instance.tasks.get().pk,
                           data={"summary": MARK["submitted_summary"], "decision": "SUBMIT"})
    review = HumanTask.objects.get(instance=instance, bpmn_id="review")
    workflow.task_save_draft(actor=kasi.user, task_id=review.pk, data={"notes": MARK["review_draft"]})

    published = ProcessDefinition.objects.get(key="approval_demo")
    xml = published.bpmn_xml.replace('name="Susun rencana kerja"', 'name="Susun SKP"')
    draft_v2 = workflow.definition_upload(actor=None, bpmn_xml=xml, forms=published.forms)

    # 2027 opened for the section: every plan in draft, each employee holding the draft task.
    job = performance.performance_year_open(actor=hr, year=PLAN_YEAR, unit=section)  # the job runs on commit
    plans = {e: PerformancePlan.objects.get(employee=e, year=PLAN_YEAR) for e in (staff, kasi, peer)}
    indicator = [{"aspect": "KUANTITAS", "text": "Dokumen", "target": "4", "unit": "dokumen"}]

    def rhk(employee, text, parents=()):
        return performance.work_result_upsert(
            actor=employee.user, plan=plans[employee], work_result_id=None, text=text, type="UTAMA",
            parent_ids=[p.pk for p in parents], org_goal_id=None, perspective=None, indicators=indicator)

    rater_result = rhk(kasi, "Penilaian pelaksanaan kurikulum SD")
    peer_result = rhk(peer, "Rekap data capaian belajar")
    work_result = rhk(staff, "Instrumen penilaian kurikulum", parents=[rater_result])
    spare_result = rhk(staff, "RHK yang akan dihapus")
    performance.feedback_give(actor=kasi.user, work_result=work_result, text=MARK["staff_feedback"])
    performance.feedback_give(actor=kabid.user, work_result=rater_result, text=MARK["rater_feedback"])
    performance.plan_attachments_set(actor=staff.user, plan=plans[staff], resources=[MARK["attachment"]],
                                     accountability=[], consequences=[])
    planning_draft = HumanTask.objects.get(instance=plans[staff].process_instance, bpmn_id="draft", state="READY")
    workflow.task_save_draft(actor=staff.user, task_id=planning_draft.pk, data={"notes": MARK["planning_draft"]})
    q1 = PerformancePeriod.objects.get(year=PLAN_YEAR, kind="QUARTER", number=1)
    performance.meeting_record(actor=kasi.user, unit=section, period=q1, held_at=timezone.now(),
                               attendees=[kasi, staff], minutes="Rapat evaluasi TW I", actions=[])

    # 2026: the subject's plan approved (planning is tested elsewhere), TW I at the rater's
    # rating (already rated once, the task still open), TW II at the employee's self-assessment.
    performance.periods_create(year=EVAL_YEAR)
    old_plan = performance.plan_open(employee=staff, year=EVAL_YEAR, deadline=f"{EVAL_YEAR}-01-31T23:59:00+07:00",
                                     actor=None)
    # Its planning deadline had passed when it opened: HR's follow-up task, claimed by HR of the unit.
    follow_up = HumanTask.objects.get(instance=old_plan.process_instance, bpmn_id="overdue_follow_up")
    workflow.task_claim(actor=hr, task_id=follow_up.pk)
    old_result = WorkResult.objects.create(plan=old_plan, text="Instrumen penilaian 2026")
    old_indicator = Indicator.objects.create(work_result=old_result, aspect="KUANTITAS", text="Dokumen", target="4",
                                             unit="dokumen")
    PerformancePlan.objects.filter(pk=old_plan.pk).update(status=PlanStatus.APPROVED)
    eq1, eq2 = (PerformancePeriod.objects.get(year=EVAL_YEAR, kind="QUARTER", number=n) for n in (1, 2))
    performance.review_period_open(actor=hr, period=eq1, unit=section)  # the jobs run on commit
    performance.review_period_open(actor=hr, period=eq2, unit=section)
    evaluation = old_plan.evaluations.get(period=eq1)
    performance.realization_record(actor=staff.user, indicator=old_indicator, period=eq1, value=MARK["realization"],
                                   note="", evidence_links=[])
    self_assess = HumanTask.objects.get(instance=evaluation.process_instance, bpmn_id="self_assess", state="READY")
    workflow.task_complete(actor=staff.user, task_id=self_assess.pk, data={"decision": "SUBMIT"})
    performance.evaluation_rate(actor=kasi.user, evaluation=evaluation, result_rating="SESUAI_EKSPEKTASI",
                                behavior_rating="SESUAI_EKSPEKTASI", feedback=MARK["evaluation_feedback"],
                                behavior_feedback={})

    # R-ACTION: TW I's action plans opened for the section; the subject drafting, one action saved.
    action_plans.action_plans_open(actor=hr, period=eq1, unit=section)  # the job runs on commit
    action_plan = ActionPlan.objects.get(plan=old_plan, period=eq1)
    action_item = action_plans.action_item_upsert(actor=staff.user, action_plan=action_plan, item_id=None,
                                                  work_result_id=old_result.pk, text=MARK["action_item"], target="1")
    # R-DAILY: the subject's entries for the approved 2026 SKP on working days (Monday 2 and
    # Tuesday 3 November 2026): one submitted (late, as the real clock is past its deadline), one draft.
    # It carries an evidence file (bukti dukung) and names the TW I action (set directly: the
    # action plan is still a draft, and the entry's day is of TW IV — the readers' rule is the test).
    entry_submitted = entries.entry_record(actor=staff.user, entry_id=None, date=dt.date(2026, 11, 2),
                                           work_result_id=old_result.pk, text=MARK["daily_entry"], quantity="1",
                                           output_unit="kegiatan", submit=True, evidence_files=[
                                               SimpleUploadedFile(MARK["daily_evidence"], b"%PDF-1.4\n%%EOF\n")])
    DailyEntry.objects.filter(pk=entry_submitted.pk).update(action_item=action_item)
    entry_draft = entries.entry_record(actor=staff.user, entry_id=None, date=dt.date(2026, 11, 3),
                                       work_result_id=old_result.pk, text="Draf progres", quantity="1",
                                       output_unit="kegiatan",
                                       evidence_files=[SimpleUploadedFile("draf.png", b"\x89PNG\r\n\x1a\n0")])
    # R-LATE: September 2026 closed for the section (reopenMonth reopens it).
    entries.month_close(actor=hr, unit=section, year=2026, month=9)
    # R-CALENDAR: the subject's pending leave, waiting for the rater.
    leave_pending = Leave.objects.create(employee=staff, starts_on=dt.date(2027, 6, 14), ends_on=dt.date(2027, 6, 15),
                                         kind="CUTI", status="PENDING", recorded_by=staff.user)

    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    users = {v: (getattr(d, DEMO_NAME[v]).user if v in DEMO_NAME else None) for v in VIEWERS}
    users["superuser"] = root
    tokens = {v: _token(u) for v, u in users.items() if u is not None}
    # A task each viewer may see (their own approval demo; the superuser sees the review), for a
    # subscription to taskEvents to show that it delivers.
    own_tasks = {"superuser": review.pk, "subject": review.pk}
    for viewer in SIGNED_IN - set(own_tasks):
        employee = getattr(d, DEMO_NAME[viewer])
        own = workflow.process_start(actor=None, key="approval_demo", subject=employee, data={"periodId": "matrix"})
        own_tasks[viewer] = own.tasks.get().pk
    ids = {
        "staff": staff.pk, "kasi": kasi.pk, "kabid": kabid.pk, "peer": peer.pk,
        "staff_nip": staff.nip, "rater_nip": kasi.nip,
        "staff_name": staff.name, "staff_username": staff.user.username,
        "review": review.pk, "instance": instance.pk, "follow_up": follow_up.pk,
        "published": published.pk, "draft_v2": draft_v2.pk, "xml": published.bpmn_xml, "forms": published.forms,
        "job": job.pk, "section": section.pk, "q1": q1.pk, "eq1": eq1.pk, "eq2": eq2.pk,
        "plan": plans[staff].pk, "rater_plan": plans[kasi].pk, "planning_instance": plans[staff].process_instance_id,
        "planning_draft": planning_draft.pk, "work_result": work_result.pk, "spare_result": spare_result.pk,
        "rater_result": rater_result.pk, "peer_result": peer_result.pk,
        "old_plan": old_plan.pk, "evaluation": evaluation.pk, "evaluation_q2": old_plan.evaluations.get(period=eq2).pk,
        "old_indicator": old_indicator.pk, "old_result": old_result.pk,
        "action_plan": action_plan.pk, "action_item": action_item.pk,
        "action_plan_instance": action_plan.process_instance_id,
        "entry_submitted": entry_submitted.pk, "entry_draft": entry_draft.pk, "leave_pending": leave_pending.pk,
        "daily_evidence": entry_submitted.evidence_files.get().pk,
        "draft_evidence": entry_draft.evidence_files.get().pk,
    }
    ids["own_tasks"] = own_tasks
    return Scenario(users=users, tokens=tokens, ids=ids)
