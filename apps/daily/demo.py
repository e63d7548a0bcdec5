"""The demo's month of daily progress (R-DAILY, R-LATE, R-DISCIPLINE): the curriculum section
(DISDIK-SD-KUR) fills the last full month before today and the current week, in every state a
user meets — approved on time, waiting for the rater, returned with a note, left in draft,
submitted one and three working days late, a day missing and a day of approved leave.

Everything goes through the services a user would call (entry_record, entries_submit,
entries_review, leave_request, leave_decide), each at its own moment: the services read
django.utils.timezone.now, so the script stops that clock at the moment of each step (as the
tests' ``now_at`` fixture does). Lateness, deadlines, ``first_submitted_at``, ``reviewed_at`` and
the rows' created/updated times therefore come out exactly as if the month had been lived; no
field is written by hand. Steps of today run at the real now.

Only employees with an APPROVED SKP for the day's year may record (R-DAILY); load_demo_year
approves the kasi's and two of her staff's (agus.pratama, dewi.hidayat). Runs once: when the
section already has entries it changes nothing.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import formats, timezone

from apps.organization.models import Employee, OrgUnit
from apps.performance import services as performance
from apps.performance.models import Evaluation, PeriodKind, PerformancePeriod, PlanStatus, WorkResult

from . import action_plans, calendar, calendar_services, discipline, entries
from .holidays import HOLIDAYS
from .models import ActionPlan, DailyEntry, Holiday, Leave, LeaveKind
from .schedule import holidays_between, schedule_for

SECTION = "DISDIK-SD-KUR"


class DemoNotReady(Exception):
    """What is missing before the month can be loaded, said so that the operator can fix it."""


@dataclass(frozen=True)
class Activity:
    text: str
    quantity: str
    unit: str
    minutes: int | None = None
    evidence: bool = False  # a document worth a link to the shared drive


# What each position of the section does under its (single) work result of the demo SKP.
ACTIVITIES: dict[str, list[Activity]] = {
    "Kepala Seksi Kurikulum dan Penilaian": [  # RHK "Penilaian pelaksanaan kurikulum SD"
        Activity("Supervisi pelaksanaan Kurikulum Merdeka di SD Negeri 03 Tubei", "1", "sekolah", 300),
        Activity("Memeriksa dokumen kurikulum operasional satuan pendidikan (KOSP) dari tiga SD", "3", "dokumen",
                 240, True),
        Activity("Memimpin rapat seksi tentang jadwal penilaian pelaksanaan kurikulum", "1", "kegiatan", 90),
        Activity("Menyusun laporan hasil supervisi kurikulum minggu ini", "1", "laporan", 180, True),
        Activity("Supervisi pembelajaran kelas 4 di SD Negeri 07 Lebong", "1", "sekolah", 300),
        Activity("Membahas temuan penilaian kurikulum dengan Kepala Bidang Pembinaan SD", "1", "kegiatan", 60),
        Activity("Menelaah rekap capaian belajar dari staf untuk bahan penilaian kurikulum", "1", "dokumen", 120),
        Activity("Memberikan umpan balik tertulis kepada kepala sekolah atas hasil supervisi", "2", "sekolah", 120,
                 True),
    ],
    "Pengembang Kurikulum": [  # RHK "Instrumen penilaian kurikulum"
        Activity("Menyusun kisi-kisi instrumen penilaian kurikulum fase B (kelas 3-4)", "1", "dokumen", 240, True),
        Activity("Menelaah capaian pembelajaran fase B sebagai dasar butir instrumen", "1", "dokumen", 180),
        Activity("Uji coba instrumen penilaian di SD Negeri 01 Tubei", "1", "sekolah", 300),
        Activity("Merevisi butir instrumen berdasarkan hasil uji coba", "15", "butir", 210),
        Activity("Validasi instrumen bersama guru kelas di SD Negeri 05 Lebong", "1", "sekolah", 300),
        Activity("Rapat koordinasi dengan pengawas sekolah tentang instrumen penilaian", "1", "kegiatan", 120),
        Activity("Menyusun laporan hasil uji coba instrumen penilaian", "1", "laporan", 240, True),
        Activity("Menyusun pedoman penskoran instrumen penilaian kurikulum", "1", "dokumen", 210, True),
    ],
    "Pengolah Data Pendidikan": [  # RHK "Rekap data capaian belajar"
        Activity("Menginput nilai asesmen sumatif semester ganjil dari enam SD ke aplikasi rekap", "6", "sekolah",
                 300),
        Activity("Memverifikasi data capaian belajar kelas 5 dengan operator sekolah", "4", "sekolah", 240),
        Activity("Membersihkan data ganda NISN pada rekap capaian belajar", "120", "data siswa", 180),
        Activity("Menyusun tabel rekap capaian literasi dan numerasi per kecamatan", "1", "dokumen", 240, True),
        Activity("Mengunduh hasil Asesmen Nasional dari laman Rapor Pendidikan untuk 12 SD", "12", "sekolah", 150),
        Activity("Menyusun laporan mingguan rekap data capaian belajar", "1", "laporan", 150, True),
        Activity("Mencocokkan data rombongan belajar Dapodik dengan rekap capaian", "8", "sekolah", 210),
    ],
}
FALLBACK = [Activity("Menyelesaikan tugas harian sesuai rencana hasil kerja", "1", "kegiatan", 240)]
SECOND = {  # an occasional second activity of the day, in the afternoon
    "Kepala Seksi Kurikulum dan Penilaian": Activity("Membalas surat sekolah tentang jadwal supervisi", "2", "surat",
                                                     45),
    "Pengembang Kurikulum": Activity("Mendokumentasikan masukan guru pada lembar telaah instrumen", "1", "dokumen", 60),
    "Pengolah Data Pendidikan": Activity("Melayani permintaan data capaian belajar dari sekolah", "3", "sekolah", 60),
}
RETURN_NOTE = ("Sebutkan nama sekolah dan jumlah butir yang direvisi, lalu lampirkan tautan bukti revisi "
               "instrumen sebelum diajukan kembali.")
LEAVE_NOTE = "Cuti tahunan: menghadiri pernikahan adik di Curup."


# --- the story: what happens on which working day of the month ---------------------------------
# Days are indexes into the month's working days (negative from its end; a month has 15 or more —
# March 2027, with Nyepi and Idul Fitri —, so they never meet). Every other day is recorded and
# submitted on time and approved by the rater the next working morning.

LATE_3, LATE_1, MISSING, LEAVE, RETURNED, WAITING, EXTRA_DRAFT = (
    "late 3", "late 1", "missing", "leave", "returned", "waiting", "extra draft")
STORIES: dict[str, dict[int, str]] = {
    "agus.pratama": {1: LATE_3, 4: MISSING, 9: EXTRA_DRAFT, -3: RETURNED, -2: WAITING, -1: WAITING},
    "dewi.hidayat": {2: LATE_1, 6: LEAVE, 10: EXTRA_DRAFT, -2: WAITING, -1: WAITING},
    "desi.permata": {8: LATE_1, -1: WAITING},
}


def last_full_month(today: dt.date) -> tuple[int, int]:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


# --- the clock ---------------------------------------------------------------------------------


@contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """Stop django.utils.timezone.now at ``moment`` for the services (and auto_now fields) that
    read it; the real clock comes back afterwards, whatever happens."""
    real = timezone.now
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = real


@dataclass(order=True)
class _Step:
    at: dt.datetime
    number: int
    run: Callable[[], None] = field(compare=False)


class _Script:
    """Steps at moments, run in time order with the clock stopped at each; entries are named by
    a key while the script is written, their ids are known once recorded."""

    def __init__(self) -> None:
        self.steps: list[_Step] = []
        self.ids: dict[tuple, int] = {}

    def at(self, moment: dt.datetime, run: Callable[[], None]) -> None:
        self.steps.append(_Step(moment, len(self.steps), run))

    def run(self) -> None:
        for step in sorted(self.steps):
            with clock_at(step.at):
                step.run()


# --- loading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    employee: Employee
    results: dict[int, list[WorkResult]]  # year → the work results of their approved SKP
    activities: list[Activity]
    second: Activity | None


def _people(section: OrgUnit, years: set[int]) -> list[_Person]:
    """The section's active employees with an approved SKP for one of ``years`` (R-DAILY)."""
    results = (WorkResult.objects.filter(plan__employee__unit=section, plan__employee__is_active=True,
                                         plan__year__in=years, plan__status=PlanStatus.APPROVED)
               .select_related("plan").order_by("plan__employee__name", "pk"))
    by_employee: dict[int, dict[int, list[WorkResult]]] = {}
    for result in results:
        by_employee.setdefault(result.plan.employee_id, {}).setdefault(result.plan.year, []).append(result)
    employees = Employee.objects.filter(pk__in=by_employee).select_related(
        "user", "unit", "position", "rater__user").order_by("name")
    return [_Person(e, by_employee[e.pk], ACTIVITIES.get(e.position.title, FALLBACK), SECOND.get(e.position.title))
            for e in employees]


def _at(day: dt.date, hour: int, minute: int, schedule: calendar.Schedule) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=schedule.zone)


class _Loader:
    def __init__(self, section: OrgUnit, now: dt.datetime) -> None:
        self.schedule = schedule_for(section)
        self.now = now
        self.today = now.astimezone(self.schedule.zone).date()
        self.year, self.month = last_full_month(self.today)
        start = dt.date(self.year, self.month, 1)
        self.monday = self.today - dt.timedelta(days=self.today.weekday())
        self.holidays = holidays_between(start, self.today + dt.timedelta(days=31))
        month_end = self.today.replace(day=1) - dt.timedelta(days=1)
        self.month_days = list(calendar.working_days(start, month_end, self.schedule, self.holidays))
        self.week_days = [d for d in calendar.working_days(self.monday, self.today, self.schedule, self.holidays)
                          if d > month_end]
        self.script = _Script()
        self.leaves: dict[tuple, Leave] = {}
        self.approvals: dict[tuple[Employee, dt.date], list[tuple]] = {}  # (rater, morning) → entry keys
        self.returns: dict[tuple[Employee, dt.date], list[tuple[tuple, str]]] = {}

    # moments of the month, in unit time
    def working_day_after(self, day: dt.date, n: int) -> dt.date:
        for _ in range(n):
            day = calendar.next_working_day(day, self.schedule, self.holidays)
        return day

    def on(self, day: dt.date, hour: int, minute: int) -> dt.datetime:
        """A moment of ``day``; today's moments are the real now (nothing happens in the future)."""
        return self.now if day == self.today else _at(day, hour, minute, self.schedule)

    # the steps
    def record(self, person: _Person, key: tuple, day: dt.date, activity: Activity, *,
               submit: bool) -> Callable[[], None]:
        results = person.results[day.year]
        result = results[key[-1] % len(results)]  # a second activity serves the second work result, if any
        link = (f"https://drive.lebongkab.go.id/kinerja/{person.employee.user.username}/{day:%Y-%m-%d}.pdf"
                if activity.evidence else "")

        def run() -> None:
            self.script.ids[key] = entries.entry_record(
                actor=person.employee.user, entry_id=None, date=day, work_result_id=result.pk, text=activity.text,
                quantity=activity.quantity, output_unit=activity.unit, minutes=activity.minutes,
                evidence_link=link, submit=submit).pk
        return run

    def submit(self, person: _Person, keys: list[tuple]) -> Callable[[], None]:
        return lambda: entries.entries_submit(actor=person.employee.user, entry_ids=[self.script.ids[k] for k in keys])

    def review(self, rater: Employee, approve: list[tuple], returns: list[tuple[tuple, str]]) -> Callable[[], None]:
        def run() -> None:
            outcome = entries.entries_review(actor=rater.user, approve_ids=[self.script.ids[k] for k in approve],
                                             returns=[(self.script.ids[k], note) for k, note in returns])
            if outcome.errors:  # the demo must come out as written: a refusal is a bug to see
                raise DemoNotReady(f"The review by {rater.name} was refused: {outcome.errors}")
        return run

    def leave(self, person: _Person, day: dt.date) -> None:
        """Asked for about a week ahead, approved by the rater the same afternoon."""
        asked, key = self.working_day_after(day - dt.timedelta(days=7), 1), ("leave", person.employee.pk, day)

        def request() -> None:
            self.leaves[key] = calendar_services.leave_request(
                actor=person.employee.user, starts_on=day, ends_on=day, kind=LeaveKind.CUTI, note=LEAVE_NOTE)

        def decide() -> None:
            calendar_services.leave_decide(actor=person.employee.rater.user, leave=self.leaves[key],
                                           approve=True, note="Disetujui. Titipkan pekerjaan hari itu kepada rekan.")
        self.script.at(_at(asked, 10, 5, self.schedule), request)
        self.script.at(_at(asked, 13, 20, self.schedule), decide)

    # the story of one person
    def tell(self, person: _Person) -> None:
        story = STORIES.get(person.employee.user.username, {})
        special = {index % len(self.month_days): what for index, what in story.items()}
        for index, day in enumerate(self.month_days):
            what = special.get(index)
            if day.year not in person.results or what == MISSING:
                continue
            if what == LEAVE:
                self.leave(person, day)
                continue
            activity = person.activities[index % len(person.activities)]
            key, minute = (person.employee.pk, day, 0), (index * 13) % 60
            if what == LATE_3:  # drafted on the day, forgotten, submitted on the 4th working day after it
                self.script.at(self.on(day, 16, minute), self.record(person, key, day, activity, submit=False))
                sent = self.working_day_after(day, 4)
                self.script.at(_at(sent, 8, 10, self.schedule), self.submit(person, [key]))
            elif what == LATE_1:  # written the morning after the due day
                sent = self.working_day_after(day, 2)
                self.script.at(_at(sent, 7, 50 + index % 10, self.schedule),
                               self.record(person, key, day, activity, submit=True))
            else:
                sent = day
                self.script.at(self.on(day, 15, minute), self.record(person, key, day, activity, submit=True))
            reviewed = self.working_day_after(sent, 1)
            if what == RETURNED:
                self.returns.setdefault((person.employee.rater, reviewed), []).append((key, RETURN_NOTE))
            elif what != WAITING:
                self.approvals.setdefault((person.employee.rater, reviewed), []).append(key)
            # A second, shorter activity every third day; never on a late day (it would be on time).
            if person.second and what not in (LATE_1, LATE_3) and (index % 3 == 2 or what == EXTRA_DRAFT):
                second = (person.employee.pk, day, 1)
                self.script.at(self.on(day, 16, 30 + minute // 2),
                               self.record(person, second, day, person.second, submit=what != EXTRA_DRAFT))
                if what not in (EXTRA_DRAFT, WAITING):
                    self.approvals.setdefault((person.employee.rater, reviewed), []).append(second)
        self.week(person)

    def reviews(self) -> None:
        """Each rater goes through their inbox every working morning: what their staff sent the
        day before, approved (or returned) in one request, as the review screen does. Without a
        rater in the system (nobody rates them) entries stay submitted."""
        mornings = {(rater, day) for rater, day in [*self.approvals, *self.returns] if rater is not None}
        for rater, day in sorted(mornings, key=lambda k: (k[1], k[0].pk)):
            self.script.at(_at(day, 8, 30, self.schedule),
                           self.review(rater, self.approvals.get((rater, day), []), self.returns.get((rater, day), [])))

    def week(self, person: _Person) -> None:
        """The current week after the month: submitted on the day, waiting for the rater; today
        one entry submitted and (for those with a second activity) one still in draft."""
        for index, day in enumerate(self.week_days):
            if day.year not in person.results:
                continue
            activity = person.activities[(len(self.month_days) + index) % len(person.activities)]
            key = (person.employee.pk, day, 0)
            self.script.at(self.on(day, 15, 20), self.record(person, key, day, activity, submit=True))
            if day == self.today and person.second:
                self.script.at(self.on(day, 15, 20), self.record(person, (person.employee.pk, day, 1), day,
                                                                  person.second, submit=False))


def load() -> str:
    """Load the month and the week (one transaction) and say what was made; when the section
    already has entries, change nothing and say so."""
    section = OrgUnit.objects.filter(code=SECTION).first()
    if section is None:
        raise DemoNotReady(f"The unit {SECTION} does not exist: run `manage.py load_demo` first.")
    existing = DailyEntry.objects.filter(employee__unit=section).count()
    if existing:
        return f"Demo daily progress for {section.name}: already loaded ({existing} entries), nothing changed."
    loader = _Loader(section, timezone.now())
    year = loader.year
    if year in HOLIDAYS and not Holiday.objects.filter(date__year=year).exists():
        raise DemoNotReady(f"No holidays of {year} yet: run `manage.py load_holidays` first.")
    people = _people(section, {year, loader.today.year})
    if not any(year in person.results for person in people):
        raise DemoNotReady(f"Nobody in {section.name} has an approved SKP for {year}: "
                           f"run `manage.py load_demo_year --year {year}` first.")
    with transaction.atomic():
        for person in people:
            loader.tell(person)
        loader.reviews()
        loader.script.run()
    return " ".join((summary(section, loader, people), _action_plans(section, loader.today),
                     _review_period(section, loader.today)))


# The actions the staff member drafts for the current quarter (R-ACTION), under his work result.
DEMO_ACTIONS = [("Menyusun kisi-kisi dan butir soal asesmen kelas 4–6", "3", "dokumen"),
                ("Uji coba instrumen di dua sekolah dasar", "2", "kegiatan")]


def _quarter_and_hr(today: dt.date) -> tuple[PerformancePeriod | None, Employee | None]:
    """The current quarter's period and the demo's HR (of the whole organization)."""
    period = PerformancePeriod.objects.filter(kind=PeriodKind.QUARTER, year=today.year,
                                              starts_on__lte=today, ends_on__gte=today).first()
    hr = Employee.objects.filter(position__title="Analis Sumber Daya Manusia Aparatur",
                                 unit__code="BKPSDM-PKP").select_related("user").first()
    return period, hr


def _review_period(section: OrgUnit, today: dt.date) -> str:
    """The current quarter's review opened for the section by HR (a job), as HR would near its
    end: each self-assessment then shows the realization suggested from the approved progress
    (after R-DISCIPLINE). Nothing when it is the first quarter (load_demo_year reviews it) or
    already open."""
    period, hr = _quarter_and_hr(today)
    if period is None or hr is None or period.number == 1:
        return ""
    if Evaluation.objects.filter(plan__employee__unit=section, period=period).exists():
        return ""
    with transaction.atomic():  # the job starts when this commits (in process without Celery)
        performance.review_period_open(actor=hr.user, period=period, unit=section)
    opened = Evaluation.objects.filter(plan__employee__unit=section, period=period).count()
    return f"Review of {period} opened for {section.name}: {opened} self-assessments, with suggestions from the days."


def _action_plans(section: OrgUnit, today: dt.date) -> str:
    """The current quarter's action plans, opened for the section by HR as in the app (a job);
    the first recorder's plan gets two drafted actions, left for him to submit. Nothing when the
    quarter's period or the process is missing (said so)."""
    period, hr = _quarter_and_hr(today)
    if period is None or hr is None:
        return "No action plans: the quarter's review period or the demo HR is missing."
    with transaction.atomic():  # the job starts when this commits (in process without Celery)
        action_plans.action_plans_open(actor=hr.user, period=period, unit=section)
    drafted = (ActionPlan.objects.filter(plan__employee__unit=section, period=period)
               .select_related("plan__employee__user").order_by("plan__employee__name").first())
    if drafted is None:
        return "No action plans opened (is the action_plan process published?)."
    result = drafted.plan.work_results.order_by("position", "pk").first()
    for text, target, unit in DEMO_ACTIONS:
        action_plans.action_item_upsert(actor=drafted.plan.employee.user, action_plan=drafted, item_id=None,
                                        work_result_id=result.pk, text=text, target=target, unit=unit)
    opened = ActionPlan.objects.filter(plan__employee__unit=section, period=period).count()
    return (f"Action plans of {period}: {opened} opened, {len(DEMO_ACTIONS)} actions drafted by "
            f"{drafted.plan.employee.name}.")


def summary(section: OrgUnit, loader: _Loader, people: list[_Person]) -> str:
    """One line: the entries by status and lateness, and the month's discipline of those who record."""
    rows = DailyEntry.objects.filter(employee__unit=section)
    counts = dict(rows.values_list("status").annotate(n=Count("pk")).order_by())
    late = sorted(set(rows.filter(late_days__gt=0).values_list("late_days", flat=True)))
    week = rows.filter(date__gte=loader.monday).count()
    month = discipline.month_summary([p.employee for p in people], loader.year, loader.month)
    figures = {name: sum(getattr(row, name) for row in month) for name in ("on_time", "late", "missing", "excused")}
    return (f"Demo daily progress, {section.name}: {sum(counts.values())} entries "
            f"({counts.get('APPROVED', 0)} approved, {counts.get('SUBMITTED', 0)} submitted, "
            f"{counts.get('RETURNED', 0)} returned, {counts.get('DRAFT', 0)} draft; late by "
            f"{' and '.join(map(str, late)) or 'no'} working days; {week} this week) for {len(people)} employees; "
            f"{formats.date_format(dt.date(loader.year, loader.month, 1), 'F Y')}: {figures['on_time']} days on time, "
            f"{figures['late']} late, {figures['missing']} missing, {figures['excused']} on leave.")
