"""Django admin for the calendar (R-CALENDAR). Every save goes through calendar_services, so the
admin checks exactly what the API checks: holidays are changed only by HR managing the whole
organization (others see them); a unit's schedule and an employee's leave only by HR of the
unit, who sees and chooses only rows of the units they manage (ScopedAdmin, as for org data).
Leave is recorded here (approved at once) or removed; it is not edited in place — a wrong leave
is removed and recorded again, so the overlap check always runs.

Daily entries are shown here to look up (HR of the employee's unit, superusers), never changed:
they are written by their employee and reviewed by the rater through the API, where the rules
(R-DAILY, R-LATE) live. Their evidence files are listed by name; the file itself is served by
/evidence/daily/<id>/, which checks who may read the entry."""
from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.errors import BadInput, Forbidden
from apps.organization.admin import ScopedAdmin
from apps.organization.models import Employee

from . import calendar_services as services
from .models import DailyEntry, DailyEntryEvidence, Holiday, Leave, UnitSchedule


def _call(service, **kwargs):
    """A service's refusal as the admin's: 403 for Forbidden (the permission checks below keep
    users from getting there), the message for bad input."""
    try:
        return service(**kwargs)
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"
    fields = ["date", "name", "kind"]

    def get_readonly_fields(self, request, obj=None):
        return ["date"] if obj else []  # another date is another holiday: delete and add

    def _keeps(self, request) -> bool:
        return services.keeps_national_calendar(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._keeps(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._keeps(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._keeps(request)

    def save_model(self, request, obj, form, change):
        saved = _call(services.holiday_set, actor=request.user, date=obj.date, name=obj.name, kind=obj.kind)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        _call(services.holiday_delete, actor=request.user, date=obj.date)

    def delete_queryset(self, request, queryset):
        for holiday in queryset:
            self.delete_model(request, holiday)


@admin.register(UnitSchedule)
class UnitScheduleAdmin(ScopedAdmin):
    list_display = ["unit", "working_days", "time_zone", "updated_at"]
    list_filter = ["working_days", "time_zone"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit"]
    fields = ["unit", "working_days", "time_zone", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at"]

    def scoped_choices(self, units):
        return {"unit": units}

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "unit"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved = _call(services.unit_schedule_set, actor=request.user, unit=obj.unit, working_days=obj.working_days,
                      time_zone=obj.time_zone)
        obj.pk = saved.pk


class LeaveForm(forms.ModelForm):
    class Meta:
        model = Leave
        fields = ["employee", "starts_on", "ends_on", "kind", "note"]

    def clean(self):
        data = super().clean()
        employee, starts_on, ends_on = data.get("employee"), data.get("starts_on"), data.get("ends_on")
        if employee and starts_on and ends_on and data.get("kind"):
            try:
                services.check_leave_input(employee, starts_on, ends_on, data["kind"], data.get("note", ""))
            except BadInput as exc:
                raise ValidationError(str(exc.message)) from None
        return data


@admin.register(Leave)
class LeaveAdmin(ScopedAdmin):
    unit_lookup = "employee__unit"
    form = LeaveForm
    list_display = ["employee", "starts_on", "ends_on", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["employee__name", "employee__nip"]
    date_hierarchy = "starts_on"
    list_select_related = ["employee"]
    autocomplete_fields = ["employee"]

    def scoped_choices(self, units):
        return {"employee": Employee.objects.filter(unit__in=units)}

    def has_change_permission(self, request, obj=None):
        return False  # view only; see the module docstring

    def save_model(self, request, obj, form, change):
        saved = _call(services.leave_record, actor=request.user, employee=obj.employee, starts_on=obj.starts_on,
                      ends_on=obj.ends_on, kind=obj.kind, note=obj.note)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        _call(services.leave_cancel, actor=request.user, leave=obj)

    def delete_queryset(self, request, queryset):
        for leave in queryset:
            self.delete_model(request, leave)


class ViewOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DailyEntryEvidenceInline(ViewOnly, admin.TabularInline):
    model = DailyEntryEvidence
    fields = readonly_fields = ["name", "content_type", "size", "uploaded_at"]
    extra = 0

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("daily.view_dailyentry")  # part of the entry it is shown with


@admin.register(DailyEntry)
class DailyEntryAdmin(ViewOnly, ScopedAdmin):
    unit_lookup = "employee__unit"
    list_display = ["employee", "date", "status", "late_days", "quantity", "output_unit", "reviewed_by"]
    list_filter = ["status"]
    search_fields = ["employee__name", "employee__nip", "text"]
    date_hierarchy = "date"
    list_select_related = ["employee", "reviewed_by"]
    fields = readonly_fields = ["employee", "date", "work_result", "action_item", "text", "quantity", "output_unit",
                                "minutes", "evidence_link", "status", "first_submitted_at", "late_days", "return_note",
                                "reviewed_by", "reviewed_at", "created_at", "updated_at"]
    inlines = [DailyEntryEvidenceInline]
