"""The organization: units (a tree), positions, employees and who rates whom.

The position tree is the unit tree plus each unit's head post: an employee's rater is, by
default, the occupant of their unit's head post, or — for the head themself, or in a unit
without a head — the occupant of the nearest ancestor unit's head post. An acting official
(Plt) appointed to a head post occupies it in place of its holder. HR can override the rater
of any employee (``supervisor_override``).

``Employee.rater`` and ``OrgUnit.leader`` are caches of that derivation, written only by
``services.refresh_derived_relations`` in the same transaction as every change to their
inputs, so that every read (inbox, visibility, selectors) is a plain indexed join.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PEMDA = "PEMDA", _("Regional government")
    SETDA = "SETDA", _("Regional secretariat")
    SEKRETARIAT = "SEKRETARIAT", _("Secretariat")
    DINAS = "DINAS", _("Agency (dinas)")
    BADAN = "BADAN", _("Board (badan)")
    KECAMATAN = "KECAMATAN", _("District (kecamatan)")
    KELURAHAN = "KELURAHAN", _("Urban village (kelurahan)")
    DESA = "DESA", _("Village (desa)")
    BAGIAN = "BAGIAN", _("Section (bagian)")
    BIDANG = "BIDANG", _("Division (bidang)")
    SUBBAGIAN = "SUBBAGIAN", _("Sub-section (subbagian)")
    SEKSI = "SEKSI", _("Sub-division (seksi)")
    UPT = "UPT", _("Technical unit (UPT)")
    PUSKESMAS = "PUSKESMAS", _("Community health centre (puskesmas)")
    SEKOLAH = "SEKOLAH", _("School")


class PositionClass(models.TextChoices):
    JPT = "JPT", _("Senior executive (JPT)")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Supervisor (pengawas)")
    PELAKSANA = "PELAKSANA", _("Staff (pelaksana)")
    FUNGSIONAL = "FUNGSIONAL", _("Functional")


# Structural classes that can head a unit, highest first.
HEAD_CLASS_RANK: dict[str, int] = {PositionClass.JPT: 3, PositionClass.ADMINISTRATOR: 2, PositionClass.PENGAWAS: 1}


class EmploymentType(models.TextChoices):
    PNS = "PNS", _("Civil servant (PNS)")
    PPPK = "PPPK", _("Contract civil servant (PPPK)")


class Role(models.TextChoices):
    """Roles held through Django groups of the same name."""

    PERFORMANCE_ADMIN = "PERFORMANCE_ADMIN", _("Performance administrator (HR)")
    PROCESS_ADMIN = "PROCESS_ADMIN", _("Process administrator")


class OrgUnit(models.Model):
    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    # Materialized path of primary keys, "/1/7/42/": ancestors are the ids in it, the
    # subtree is every path that starts with it. Maintained by services only.
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    head_position = models.ForeignKey(
        "Position", verbose_name=_("head post"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Cache: the occupant of the head post (its acting official, else its holder).
    leader = models.ForeignKey(
        "Employee", verbose_name=_("leader"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this unit itself, read off the path (no query)."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


class Position(models.Model):
    """A post (jabatan) in a unit; several employees may hold a non-head post."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("title"), max_length=200)
    position_class = models.CharField(_("position class"), max_length=20, choices=PositionClass.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "title"], name="position_unique_title_per_unit")]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return f"{self.title} — {self.unit.name}"


class Employee(models.Model):
    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="employee"
    )
    employment_type = models.CharField(_("employment type"), max_length=4, choices=EmploymentType.choices)
    # Pangkat/golongan as printed on signed documents: PNS "Penata Muda (III/a)", PPPK "IX".
    rank = models.CharField(_("rank (pangkat/golongan)"), max_length=60, blank=True, default="")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="employees")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="holders")
    is_active = models.BooleanField(_("active"), default=True)
    supervisor_override = models.ForeignKey(
        "self", verbose_name=_("explicit supervisor"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Set by HR when the rater is not the one derived from the org tree."),
    )
    acting_position = models.ForeignKey(
        Position, verbose_name=_("acting for (Plt)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="acting_officials",
    )
    # Caches maintained by services.refresh_derived_relations.
    rater = models.ForeignKey(
        "self", verbose_name=_("rater"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="ratees",
    )
    rater_is_acting = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["acting_position"], condition=models.Q(acting_position__isnull=False),
                name="employee_one_acting_official_per_post",
            )
        ]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"


class PerformanceAdminScope(models.Model):
    """A unit (with all its sub-units) that a PERFORMANCE_ADMIN user manages."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hr_scopes")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="hr_scopes")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="hr_scope_unique")]
        verbose_name = _("HR scope")
        verbose_name_plural = _("HR scopes")

    def __str__(self) -> str:
        return f"{self.user} → {self.unit}"
