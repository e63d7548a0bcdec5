"""The BPMN corpus the upload and layout tests walk: the OMG BPMN MIWG reference models and tool
exports (CC BY 3.0), kept outside the repository at ``settings.KINERJA_BPMN_CORPUS`` (default
``../shared/bpmn-corpus`` beside the repository root; docs/design.md, "The BPMN corpus").

Without it these tests fail, saying where to get it — they never skip: a corpus that silently
went missing would leave the upload checks untested."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

MISSING = "corpus-missing"


def root() -> Path:
    return Path(settings.KINERJA_BPMN_CORPUS)


def missing_message() -> str:
    return (f"The BPMN corpus is not at {root()} (it needs miwg/Reference/*.bpmn and miwg/exports/*.bpmn). "
            "It is the OMG BPMN MIWG test suite (github.com/bpmn-miwg/bpmn-miwg-test-suite, the commit "
            "in miwg/SOURCE.txt), a selection kept beside the repository as ../shared/bpmn-corpus in the "
            "project's workspace (CI has it there). Copy that folder beside your clone, or point the "
            "setting at your copy: KINERJA_BPMN_CORPUS=/path/to/bpmn-corpus (see docs/design.md, "
            "\"The BPMN corpus\").")


def files(under: str = "") -> list:
    """The corpus files under ``under``, for parametrize — or, without the corpus, one placeholder
    whose test fails through the ``bpmn_corpus`` fixture (an empty list would only be skipped)."""
    found = sorted((root() / under).rglob("*.bpmn")) if (root() / "miwg").is_dir() else []
    return found or [pytest.param(None, id=MISSING)]


def require() -> Path:
    """The corpus root, or a failure that says where to get it."""
    if not any((root() / "miwg").rglob("*.bpmn")):
        pytest.fail(missing_message(), pytrace=False)
    return root()
