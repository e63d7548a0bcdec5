"""Every MIWG reference model and tool export gets either a draft or a clean, element-level
refusal — never a 500, a TypeError or an internal message."""
from __future__ import annotations

import pytest

from . import corpus

FILES = corpus.files("miwg")
UPLOAD = """mutation($x: String!) { uploadProcessDefinition(bpmnXml: $x) { id key status } }"""


def test_the_corpus_is_there():
    assert len(list((corpus.root() / "miwg").rglob("*.bpmn"))) >= 30, corpus.missing_message()


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_gets_a_draft_or_a_clean_refusal(bpmn_corpus, published, client_for, path):
    admin = client_for(published.process_admin.user.username)
    response = admin.post(UPLOAD, {"x": path.read_text(encoding="utf-8")})
    assert response.status_code == 200
    body = response.json()
    if "errors" not in body:
        assert body["data"]["uploadProcessDefinition"]["status"] == "DRAFT"
        return
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    problems = error["extensions"]["errors"]
    assert problems
    for problem in problems:
        assert set(problem) == {"elementId", "tag", "line", "message"}
        text = problem["message"]
        assert text and "0x" not in text and "<Element" not in text and "Traceback" not in text
        assert "TypeError" not in text
