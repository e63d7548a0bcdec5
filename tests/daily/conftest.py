"""Fixtures shared by the daily-progress tests (calendar, entries, discipline, action plans)."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def national_holidays(db):
    """The 2026 and 2027 holidays and collective leave, loaded as `make run` does."""
    call_command("load_holidays", stdout=io.StringIO())
