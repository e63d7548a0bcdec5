"""Rank (pangkat/golongan) as printed on signed documents — docs/domain.md.

PNS: the pangkat name and its golongan/ruang, e.g. ``Penata Muda (III/a)`` (golongan I–III have
ruang a–d, IV has a–e; each pair has exactly one pangkat name). PPPK: a golongan ``I``–``XVII``
in Roman numerals, e.g. ``IX``. Empty means not recorded.
"""
from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .models import EmploymentType

PNS_RANKS = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur", "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
    "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}
PPPK_GRADES = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
               "XVI", "XVII"]
_PNS_FORM = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<golongan>[IVX]+)\s*/\s*(?P<ruang>[A-Z])\s*\)$", re.IGNORECASE)
# Offices often abbreviate "Tingkat I" as "Tk. I" / "Tk.I"; the stored form is the full one.
_TINGKAT = re.compile(r"\bTk\.?\s*I$", re.IGNORECASE)


def _canonical_name(name: str) -> str:
    return _TINGKAT.sub("Tingkat I", " ".join(name.split())).casefold()


def parse_rank(rank: str, employment_type: str) -> tuple[str, str | None]:
    """(the rank in its stored form, None) or (the input, the reason it is refused)."""
    rank = " ".join(rank.split())
    if not rank:
        return "", None
    if employment_type == EmploymentType.PPPK:
        if rank.upper() in PPPK_GRADES:
            return rank.upper(), None
        return rank, _("%(rank)s is not a PPPK rank: a PPPK employee's golongan is I–XVII in Roman numerals, "
                       "e.g. IX.") % {"rank": rank}
    match = _PNS_FORM.match(rank)
    if not match:
        return rank, _("%(rank)s is not a PNS rank: write the pangkat and the golongan/ruang, e.g. "
                       "Penata Muda (III/a).") % {"rank": rank}
    grade = f"{match['golongan'].upper()}/{match['ruang'].lower()}"
    expected = PNS_RANKS.get(grade)
    if expected is None:
        return rank, _("%(grade)s is not a PNS golongan/ruang: golongan I–III have ruang a–d, IV has a–e.") % {
            "grade": grade}
    if _canonical_name(match["name"]) != expected.casefold():
        return rank, _("The pangkat of golongan %(grade)s is %(expected)s, not %(name)s.") % {
            "grade": grade, "expected": expected, "name": match["name"]}
    return f"{expected} ({grade})", None
