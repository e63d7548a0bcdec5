"""What a caller may send: the size and nesting of JSON arguments, the size of a request body,
and bodies that are not JSON at all — each refused as BAD_USER_INPUT in GraphQL's JSON shape,
over real HTTP, with nothing stored."""
from __future__ import annotations

import json

import httpx

from apps.workflow.models import HumanTask, ProcessInstance

from .conftest import gid
from .performance.conftest import quarter  # noqa: F401  (fixture)
from .performance.test_evidence import setup_quarter, upload
from .workflow.helpers import START, start

SAVE_DRAFT = "mutation($id: ID!, $d: JSON!) { saveTaskDraft(id: $id, data: $d) { data } }"


def nested(depth: int) -> dict:
    value: dict = {"leaf": 1}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def refusal(response: httpx.Response, status: int) -> dict:
    """The single error of a request refused before GraphQL ran: JSON, never an HTML page."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "<html" not in error["message"].lower()
    return error


def test_start_data_larger_than_64_kb_is_refused_and_nothing_starts(published, client_for):
    staff = client_for(published.staff.user.username)
    staff.language = "en"
    big = {"periodId": "2026", "catatan": "x" * (65 * 1024)}
    error = staff.error(START, {"key": "approval_demo", "s": gid("Employee", published.staff.pk), "d": big})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["fields"] == {"data": "The data may be at most 64 KB."}
    assert not ProcessInstance.objects.exists()


def test_draft_larger_or_deeper_than_the_limits_is_refused_and_the_old_draft_kept(published, client_for):
    staff = client_for(published.staff.user.username)
    staff.language = "en"
    [task] = start(staff, published.staff)["activeTasks"]
    staff.data(SAVE_DRAFT, {"id": task["id"], "d": {"summary": "Setengah jadi"}})

    too_big = staff.error(SAVE_DRAFT, {"id": task["id"], "d": {"summary": "x" * (5 * 1024 * 1024 // 2)}})
    assert too_big["extensions"]["fields"] == {"data": "The data may be at most 64 KB."}
    too_deep = staff.error(SAVE_DRAFT, {"id": task["id"], "d": nested(21)})
    assert too_deep["extensions"]["code"] == "BAD_USER_INPUT"
    assert too_deep["extensions"]["fields"] == {"data": "The data may be nested at most 20 levels deep."}
    # The same limit holds for a value written into the query itself.
    literal = staff.error('mutation($id: ID!) { saveTaskDraft(id: $id, data: {summary: "%s"}) { data } }'
                          % ("x" * (65 * 1024)), {"id": task["id"]})
    assert literal["extensions"]["fields"] == {"data": "The data may be at most 64 KB."}
    assert HumanTask.objects.get(bpmn_id="draft").data == {"summary": "Setengah jadi"}

    at_the_limit = staff.data(SAVE_DRAFT, {"id": task["id"], "d": nested(20)})["saveTaskDraft"]
    assert at_the_limit["data"] == nested(20)


def test_request_body_over_the_cap_is_a_json_error(demo, live_server, settings):
    settings.KINERJA_GRAPHQL_MAX_BODY_BYTES = settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    body = {"query": "query($x: String) { __typename }", "variables": {"x": "x" * 30_000}}
    response = httpx.post(live_server.url + "/graphql/", json=body, headers={"Accept-Language": "en"})
    error = refusal(response, 413)
    assert error["message"] == "The request may be at most 19 KB."


def test_multipart_evidence_is_not_held_to_the_body_cap(quarter, client_for, settings):  # noqa: F811
    d, period, _q1 = quarter
    indicator = setup_quarter(d, period, client_for)
    settings.KINERJA_GRAPHQL_MAX_BODY_BYTES = settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    pdf = b"%PDF-1.4\n" + b"0" * 30_000  # larger than the body cap, within the evidence limit
    body = upload(client_for(d.staff.user.username), indicator, period, [("laporan.pdf", pdf, "application/pdf")])
    assert "errors" not in body, body
    assert body["data"]["recordRealization"]["evidenceFiles"][0]["size"] == len(pdf)


def test_deeply_nested_json_body_is_bad_user_input(demo, live_server):
    deep = '{"query": "{ __typename }", "variables": {"v": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    response = httpx.post(live_server.url + "/graphql/", content=deep.encode(),
                          headers={"Content-Type": "application/json", "Accept-Language": "en"})
    assert refusal(response, 400)["message"] == "The JSON is nested too deeply."


def test_non_utf8_body_is_bad_user_input(demo, live_server):
    body = b'{"query": "{ __typename }", "variables": {"nama": "Caf\xe9"}}'  # Latin-1, not UTF-8
    response = httpx.post(live_server.url + "/graphql/", content=body,
                          headers={"Content-Type": "application/json", "Accept-Language": "en"})
    assert refusal(response, 400)["message"] == "The request body is not valid UTF-8."


def test_malformed_json_is_the_same_shape(demo, live_server):
    response = httpx.post(live_server.url + "/graphql/", content=b'{"query": ',
                          headers={"Content-Type": "application/json"})
    refusal(response, 400)
    mutation_over_get = httpx.get(live_server.url + "/graphql/", params={"query": "mutation { logout }"})
    assert "mutations are not allowed" in refusal(mutation_over_get, 400)["message"]
    assert json.loads(mutation_over_get.text)["data"] is None
