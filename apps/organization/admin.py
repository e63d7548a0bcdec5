"""Django admin for org data. HR staff see and edit only the units they manage.

Edits of supervisors and acting officials go through the same services as the API, so the
cached raters and leaders stay right and the supervisor chain stays free of cycles.
"""
from django.contrib import admin
from django.db import transaction

from . import selectors, services
from .models import Employee, OrgUnit, PerformanceAdminScope, Position


class ScopedAdmin(admin.ModelAdmin):
    """Non-superusers see only rows in the units they manage as HR."""

    unit_lookup = "unit"  # how the row reaches its OrgUnit; "" for OrgUnit itself

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        units = selectors.units_managed_by(request.user)
        return qs.filter(**{f"{self.unit_lookup}__in" if self.unit_lookup else "pk__in": units})


@admin.register(OrgUnit)
class OrgUnitAdmin(ScopedAdmin):
    unit_lookup = ""
    list_display = ["code", "name", "kind", "parent", "leader", "depth"]
    list_filter = ["kind", "depth"]
    search_fields = ["code", "name"]
    readonly_fields = ["path", "depth", "leader"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["head_position"]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.rebuild_unit_paths()
        services.refresh_derived_relations()


@admin.register(Position)
class PositionAdmin(ScopedAdmin):
    list_display = ["title", "position_class", "unit"]
    list_filter = ["position_class", "unit__kind"]
    search_fields = ["title", "unit__name", "unit__code"]
    autocomplete_fields = ["unit"]


@admin.register(Employee)
class EmployeeAdmin(ScopedAdmin):
    list_display = ["name", "nip", "unit", "position", "employment_type", "rater", "is_active"]
    list_filter = ["position__position_class", "employment_type", "is_active", "unit__kind", "unit"]
    search_fields = ["nip", "name", "email", "user__username"]
    list_select_related = ["unit", "position", "rater"]
    autocomplete_fields = ["unit", "position", "user"]
    # Supervisor and Plt changes go through the API (setSupervisor / setActing), which checks
    # for cycles and moves open tasks; here they are shown only.
    readonly_fields = ["supervisor_override", "acting_position", "rater", "rater_is_acting", "created_at", "updated_at"]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        obj.unit = obj.position.unit
        super().save_model(request, obj, form, change)
        services.refresh_derived_relations()


@admin.register(PerformanceAdminScope)
class PerformanceAdminScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "unit"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["user"]

    def has_module_permission(self, request):
        return request.user.is_superuser
