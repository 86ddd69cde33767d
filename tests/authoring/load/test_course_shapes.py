"""A list written as a single value is one clear error, never a crash of the loader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchbook.authoring.cli import main

COMPLETE = Path(__file__).resolve().parents[2] / "fixtures" / "courses" / "complete"


@pytest.mark.parametrize("key", ["runs", "pages"])
def test_a_scalar_where_a_list_belongs(tmp_path, key):
    course = tmp_path / "complete"
    shutil.copytree(COMPLETE, course)
    text = (course / "course.yaml").read_text()
    text, replaced = re.subn(rf"^{key}:\n(?:[ -].*\n)+", f"{key}: 2027\n", text, flags=re.M)
    assert replaced == 1
    (course / "course.yaml").write_text(text)
    line = text.split("\n").index(f"{key}: 2027") + 1
    result = CliRunner().invoke(main, ["check", str(course)])
    assert result.exit_code == 1
    assert f"course.yaml:{line}:{len(key) + 3}: error: '{key}' must be a list, not '2027'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_broken_module_yaml_is_reported_once_without_follow_on_errors(tmp_path):
    course = tmp_path / "complete"
    shutil.copytree(COMPLETE, course)
    (course / "modules" / "01-basics" / "module.yaml").write_text("- id: basics\n- title: Basics\n")
    result = CliRunner().invoke(main, ["check", str(course)])
    assert result.exit_code == 1
    assert "module.yaml must hold 'id:' and 'title:'" in result.output
    assert "broken link" not in result.output
    assert "no lesson is graded" not in result.output
