from pathlib import Path

from benchbook.authoring.diagnostics import Diagnostics
from benchbook.authoring.load.yamlfile import load_yaml_text

FILE = Path("course.yaml")


def load(text: str, offset: int = 0):
    diagnostics = Diagnostics()
    return load_yaml_text(text, FILE, diagnostics, line_offset=offset), diagnostics


def test_values_keep_their_positions():
    doc, diagnostics = load("title: T\nruns:\n  - id: a\n    start: 2026-01-01\n")
    assert not diagnostics.items
    assert doc.at(("runs", 0, "start")).line == 4
    assert doc.at(("runs", 0, "start")).col == 12
    assert doc.at(("runs", 0, "id"), key=True).line == 3
    # an unknown path falls back to its nearest known ancestor: the list, which starts on line 3
    assert doc.at(("runs", 7, "nothing")).line == 3


def test_dates_stay_strings():
    doc, _ = load("start: 2026-01-01\nwhen: 2026-01-01T10:00:00\n")
    assert doc.data == {"start": "2026-01-01", "when": "2026-01-01T10:00:00"}


def test_duplicate_keys_are_errors_at_the_second_key():
    _, diagnostics = load("title: A\nnumber: X\ntitle: B\n")
    (error,) = diagnostics.errors
    assert error.message == "duplicate key 'title'"
    assert error.position.line == 3


def test_syntax_error_points_at_the_line_with_offset():
    _, diagnostics = load("title: A\n  bad: indent: here\n", offset=10)
    (error,) = diagnostics.errors
    assert error.message.startswith("YAML syntax error")
    assert error.position.line == 12


def test_empty_document_is_none():
    doc, diagnostics = load("")
    assert doc.data is None and not diagnostics.items
