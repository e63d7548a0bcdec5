"""R-IKM over HTTP: who may submit a survey, what comes back, rejected values, the yearly index;
and R-MATRIX through predicatePreview."""
from __future__ import annotations

import pytest

from apps.performance.models import SatisfactionSurvey

from ..conftest import gid

SUBMIT = """mutation($u: ID!, $y: Int!, $r: [[Int!]!]!) { submitSatisfactionSurvey(unitId: $u, year: $y, responses: $r) {
  score category categoryLabel respondents elementScores { element score } } }"""
INDEX = "query($u: ID!, $y: Int!) { satisfactionIndex(unitId: $u, year: $y) { score category respondents } }"
PREVIEW = "query($r: Rating!, $b: Rating!) { predicatePreview(resultRating: $r, behaviorRating: $b) }"


def test_hr_submits_a_survey_and_gets_the_index(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    puskesmas = gid("OrgUnit", demo.kapus.unit_id)
    result = hr.data(SUBMIT, {"u": puskesmas, "y": 2026, "r": [[4] * 9, [3] * 9, [4, 4, 4, 3, 4, 4, 4, 4, 3]]})
    survey = result["submitSatisfactionSurvey"]
    assert survey["score"] == 89.81 and survey["category"] == "A" and survey["categoryLabel"] == "Sangat Baik"
    assert survey["respondents"] == 3
    assert survey["elementScores"][0] == {"element": "PERSYARATAN", "score": 3.67}
    assert [e["element"] for e in survey["elementScores"]][-1] == "SARANA"
    stored = SatisfactionSurvey.objects.get()
    assert str(stored.score) == "89.81" and stored.submitted_by == demo.hr_all.user


def test_the_yearly_index_covers_every_batch(demo, client_for):
    hr = client_for(demo.hr_dinkes.user.username)
    puskesmas = gid("OrgUnit", demo.kapus.unit_id)
    hr.data(SUBMIT, {"u": puskesmas, "y": 2026, "r": [[4] * 9]})
    hr.data(SUBMIT, {"u": puskesmas, "y": 2026, "r": [[2] * 9]})
    staff = client_for(demo.nurse.user.username)  # everyone logged in may read a unit's IKM
    assert staff.data(INDEX, {"u": puskesmas, "y": 2026})["satisfactionIndex"] == {
        "score": 75.0, "category": "C", "respondents": 2}
    assert staff.data(INDEX, {"u": puskesmas, "y": 2025})["satisfactionIndex"] is None
    # Another unit's surveys are its own: neither counted here nor giving an index to a unit without.
    client_for(demo.hr_all.user.username).data(SUBMIT, {"u": gid("OrgUnit", demo.kasi.unit_id), "y": 2026,
                                                         "r": [[1] * 9]})
    assert staff.data(INDEX, {"u": puskesmas, "y": 2026})["satisfactionIndex"]["respondents"] == 2
    assert staff.data(INDEX, {"u": gid("OrgUnit", demo.kadis.unit_id), "y": 2026})["satisfactionIndex"] is None


def test_the_unit_leader_may_submit(demo, client_for):
    plt = client_for(demo.plt_kapus.user.username)  # the Plt leads the Puskesmas
    result = plt.data(SUBMIT, {"u": gid("OrgUnit", demo.kapus.unit_id), "y": 2026, "r": [[3] * 9]})
    assert result["submitSatisfactionSurvey"]["score"] == 75.0


@pytest.mark.parametrize("who", ["nurse", "hr_dinkes_elsewhere", "process_admin", "kadis"])
def test_others_may_not_submit(demo, client_for, who):
    user = demo.hr_dinkes if who == "hr_dinkes_elsewhere" else getattr(demo, who)
    unit = demo.staff.unit_id if who == "hr_dinkes_elsewhere" else demo.kapus.unit_id
    error = client_for(user.user.username).error(SUBMIT, {"u": gid("OrgUnit", unit), "y": 2026, "r": [[4] * 9]})
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert not SatisfactionSurvey.objects.exists()


def test_rejected_values_are_listed_and_nothing_is_saved(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    error = hr.error(SUBMIT, {"u": gid("OrgUnit", demo.kapus.unit_id), "y": 2026,
                              "r": [[4] * 9, [5, 4, 4, 4, 4, 4, 4, 4, 0], [4] * 8]})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["errors"] == [
        {"response": 1, "element": "PERSYARATAN", "message": "Setiap jawaban harus bilangan bulat 1 sampai 4."},
        {"response": 1, "element": "SARANA", "message": "Setiap jawaban harus bilangan bulat 1 sampai 4."},
        {"response": 2, "message": "Setiap tanggapan harus berisi tepat 9 jawaban."},
    ]
    assert hr.error(SUBMIT, {"u": gid("OrgUnit", demo.kapus.unit_id), "y": 2026, "r": []})["extensions"]["code"] == "BAD_USER_INPUT"
    fractional = hr.error(SUBMIT, {"u": gid("OrgUnit", demo.kapus.unit_id),
                                                                         "y": 2026, "r": [[3.5] * 9]})
    assert fractional["extensions"]["code"] == "BAD_USER_INPUT"
    assert hr.error(SUBMIT, {"u": gid("OrgUnit", demo.kapus.unit_id), "y": 1900, "r": [[4] * 9]})["extensions"][
        "fields"] == {"year": "range"}
    assert not SatisfactionSurvey.objects.exists()


def test_unknown_unit_is_not_found(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    assert hr.error(INDEX, {"u": gid("OrgUnit", 99999), "y": 2026})["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("result, behavior, expected", [
    ("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "SANGAT_BAIK"),
    ("DI_BAWAH_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "BUTUH_PERBAIKAN"),
    ("DI_ATAS_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI", "KURANG"),
    ("DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI", "SANGAT_KURANG"),
])
def test_predicate_preview_over_http(demo, client_for, result, behavior, expected):
    c = client_for(demo.staff.user.username)
    assert c.data(PREVIEW, {"r": result, "b": behavior})["predicatePreview"] == expected


def test_predicate_preview_needs_login(demo, gql):
    assert gql.error(PREVIEW, {"r": "SESUAI_EKSPEKTASI", "b": "SESUAI_EKSPEKTASI"})["extensions"]["code"] == "UNAUTHENTICATED"
