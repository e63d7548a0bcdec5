"""NIP (Nomor Induk Pegawai) validation — DOMAIN.md: 18 digits = birth date (8),
appointment year and month (6), sex (1: 1 or 2), sequence (3)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from apps.core.errors import BadInput


def nip_problem(nip: str) -> str | None:
    """The reason a NIP is malformed, in the active language, or None when it is valid."""
    if len(nip) != 18 or not nip.isascii() or not nip.isdigit():
        return str(_("NIP must be exactly 18 digits."))
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return str(_("The birth date in the NIP (digits 1–8, YYYYMMDD) is not a real date."))
    if birth.year < 1900:
        return str(_("The birth date in the NIP (digits 1–8, YYYYMMDD) is not a real date."))
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        return str(_("The appointment month in the NIP (digits 13–14) must be 01–12."))
    if year < birth.year + 15:
        return str(_("The appointment year in the NIP (digits 9–12) must be at least 15 years after the birth year."))
    if nip[14] not in "12":
        return str(_("The sex code in the NIP (digit 15) must be 1 or 2."))
    if nip[15:18] == "000":
        return str(_("The sequence number in the NIP (digits 16–18) must not be 000."))
    return None


def validate_nip(nip: str) -> str:
    """Return the NIP, or raise BadInput naming the field and the reason."""
    problem = nip_problem(nip)
    if problem:
        raise BadInput(problem, fields={"nip": problem})
    return nip
