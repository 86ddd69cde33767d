"""A language code that names no language is an error where it is written, not a broken course run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchbook.authoring.diagnostics import Diagnostics
from benchbook.authoring.i18n.languages import is_language_code
from benchbook.authoring.load.course import load_course

COMPLETE = Path(__file__).resolve().parents[2] / "fixtures" / "courses" / "complete"


@pytest.mark.parametrize("code", ["en", "ar", "zh", "zh_HANS", "zh-Hans", "es-419", "pt_BR", "sw"])
def test_real_language_codes_are_accepted(code):
    assert is_language_code(code)


@pytest.mark.parametrize("code", ["english", "klingon", "xx", "123", ""])
def test_made_up_codes_are_not(code):
    assert not is_language_code(code)


def test_each_unknown_code_is_reported_at_its_line(tmp_path):
    course = tmp_path / "complete"
    shutil.copytree(COMPLETE, course)
    text = (course / "course.yaml").read_text()
    text = "\n".join(line for line in text.split("\n") if not line.startswith(("language:", "languages:")))
    (course / "course.yaml").write_text(text.rstrip("\n") + "\nlanguage: english\nlanguages: [fr, klingon]\n")
    lines = (course / "course.yaml").read_text().split("\n")
    diagnostics = Diagnostics()
    load_course(course, diagnostics)
    found = {(d.message, d.position.line) for d in diagnostics.errors}
    assert ("unknown language code 'english'", lines.index("language: english") + 1) in found
    assert ("unknown language code 'klingon'", lines.index("languages: [fr, klingon]") + 1) in found
    assert not [d for d in diagnostics.errors if "'fr'" in d.message]
