"""R-CALENDAR: the 2026 and 2027 national holidays and collective leave (apps/daily/holidays.py)
and `manage.py load_holidays`, which loads them for the demo."""
from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from apps.daily.holidays import HOLIDAYS
from apps.daily.models import Holiday, HolidayKind

# SKB 3 Menteri 2026: 17 national holidays, 8 days of collective leave; 2027: 18 (Isra Mikraj
# twice) and 8.
EXPECTED = {2026: (17, 8), 2027: (18, 8)}


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_r_calendar_holidays_per_year(year):
    kinds = Counter(row.kind for row in HOLIDAYS[year])
    assert (kinds[HolidayKind.NATIONAL], kinds[HolidayKind.COLLECTIVE_LEAVE]) == EXPECTED[year]


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_r_calendar_holidays_are_dated_in_their_year_once_each_and_named(year):
    dates = [row.date for row in HOLIDAYS[year]]
    assert all(day.year == year for day in dates)
    assert len(dates) == len(set(dates))
    assert dates == sorted(dates)
    assert all(row.name.strip() and len(row.name) <= 200 for row in HOLIDAYS[year])


def test_r_calendar_collective_leave_falls_on_weekdays():
    # Collective leave is taken from the annual leave of working days: never on a weekend.
    assert all(row.date.weekday() < 5 for rows in HOLIDAYS.values() for row in rows
               if row.kind == HolidayKind.COLLECTIVE_LEAVE)


def _load(*args) -> str:
    out = io.StringIO()
    call_command("load_holidays", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_holidays_creates_them_and_a_second_run_changes_nothing():
    assert "51 created, 0 updated, 0 unchanged" in _load()
    before = list(Holiday.objects.values_list("pk", "date", "name", "kind"))
    assert "0 created, 0 updated, 51 unchanged" in _load()
    assert list(Holiday.objects.values_list("pk", "date", "name", "kind")) == before
    assert Holiday.objects.filter(date__year=2026).count() == 25


@pytest.mark.django_db
def test_load_holidays_restores_the_decree_and_keeps_other_days():
    _load()
    Holiday.objects.filter(date="2026-08-17").update(name="Salah ketik", kind=HolidayKind.COLLECTIVE_LEAVE)
    Holiday.objects.create(date="2026-02-27", name="Hari libur daerah", kind=HolidayKind.NATIONAL)
    assert "0 created, 1 updated, 50 unchanged" in _load()
    assert Holiday.objects.get(date="2026-08-17").name == "Proklamasi Kemerdekaan Republik Indonesia"
    assert Holiday.objects.filter(date="2026-02-27").exists()


@pytest.mark.django_db
def test_load_holidays_one_year_and_an_unknown_one():
    assert "25 created" in _load("--year", "2026")
    assert not Holiday.objects.filter(date__year=2027).exists()
    with pytest.raises(CommandError, match="2031"):
        _load("--year", "2031")
