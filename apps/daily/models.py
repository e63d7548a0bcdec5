"""Daily progress (progres harian, BKN 2/2026) and what it is measured against.

- The calendar (R-CALENDAR): national holidays and collective leave (``Holiday``, kept by HR per
  year), a unit's working week and time zone (``UnitSchedule``, inherited down the unit tree:
  the nearest unit at or above with a schedule decides; none at all means Monday–Friday, WIB),
  and an employee's leave (``Leave``), which excuses the days it covers once approved.
- Daily entries (R-DAILY): plain rows with their own review state — not one process instance
  each (250 a year per person). The reviewer is not stored on the entry: it is the employee's
  rater at the time of review, so pending entries follow a change of rater.
- Action plans (R-ACTION): per employee and quarter, under the approved SKP's work results, with
  targets; drafted by the employee and approved or sent back by the rater through the BPMN
  process ``action_plan`` (one instance per plan and quarter, opened for a unit by HR).
- Late and closed (R-LATE): each entry keeps when it was first submitted and how many working
  days late that was; ``MonthClosure`` marks a month of a unit (and its sub-units) closed by HR.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.organization.models import Employee, OrgUnit
from apps.performance.models import EvidenceFile


class HolidayKind(models.TextChoices):
    NATIONAL = "NATIONAL", _("National holiday")
    COLLECTIVE_LEAVE = "COLLECTIVE_LEAVE", _("Collective leave (cuti bersama)")


class Holiday(models.Model):
    """A day off for every unit: a national holiday or a day of collective leave."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=HolidayKind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class TimeZoneName(models.TextChoices):
    WIB = "Asia/Jakarta", "WIB (UTC+7)"
    WITA = "Asia/Makassar", "WITA (UTC+8)"
    WIT = "Asia/Jayapura", "WIT (UTC+9)"


class UnitSchedule(models.Model):
    """A unit's working week and time zone; units below without their own inherit it."""

    unit = models.OneToOneField(OrgUnit, on_delete=models.CASCADE, related_name="schedule")
    working_days = models.PositiveSmallIntegerField(_("working days per week"), choices=[(5, "5"), (6, "6")],
                                                    default=5)
    time_zone = models.CharField(_("time zone"), max_length=20, choices=TimeZoneName.choices,
                                 default=TimeZoneName.WIB)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit schedule")
        verbose_name_plural = _("unit schedules")


class LeaveKind(models.TextChoices):
    CUTI = "CUTI", _("Leave (cuti)")
    DINAS_LUAR = "DINAS_LUAR", _("Official travel (dinas luar)")
    SAKIT = "SAKIT", _("Sick leave")


class LeaveStatus(models.TextChoices):
    PENDING = "PENDING", _("Waiting for the rater")
    APPROVED = "APPROVED", _("Approved")
    REJECTED = "REJECTED", _("Rejected")


class Leave(models.Model):
    """Days an employee is excused: recorded by HR (approved at once) or marked by the employee
    and approved by the rater."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="leaves")
    starts_on = models.DateField()
    ends_on = models.DateField()
    kind = models.CharField(max_length=20, choices=LeaveKind.choices)
    status = models.CharField(max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.PENDING)
    note = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decision_note = models.TextField(blank=True, default="")  # the rater's word on approving or rejecting
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["employee", "starts_on"])]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="leave_ends_after_start")]


class ActionPlanStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    SUBMITTED = "SUBMITTED", _("Submitted")
    APPROVED = "APPROVED", _("Approved")


class ActionPlan(models.Model):
    """R-ACTION: an employee's action plan (rencana aksi) for one quarter of their SKP."""

    plan = models.ForeignKey("performance.PerformancePlan", on_delete=models.PROTECT, related_name="action_plans")
    period = models.ForeignKey("performance.PerformancePeriod", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ActionPlanStatus.choices, default=ActionPlanStatus.DRAFT)
    revision_notes = models.TextField(blank=True, default="")
    process_instance = models.OneToOneField("workflow.ProcessInstance", null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="action_plan")
    approved_by = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "period"], name="action_plan_one_per_quarter")]
        ordering = ["period__number", "id"]


class ActionPlanItem(models.Model):
    """One action (what will be done in the quarter, with a target) under a work result."""

    action_plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="items")
    work_result = models.ForeignKey("performance.WorkResult", on_delete=models.PROTECT, related_name="action_items")
    text = models.TextField()
    target = models.CharField(max_length=200)
    unit = models.CharField(max_length=50, blank=True, default="")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class EntryStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    SUBMITTED = "SUBMITTED", _("Submitted")
    APPROVED = "APPROVED", _("Approved")
    RETURNED = "RETURNED", _("Returned")


class DailyEntry(models.Model):
    """One activity of one working day (R-DAILY)."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="daily_entries")
    date = models.DateField()
    work_result = models.ForeignKey("performance.WorkResult", on_delete=models.PROTECT, related_name="daily_entries")
    action_item = models.ForeignKey(ActionPlanItem, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="daily_entries")
    text = models.TextField()
    quantity = models.DecimalField(max_digits=12, decimal_places=2)
    output_unit = models.CharField(max_length=50)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    evidence_link = models.URLField(max_length=500, blank=True, default="")
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    # R-LATE: the first submission decides lateness; a return and resubmission does not move it.
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    late_days = models.PositiveSmallIntegerField(default=0)  # working days after the deadline
    return_note = models.TextField(blank=True, default="")
    reviewed_by = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["employee", "date"]),
            models.Index(fields=["status", "employee"]),
            models.Index(fields=["work_result", "status"]),
        ]
        verbose_name = _("daily entry")
        verbose_name_plural = _("daily entries")

    def __str__(self) -> str:
        return f"{self.employee} — {self.date:%d-%m-%Y}"


class DailyEntryEvidence(EvidenceFile):
    """An evidence file (bukti dukung, R-DAILY) of a daily entry: uploaded with the entry by its
    employee, removable while the entry is a draft or returned, served only to those who may read
    the entry (apps/daily/views.py)."""

    entry = models.ForeignKey(DailyEntry, on_delete=models.CASCADE, related_name="evidence_files")
    file = models.FileField(upload_to="evidence/daily/%Y/%m/")

    class Meta(EvidenceFile.Meta):
        verbose_name = _("daily entry evidence")
        verbose_name_plural = _("daily entry evidence")


class MonthClosure(models.Model):
    """R-LATE: HR closed this month for the unit and its sub-units; entries for it are refused."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="closed_months")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year", "month"], name="month_closed_once")]


class ReminderKind(models.TextChoices):
    NOT_FILLED = "NOT_FILLED", _("Today's progress not sent yet")
    REVIEWS_WAITING = "REVIEWS_WAITING", _("Daily progress waiting for review")


class ReminderSent(models.Model):
    """A daily reminder (e-mail and live event) that went out: once per person, kind and local day
    — the record that makes the periodic sweep idempotent (apps/daily/reminders.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    date = models.DateField()  # the person's day, in their unit's time zone
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "date"], name="daily_reminder_once")]
