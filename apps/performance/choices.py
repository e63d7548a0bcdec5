"""The choices the performance rules decide between (R-RATING, R-MATRIX, R-ORG, R-IKM): values
that models store and the schema names as enums, without reaching the rules themselves."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """R-RATING: the rater's rating of results (hasil kerja) and of behaviour (perilaku kerja)."""

    DI_ATAS_EKSPEKTASI = "DI_ATAS_EKSPEKTASI", _("Above expectations")
    SESUAI_EKSPEKTASI = "SESUAI_EKSPEKTASI", _("Meets expectations")
    DI_BAWAH_EKSPEKTASI = "DI_BAWAH_EKSPEKTASI", _("Below expectations")


class Predicate(models.TextChoices):
    SANGAT_BAIK = "SANGAT_BAIK", _("Very good")
    BAIK = "BAIK", _("Good")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Needs improvement")
    KURANG = "KURANG", _("Poor (misconduct)")
    SANGAT_KURANG = "SANGAT_KURANG", _("Very poor")


class OrgRating(models.TextChoices):
    """R-ORG: the organizational predicate of a unit for a period."""

    ISTIMEWA = "ISTIMEWA", _("Outstanding")
    BAIK = "BAIK", _("Good")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Needs improvement")
    KURANG = "KURANG", _("Poor")
    SANGAT_KURANG = "SANGAT_KURANG", _("Very poor")


class SurveyElement(models.TextChoices):
    PERSYARATAN = "PERSYARATAN", _("Requirements")
    PROSEDUR = "PROSEDUR", _("Procedure")
    WAKTU = "WAKTU", _("Service time")
    BIAYA = "BIAYA", _("Cost")
    PRODUK = "PRODUK", _("Service product")
    KOMPETENSI = "KOMPETENSI", _("Staff competence")
    PERILAKU = "PERILAKU", _("Staff behaviour")
    PENGADUAN = "PENGADUAN", _("Complaint handling")
    SARANA = "SARANA", _("Facilities")
