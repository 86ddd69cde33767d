"""Weights that miss 1 by a hair are shown with their digits, not rounded into '1, not 1'."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchbook.authoring.diagnostics import Diagnostics
from benchbook.authoring.load.course import load_course
from benchbook.authoring.validate.course import validate_course

COMPLETE = Path(__file__).resolve().parents[2] / "fixtures" / "courses" / "complete"


def test_a_near_miss_shows_every_weight(tmp_path):
    course = tmp_path / "complete"
    shutil.copytree(COMPLETE, course)
    yaml = course / "course.yaml"
    yaml.write_text(yaml.read_text().replace("weight: 0.4\n", "weight: 0.4000015\n", 1))
    diagnostics = Diagnostics()
    validate_course(load_course(course, diagnostics), diagnostics)
    (error,) = [d for d in diagnostics.errors if "add up to" in d.message]
    assert error.message == "assignment type weights add up to 1.0000015, not 1 (0.4000015 + 0.6)"
    assert "0.4 + 0.6" in error.hint
