"""Fixtures shared by the compiler tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "courses"


@pytest.fixture
def multilingual_course(tmp_path) -> Path:
    """A copy of the fixture course with three languages and a country variant, safe to edit."""
    copy = tmp_path / "multilingual"
    shutil.copytree(FIXTURES / "multilingual", copy)
    return copy


@pytest.fixture
def course(tmp_path) -> Path:
    """A copy of the complete fixture course (every feature of the source format), safe to edit."""
    copy = tmp_path / "complete"
    shutil.copytree(FIXTURES / "complete", copy)
    return copy
