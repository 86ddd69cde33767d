"""Course-level rules: weights shown with their digits, due dates a self-paced course ignores, modules kept inside the course."""

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


def test_a_due_date_in_a_self_paced_course_is_a_warning(tmp_path):
    course = tmp_path / "complete"
    shutil.copytree(COMPLETE, course)
    yaml = course / "course.yaml"
    text = yaml.read_text()
    yaml.write_text(
        text.replace("self_paced: false", "self_paced: true")
        if "self_paced:" in text
        else text + "self_paced: true\n"
    )
    diagnostics = Diagnostics()
    validate_course(load_course(course, diagnostics), diagnostics)
    assert any("which a self-paced course ignores" in d.message for d in diagnostics.warnings)


def test_a_module_outside_the_course_folder_is_an_error(tmp_path):
    course = tmp_path / "complete"
    shutil.copytree(COMPLETE, course)
    outside = tmp_path / "elsewhere"
    shutil.copytree(course / "modules" / "02-evidence", outside)
    yaml = course / "course.yaml"
    yaml.write_text(yaml.read_text().replace("  - modules/02-evidence", f"  - {outside}"))
    diagnostics = Diagnostics()
    load_course(course, diagnostics)
    assert any(
        f"module folder '{outside}' is outside the course folder" == d.message for d in diagnostics.errors
    )
