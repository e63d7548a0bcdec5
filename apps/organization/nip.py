"""NIP (Nomor Induk Pegawai) and NI PPPK validation — docs/domain.md. Both are 18 digits:

- PNS:  birth date (8, YYYYMMDD), year and month of first appointment (6), sex (1), sequence (3);
- PPPK: birth date (8), year of first appointment (4), the code ``21`` (2), sex (1), sequence (3).

Digits 13–14 tell the two forms apart (a month is at most 12), so the number alone says whether
its holder is PNS or PPPK, and the employee's employment type must agree with it.
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .models import EmploymentType
from .rank import parse_rank

PPPK_CODE = "21"


def nip_form(nip: str) -> str | None:
    """Which form a number has: EmploymentType.PNS or .PPPK, or None when it is malformed."""
    if nip_problem(nip) is not None:
        return None
    return EmploymentType.PPPK if nip[12:14] == PPPK_CODE else EmploymentType.PNS


def nip_problem(nip: str) -> str | None:
    """The reason a NIP / NI PPPK is malformed, naming the wrong part, or None when it is valid."""
    if len(nip) != 18 or not nip.isascii() or not nip.isdigit():
        return _("NIP must be exactly 18 digits.")
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900:
        return _("The birth date in the NIP (digits 1–8, YYYYMMDD) is not a real date.")
    code = nip[12:14]
    if code != PPPK_CODE and not 1 <= int(code) <= 12:
        return _("Digits 13–14 of the NIP must be the appointment month 01–12 (PNS) or the code 21 (PPPK).")
    if int(nip[8:12]) < birth.year + 15:
        return _("The appointment year in the NIP (digits 9–12) must be at least 15 years after the birth year.")
    if nip[14] not in "12":
        return _("The sex code in the NIP (digit 15) must be 1 or 2.")
    if nip[15:18] == "000":
        return _("The sequence number in the NIP (digits 16–18) must not be 000.")
    return None


def employment_type_problem(nip: str, employment_type: str) -> str | None:
    """Why the employment type does not fit the form of a well-formed number, or None."""
    form = nip_form(nip)
    if form is None or employment_type not in EmploymentType.values or form == employment_type:
        return None
    if form == EmploymentType.PPPK:
        return _("%(nip)s is an NI PPPK (digits 13–14 are 21), but the employment type is %(type)s; "
                 "a PPPK employee's type is PPPK.") % {"nip": nip, "type": employment_type}
    return _("%(nip)s is a PNS NIP (digits 13–14 are an appointment month), but the employment type is "
             "%(type)s; an NI PPPK has the code 21 there.") % {"nip": nip, "type": employment_type}


def identity_problems(nip: str, employment_type: str, rank: str | None) -> tuple[str | None, dict[str, str]]:
    """Every check of an employee's number, employment type and rank, for the importer and the
    admin alike: the rank as stored (normalised) and the problem of each field that has one. A
    type that does not match the number's form leaves the kind of rank to expect in doubt, so the
    rank is then not checked; an unknown type is the caller's to report."""
    problems: dict[str, str] = {}
    problem = nip_problem(nip)
    if problem:
        problems["nip"] = problem
    if employment_type not in EmploymentType.values:
        return rank, problems
    mismatch = employment_type_problem(nip, employment_type)
    if mismatch:
        problems["employment_type"] = mismatch
    elif rank:
        rank, rank_problem = parse_rank(rank, employment_type)
        if rank_problem:
            problems["rank"] = rank_problem
    return rank, problems
