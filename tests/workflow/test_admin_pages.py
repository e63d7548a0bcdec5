"""The process-administration pages over real HTTP: who may open which page, sign-in and
sign-out, read-only retired versions, the automatic diagram, the assets served offline."""
from __future__ import annotations

import re

import httpx
import pytest
from lxml import etree

from apps.workflow import layout
from apps.workflow.models import DefinitionStatus, ProcessDefinition, ProcessInstance

from ..conftest import PASSWORD, gid
from .helpers import DRAFT, complete, my_tasks, start

pytestmark = pytest.mark.django_db(transaction=True)


def browser(live_server, username: str | None = None) -> httpx.Client:
    """A cookie-keeping HTTP client, signed in through the login page like a person."""
    client = httpx.Client(base_url=live_server.url, timeout=30, headers={"Accept-Language": "id"})
    if username:
        page = client.get("/masuk/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = client.post("/masuk/", data={"username": username, "password": PASSWORD,
                                                "csrfmiddlewaretoken": token, "next": "/proses/"})
        assert response.status_code == 302, response.text
    return client


def approval(status=DefinitionStatus.PUBLISHED) -> ProcessDefinition:
    return ProcessDefinition.objects.get(key="approval_demo", status=status)


def test_anonymous_visitors_are_sent_to_sign_in(published, live_server):
    client = browser(live_server)
    for path in ("/proses/", "/proses/baru/", f"/proses/definisi/{approval().pk}/", "/proses/instans/"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["location"].startswith("/masuk/?next=")


def test_sign_in_page_refuses_a_wrong_password_in_indonesian(published, live_server):
    client = browser(live_server)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get("/masuk/").text).group(1)
    response = client.post("/masuk/", data={"username": published.process_admin.user.username,
                                            "password": "salah", "csrfmiddlewaretoken": token})
    assert response.status_code == 400
    assert "Nama pengguna atau kata sandi salah." in response.text
    assert client.get("/proses/").status_code == 302  # still signed out


def test_sign_in_page_is_rate_limited_like_the_api(published, live_server, settings, ratelimit_clock):
    settings.KINERJA_LOGIN_RATE_USERNAME = "2/m"
    client = browser(live_server)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get("/masuk/").text).group(1)
    form = {"username": published.process_admin.user.username, "password": "salah", "csrfmiddlewaretoken": token}
    assert [client.post("/masuk/", data=form).status_code for _ in range(3)] == [400, 400, 429]
    form["password"] = PASSWORD
    assert client.post("/masuk/", data=form).status_code == 429


def test_sign_in_never_redirects_to_another_site(published, live_server):
    client = browser(live_server)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get("/masuk/").text).group(1)
    response = client.post("/masuk/", data={"username": published.process_admin.user.username, "password": PASSWORD,
                                            "csrfmiddlewaretoken": token, "next": "https://evil.example/"})
    assert response.headers["location"] == "/proses/"


def test_process_admin_sees_every_definition_and_version(published, live_server):
    page = browser(live_server, published.process_admin.user.username).get("/proses/")
    assert page.status_code == 200
    for definition in ProcessDefinition.objects.all():
        assert f'href="/proses/definisi/{definition.pk}/"' in page.text
        assert f'data-key="{definition.key}"' in page.text
    assert ">Terbit<" in page.text  # status in Indonesian


@pytest.mark.parametrize("who", ["staff", "kasi", "hr_all"])
def test_other_users_may_not_open_the_modeler(published, live_server, who):
    client = browser(live_server, getattr(published, who).user.username)
    for path in ("/proses/", "/proses/baru/", f"/proses/definisi/{approval().pk}/"):
        assert client.get(path).status_code == 403, (who, path)


def test_modeler_page_offers_the_actions_of_the_version(published, live_server, client_for):
    admin = client_for(published.process_admin.user.username)
    client = browser(live_server, published.process_admin.user.username)
    page = client.get(f"/proses/definisi/{approval().pk}/").text
    assert 'id="k-save"' in page and 'id="k-check"' in page and 'id="k-retire"' in page
    assert "bpmn-modeler.production.min.js" in page
    admin.data("mutation($id: ID!) { retireProcessDefinition(id: $id) { status } }",
               {"id": gid("ProcessDefinition", approval().pk)})
    retired = approval(DefinitionStatus.RETIRED)
    page = client.get(f"/proses/definisi/{retired.pk}/").text
    assert 'id="k-save"' not in page and 'id="k-check"' not in page and 'id="k-publish"' not in page
    assert "bpmn-navigated-viewer.production.min.js" in page and '"readOnly": true' in page
    assert client.get("/proses/definisi/999999/").status_code == 404


def test_bpmn_js_is_served_from_our_own_origin(published, live_server):
    client = browser(live_server, published.process_admin.user.username)
    page = client.get("/proses/baru/").text
    scripts = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', page)
    assert scripts and all(src.startswith("/static/") for src in scripts), scripts
    for src in scripts:
        response = client.get(src)
        assert response.status_code == 200 and len(response.content) > 100, src
    assert "BpmnJS" in client.get("/static/vendor/bpmn-js/bpmn-modeler.production.min.js").text


def test_hr_sees_instances_of_their_units_only(published, live_server, client_for):
    subject = published.staff        # Dinas Pendidikan
    instance = start(client_for(subject.user.username), subject)
    pk = ProcessInstance.objects.get(subject=subject).pk
    assert instance["status"] == "RUNNING"
    hr_all = browser(live_server, published.hr_all.user.username)
    assert hr_all.get("/proses/instans/").status_code == 200
    assert f'href="/proses/instans/{pk}/"' in hr_all.get("/proses/instans/?key=approval_demo").text
    assert hr_all.get(f"/proses/instans/{pk}/").status_code == 200
    hr_dinkes = browser(live_server, published.hr_dinkes.user.username)  # another unit's HR
    assert f'href="/proses/instans/{pk}/"' not in hr_dinkes.get("/proses/instans/").text
    assert hr_dinkes.get(f"/proses/instans/{pk}/").status_code == 404
    admin = browser(live_server, published.process_admin.user.username)
    assert admin.get(f"/proses/instans/{pk}/").status_code == 200  # process admins draw any instance
    staff = browser(live_server, subject.user.username)
    assert staff.get(f"/proses/instans/{pk}/").status_code == 403   # not an administration page for them


def test_sign_out_ends_the_session(published, live_server):
    client = browser(live_server, published.process_admin.user.username)
    assert client.get("/proses/").status_code == 200
    token = client.cookies["csrftoken"]
    assert client.post("/keluar/", headers={"X-CSRFToken": token}).status_code == 302
    assert client.get("/proses/").status_code == 302


def test_diagram_is_laid_out_for_files_without_one(published, client_for):
    admin = client_for(published.process_admin.user.username)
    stored = approval()
    bare = re.sub(r"\s*<bpmndi:BPMNDiagram.*</bpmndi:BPMNDiagram>", "", stored.bpmn_xml, flags=re.S)
    assert "BPMNShape" not in bare
    uploaded = admin.data("mutation($x: String!, $f: JSON) { uploadProcessDefinition(bpmnXml: $x, forms: $f) "
                          "{ bpmnXml diagramXml } }", {"x": bare, "f": stored.forms})["uploadProcessDefinition"]
    assert uploaded["bpmnXml"] == bare                    # stored as sent
    root = etree.fromstring(uploaded["diagramXml"].encode())
    shapes = {s.get("bpmnElement") for s in root.iter(f"{{{layout.BPMNDI}}}BPMNShape")}
    edges = {e.get("bpmnElement") for e in root.iter(f"{{{layout.BPMNDI}}}BPMNEdge")}
    nodes = {n.get("id") for n in root.iter() if isinstance(n.tag, str) and etree.QName(n).localname in layout.SIZES}
    flows = {f.get("id") for f in root.iter(f"{{{layout.BPMN}}}sequenceFlow")}
    lanes = {lane.get("id") for lane in root.iter(f"{{{layout.BPMN}}}lane")}
    assert nodes | lanes | {"Participant_approval_demo"} == shapes and flows == edges
    # Each element lies inside the band of its lane.
    bounds = {s.get("bpmnElement"): s.find(f"{{{layout.DC}}}Bounds")
              for s in root.iter(f"{{{layout.BPMNDI}}}BPMNShape")}
    for lane in root.iter(f"{{{layout.BPMN}}}lane"):
        top = float(bounds[lane.get("id")].get("y"))
        bottom = top + float(bounds[lane.get("id")].get("height"))
        for ref in lane.iter(f"{{{layout.BPMN}}}flowNodeRef"):
            box = bounds[ref.text]
            middle = float(box.get("y")) + float(box.get("height")) / 2
            assert top <= middle <= bottom or ref.text == "deadline", (lane.get("name"), ref.text)
    # A file that has a diagram keeps it exactly.
    assert admin.data("query($id: ID!) { processDefinition(id: $id) { diagramXml } }",
                      {"id": gid("ProcessDefinition", stored.pk)})["processDefinition"]["diagramXml"] == stored.bpmn_xml


def test_bundled_processes_carry_their_diagram(published):
    for definition in ProcessDefinition.objects.all():
        assert layout.has_diagram(etree.fromstring(definition.bpmn_xml.encode())), definition.key


def test_pages_only_answer_get(published, live_server):
    client = browser(live_server, published.process_admin.user.username)
    token = client.cookies["csrftoken"]
    for path in ("/proses/", "/proses/baru/", f"/proses/definisi/{approval().pk}/", "/proses/instans/"):
        assert client.post(path, headers={"X-CSRFToken": token}).status_code == 405, path


def test_instance_page_queries_do_not_grow_with_its_history(published, client_for, client):
    """The viewer page's statements are fixed: the same for a new instance and for one with
    more steps behind it (its events and tasks are read in one statement each)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    subject = published.staff
    employee = client_for(subject.user.username)
    start(employee, subject)
    pk = ProcessInstance.objects.get(subject=subject).pk
    client.force_login(published.process_admin.user)

    def statements() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/proses/instans/{pk}/").status_code == 200
        return len(queries)

    before = statements()
    assert before == 7  # session, user, two role checks, instance + definition, events, open tasks
    complete(employee, my_tasks(employee, bpmnId="draft")[0]["id"], DRAFT)
    rater = client_for(subject.rater.user.username)
    complete(rater, my_tasks(rater, bpmnId="review")[0]["id"], {"decision": "REVISE", "notes": "Perjelas target"})
    complete(employee, my_tasks(employee, bpmnId="draft")[0]["id"], DRAFT)
    assert ProcessInstance.objects.get(pk=pk).events.count() >= 4
    assert statements() == before


def test_a_superuser_may_open_every_page(published, live_server, django_user_model, client_for):
    django_user_model.objects.create_superuser("super", "super@example.test", PASSWORD)
    subject = published.staff
    start(client_for(subject.user.username), subject)
    pk = ProcessInstance.objects.get(subject=subject).pk
    client = browser(live_server, "super")
    for path in ("/proses/", "/proses/baru/", f"/proses/definisi/{approval().pk}/", "/proses/instans/",
                 f"/proses/instans/{pk}/"):
        assert client.get(path).status_code == 200, path
