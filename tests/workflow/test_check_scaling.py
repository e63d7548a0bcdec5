"""A large process is checked in one request: 4,000 gateways (with their diagram, 3.3 MB) go
through checkProcessDefinition. How long it takes is measured by `python -m bench.check_definition`
(it grew quadratically: 83 s at this size); here only that it works."""
from __future__ import annotations

from bench.check_definition import gateways_file

CHECK = """query($x: String!) { checkProcessDefinition(bpmnXml: $x) { valid problems { elementId message } } }"""


def test_a_process_with_4000_gateways_is_checked(published, client_for):
    admin = client_for(published.process_admin.user.username)
    xml = gateways_file(4000)
    assert xml.count("<bpmn:exclusiveGateway ") == 4000
    assert admin.data(CHECK, {"x": xml})["checkProcessDefinition"] == {"valid": True, "problems": []}
    broken = xml.replace('<bpmn:exclusiveGateway id="g3999" default="d3999">', '<bpmn:exclusiveGateway id="g3999">')
    problems = admin.data(CHECK, {"x": broken})["checkProcessDefinition"]["problems"]
    assert "g3999" in {p["elementId"] for p in problems}
