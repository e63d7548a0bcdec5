"""GraphQL subscriptions over a real WebSocket (graphql-transport-ws) to the ASGI application
served by uvicorn: events arrive for the right users only, with the queries' permissions."""
from __future__ import annotations

import datetime as dt
import json
import time
from contextlib import ExitStack

import pytest
from django.utils import timezone
from websockets.exceptions import ConnectionClosedError, InvalidStatus
from websockets.sync.client import connect

from apps.accounts.models import ApiToken
from apps.accounts.services import TOKEN_PREFIX, _digest
from apps.organization import services as organization
from apps.performance import services as performance
from apps.workflow import services as workflow

from .conftest import asgi_server, gid

TASKS = "subscription { taskEvents { kind taskId name bpmnId subjectName } }"
PLAN = "subscription($id: ID!) { planProgress(planId: $id) { planId kind status } }"
COMPLETE = "mutation($id: ID!, $d: JSON!) { completeTask(id: $id, data: $d) { task { state } } }"
SUBMIT = {"summary": "Rencana kerja tahun ini", "decision": "SUBMIT"}


@pytest.fixture
def asgi_url(transactional_db, settings):
    """The project's ASGI application (HTTP and WebSocket) on uvicorn, in a thread."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    with asgi_server() as url:
        yield url


class Subscriber:
    """A graphql-transport-ws client on a real socket."""

    def __init__(self, host: str, token: str | None, *, origin: str | None = None, cookie: str | None = None):
        headers = {"Cookie": cookie} if cookie else None
        self.stack = ExitStack()
        self.ws = self.stack.enter_context(connect(f"ws://{host}/graphql/", subprotocols=["graphql-transport-ws"],
                                                   origin=origin, additional_headers=headers, open_timeout=5))
        self.ws.send(json.dumps({"type": "connection_init",
                                 "payload": {"authorization": f"Bearer {token}"} if token else {}}))
        self.ack = json.loads(self.ws.recv(timeout=5))

    def subscribe(self, query: str, variables: dict | None = None) -> Subscriber:
        self.ws.send(json.dumps({"id": "1", "type": "subscribe",
                                 "payload": {"query": query, "variables": variables or {}}}))
        time.sleep(0.3)  # the server joins its groups
        return self

    def messages(self, wait: float = 1.5) -> list[dict]:
        got, deadline = [], time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                message = json.loads(self.ws.recv(timeout=max(0.01, deadline - time.monotonic())))
            except TimeoutError:
                break
            if message["type"] in ("next", "error"):
                got.append(message["payload"])
        return got

    def close(self) -> None:
        self.stack.close()


def token_for(employee) -> str:
    token = TOKEN_PREFIX + employee.nip
    ApiToken.objects.create(user=employee.user, digest=_digest(token), prefix=token[:12],
                            expires_at=timezone.now() + dt.timedelta(hours=1))
    return token


def test_assignment_and_completion_reach_the_right_users_only(published, asgi_url, client_for):
    d = published
    staff = Subscriber(asgi_url, token_for(d.staff)).subscribe(TASKS)
    rater = Subscriber(asgi_url, token_for(d.kasi)).subscribe(TASKS)
    peer = Subscriber(asgi_url, token_for(d.peer)).subscribe(TASKS)
    assert staff.ack["type"] == "connection_ack"

    instance = workflow.process_start(actor=None, key="approval_demo", subject=d.staff, data={"periodId": "2026"})
    draft = instance.tasks.get()
    events = staff.messages()
    assert [e["data"]["taskEvents"]["kind"] for e in events] == ["ASSIGNED"]
    assert events[0]["data"]["taskEvents"]["taskId"] == gid("Task", draft.pk)
    assert rater.messages(0.5) == [] and peer.messages(0.5) == []

    client_for(d.staff.user.username).data(COMPLETE, {"id": gid("Task", draft.pk), "d": SUBMIT})
    assert [e["data"]["taskEvents"]["kind"] for e in staff.messages()] == ["COMPLETED"]
    review = rater.messages()
    assert [(e["data"]["taskEvents"]["kind"], e["data"]["taskEvents"]["subjectName"]) for e in review] == [
        ("ASSIGNED", d.staff.name)]
    assert peer.messages(0.5) == []
    for s in (staff, rater, peer):
        s.close()


def test_plan_progress_for_those_who_may_see_the_plan(published, asgi_url, client_for):
    d = published
    plan = performance.plan_open(employee=d.staff, year=2027,
                                 deadline=performance.planning_deadline(2027).isoformat(), actor=None)
    rater_token = token_for(d.kasi)
    watcher = Subscriber(asgi_url, rater_token).subscribe(PLAN, {"id": gid("PerformancePlan", plan.pk)})
    stranger = Subscriber(asgi_url, token_for(d.peer)).subscribe(PLAN, {"id": gid("PerformancePlan", plan.pk)})
    refused = stranger.messages(1)
    assert refused and refused[0]["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    bogus = Subscriber(asgi_url, rater_token).subscribe(PLAN, {"id": "bukan-id"}).messages(1)
    assert bogus and bogus[0]["errors"][0]["extensions"]["code"] == "NOT_FOUND"

    performance.plan_attachments_set(actor=d.staff.user, plan=plan, resources=["Laptop"], accountability=[],
                                     consequences=[])
    events = watcher.messages()
    assert [(e["data"]["planProgress"]["kind"], e["data"]["planProgress"]["status"]) for e in events] == [
        ("ATTACHMENTS_SET", "DRAFT")]

    # HR gives the employee another rater; the old one (who never acted on the plan) stops hearing.
    organization.employee_set_supervisor(actor=d.hr_all.user, employee=d.staff, supervisor=d.kabid)
    performance.plan_attachments_set(actor=d.staff.user, plan=plan, resources=["Printer"], accountability=[],
                                     consequences=[])
    assert watcher.messages() == []
    watcher.close()
    stranger.close()


def test_anonymous_and_bad_tokens_are_refused(published, asgi_url):
    with pytest.raises(ConnectionClosedError) as refused:
        Subscriber(asgi_url, "knj_not-a-token")
    assert refused.value.rcvd.code == 4403  # the connection is refused at connection_init
    anonymous = Subscriber(asgi_url, None).subscribe(TASKS)
    errors = anonymous.messages(1)
    assert errors and errors[0]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    anonymous.close()


def test_a_session_cookie_from_a_foreign_origin_is_refused(published, asgi_url):
    with pytest.raises(InvalidStatus) as refused:
        Subscriber(asgi_url, None, origin="https://evil.example", cookie="sessionid=abc")
    assert refused.value.response.status_code == 403
    # The same cookie from our own host is let through (and is then just an unknown session).
    Subscriber(asgi_url, None, origin=f"http://{asgi_url}", cookie="sessionid=abc").close()


def test_a_broken_channel_layer_does_not_fail_the_work(published, monkeypatch, caplog):
    """Live events go out after the commit; if the layer is down, the step still stands."""
    from apps.core import events

    class Down:
        async def group_send(self, group, message):
            raise ConnectionError("redis down")

    monkeypatch.setattr(events, "get_channel_layer", lambda: Down())
    instance = workflow.process_start(actor=None, key="approval_demo", subject=published.staff,
                                      data={"periodId": "2026"})
    assert instance.tasks.get().state == "READY"
    assert "could not publish task.event" in caplog.text


def test_logout_ends_the_subscriptions_of_that_login(published, asgi_url, client_for):
    """Issue 11, F9: after logout neither the token's nor the session's WebSocket of that login
    delivers another event; another login of the same person still does."""
    d = published
    app = client_for(d.staff.user.username)  # the GraphQL login: a token and a session
    by_token = Subscriber(asgi_url, app.token).subscribe(TASKS)
    by_session = Subscriber(asgi_url, None, origin=f"http://{asgi_url}",
                            cookie=f"sessionid={app.http.cookies['sessionid']}").subscribe(TASKS)
    laptop = Subscriber(asgi_url, token_for(d.staff)).subscribe(TASKS)
    workflow.process_start(actor=None, key="approval_demo", subject=d.staff, data={"periodId": "2026"})
    for s in (by_token, by_session, laptop):
        assert [e["data"]["taskEvents"]["kind"] for e in s.messages()] == ["ASSIGNED"]

    app.data("mutation { logout }")
    workflow.process_start(actor=None, key="approval_demo", subject=d.staff, data={"periodId": "2027"})
    for s in (by_token, by_session):
        got = s.messages()
        assert [e["errors"][0]["extensions"]["code"] for e in got] == ["UNAUTHENTICATED"], got
    assert [e["data"]["taskEvents"]["kind"] for e in laptop.messages()] == ["ASSIGNED"]
    for s in (by_token, by_session, laptop):
        s.close()


def test_logout_ends_plan_progress_too(published, asgi_url, client_for):
    d = published
    plan = performance.plan_open(employee=d.staff, year=2027,
                                 deadline=performance.planning_deadline(2027).isoformat(), actor=None)
    rater = client_for(d.kasi.user.username)
    watcher = Subscriber(asgi_url, rater.token).subscribe(PLAN, {"id": gid("PerformancePlan", plan.pk)})
    rater.data("mutation { logout }")
    performance.plan_attachments_set(actor=d.staff.user, plan=plan, resources=["Laptop"], accountability=[],
                                     consequences=[])
    assert [e["errors"][0]["extensions"]["code"] for e in watcher.messages()] == ["UNAUTHENTICATED"]
    watcher.close()
