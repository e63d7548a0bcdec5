"""R-DAILY evidence files (bukti dukung) of a daily entry, over HTTP: uploaded with
recordDailyEntry (GraphQL multipart), checked by the realization's rule (PDF, PNG or JPEG by
content, the size limit) before anything is written, listed on the entry, downloadable by those
who may read the entry and by nobody else (404, anonymous included), removable while the entry
is a draft or returned. And the action an entry serves (R-ACTION), as its readers see it."""
from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from apps.daily import entries as entry_services
from apps.daily.models import DailyEntry, DailyEntryEvidence

from ..conftest import gid
from .test_daily_guards import _action
from .test_entries import SUBMIT, code, daily, entry_input, now_at, quarter, record  # noqa: F401 (fixtures)
from .test_entries_review import review

FIELDS = ("id status text evidenceFiles { id name contentType size url } actionItem { id text } "
          "workResult { id text }")
RECORD = f"mutation($i: RecordDailyEntryInput!) {{ recordDailyEntry(input: $i) {{ {FIELDS} }} }}"
ONE_ENTRY = (f"query($f: DailyEntryFilter) {{ dailyEntries(first: 10, filter: $f) {{ edges {{ node {{ {FIELDS} }} }} "
             f"}} }}")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """Stored evidence goes to a directory of this test (the storage follows MEDIA_ROOT)."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(media: Path) -> list[str]:
    return sorted(p.name for p in media.rglob("*") if p.is_file())


def upload(client, fields: dict, files: list[tuple[str, bytes, str]], query: str = RECORD) -> dict:
    """recordDailyEntry as a GraphQL multipart request (the spec the app's upload link follows)."""
    operations = {"query": query, "variables": {"i": {**fields, "evidenceFiles": [None] * len(files)}}}
    mapping = {str(n): [f"variables.i.evidenceFiles.{n}"] for n in range(len(files))}
    response = client.http.post("/graphql/", headers={"Authorization": f"Bearer {client.token}"},
                                data={"operations": json.dumps(operations), "map": json.dumps(mapping)},
                                files={str(n): f for n, f in enumerate(files)})
    assert response.status_code == 200, response.text
    return response.json()


def uploaded(client, d, date: str, files, **values) -> dict:
    body = upload(client, entry_input(d, date, **values), files)
    assert "errors" not in body, body
    return body["data"]["recordDailyEntry"]


def change(client, entry: dict, d, date: str, **values) -> dict:
    return client(RECORD, {"i": entry_input(d, date, id=entry["id"], **values)})


def download(live_server, client, url: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {client.token}"} if client is not None else {}
    return httpx.get(live_server.url + url, headers=headers)


def test_files_uploaded_with_an_entry_are_listed_and_served_to_its_readers_only(daily, media, live_server):
    d = daily.d
    entry = uploaded(daily.staff, d, "2027-04-13", [("laporan rapat.pdf", PDF, "application/pdf"),
                                                    ("../foto/papan.png", PNG, "image/png")], submit=True)
    files = entry["evidenceFiles"]
    assert [(f["name"], f["contentType"], f["size"]) for f in files] == [
        ("laporan rapat.pdf", "application/pdf", len(PDF)), ("papan.png", "image/png", len(PNG))]
    assert len(stored(media)) == 2
    # The rater sees them on the entry as the employee does.
    listed = daily.kasi.data(ONE_ENTRY, {"f": {"employeeId": gid("Employee", d.staff.pk)}})["dailyEntries"]
    assert [f["url"] for f in listed["edges"][0]["node"]["evidenceFiles"]] == [f["url"] for f in files]
    # Whoever may read the entry downloads it, as an attachment that no cache keeps and no browser sniffs.
    for name in ("staff", "kasi", "kabid", "hr_all"):
        response = download(live_server, getattr(daily, name), files[0]["url"])
        assert response.status_code == 200, name
        assert response.content == PDF
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"].startswith("attachment") and "laporan rapat.pdf" in \
            response.headers["content-disposition"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "private, no-store"
    # A peer, a rater of another unit, HR of another agency, anonymous: as if it did not exist.
    for name in ("peer", "other_rater", "hr_dinkes"):
        assert download(live_server, getattr(daily, name), files[0]["url"]).status_code == 404, name
    assert download(live_server, None, files[0]["url"]).status_code == 404
    assert download(live_server, daily.staff, "/evidence/daily/999999/").status_code == 404


def test_a_refused_file_leaves_nothing_written(daily, media, settings):
    d = daily.d
    # A new entry: not created, nothing stored — whichever file of the request is refused.
    disguised = upload(daily.staff, entry_input(d, "2027-04-13"), [
        ("bukti.pdf", PDF, "application/pdf"), ("bukti2.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")])
    error = disguised["errors"][0]
    assert code(error) == "BAD_USER_INPUT"
    assert error["extensions"]["fields"] == {"evidenceFiles": "hanya berkas PDF, PNG, atau JPEG yang diterima"}
    assert not DailyEntry.objects.exists() and stored(media) == []
    # An existing draft with a file: neither its values nor its files change.
    draft = uploaded(daily.staff, d, "2027-04-13", [("bukti.pdf", PDF, "application/pdf")])
    settings.KINERJA_EVIDENCE_MAX_BYTES = 100
    big = upload(daily.staff, entry_input(d, "2027-04-13", id=draft["id"], text="diubah",
                                          removeEvidenceIds=[draft["evidenceFiles"][0]["id"]]),
                 [("besar.pdf", b"%PDF-" + b"0" * 200, "application/pdf")])
    assert code(big["errors"][0]) == "BAD_USER_INPUT" and set(big["errors"][0]["extensions"]["fields"]) == {
        "evidenceFiles"}
    entry = DailyEntry.objects.get()
    assert entry.text == "Menyusun modul ajar tema 3" and entry.evidence_files.count() == 1
    assert len(stored(media)) == 1
    # Other values refused with a file: the file is not kept either, and every field is named.
    settings.KINERJA_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
    both = upload(daily.staff, entry_input(d, "2027-04-13", quantity="0"), [("x.txt", b"teks", "text/plain")])
    assert set(both["errors"][0]["extensions"]["fields"]) == {"quantity", "evidenceFiles"}
    assert DailyEntry.objects.count() == 1 and len(stored(media)) == 1


def test_an_entry_has_at_most_the_limit_of_files(daily, media, monkeypatch):
    d = daily.d
    monkeypatch.setattr(entry_services, "EVIDENCE_FILES_MAX", 2)
    draft = uploaded(daily.staff, d, "2027-04-13", [("a.pdf", PDF, "application/pdf"), ("b.png", PNG, "image/png")])
    more = upload(daily.staff, entry_input(d, "2027-04-13", id=draft["id"]), [("c.pdf", PDF, "application/pdf")])
    assert code(more["errors"][0]) == "BAD_USER_INPUT" and set(more["errors"][0]["extensions"]["fields"]) == {
        "evidenceFiles"}
    # One out, one in: within the limit.
    swapped = upload(daily.staff, entry_input(d, "2027-04-13", id=draft["id"],
                                              removeEvidenceIds=[draft["evidenceFiles"][0]["id"]]),
                     [("c.pdf", PDF, "application/pdf")])
    assert [f["name"] for f in swapped["data"]["recordDailyEntry"]["evidenceFiles"]] == ["b.png", "c.pdf"]
    assert len(stored(media)) == 2


def test_files_are_removed_while_draft_or_returned_never_after_submission(daily, media):
    d = daily.d
    entry = uploaded(daily.staff, d, "2027-04-13", [("a.pdf", PDF, "application/pdf"), ("b.png", PNG, "image/png")])
    first, second = entry["evidenceFiles"]
    # Another entry's file (her own or a peer's): not a file of this entry, whether or not it exists.
    other = uploaded(daily.staff, d, "2027-04-12", [("c.pdf", PDF, "application/pdf")])
    peers = uploaded(daily.peer, d, "2027-04-12", [("d.pdf", PDF, "application/pdf")], employee=d.peer)
    for foreign in (other["evidenceFiles"][0]["id"], peers["evidenceFiles"][0]["id"], gid("DailyEntryEvidence", 99999)):
        error = change(daily.staff, entry, d, "2027-04-13", removeEvidenceIds=[foreign])["errors"][0]
        assert code(error) == "BAD_USER_INPUT" and set(error["extensions"]["fields"]) == {"removeEvidenceIds"}
    assert DailyEntryEvidence.objects.count() == 4 and len(stored(media)) == 4
    # A draft: removed from the entry and from storage.
    kept = change(daily.staff, entry, d, "2027-04-13", removeEvidenceIds=[first["id"]])["data"]["recordDailyEntry"]
    assert [f["id"] for f in kept["evidenceFiles"]] == [second["id"]]
    assert "a.pdf" not in stored(media) and len(stored(media)) == 3
    # Submitted, then approved: no file is removed (nor added).
    daily.staff.data(SUBMIT, {"ids": [entry["id"]]})
    for entry_state in ("SUBMITTED", "APPROVED"):
        error = change(daily.staff, entry, d, "2027-04-13", removeEvidenceIds=[second["id"]])["errors"][0]
        assert code(error) == "CONFLICT", entry_state
        added = upload(daily.staff, entry_input(d, "2027-04-13", id=entry["id"]), [("e.pdf", PDF, "application/pdf")])
        assert code(added["errors"][0]) == "CONFLICT", entry_state
        assert DailyEntryEvidence.objects.filter(entry__date="2027-04-13").count() == 1
        if entry_state == "SUBMITTED":
            review(daily.kasi, approve=[entry["id"]])
    # Returned by the rater: the employee changes the files and resubmits.
    returned = record(daily.staff, d, "2027-04-14", submit=True)
    review(daily.kasi, returns=[(returned["id"], "Lampirkan foto kegiatan.")])
    resubmitted = upload(daily.staff, entry_input(d, "2027-04-14", id=returned["id"], submit=True),
                         [("foto.png", PNG, "image/png")])["data"]["recordDailyEntry"]
    assert resubmitted["status"] == "SUBMITTED" and [f["name"] for f in resubmitted["evidenceFiles"]] == ["foto.png"]


def test_deleting_a_draft_deletes_its_files(daily, media):
    d = daily.d
    entry = uploaded(daily.staff, d, "2027-04-13", [("a.pdf", PDF, "application/pdf")])
    assert len(stored(media)) == 1
    assert daily.staff.data("mutation($id: ID!) { deleteDailyEntry(id: $id) }", {"id": entry["id"]})
    assert not DailyEntryEvidence.objects.exists() and stored(media) == []


def test_r_action_the_action_an_entry_serves_shows_for_its_readers(daily):
    d = daily.d
    action = _action(d.staff)
    entry = daily.staff.data(RECORD, {"i": entry_input(d, "2027-04-13", actionItemId=action, submit=True)}
                             )["recordDailyEntry"]
    staff = gid("Employee", d.staff.pk)
    for name in ("staff", "kasi", "hr_all"):
        [edge] = getattr(daily, name).data(ONE_ENTRY, {"f": {"employeeId": staff}})["dailyEntries"]["edges"]
        assert edge["node"]["actionItem"] == {"id": action, "text": "Menyusun draf modul ajar"}, name
    assert daily.peer.data(ONE_ENTRY, {"f": {"employeeId": staff}})["dailyEntries"]["edges"] == []
    # The answer of the record names it too; a change without it leaves the entry without an action.
    answer = daily.staff.data(RECORD, {"i": entry_input(d, "2027-04-12", actionItemId=action)})["recordDailyEntry"]
    assert answer["actionItem"] == {"id": action, "text": "Menyusun draf modul ajar"}
    cleared = daily.staff.data(RECORD, {"i": entry_input(d, "2027-04-12", id=answer["id"])})["recordDailyEntry"]
    assert cleared["actionItem"] is None
    assert entry["actionItem"] == {"id": action, "text": "Menyusun draf modul ajar"}


DEEP = ("id date text quantity outputUnit minutes evidenceLink status lateDays isLate returnNote "
        "employee { name unit { code } rater { name } } reviewedBy { name } "
        "workResult { id text indicators { text target } parents { text } feedback { text } } "
        "actionItem { id text target workResult { id text } } evidenceFiles { id name contentType size url }")


def test_the_answer_of_a_record_is_what_a_read_of_the_entry_returns(daily, media):
    """recordDailyEntry answers from the row it saved (no read): nested fields, lists included,
    come out as a read of the entry gives them."""
    d = daily.d
    action = _action(d.staff)
    returned = record(daily.staff, d, "2027-04-13", submit=True)
    review(daily.kasi, returns=[(returned["id"], "Lampirkan bukti.")])
    body = upload(daily.staff, entry_input(d, "2027-04-13", id=returned["id"], actionItemId=action),
                  [("a.pdf", PDF, "application/pdf")],
                  f"mutation($i: RecordDailyEntryInput!) {{ recordDailyEntry(input: $i) {{ {DEEP} }} }}")
    assert "errors" not in body, body
    answer = body["data"]["recordDailyEntry"]
    read = daily.staff.data(f"query {{ dailyEntries(first: 1) {{ edges {{ node {{ {DEEP} }} }} }} }}")
    assert answer == read["dailyEntries"]["edges"][0]["node"]
    assert answer["reviewedBy"] == {"name": d.kasi.name} and answer["actionItem"]["workResult"]["text"]
    assert answer["workResult"]["indicators"] == [{"text": "Dokumen", "target": "4"}]


def test_a_failure_while_storing_leaves_no_file_behind(daily, media, monkeypatch):
    """The second file cannot be stored (a full disk): the first one leaves storage again and
    the entry is not created."""
    from django.core.files.storage import FileSystemStorage

    d = daily.d
    real_save, calls = FileSystemStorage._save, []

    def save_once(storage, name, content):
        calls.append(name)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real_save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save_once)
    body = upload(daily.staff, entry_input(d, "2027-04-13"), [("a.pdf", PDF, "application/pdf"),
                                                              ("b.png", PNG, "image/png")])
    assert code(body["errors"][0]) == "INTERNAL" and len(calls) == 2
    assert not DailyEntry.objects.exists() and stored(media) == []
