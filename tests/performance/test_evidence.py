"""Evidence files by GraphQL multipart upload: type checked by content, size limit, stored with
the realization in one transaction, downloadable only by those who may see the plan."""
from __future__ import annotations

import json
from pathlib import Path

import httpx

from apps.performance.models import Evidence, Indicator, Realization

from ..conftest import gid
from .test_quarter import OPEN

UPLOAD = """mutation($i: ID!, $p: ID!, $files: [Upload!]) { recordRealization(indicatorId: $i, periodId: $p,
  value: "2", evidenceFiles: $files) { value evidenceFiles { name contentType size url } } }"""


def upload(client, indicator, period, files):
    operations = {"query": UPLOAD, "variables": {"i": indicator, "p": period, "files": [None] * len(files)}}
    mapping = {str(n): [f"variables.files.{n}"] for n in range(len(files))}
    response = client.http.post("/graphql/", headers={"Authorization": f"Bearer {client.token}"},
                                data={"operations": json.dumps(operations), "map": json.dumps(mapping)},
                                files={str(n): f for n, f in enumerate(files)})
    assert response.status_code == 200, response.text
    return response.json()


def setup_quarter(d, period, client_for):
    client_for(d.hr_all.user.username).data(OPEN, {"p": period, "u": gid("OrgUnit", d.kasi.unit_id)})
    return gid("Indicator", Indicator.objects.get(work_result__plan__employee=d.staff).pk)


def test_pdf_evidence_is_stored_and_served_to_plan_viewers_only(quarter, client_for, live_server, settings):
    d, period, _q1 = quarter
    indicator = setup_quarter(d, period, client_for)
    staff = client_for(d.staff.user.username)
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    body = upload(staff, indicator, period, [("laporan tw1.pdf", pdf, "application/pdf"),
                                             ("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png")])
    assert "errors" not in body, body
    files = body["data"]["recordRealization"]["evidenceFiles"]
    assert [(f["name"], f["contentType"], f["size"]) for f in files] == [
        ("laporan tw1.pdf", "application/pdf", len(pdf)), ("foto.png", "image/png", 72)]
    url = live_server.url + files[0]["url"]
    for who, status in [("staff", 200), ("kasi", 200), ("hr_all", 200), ("peer", 404), ("hr_dinkes", 404)]:
        c = client_for(getattr(d, who).user.username)
        response = httpx.get(url, headers={"Authorization": f"Bearer {c.token}"})
        assert response.status_code == status, who
        if status == 200:
            assert response.content == pdf and "attachment" in response.headers["content-disposition"]
    assert httpx.get(url).status_code == 404


def test_other_types_and_oversized_files_are_refused_with_nothing_saved(quarter, client_for, settings):
    d, period, _q1 = quarter
    indicator = setup_quarter(d, period, client_for)
    staff = client_for(d.staff.user.username)
    disguised = upload(staff, indicator, period, [("bukti.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")])
    assert disguised["errors"][0]["extensions"]["fields"] == {"evidenceFiles": "hanya berkas PDF, PNG, atau JPEG yang diterima"}
    settings.KINERJA_EVIDENCE_MAX_BYTES = 100
    big = upload(staff, indicator, period, [("besar.pdf", b"%PDF-" + b"0" * 200, "application/pdf")])
    assert big["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert not Evidence.objects.exists() and not Realization.objects.exists()


def test_a_refused_second_file_leaves_no_first_file_in_storage(quarter, client_for, settings):
    """Every file is checked before any is stored: the good first file of a refused request is
    neither a row nor a file in storage."""
    d, period, _q1 = quarter
    indicator = setup_quarter(d, period, client_for)
    staff = client_for(d.staff.user.username)
    stored_before = _stored_files(settings)
    body = upload(staff, indicator, period, [("laporan.pdf", b"%PDF-1.4 laporan", "application/pdf"),
                                             ("virus.exe", b"MZ\x90\x00", "application/octet-stream")])
    assert body["errors"][0]["extensions"]["fields"] == {"evidenceFiles": "hanya berkas PDF, PNG, atau JPEG yang diterima"}
    assert not Evidence.objects.exists() and not Realization.objects.exists()
    assert _stored_files(settings) == stored_before


def _stored_files(settings) -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()
