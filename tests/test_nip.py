"""NIP and NI PPPK validation (docs/domain.md): 18 digits = birth date, then the year and month of first
appointment (PNS) or the year and the code 21 (PPPK), sex, sequence; the form decides the
employment type. Ranks (pangkat/golongan) of both kinds."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from apps.organization.nip import employment_type_problem, identity_problems, nip_form, nip_problem
from apps.organization.rank import parse_rank


@st.composite
def valid_numbers(draw, code):
    birth = draw(st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2008, 12, 31)))
    year = draw(st.integers(min_value=birth.year + 15, max_value=2026))
    middle = draw(code)
    sex = draw(st.sampled_from("12"))
    seq = draw(st.integers(min_value=1, max_value=999))
    return f"{birth:%Y%m%d}{year}{middle}{sex}{seq:03d}"


PNS_NUMBERS = valid_numbers(st.integers(min_value=1, max_value=12).map("{:02d}".format))
PPPK_NUMBERS = valid_numbers(st.just("21"))


@given(PNS_NUMBERS)
def test_every_well_formed_pns_nip_is_accepted_as_pns(nip):
    assert nip_problem(nip) is None and nip_form(nip) == "PNS"
    assert identity_problems(nip, "PNS", None) == (None, {})


@given(PPPK_NUMBERS)
def test_every_well_formed_ni_pppk_is_accepted_as_pppk(nip):
    assert nip_problem(nip) is None and nip_form(nip) == "PPPK"
    assert identity_problems(nip, "PPPK", "IX") == ("IX", {})


def test_the_domain_example_is_a_pppk_number():
    assert nip_form("198603312022212019") == "PPPK"  # born 31-03-1986, appointed 2022, code 21, female, 019


@given(st.text(max_size=30).filter(lambda s: not (len(s) == 18 and s.isascii() and s.isdigit())))
def test_anything_not_eighteen_ascii_digits_is_refused(text):
    assert nip_problem(text) is not None and nip_form(text) is None


@pytest.mark.parametrize("nip, reason", [
    ("19870523201001100", "18 digit"),
    ("1987052320100110011", "18 digit"),
    ("19870523201001100a", "18 digit"),
    ("１９８７０５２３２０１００１１００１", "18 digit"),  # full-width digits
    ("198702302010011001", "Tanggal lahir"),
    ("187705232010011001", "Tanggal lahir"),
    ("198603302022212019"[:4] + "1331" + "2022212019", "Tanggal lahir"),  # PPPK with a 13th month of birth
    ("198705232010131001", "bulan pengangkatan 01–12 (PNS) atau kode 21 (PPPK)"),
    ("198705232010001001", "bulan pengangkatan 01–12 (PNS) atau kode 21 (PPPK)"),
    ("198603312022222019", "bulan pengangkatan 01–12 (PNS) atau kode 21 (PPPK)"),  # code 22, neither form
    ("198705231995011001", "Tahun pengangkatan"),
    ("198603311995212019", "Tahun pengangkatan"),  # PPPK appointed at nine
    ("198705232010013001", "jenis kelamin"),
    ("198603312022213019", "jenis kelamin"),
    ("198705232010011000", "Nomor urut"),
    ("198603312022212000", "Nomor urut"),
])
def test_each_malformed_part_gets_its_own_reason(nip, reason):
    assert reason in nip_problem(nip)
    assert nip_form(nip) is None
    assert identity_problems(nip, "PPPK", None)[1]["nip"] == nip_problem(nip)


def test_a_number_that_is_neither_form_names_both_in_english():
    with translation.override("en"):
        assert nip_problem("198603312022222019") == (
            "Digits 13–14 of the NIP must be the appointment month 01–12 (PNS) or the code 21 (PPPK).")
        assert nip_problem("198705232010013001") == "The sex code in the NIP (digit 15) must be 1 or 2."


@pytest.mark.parametrize("nip, employment_type, words", [
    ("198603312022212019", "PNS", ["NI PPPK", "PNS"]),
    ("198705232010011001", "PPPK", ["NIP PNS", "PPPK", "kode 21"]),
])
def test_the_employment_type_must_match_the_form(nip, employment_type, words):
    problem = employment_type_problem(nip, employment_type)
    assert problem and nip in problem and all(w in problem for w in words), problem
    # The type in doubt, the rank is not judged against it.
    assert identity_problems(nip, employment_type, "tidak ada") == ("tidak ada", {"employment_type": problem})
    with translation.override("en"):
        assert "is an NI PPPK" in (employment_type_problem("198603312022212019", "PNS") or "")
        assert "is a PNS NIP" in (employment_type_problem("198705232010011001", "PPPK") or "")


def test_matching_types_and_malformed_numbers_have_no_type_problem():
    assert employment_type_problem("198603312022212019", "PPPK") is None
    assert employment_type_problem("198705232010011001", "PNS") is None
    assert employment_type_problem("123", "PNS") is None  # the number's own problem is reported instead


# --- rank (pangkat/golongan) ------------------------------------------------------------------

@pytest.mark.parametrize("given_rank, employment_type, stored", [
    ("Penata Muda (III/a)", "PNS", "Penata Muda (III/a)"),
    ("  penata   muda (III/A) ", "PNS", "Penata Muda (III/a)"),
    ("Penata Tk. I (III/d)", "PNS", "Penata Tingkat I (III/d)"),
    ("Pembina Utama Muda (IV/c)", "PNS", "Pembina Utama Muda (IV/c)"),
    ("Pembina Utama (IV/e)", "PNS", "Pembina Utama (IV/e)"),
    ("Juru Muda (I/a)", "PNS", "Juru Muda (I/a)"),
    ("IX", "PPPK", "IX"),
    ("xvii", "PPPK", "XVII"),
    ("I", "PPPK", "I"),
    ("", "PNS", ""),
    ("", "PPPK", ""),
])
def test_valid_ranks_are_stored_in_their_official_form(given_rank, employment_type, stored):
    assert parse_rank(given_rank, employment_type) == (stored, None)


@pytest.mark.parametrize("given_rank, employment_type, reason", [
    ("Penata Muda", "PNS", "bukan pangkat PNS"),
    ("III/a", "PNS", "bukan pangkat PNS"),
    ("IX", "PNS", "bukan pangkat PNS"),
    ("Penata (III/e)", "PNS", "bukan golongan/ruang PNS"),
    ("Pembina (V/a)", "PNS", "bukan golongan/ruang PNS"),
    ("Penata Muda (IV/c)", "PNS", "Pangkat golongan IV/c adalah Pembina Utama Muda, bukan Penata Muda"),
    ("XVIII", "PPPK", "bukan golongan PPPK"),
    ("9", "PPPK", "bukan golongan PPPK"),
    ("Penata Muda (III/a)", "PPPK", "bukan golongan PPPK"),
])
def test_malformed_ranks_are_refused_with_a_reason(given_rank, employment_type, reason):
    _stored, problem = parse_rank(given_rank, employment_type)
    assert problem and reason in problem, problem
