"""`make run`'s living demo year: loaded through the real services, idempotent, every status."""
from __future__ import annotations

import io

from django.core.management import call_command

from apps.performance.models import Evaluation, EvaluationMeeting, PerformancePlan, SatisfactionSurvey


def test_demo_year_shows_a_living_system(demo):  # transactional: the open-year job runs on commit
    call_command("load_workflows", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo_year", "--year", "2026", stdout=out)
    assert "58 SKP (6 approved, 1 submitted, 51 in draft)" in out.getvalue()
    statuses = set(PerformancePlan.objects.filter(year=2026).values_list("status", flat=True))
    assert statuses == {"DRAFT", "SUBMITTED", "APPROVED"}
    returned = PerformancePlan.objects.get(year=2026, revision_notes__startswith="Tambahkan")
    assert returned.status == "DRAFT"
    assert Evaluation.objects.filter(status="FINAL", predicate="BAIK").count() == 1
    assert Evaluation.objects.filter(status="RATING").count() == 1
    assert SatisfactionSurvey.objects.get().respondents == 40
    assert EvaluationMeeting.objects.count() == 1
    again = io.StringIO()
    call_command("load_demo_year", "--year", "2026", stdout=again)
    assert "already open" in again.getvalue() and PerformancePlan.objects.filter(year=2026).count() == 58
