"""Fixtures of the workflow tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from . import corpus


@pytest.fixture(scope="session")
def bpmn_corpus() -> Path:
    """The BPMN corpus root (settings.KINERJA_BPMN_CORPUS); fails, never skips, without it."""
    return corpus.require()
