"""A diagram (BPMN DI) for process definitions that have none.

The engine needs only the semantic part of a BPMN file, and many files written by hand or by
generators carry no diagram; bpmn-js draws nothing without one. ``with_diagram`` lays such a file
out — pools as horizontal bands, one band per lane, elements in columns by their longest path
from the start, boundary events on the bottom edge of their activity, orthogonal flows — and
appends the diagram to the XML text, leaving the rest of the file byte for byte as it was.
A file that already has a diagram is returned unchanged.

bpmn-auto-layout (npm) was looked at: it does not lay out lanes, which every process here uses.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape

from lxml import etree

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"

TASKS = {"task", "userTask", "serviceTask", "scriptTask", "manualTask", "sendTask", "receiveTask",
         "businessRuleTask", "callActivity", "subProcess", "transaction"}
GATEWAYS = {"exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
SIZES = {**{t: (100, 80) for t in TASKS}, **{g: (50, 50) for g in GATEWAYS}, **{e: (36, 36) for e in EVENTS}}

POOL_X, POOL_Y, POOL_GAP = 120, 60, 40
HEADER = 30            # the pool's name band on the left
COLUMN, ROW = 170, 130
MARGIN = 60            # before the first column and after the last


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


def _local(node) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def has_diagram(root: etree._Element) -> bool:
    return root.find(f".//{{{BPMNDI}}}BPMNShape") is not None


def with_diagram(xml: str) -> str:
    """The XML with a laid-out diagram appended, or unchanged when it has one (or cannot be read)."""
    try:
        root = etree.fromstring(xml.encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return xml
    if has_diagram(root) or _local(root) != "definitions":
        return xml
    closing = xml.rfind("</")
    if closing < 0:
        return xml
    return xml[:closing] + _diagram_xml(root) + "\n" + xml[closing:]


def _diagram_xml(root: etree._Element) -> str:
    processes = {p.get("id"): p for p in root.findall(f"{{{BPMN}}}process")}
    collaboration = root.find(f"{{{BPMN}}}collaboration")
    participants = collaboration.findall(f"{{{BPMN}}}participant") if collaboration is not None else []
    shapes: list[str] = []
    edges: list[str] = []
    y = POOL_Y
    if participants:
        plane = collaboration.get("id")
        for participant in participants:
            process = processes.get(participant.get("processRef"))
            y = _lay_out_process(process, participant.get("id"), y, shapes, edges) + POOL_GAP
    else:
        plane = next(iter(processes), "")
        for process in processes.values():
            y = _lay_out_process(process, None, y, shapes, edges) + POOL_GAP
    return (
        f'  <bpmndi:BPMNDiagram xmlns:bpmndi="{BPMNDI}" xmlns:dc="{DC}" xmlns:di="{DI}" id="BPMNDiagram_auto">\n'
        f'    <bpmndi:BPMNPlane id="BPMNPlane_auto" bpmnElement="{escape(plane)}">\n'
        + "".join(shapes) + "".join(edges)
        + "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>"
    )


def _lanes(process) -> list[tuple[str, list[str]]]:
    """(lane id, its flow node ids) of the process's top-level lanes, in document order."""
    lane_set = process.find(f"{{{BPMN}}}laneSet")
    if lane_set is None:
        return []
    return [(lane.get("id"), [ref.text.strip() for ref in lane.findall(f"{{{BPMN}}}flowNodeRef") if ref.text])
            for lane in lane_set.findall(f"{{{BPMN}}}lane")]


def _columns(nodes: dict, flows: list[tuple[str, str, str]], hosts: dict[str, str]) -> dict[str, int]:
    """Longest path from the starts, back edges (loops) left out; boundary events share their host's."""
    successors = defaultdict(list)
    for _id, source, target in flows:
        successors[hosts.get(source, source)].append(target)
    incoming = {target for _id, _source, target in flows}
    order: list[str] = []
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()

    def visit(start: str) -> None:
        # Iterative depth-first search: generated files can be deep enough to exhaust recursion.
        stack = [(start, iter(successors[start]))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                state[node] = 2
                order.append(node)
            elif child in nodes and child not in hosts:
                if state.get(child) == 1:
                    back.add((node, child))
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(successors[child])))

    for node in [n for n in nodes if n not in incoming and n not in hosts] + list(nodes):
        if node not in state and node not in hosts:
            visit(node)
    column = {node: 0 for node in nodes}
    for node in reversed(order):
        for child in successors[node]:
            if child in nodes and (node, child) not in back and child not in hosts:
                column[child] = max(column[child], column[node] + 1)
    for boundary, host in hosts.items():
        column[boundary] = column.get(host, 0)
    return column


def _lay_out_process(process, participant_id: str | None, top: float, shapes: list, edges: list) -> float:
    """Append the shapes and edges of one pool; returns its bottom y."""
    if process is None:
        return top
    nodes = {n.get("id"): _local(n) for n in process if _local(n) in SIZES and n.get("id")}
    hosts = {n.get("id"): n.get("attachedToRef") for n in process
             if _local(n) == "boundaryEvent" and n.get("attachedToRef") in nodes}
    flows = [(f.get("id"), f.get("sourceRef"), f.get("targetRef")) for f in process
             if _local(f) == "sequenceFlow" and f.get("sourceRef") in nodes and f.get("targetRef") in nodes]
    column = _columns(nodes, flows, hosts)
    lanes = _lanes(process) if participant_id else []
    lane_of = {node: lane_id for lane_id, refs in lanes for node in refs if node in nodes}
    bands = [lane_id for lane_id, _refs in lanes] + ([None] if any(n not in lane_of for n in nodes) else [])
    # Rows inside each lane: nodes of one column stack downwards.
    rows: dict[str, int] = {}
    used = defaultdict(int)
    for node in sorted((n for n in nodes if n not in hosts), key=lambda n: column[n]):
        key = (lane_of.get(node), column[node])
        rows[node] = used[key]
        used[key] += 1
    band_rows = {band: max([used[(band, c)] for c in set(column.values())] + [1]) for band in bands}
    columns = max(column.values(), default=0) + 1
    left = POOL_X + (HEADER if participant_id else 0)
    width = MARGIN * 2 + columns * COLUMN
    band_top, y = {}, top
    for band in bands:
        band_top[band] = y
        y += band_rows[band] * ROW
    boxes: dict[str, Box] = {}
    for node in nodes:
        if node in hosts:
            continue
        w, h = SIZES[nodes[node]]
        cx = left + MARGIN + column[node] * COLUMN + COLUMN / 2
        cy = band_top[lane_of.get(node)] + rows[node] * ROW + ROW / 2
        boxes[node] = Box(cx - w / 2, cy - h / 2, w, h)
    attached = defaultdict(int)
    for boundary, host in hosts.items():
        box = boxes[host]
        w, h = SIZES["boundaryEvent"]
        attached[host] += 1
        boxes[boundary] = Box(box.x + box.w * attached[host] / 3 - w / 2, box.y + box.h - h / 2, w, h)
    if participant_id:
        shapes.append(_shape(participant_id, Box(POOL_X, top, HEADER + width, y - top), horizontal=True))
        for lane_id in bands:
            if lane_id is not None:
                shapes.append(_shape(lane_id, Box(left, band_top[lane_id], width, band_rows[lane_id] * ROW),
                                     horizontal=True))
    for node, box in boxes.items():
        shapes.append(_shape(node, box))
    for flow_id, source, target in flows:
        edges.append(_edge(flow_id, _waypoints(boxes[source], boxes[target], boundary=source in hosts)))
    return y


def _waypoints(source: Box, target: Box, *, boundary: bool) -> list[tuple[float, float]]:
    if boundary:
        # Down out of the activity's edge, then across.
        return [(source.cx, source.y + source.h), (source.cx, target.cy), (target.x, target.cy)]
    if target.x > source.x + source.w:
        start, end = (source.x + source.w, source.cy), (target.x, target.cy)
        if abs(start[1] - end[1]) < 1:
            return [start, end]
        middle = (start[0] + end[0]) / 2
        return [start, (middle, start[1]), (middle, end[1]), end]
    # Back to an earlier column (a loop): over the top of both.
    over = min(source.y, target.y) - 25
    return [(source.cx, source.y), (source.cx, over), (target.cx, over), (target.cx, target.y)]


def _shape(element: str, box: Box, *, horizontal: bool = False) -> str:
    flag = ' isHorizontal="true"' if horizontal else ""
    element = escape(element)
    return (f'      <bpmndi:BPMNShape id="{element}_di" bpmnElement="{element}"{flag}>\n'
            f'        <dc:Bounds x="{box.x:g}" y="{box.y:g}" width="{box.w:g}" height="{box.h:g}"/>\n'
            "      </bpmndi:BPMNShape>\n")


def _edge(element: str, points: list[tuple[float, float]]) -> str:
    element = escape(element)
    waypoints = "".join(f'        <di:waypoint x="{x:g}" y="{y:g}"/>\n' for x, y in points)
    return f'      <bpmndi:BPMNEdge id="{element}_di" bpmnElement="{element}">\n{waypoints}      </bpmndi:BPMNEdge>\n'
