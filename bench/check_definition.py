"""How ``checkProcessDefinition`` scales with the size of the file.

    python -m bench.check_definition [--sizes 500,1000,2000,4000] [--engine-file OLD_ENGINE.py]

Generates a valid process of N exclusive gateways (short chains behind one split; one user
task in a lane) and times ``engine.check_definition`` on it,
in process (no database, no HTTP). Prints one table; nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time

NS = ('xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
      'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
      'xmlns:di="http://www.omg.org/spec/DD/20100524/DI"')


CHAIN = 20  # SpiffWorkflow's parser recurses along a path: keep paths short, the file wide


def gateways_file(gateways: int) -> str:
    """A valid BPMN file of ``gateways`` exclusive gateways: start → user task → a split into
    chains of CHAIN gateways each → end. Every gateway has a condition and a default flow."""
    xml = ["",  # the lane set, below
           '<bpmn:startEvent id="start"><bpmn:outgoing>f_start</bpmn:outgoing></bpmn:startEvent>',
           '<bpmn:sequenceFlow id="f_start" sourceRef="start" targetRef="work"/>',
           '<bpmn:userTask id="work" name="Kerjakan"><bpmn:incoming>f_start</bpmn:incoming>'
           '<bpmn:outgoing>f_work</bpmn:outgoing></bpmn:userTask>',
           '<bpmn:sequenceFlow id="f_work" sourceRef="work" targetRef="g1"/>']
    ends = []
    for i in range(1, gateways + 1):
        first_of_chain = i == 1 or (i - 1) % CHAIN == 0
        last_of_chain = i == gateways or i % CHAIN == 0
        incoming = ["f_work"] if i == 1 else [f"s{i}"] if first_of_chain else [f"c{i - 1}", f"d{i - 1}"]
        outgoing = [f"c{i}", f"d{i}"]
        target = "end" if last_of_chain else f"g{i + 1}"
        if i == 1:  # the split: one more flow to the first gateway of every other chain
            outgoing += [f"s{j}" for j in range(CHAIN + 1, gateways + 1, CHAIN)]
        xml.append(f'<bpmn:exclusiveGateway id="g{i}" default="d{i}">'
                   + "".join(f"<bpmn:incoming>{f}</bpmn:incoming>" for f in incoming)
                   + "".join(f"<bpmn:outgoing>{f}</bpmn:outgoing>" for f in outgoing)
                   + "</bpmn:exclusiveGateway>")
        xml.append(f'<bpmn:sequenceFlow id="c{i}" sourceRef="g{i}" targetRef="{target}">'
                   f"<bpmn:conditionExpression>step == {i}</bpmn:conditionExpression></bpmn:sequenceFlow>")
        xml.append(f'<bpmn:sequenceFlow id="d{i}" sourceRef="g{i}" targetRef="{target}"/>')
        if i == 1:
            xml += [f'<bpmn:sequenceFlow id="s{j}" sourceRef="g1" targetRef="g{j}">'
                    f"<bpmn:conditionExpression>chain == {j}</bpmn:conditionExpression></bpmn:sequenceFlow>"
                    for j in range(CHAIN + 1, gateways + 1, CHAIN)]
        if last_of_chain:
            ends += [f"c{i}", f"d{i}"]
    xml.append('<bpmn:endEvent id="end">' + "".join(f"<bpmn:incoming>{f}</bpmn:incoming>" for f in ends)
               + "</bpmn:endEvent>")
    # As the modeler saves it: every element in a lane and drawn (a shape or an edge).
    elements = ["start", "work", "end", *(f"g{i}" for i in range(1, gateways + 1))]
    lane = "".join(f"<bpmn:flowNodeRef>{e}</bpmn:flowNodeRef>" for e in elements)
    xml[0] = ('<bpmn:laneSet id="lanes"><bpmn:lane id="Lane_pegawai" name="Pegawai">'
              f"{lane}</bpmn:lane></bpmn:laneSet>")
    flows = re.findall(r'sequenceFlow id="(\w+)"', "".join(xml))
    diagram = "".join(f'<bpmndi:BPMNShape id="{e}_di" bpmnElement="{e}"><dc:Bounds x="{n * 60}" y="{n % CHAIN * 80}" '
                      f'width="50" height="50"/></bpmndi:BPMNShape>' for n, e in enumerate(elements))
    diagram += "".join(f'<bpmndi:BPMNEdge id="{f}_di" bpmnElement="{f}"><di:waypoint x="0" y="0"/>'
                       f'<di:waypoint x="10" y="10"/></bpmndi:BPMNEdge>' for f in flows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions {NS} id="d" targetNamespace="http://x">'
            f'<bpmn:process id="gerbang" name="Banyak gerbang" isExecutable="true">{"".join(xml)}</bpmn:process>'
            f'<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="gerbang">{diagram}'
            f"</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,1000,2000,4000")
    parser.add_argument("--engine-file", help="time another version of apps/workflow/engine.py, e.g. "
                        "`git show HEAD~1:apps/workflow/engine.py > /tmp/engine_before.py`")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings_test")
    import django

    django.setup()
    from apps.workflow import engine

    if args.engine_file:
        import importlib.util

        spec = importlib.util.spec_from_file_location("apps.workflow.engine_under_test", args.engine_file)
        engine = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(engine)

    print("| gateways | file KB | check s |\n|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        xml = gateways_file(size)
        start = time.perf_counter()
        engine.check_definition(xml, {}, {}, None, allow_scripts=False)
        print(f"| {size} | {len(xml) // 1024} | {time.perf_counter() - start:.2f} |", flush=True)


if __name__ == "__main__":
    main()
