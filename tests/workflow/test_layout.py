"""The automatic diagram for BPMN files without one: every real file of the corpus, stripped of
its diagram, gets a shape for each top-level element and an edge for each flow between them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from apps.workflow import layout

from . import corpus

CORPUS = corpus.files()
DIAGRAM = re.compile(r"<(\w+:)?BPMNDiagram\b.*</(\w+:)?BPMNDiagram>", re.S)


def drawn(xml: str) -> tuple[set, set]:
    root = etree.fromstring(xml.encode())
    return ({s.get("bpmnElement") for s in root.iter(f"{{{layout.BPMNDI}}}BPMNShape")},
            {e.get("bpmnElement") for e in root.iter(f"{{{layout.BPMNDI}}}BPMNEdge")})


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_file_without_its_diagram_is_laid_out(bpmn_corpus, path):
    original = path.read_text(encoding="utf-8")
    bare = DIAGRAM.sub("", original)
    root = etree.fromstring(bare.encode())
    if layout.has_diagram(root):
        pytest.skip("diagram in another form")
    out = layout.with_diagram(bare)
    assert out.startswith(bare[:bare.rfind("</")])          # the file itself is untouched
    shapes, edges = drawn(out)
    # With a collaboration the plane is (the first) collaboration: the processes of its pools are drawn.
    collaboration = root.find(f"{{{layout.BPMN}}}collaboration")
    pools = {p.get("processRef") for p in collaboration.iter(f"{{{layout.BPMN}}}participant")} \
        if collaboration is not None else set()
    for process in root.iter(f"{{{layout.BPMN}}}process"):
        if pools and process.get("id") not in pools:
            continue
        nodes = {n.get("id") for n in process if isinstance(n.tag, str) and etree.QName(n).localname in layout.SIZES}
        flows = {f.get("id") for f in process.iter(f"{{{layout.BPMN}}}sequenceFlow")
                 if f.getparent() is process and f.get("sourceRef") in nodes and f.get("targetRef") in nodes}
        assert nodes <= shapes and flows <= edges, path.name


def test_a_file_with_a_diagram_or_broken_xml_is_returned_as_it_is(bpmn_corpus):
    with_di = next(p for p in bpmn_corpus.rglob("*.bpmn") if "BPMNShape" in p.read_text(encoding="utf-8")).read_text(encoding="utf-8")
    assert layout.with_diagram(with_di) == with_di
    assert layout.with_diagram("<not-xml") == "<not-xml"


def test_loops_go_back_over_the_top_and_columns_follow_the_flow():
    xml = (Path(__file__).resolve().parents[2] / "workflows" / "skp_planning.bpmn").read_text(encoding="utf-8")
    out = layout.with_diagram(DIAGRAM.sub("", xml))
    root = etree.fromstring(out.encode())
    x = {s.get("bpmnElement"): float(s.find(f"{{{layout.DC}}}Bounds").get("x"))
         for s in root.iter(f"{{{layout.BPMNDI}}}BPMNShape")}
    assert x["start"] < x["draft"] < x["review"] < x["review_decision"] < x["end"]
    revise = next(e for e in root.iter(f"{{{layout.BPMNDI}}}BPMNEdge") if e.get("bpmnElement") == "f_revise")
    ys = [float(w.get("y")) for w in revise.iter(f"{{{layout.DI}}}waypoint")]
    assert len(ys) == 4 and ys[1] == ys[2] < min(ys[0], ys[3])  # up, across, down
