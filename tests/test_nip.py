"""NIP validation (DOMAIN.md): 18 digits = birth date, appointment year-month, sex, sequence."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core.errors import BadInput
from apps.organization.nip import nip_problem, validate_nip


@st.composite
def valid_nips(draw):
    birth = draw(st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2008, 12, 31)))
    year = draw(st.integers(min_value=birth.year + 15, max_value=2026))
    month = draw(st.integers(min_value=1, max_value=12))
    sex = draw(st.sampled_from("12"))
    seq = draw(st.integers(min_value=1, max_value=999))
    return f"{birth:%Y%m%d}{year}{month:02d}{sex}{seq:03d}"


@given(valid_nips())
def test_every_well_formed_nip_is_accepted(nip):
    assert nip_problem(nip) is None
    assert validate_nip(nip) == nip


@given(st.text(max_size=30).filter(lambda s: not (len(s) == 18 and s.isascii() and s.isdigit())))
def test_anything_not_eighteen_ascii_digits_is_refused(text):
    assert nip_problem(text) is not None


@pytest.mark.parametrize("nip, reason", [
    ("19870523201001100", "18 digit"),
    ("1987052320100110011", "18 digit"),
    ("19870523201001100a", "18 digit"),
    ("１９８７０５２３２０１００１１００１", "18 digit"),  # full-width digits
    ("198702302010011001", "Tanggal lahir"),
    ("187705232010011001", "Tanggal lahir"),
    ("198705232010131001", "Bulan pengangkatan"),
    ("198705231995011001", "Tahun pengangkatan"),
    ("198705232010013001", "jenis kelamin"),
    ("198705232010011000", "Nomor urut"),
])
def test_malformed_nips_get_a_clear_reason(nip, reason):
    assert reason in nip_problem(nip)
    with pytest.raises(BadInput) as raised:
        validate_nip(nip)
    assert raised.value.extensions["fields"]["nip"] == nip_problem(nip)


def test_reason_in_english_on_request():
    from django.utils import translation

    with translation.override("en"):
        assert nip_problem("198705232010013001") == "The sex code in the NIP (digit 15) must be 1 or 2."
