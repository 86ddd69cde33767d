"""A unit heading must have a title: it is the page's title for learners and, without ``{#id}``,
the source of the unit's id. A heading without one is an error at its line, with the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchbook.authoring.cli import main
from benchbook.authoring.diagnostics import Diagnostics
from benchbook.authoring.load.lesson import parse_units

COMPLETE = Path(__file__).resolve().parents[2] / "fixtures" / "courses" / "complete"
QUIZZES = "modules/01-basics/02-quizzes.md"


def parse(body: str) -> tuple[list, Diagnostics]:
    diagnostics = Diagnostics()
    units, _ = parse_units(body, 5, "lesson", "The lesson", Path("l.md"), diagnostics)
    return units, diagnostics


@pytest.mark.parametrize(
    ("heading", "example"),
    [
        ("## {#lesson-choices}", "## Title {#lesson-choices}"),
        ("##", "## Title {#unit-id}"),
        ("##   ", "## Title {#unit-id}"),
        ("## ##", "## Title {#unit-id}"),
    ],
)
def test_a_heading_without_a_title_is_an_error_at_its_line(heading, example):
    _, diagnostics = parse(f"Intro.\n\n{heading}\n\nSome text.\n")
    (error,) = diagnostics.errors
    assert error.message == "this unit heading has no title"
    assert error.position.line == 7  # the body starts at line 5
    assert error.hint.startswith(f"write the unit's title after ##, as in '{example}'")
    assert [d for d in diagnostics.items if not d.is_error] == []


def test_an_empty_heading_without_a_title_is_not_also_called_empty():
    _, diagnostics = parse("## {#lesson-choices}\n\n## Next {#lesson-next}\n\nText.\n")
    assert [d.message for d in diagnostics.items] == ["this unit heading has no title"]


def test_a_title_in_markup_or_with_an_id_is_fine():
    units, diagnostics = parse("## *Choices* {#lesson-choices}\n\nText.\n\n## Other words\n\nText.\n")
    assert diagnostics.items == []
    assert [(u.id, u.title) for u in units] == [
        ("lesson-choices", "Choices"),
        ("lesson-other-words", "Other words"),
    ]


def test_check_and_build_stop_at_a_unit_heading_without_a_title(tmp_path):
    course = tmp_path / "complete"
    shutil.copytree(COMPLETE, course)
    lesson = course / QUIZZES
    lesson.write_text(lesson.read_text().replace("## Choices {#quizzes-choices}", "## {#quizzes-choices}"))
    line = lesson.read_text().split("\n").index("## {#quizzes-choices}") + 1
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(course)])
    assert result.exit_code == 1
    assert f"{QUIZZES}:{line}:1: error: this unit heading has no title" in result.output
    assert "hint: write the unit's title after ##, as in '## Title {#quizzes-choices}'" in result.output
    result = runner.invoke(main, ["build", str(course), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())
