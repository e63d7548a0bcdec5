"""The national holidays (hari libur nasional) and collective leave (cuti bersama) of 2026 and
2027, as data for ``manage.py load_holidays`` (R-CALENDAR). HR keeps them afterwards (the API's
setHoliday/deleteHoliday, or the admin): a change by decree is one call, not a release.

Sources, year by year — HR checks them against the decree text before relying on them:
- 2026: the joint decree of the Minister of Religious Affairs, the Minister of Manpower and the
  Minister of State Apparatus (SKB 3 Menteri) on the national holidays and collective leave of
  2026, signed in September 2025: 17 national holidays and 8 days of collective leave. Known with
  confidence.
- 2027: the SKB 3 Menteri for 2027 as announced in September 2026 (18 national holidays — Isra
  Mikraj falls twice, 5 January and 26 December — and 8 days of collective leave), taken from
  the announcement as recorded by the open `holidays` dataset (python-holidays 0.108), not read
  from the decree itself: to be checked by HR. Idul Fitri 1448 H (10–11 March) and Idul Adha
  1448 H (17 May) are, as every year, subject to the government's sidang isbat; if it moves
  them, HR moves the day with setHoliday/deleteHoliday.

Each row is (date, Indonesian name, kind). Weekends are listed too where the decree lists them
(e.g. Idul Fitri on a Saturday): they matter to a six-day unit.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .models import HolidayKind

NATIONAL = HolidayKind.NATIONAL
COLLECTIVE = HolidayKind.COLLECTIVE_LEAVE


class HolidayRow(NamedTuple):
    date: dt.date
    name: str
    kind: str


def _rows(year: int, rows: list[tuple[int, int, str, str]]) -> list[HolidayRow]:
    return [HolidayRow(dt.date(year, month, day), name, kind) for month, day, name, kind in rows]


HOLIDAYS_2026 = _rows(2026, [
    (1, 1, "Tahun Baru 2026 Masehi", NATIONAL),
    (1, 16, "Isra Mikraj Nabi Muhammad SAW", NATIONAL),
    (2, 16, "Cuti Bersama Tahun Baru Imlek 2577 Kongzili", COLLECTIVE),
    (2, 17, "Tahun Baru Imlek 2577 Kongzili", NATIONAL),
    (3, 18, "Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1948)", COLLECTIVE),
    (3, 19, "Hari Suci Nyepi (Tahun Baru Saka 1948)", NATIONAL),
    (3, 20, "Cuti Bersama Idul Fitri 1447 Hijriah", COLLECTIVE),
    (3, 21, "Idul Fitri 1447 Hijriah", NATIONAL),
    (3, 22, "Idul Fitri 1447 Hijriah", NATIONAL),
    (3, 23, "Cuti Bersama Idul Fitri 1447 Hijriah", COLLECTIVE),
    (3, 24, "Cuti Bersama Idul Fitri 1447 Hijriah", COLLECTIVE),
    (4, 3, "Wafat Yesus Kristus", NATIONAL),
    (4, 5, "Kebangkitan Yesus Kristus (Paskah)", NATIONAL),
    (5, 1, "Hari Buruh Internasional", NATIONAL),
    (5, 14, "Kenaikan Yesus Kristus", NATIONAL),
    (5, 15, "Cuti Bersama Kenaikan Yesus Kristus", COLLECTIVE),
    (5, 27, "Idul Adha 1447 Hijriah", NATIONAL),
    (5, 28, "Cuti Bersama Idul Adha 1447 Hijriah", COLLECTIVE),
    (5, 31, "Hari Raya Waisak 2570 BE", NATIONAL),
    (6, 1, "Hari Lahir Pancasila", NATIONAL),
    (6, 16, "1 Muharam Tahun Baru Islam 1448 Hijriah", NATIONAL),
    (8, 17, "Proklamasi Kemerdekaan Republik Indonesia", NATIONAL),
    (8, 25, "Maulid Nabi Muhammad SAW", NATIONAL),
    (12, 24, "Cuti Bersama Kelahiran Yesus Kristus", COLLECTIVE),
    (12, 25, "Kelahiran Yesus Kristus", NATIONAL),
])

HOLIDAYS_2027 = _rows(2027, [
    (1, 1, "Tahun Baru 2027 Masehi", NATIONAL),
    (1, 5, "Isra Mikraj Nabi Muhammad SAW (1448 Hijriah)", NATIONAL),
    (2, 5, "Cuti Bersama Tahun Baru Imlek 2578 Kongzili", COLLECTIVE),
    (2, 6, "Tahun Baru Imlek 2578 Kongzili", NATIONAL),
    (3, 8, "Hari Suci Nyepi (Tahun Baru Saka 1949)", NATIONAL),
    (3, 9, "Cuti Bersama Idul Fitri 1448 Hijriah", COLLECTIVE),
    (3, 10, "Idul Fitri 1448 Hijriah", NATIONAL),
    (3, 11, "Idul Fitri 1448 Hijriah", NATIONAL),
    (3, 12, "Cuti Bersama Idul Fitri 1448 Hijriah", COLLECTIVE),
    (3, 15, "Cuti Bersama Idul Fitri 1448 Hijriah", COLLECTIVE),
    (3, 25, "Cuti Bersama Wafat Yesus Kristus", COLLECTIVE),
    (3, 26, "Wafat Yesus Kristus", NATIONAL),
    (3, 28, "Kebangkitan Yesus Kristus (Paskah)", NATIONAL),
    (5, 1, "Hari Buruh Internasional", NATIONAL),
    (5, 6, "Kenaikan Yesus Kristus", NATIONAL),
    (5, 17, "Idul Adha 1448 Hijriah", NATIONAL),
    (5, 18, "Cuti Bersama Idul Adha 1448 Hijriah", COLLECTIVE),
    (5, 19, "Cuti Bersama Hari Raya Waisak 2571 BE", COLLECTIVE),
    (5, 20, "Hari Raya Waisak 2571 BE", NATIONAL),
    (6, 1, "Hari Lahir Pancasila", NATIONAL),
    (6, 6, "1 Muharam Tahun Baru Islam 1449 Hijriah", NATIONAL),
    (8, 15, "Maulid Nabi Muhammad SAW", NATIONAL),
    (8, 17, "Proklamasi Kemerdekaan Republik Indonesia", NATIONAL),
    (12, 24, "Cuti Bersama Kelahiran Yesus Kristus", COLLECTIVE),
    (12, 25, "Kelahiran Yesus Kristus", NATIONAL),
    (12, 26, "Isra Mikraj Nabi Muhammad SAW (1449 Hijriah)", NATIONAL),
])

HOLIDAYS: dict[int, list[HolidayRow]] = {2026: HOLIDAYS_2026, 2027: HOLIDAYS_2027}
