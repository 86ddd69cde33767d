from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchbook.authoring.pipeline import compile_course

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "courses"


@pytest.fixture(scope="session")
def complete_olx() -> dict[str, bytes]:
    compilation = compile_course(FIXTURES / "complete")
    assert not compilation.diagnostics.errors
    return compilation.runs[0].tree.files


@pytest.fixture
def complete_course(tmp_path) -> Path:
    """A copy of the fixture course using every feature, safe to edit."""
    copy = tmp_path / "complete"
    shutil.copytree(FIXTURES / "complete", copy)
    return copy
