"""Performance data: public-satisfaction surveys (R-IKM), periods, org goals and the SKP with its
work results, indicators and behaviour expectations, its audit history, and background jobs.
Evaluations, realizations and the rest of the cycle follow (issue 4)."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from apps.organization.models import Employee, OrgUnit

from .choices import OrgRating, Predicate, Rating


class SatisfactionSurvey(models.Model):
    """One submitted batch of public-satisfaction responses for a service unit and year.
    The unit's index for the year is computed over all its batches (selectors)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="satisfaction_surveys")
    year = models.PositiveSmallIntegerField()
    responses = models.JSONField()  # [[9 ints 1-4], ...] in docs/domain.md element order
    respondents = models.PositiveIntegerField()
    score = models.DecimalField(max_digits=5, decimal_places=2)
    category = models.CharField(max_length=1)
    element_scores = models.JSONField()  # {element: "3.45"}
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["unit", "year"])]
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"IKM {self.unit.code} {self.year}: {self.score} ({self.category})"


# --- the SKP (performance plan) and what it cascades from ----------------------------------


class PeriodKind(models.TextChoices):
    MONTH = "MONTH", "Bulanan"
    QUARTER = "QUARTER", "Triwulan"
    SEMESTER = "SEMESTER", "Semester"
    YEAR = "YEAR", "Tahunan"


class PerformancePeriod(models.Model):
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField()  # 1..4 for quarters, 1 for the year
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "kind", "number"], name="period_unique")]
        ordering = ["year", "kind", "number"]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.number}"


class GoalSource(models.TextChoices):
    RENSTRA = "RENSTRA", "Renstra"
    PERJANJIAN_KINERJA = "PERJANJIAN_KINERJA", "Perjanjian Kinerja"


class OrgGoal(models.Model):
    """A unit's goal for a year (Renstra / Perjanjian Kinerja): the root of the cascade."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="goals")
    year = models.PositiveSmallIntegerField()
    text = models.TextField()
    source = models.CharField(max_length=20, choices=GoalSource.choices, default=GoalSource.PERJANJIAN_KINERJA)
    indicator = models.TextField(blank=True, default="")
    target = models.CharField(max_length=200, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["unit", "year"])]
        ordering = ["id"]


class PlanStatus(models.TextChoices):
    DRAFT = "DRAFT", "Draf"
    SUBMITTED = "SUBMITTED", "Diajukan"
    APPROVED = "APPROVED", "Ditetapkan"


class PerformancePlan(models.Model):
    """The SKP: one per employee per year."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    # Recorded on the SKP (PermenPANRB 6/2022): the rater and the rater's supervisor.
    rater = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rater_supervisor = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rater_is_acting = models.BooleanField(default=False)
    revision_notes = models.TextField(blank=True, default="")
    is_overdue = models.BooleanField(default=False)
    attachments = models.JSONField(default=dict, blank=True)  # {resources, accountability, consequences}: [str]
    process_instance = models.OneToOneField("workflow.ProcessInstance", null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="plan")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="plan_one_per_employee_year")]
        indexes = [models.Index(fields=["year", "status"])]
        ordering = ["year", "employee__name", "id"]

    def __str__(self) -> str:
        return f"SKP {self.year} {self.employee_id} ({self.status})"

    @property
    def rater_id_of_record(self) -> int | None:
        """The rater recorded on the SKP, else the employee's current one (before it is recorded)."""
        return self.rater_id or self.employee.rater_id

    @property
    def rater_of_record(self) -> Employee | None:
        return self.rater if self.rater_id else self.employee.rater


class WorkResultType(models.TextChoices):
    UTAMA = "UTAMA", "Utama"
    TAMBAHAN = "TAMBAHAN", "Tambahan"


class Perspective(models.TextChoices):
    PENERIMA_LAYANAN = "PENERIMA_LAYANAN", "Penerima layanan"
    PROSES_BISNIS = "PROSES_BISNIS", "Proses bisnis"
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL", "Penguatan internal"
    ANGGARAN = "ANGGARAN", "Anggaran"


class WorkResult(models.Model):
    """RHK: a work result, cascading from the supervisor's (parents) or from an org goal."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="work_results")
    text = models.TextField()
    type = models.CharField(max_length=10, choices=WorkResultType.choices, default=WorkResultType.UTAMA)
    parents = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="children")
    org_goal = models.ForeignKey(OrgGoal, null=True, blank=True, on_delete=models.PROTECT, related_name="work_results")
    perspective = models.CharField(max_length=20, choices=Perspective.choices, blank=True, default="")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class IndicatorAspect(models.TextChoices):
    KUANTITAS = "KUANTITAS", "Kuantitas"
    KUALITAS = "KUALITAS", "Kualitas"
    WAKTU = "WAKTU", "Waktu"
    BIAYA = "BIAYA", "Biaya"


class IndicatorKind(models.TextChoices):
    NORMAL = "NORMAL", "Biasa"
    SATISFACTION = "SATISFACTION", "Kepuasan masyarakat (IKM)"


class Indicator(models.Model):
    """IKI: an indicator of a work result."""

    work_result = models.ForeignKey(WorkResult, on_delete=models.CASCADE, related_name="indicators")
    aspect = models.CharField(max_length=10, choices=IndicatorAspect.choices)
    text = models.TextField()
    target = models.CharField(max_length=200)
    unit = models.CharField(max_length=50, blank=True, default="")
    kind = models.CharField(max_length=15, choices=IndicatorKind.choices, default=IndicatorKind.NORMAL)

    class Meta:
        ordering = ["id"]


class CoreValue(models.TextChoices):
    """BerAKHLAK."""

    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN", "Berorientasi Pelayanan"
    AKUNTABEL = "AKUNTABEL", "Akuntabel"
    KOMPETEN = "KOMPETEN", "Kompeten"
    HARMONIS = "HARMONIS", "Harmonis"
    LOYAL = "LOYAL", "Loyal"
    ADAPTIF = "ADAPTIF", "Adaptif"
    KOLABORATIF = "KOLABORATIF", "Kolaboratif"


class BehaviorExpectation(models.Model):
    """The leader's specific expectation (ekspektasi khusus pimpinan) for a core value."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="behavior_expectations")
    core_value = models.CharField(max_length=25, choices=CoreValue.choices)
    text = models.TextField(blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "core_value"], name="behavior_unique_value")]
        ordering = ["id"]


class PlanEvent(models.Model):
    """R-AUDIT: the immutable history of a plan."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=40)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class JobStatus(models.TextChoices):
    PENDING = "PENDING", "Menunggu"
    RUNNING = "RUNNING", "Berjalan"
    DONE = "DONE", "Selesai"
    FAILED = "FAILED", "Gagal"


class Job(models.Model):
    """A background job with live progress (e.g. opening a performance year)."""

    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)


# --- evaluation -----------------------------------------------------------------------------


class Realization(models.Model):
    """Realisasi: progress on an indicator in a period, with evidence (bukti dukung) links."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realizations")
    period = models.ForeignKey(PerformancePeriod, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(max_length=200)
    note = models.TextField(blank=True, default="")
    evidence_links = models.JSONField(default=list, blank=True)
    # Why the value differs from the one suggested by the approved daily outputs (apps/performance/
    # suggestions.py); empty when it does not, or when nothing was suggested.
    deviation_reason = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="realization_unique")]


class EvaluationStatus(models.TextChoices):
    SELF_ASSESSMENT = "SELF_ASSESSMENT", "Penilaian mandiri"
    RATING = "RATING", "Dinilai pejabat penilai"
    APPROVAL = "APPROVAL", "Menunggu persetujuan atasan"
    FINAL = "FINAL", "Final"


class Evaluation(models.Model):
    """A periodic (or annual) evaluation of one plan."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.PROTECT, related_name="evaluations")
    period = models.ForeignKey(PerformancePeriod, on_delete=models.PROTECT, related_name="evaluations")
    status = models.CharField(max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.SELF_ASSESSMENT)
    self_notes = models.TextField(blank=True, default="")
    result_rating = models.CharField(max_length=20, choices=Rating.choices, null=True, blank=True)
    behavior_rating = models.CharField(max_length=20, choices=Rating.choices, null=True, blank=True)
    predicate = models.CharField(max_length=20, choices=Predicate.choices, null=True, blank=True)
    feedback = models.TextField(blank=True, default="")
    behavior_feedback = models.JSONField(default=dict, blank=True)  # {core value: text}
    result_feedback = models.JSONField(default=dict, blank=True)  # {work result id: text}
    rated_by = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rated_as_acting = models.BooleanField(default=False)
    approved_by = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    override_reason = models.TextField(blank=True, default="")  # R-DIST exceeded, recorded reason
    credit_points = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)  # R-CREDIT
    process_instance = models.OneToOneField("workflow.ProcessInstance", null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="evaluation")
    finalized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "period"], name="evaluation_unique")]
        ordering = ["period__year", "period__number", "id"]


class UnitOrgRating(models.Model):
    """R-ORG: a unit's organizational predicate for a period, set by the parent unit's leader."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="org_ratings")
    period = models.ForeignKey(PerformancePeriod, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=20, choices=OrgRating.choices)
    set_by = models.ForeignKey(Employee, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="org_rating_unique")]


class Feedback(models.Model):
    """Continuous feedback (umpan balik berkelanjutan) from the rater on a work result."""

    work_result = models.ForeignKey(WorkResult, on_delete=models.CASCADE, related_name="feedback")
    text = models.TextField()
    given_by = models.ForeignKey(Employee, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class EvaluationMeeting(models.Model):
    """A quarterly evaluation meeting (rapat evaluasi triwulan) of a unit."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="evaluation_meetings")
    period = models.ForeignKey(PerformancePeriod, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField()
    attendees = models.ManyToManyField(Employee, related_name="+")
    minutes = models.TextField()
    actions = models.JSONField(default=list, blank=True)  # agreed actions: [str]
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_at", "id"]


class DevelopmentPlanItem(models.Model):
    """Follow-up of the annual evaluation: a competence development need and its activity."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="development_items")
    need = models.CharField(max_length=500)
    activity = models.CharField(max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class EvidenceFile(models.Model):
    """What an uploaded evidence file (bukti dukung) records, whatever it supports: a realization
    (Evidence) or a daily entry (apps.daily's DailyEntryEvidence). Checked before it is stored by
    evidence_files.evidence_checked; each subclass adds what it belongs to and where it is stored."""

    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["id"]


class Evidence(EvidenceFile):
    """An uploaded evidence file (bukti dukung) of a realization; served only to plan viewers."""

    realization = models.ForeignKey(Realization, on_delete=models.CASCADE, related_name="evidence_files")
    file = models.FileField(upload_to="evidence/%Y/%m/")

    class Meta(EvidenceFile.Meta):
        pass
