"""Content checks that screen-reader users depend on: table headers and heading order."""

import shutil
from pathlib import Path

from benchbook.authoring.pipeline import compile_course

COMPLETE = Path(__file__).resolve().parents[2] / "fixtures" / "courses" / "complete"


def compile_with(tmp_path, old: str, new: str):
    course = tmp_path / "complete"
    shutil.copytree(COMPLETE, course)
    lesson = course / "modules" / "01-basics" / "01-prose.md"
    text = lesson.read_text()
    assert old in text
    lesson.write_text(text.replace(old, new))
    return [(d.message, d.position.line) for d in compile_course(course).diagnostics.warnings]


def test_empty_table_header_cell_is_reported(tmp_path):
    warnings = compile_with(tmp_path, "| Step | Record |", "| | Record |")
    assert ("a table has an empty header cell", 8) in warnings


def test_headings_must_nest_below_the_unit_title(tmp_path):
    warnings = compile_with(
        tmp_path, "An exhibit must be sealed", "#### Too deep\n\nAn exhibit must be sealed"
    )
    assert ("heading levels jump from 2 to 4", 8) in warnings
    warnings = compile_with(
        tmp_path / "b", "An exhibit must be sealed", "# A title\n\nAn exhibit must be sealed"
    )
    assert ("a level-1 heading inside a unit", 8) in warnings


def test_the_fixture_course_is_clean(tmp_path):
    assert compile_course(COMPLETE).diagnostics.items == []
