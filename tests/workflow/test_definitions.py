"""Uploading, checking, publishing and retiring process definitions — every refusal class
names the element it is about."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from apps.workflow.models import ProcessDefinition

from ..conftest import gid

ROOT = Path(__file__).resolve().parents[2]
DEMO_XML = (ROOT / "workflows/approval_demo.bpmn").read_text()
FORMS = {p.name: json.loads(p.read_text()) for p in (ROOT / "workflows/forms").glob("*.json")}
UPLOAD = """mutation($x: String!, $f: JSON, $b: JSON, $k: String) {
  uploadProcessDefinition(bpmnXml: $x, forms: $f, laneBindings: $b, key: $k) {
    id key version status name lanes { name binding } createdBy { username } } }"""
PUBLISH = "mutation($id: ID!) { publishProcessDefinition(id: $id) { status version publishedAt } }"
RETIRE = "mutation($id: ID!) { retireProcessDefinition(id: $id) { status } }"
DEFINITIONS = "query($k: String) { processDefinitions(key: $k) { key version status } }"


def upload(client, xml=DEMO_XML, forms=FORMS, bindings=None, key="uji"):
    return client(UPLOAD, {"x": xml, "f": forms, "b": bindings, "k": key})


def refused(client, xml, forms=FORMS, bindings=None):
    result = upload(client, xml, forms, bindings)
    assert "errors" in result, result
    error = result["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    for problem in error["extensions"]["errors"]:
        assert "0x" not in problem["message"] and "<Element" not in problem["message"]
    return error["extensions"]["errors"]


@pytest.fixture
def admin(published, client_for):
    return client_for(published.process_admin.user.username)


def test_upload_creates_a_draft_version(admin, published):
    first = upload(admin)["data"]["uploadProcessDefinition"]
    assert (first["key"], first["version"], first["status"]) == ("uji", 1, "DRAFT")
    assert {"name": "Pengelola Kinerja", "binding": "PERFORMANCE_ADMIN"} in first["lanes"]
    assert first["createdBy"]["username"] == published.process_admin.user.username
    second = upload(admin)["data"]["uploadProcessDefinition"]
    assert second["version"] == 2


def test_publish_retire_and_immutability(admin, published, client_for):
    draft = upload(admin)["data"]["uploadProcessDefinition"]
    staff = client_for(published.staff.user.username)
    assert staff.data(DEFINITIONS, {"k": "uji"})["processDefinitions"] == []  # drafts are for admins
    assert admin.data(PUBLISH, {"id": draft["id"]})["publishProcessDefinition"]["status"] == "PUBLISHED"
    assert staff.data(DEFINITIONS, {"k": "uji"})["processDefinitions"] == [{"key": "uji", "version": 1, "status": "PUBLISHED"}]
    assert admin.error(PUBLISH, {"id": draft["id"]})["extensions"]["code"] == "CONFLICT"
    second = upload(admin)["data"]["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": second["id"]})
    assert ProcessDefinition.objects.get(pk=int(ProcessDefinition.objects.get(key="uji", version=1).pk)).status == "RETIRED"
    assert admin.data(RETIRE, {"id": second["id"]})["retireProcessDefinition"]["status"] == "RETIRED"
    assert admin.error(RETIRE, {"id": second["id"]})["extensions"]["code"] == "CONFLICT"


@pytest.mark.parametrize("who", ["staff", "hr_all", "kadis"])
def test_only_process_admins_change_definitions(published, client_for, admin, who):
    draft = upload(admin)["data"]["uploadProcessDefinition"]
    c = client_for(getattr(published, who).user.username)
    assert upload(c)["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert c.error(PUBLISH, {"id": draft["id"]})["extensions"]["code"] == "NOT_FOUND"  # drafts are invisible
    published_demo = ProcessDefinition.objects.get(key="approval_demo")
    assert c.error(RETIRE, {"id": gid("ProcessDefinition", published_demo.pk)})["extensions"]["code"] == "FORBIDDEN"


def test_published_definition_is_readable_by_everyone(published, client_for):
    demo = ProcessDefinition.objects.get(key="approval_demo")
    staff = client_for(published.staff.user.username)
    data = staff.data("query($id: ID!) { processDefinition(id: $id) { key bpmnXml forms lanes { name } status } }",
                      {"id": gid("ProcessDefinition", demo.pk)})["processDefinition"]
    assert data["status"] == "PUBLISHED" and "approval_demo" in data["bpmnXml"] and "review.schema.json" in data["forms"]


def _replace(old, new, xml=DEMO_XML, count=1):
    assert old in xml, old
    return xml.replace(old, new, count)


CASES = {
    "malformed XML": (DEMO_XML[:-40], None, None),
    "entity tricks": ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + DEMO_XML.split("?>", 1)[1], None, None),
    "not BPMN (DMN)": ('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x"/>', None, "definitions"),
    "not BPMN 2.0 by XSD": (_replace('<bpmn:startEvent id="start" name="Mulai">', '<bpmn:startEvent id="start" name="Mulai" bogus="1">'), None, None),
    "no executable process": (_replace('isExecutable="true"', 'isExecutable="false"'), "approval_demo", "process"),
    "data store": (_replace('<bpmn:startEvent id="start"', '<bpmn:dataStoreReference id="store1"/><bpmn:startEvent id="start"'), "store1", "dataStoreReference"),
    "unsupported element": (_replace('<bpmn:incoming>f_approved</bpmn:incoming>', '<bpmn:incoming>f_approved</bpmn:incoming><bpmn:messageEventDefinition id="msg"/>'), "end", "messageEventDefinition"),
    "service task without handler": (_replace('<bpmn:endEvent id="follow_up_end" name="Tindak lanjut dicatat">\n      <bpmn:incoming>f_follow_up_end</bpmn:incoming>\n    </bpmn:endEvent>',
                                      '<bpmn:serviceTask id="notify"><bpmn:extensionElements><spiffworkflow:serviceTaskOperator id="tidak.terdaftar"><spiffworkflow:parameters/></spiffworkflow:serviceTaskOperator></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="follow_up_end" name="Tindak lanjut dicatat">\n      <bpmn:incoming>f_follow_up_end</bpmn:incoming>\n    </bpmn:endEvent>'), "notify", "serviceTask"),
    "gateway without condition or default": (_replace('<bpmn:exclusiveGateway id="review_decision" name="Keputusan penilai" default="f_review_approve">', '<bpmn:exclusiveGateway id="review_decision" name="Keputusan penilai">'), "review_decision", "exclusiveGateway"),
    "condition that does not compile": (_replace('decision == "REVISE"', 'decision == = "REVISE"'), "f_revise_draft", "sequenceFlow"),
    "timer expression that does not compile": (_replace('"P14D"', '"P14D" +'), "deadline", "boundaryEvent"),
    "script task": (_replace('<bpmn:endEvent id="end" name="Rencana disetujui">', '<bpmn:scriptTask id="calc"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="end" name="Rencana disetujui">'), "calc", "scriptTask"),
    "lane without binding": (_replace('name="Pengelola Kinerja"', 'name="Komite Etik"'), "Lane_hr", "lane"),
    "form referenced but not supplied": (_replace('value="follow_up.schema.json"', 'value="hilang.schema.json"'), "follow_up", "userTask"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_refusal_class_names_the_element(admin, case):
    xml, element, tag = CASES[case]
    problems = refused(admin, xml)
    if element or tag:
        assert any((element is None or p["elementId"] == element) and (tag is None or p["tag"] == tag) for p in problems), problems
    assert ProcessDefinition.objects.filter(key="uji").count() == 0


def test_invalid_json_schema_form_is_refused(admin):
    forms = dict(FORMS, **{"review.schema.json": {"type": "object", "properties": {"decision": {"type": "nomor"}}}})
    problems = refused(admin, DEMO_XML, forms)
    assert {p["elementId"] for p in problems} == {"review", "approve"}
    assert all("JSON Schema" in p["message"] for p in problems)


def test_several_problems_are_listed_together(admin):
    xml = _replace('name="Pegawai"', 'name="Tamu"', _replace('value="draft.schema.json"', 'value="x.json"'))
    problems = refused(admin, xml)
    assert {"Lane_pegawai", "draft"} <= {p["elementId"] for p in problems}
    assert all(p["line"] for p in problems if p["elementId"] == "Lane_pegawai")


def test_lane_bindings_for_other_lanes(admin, published):
    xml = _replace('name="Pengelola Kinerja"', 'name="Komite"')
    ok = upload(admin, xml, bindings={"Komite": "GROUP:komite"})["data"]["uploadProcessDefinition"]
    assert {"name": "Komite", "binding": "GROUP:komite"} in ok["lanes"]
    user = upload(admin, xml, bindings={"Komite": "USER:rina.anggraini"})["data"]["uploadProcessDefinition"]
    assert {"name": "Komite", "binding": "USER:rina.anggraini"} in user["lanes"]
    assert refused(admin, xml, bindings={"Komite": "RAJA"})[0]["elementId"] == "Lane_hr"


def test_superuser_may_deploy_scripts(published, client_for, django_user_model, admin):
    from ..conftest import PASSWORD

    xml = _replace('<bpmn:sequenceFlow id="f_approved" name="APPROVE" sourceRef="approve_decision" targetRef="end"/>',
                   '<bpmn:sequenceFlow id="f_approved" name="APPROVE" sourceRef="approve_decision" targetRef="calc"/>'
                   '<bpmn:scriptTask id="calc"><bpmn:incoming>f_approved</bpmn:incoming>'
                   '<bpmn:outgoing>f_calc_end</bpmn:outgoing><bpmn:script>total = 1 + 1</bpmn:script></bpmn:scriptTask>'
                   '<bpmn:sequenceFlow id="f_calc_end" sourceRef="calc" targetRef="end"/>')
    xml = xml.replace("<bpmn:incoming>f_approved</bpmn:incoming>\n    </bpmn:endEvent>",
                      "<bpmn:incoming>f_calc_end</bpmn:incoming>\n    </bpmn:endEvent>")
    refused_for_admin = refused(admin, xml)
    assert [p["elementId"] for p in refused_for_admin] == ["calc"]
    assert "workflow.deploy_script" in refused_for_admin[0]["message"]
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    result = upload(client_for("root"), xml)
    assert "errors" not in result, result
    assert result["data"]["uploadProcessDefinition"]["status"] == "DRAFT"


def test_messages_are_plain_words(admin):
    problems = refused(admin, CASES["malformed XML"][0])
    assert re.search(r"XML", problems[0]["message"]) and problems[0]["line"]


CHECK = """query($x: String!, $f: JSON, $b: JSON) { checkProcessDefinition(bpmnXml: $x, forms: $f, laneBindings: $b) {
  valid problems { elementId tag line message } } }"""


def test_check_gives_the_uploads_problems_and_stores_nothing(admin):
    """What the modeler's "Periksa" calls: the same checks as the upload, as data."""
    assert admin.data(CHECK, {"x": DEMO_XML, "f": FORMS})["checkProcessDefinition"] == {"valid": True, "problems": []}
    xml = _replace('name="Pegawai"', 'name="Tamu"', _replace('value="draft.schema.json"', 'value="x.json"'))
    before = ProcessDefinition.objects.count()
    check = admin.data(CHECK, {"x": xml, "f": FORMS})["checkProcessDefinition"]
    assert check["valid"] is False
    assert ProcessDefinition.objects.count() == before
    assert {p["elementId"] for p in check["problems"]} == {p["elementId"] for p in refused(admin, xml)}
    assert {"Lane_pegawai", "draft"} <= {p["elementId"] for p in check["problems"]}


def test_check_is_for_process_admins(published, client_for, gql):
    staff = client_for(published.staff.user.username)
    assert staff.error(CHECK, {"x": DEMO_XML, "f": FORMS})["extensions"]["code"] == "FORBIDDEN"
    assert gql.error(CHECK, {"x": DEMO_XML, "f": FORMS})["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_dtd_anywhere_is_refused(admin):
    """Not only in the first bytes: here the internal entity comes after 5,000 bytes of comment
    and would otherwise be expanded into the process name."""
    head, body = DEMO_XML.split("?>", 1)
    xml = (head + "?>\n<!--" + " " * 5000 + "-->\n" + '<!DOCTYPE bpmn:definitions [<!ENTITY nama "Rencana diam-diam">]>'
           + body.replace('name="Persetujuan rencana kerja (contoh)"', 'name="&nama;"'))
    admin.language = "en"
    expected = [{"elementId": None, "tag": None, "line": None, "message": "DTDs and entities are not allowed in BPMN files"}]
    assert refused(admin, xml) == expected
    assert admin.data(CHECK, {"x": xml, "f": FORMS})["checkProcessDefinition"]["problems"] == expected
    assert ProcessDefinition.objects.filter(key="uji").count() == 0


CHECK_KEY = """query($x: String!, $f: JSON, $k: String) { checkProcessDefinition(bpmnXml: $x, forms: $f, key: $k) {
  valid } }"""
KEY_RULE = {"key": "Use 1 to 100 letters, digits, _ or -."}


@pytest.mark.parametrize("key", ["", "uji kunci", "../uji", "uji<script>", "ují", "k" * 101])
def test_definition_key_is_letters_digits_underscore_and_dash(admin, key):
    admin.language = "en"
    error = upload(admin, key=key)["errors"][0]
    assert (error["extensions"]["code"], error["extensions"]["fields"]) == ("BAD_USER_INPUT", KEY_RULE)
    error = admin.error(CHECK_KEY, {"x": DEMO_XML, "f": FORMS, "k": key})
    assert (error["extensions"]["code"], error["extensions"]["fields"]) == ("BAD_USER_INPUT", KEY_RULE)
    assert ProcessDefinition.objects.filter(key=key).count() == 0


def test_a_process_id_that_is_no_valid_key_needs_a_key(admin):
    admin.language = "en"
    xml = DEMO_XML.replace('"approval_demo"', '"persetujuan.rencana"')
    error = upload(admin, xml, key=None)["errors"][0]
    [problem] = error["extensions"]["errors"]  # on the process element, like every other problem
    assert (problem["elementId"], problem["tag"]) == ("persetujuan.rencana", "process")
    assert "give key" in problem["message"]
    ok = upload(admin, xml, key="Uji_kunci-2")["data"]["uploadProcessDefinition"]
    assert ok["key"] == "Uji_kunci-2"
