"""Django admin for org data. HR staff see and edit only the units they manage.

Edits of supervisors and acting officials go through the same services as the API, so the
cached raters and leaders stay right and the supervisor chain stays free of cycles.

Scope is checked on every write, old and new: the rows a non-superuser can open are those in
their units, and each foreign key accepts only objects in their units (plus the value already
set, so a unit whose parent lies outside can still be saved). The form validates the POSTed ids
against those same choices, so a forged POST with another unit's id is refused; only a
superuser may make a unit top-level. An employee's NIP, its form (PNS or PPPK) against the
employment type, and the rank are checked as the import checks them.
"""
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .models import Employee, OrgUnit, PerformanceAdminScope, Position
from .nip import identity_problems


class ScopedAdmin(admin.ModelAdmin):
    """Non-superusers see only rows in the units they manage as HR, and choose only from them."""

    unit_lookup = "unit"  # how the row reaches its OrgUnit; "" for OrgUnit itself

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        units = selectors.units_managed_by(request.user)
        return qs.filter(**{f"{self.unit_lookup}__in" if self.unit_lookup else "pk__in": units})

    def scoped_choices(self, units) -> dict:
        """Foreign key name -> the objects an HR user managing ``units`` may choose."""
        return {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if request.user.is_superuser:
            return form
        choices = self.scoped_choices(selectors.units_managed_by(request.user))

        class ScopedForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, allowed in choices.items():
                    if name in self.fields:
                        kept = Q(pk=getattr(self.instance, f"{name}_id", None) or 0)
                        self.fields[name].queryset = allowed.model.objects.filter(
                            Q(pk__in=allowed.values("pk")) | kept)

        return ScopedForm


class OrgUnitForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        unit, parent, head = self.instance, data.get("parent"), data.get("head_position")
        if parent is not None and unit.pk and (parent.pk == unit.pk or parent.path.startswith(unit.path)):
            self.add_error("parent", _("A unit cannot be placed below itself."))
        if head is not None and head.unit_id != unit.pk:
            self.add_error("head_position", _("The head post must be a post of this unit."))
        return data


class EmployeeForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        if data.get("nip") is not None:
            data["rank"], problems = identity_problems(data["nip"], data.get("employment_type"), data.get("rank"))
            for field, problem in problems.items():
                self.add_error(field, problem)
        return data


@admin.register(OrgUnit)
class OrgUnitAdmin(ScopedAdmin):
    unit_lookup = ""
    list_display = ["code", "name", "kind", "parent", "leader", "depth"]
    list_filter = ["kind", "depth"]
    search_fields = ["code", "name"]
    readonly_fields = ["path", "depth", "leader"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["head_position"]
    form = OrgUnitForm

    def scoped_choices(self, units):
        return {"parent": units, "head_position": Position.objects.filter(unit__in=units)}

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and obj.parent_id is None and (
                not change or OrgUnit.objects.get(pk=obj.pk).parent_id is not None):
            raise PermissionDenied(_("Only a superuser may create or make a top-level unit."))
        super().save_model(request, obj, form, change)
        services.rebuild_unit_paths()
        services.refresh_derived_relations()


@admin.register(Position)
class PositionAdmin(ScopedAdmin):
    list_display = ["title", "position_class", "unit"]
    list_filter = ["position_class", "unit__kind"]
    search_fields = ["title", "unit__name", "unit__code"]
    autocomplete_fields = ["unit"]

    def scoped_choices(self, units):
        return {"unit": units}


@admin.register(Employee)
class EmployeeAdmin(ScopedAdmin):
    list_display = ["name", "nip", "unit", "position", "employment_type", "rank", "rater", "is_active"]
    list_filter = ["position__position_class", "employment_type", "is_active", "unit__kind", "unit"]
    search_fields = ["nip", "name", "email", "rank", "user__username"]
    form = EmployeeForm
    list_select_related = ["unit", "position", "rater"]
    autocomplete_fields = ["unit", "position", "user"]
    # Supervisor and Plt changes go through the API (setSupervisor / setActing), which checks
    # for cycles and moves open tasks; here they are shown only.
    readonly_fields = ["supervisor_override", "acting_position", "rater", "rater_is_acting", "created_at", "updated_at"]

    def scoped_choices(self, units):
        return {"unit": units, "position": Position.objects.filter(unit__in=units)}

    def get_readonly_fields(self, request, obj=None):
        # Which account signs in as an employee is a superuser's decision: relinking accounts
        # would let HR sign in as (and act as) anyone, e.g. their agency's head. HR's accounts
        # come from the import, which refuses a username already in use.
        fields = super().get_readonly_fields(request, obj)
        return fields if request.user.is_superuser else [*fields, "user"]

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
