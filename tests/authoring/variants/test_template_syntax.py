"""Course text fills in variables only: statements and expressions are errors at their own line."""

from __future__ import annotations

from pathlib import Path

from benchbook.authoring.diagnostics import Diagnostics, Position
from benchbook.authoring.variants.templating import fill

VARIABLES = {"jurisdiction": {"statute_name": "the Drugs Act"}}
WHERE = Position(Path("lesson.md"), 10, 1)


def run(text: str) -> tuple[str, list[tuple[str, int, int]]]:
    diagnostics = Diagnostics()
    out = fill(text, VARIABLES, WHERE, diagnostics)
    return out, [(d.message, d.position.line, d.position.col) for d in diagnostics.errors]


def test_a_variable_is_filled_in():
    assert run("Under {{ jurisdiction.statute_name }}.") == ("Under the Drugs Act.", [])


def test_a_statement_is_an_error_at_its_line_and_the_text_is_kept():
    text = "First line.\n\nThen {% if x %}maybe."
    out, errors = run(text)
    assert out == text
    assert errors == [("'{%' starts a template statement, which course text does not use", 12, 6)]


def test_an_expression_is_not_evaluated():
    text = "Two is {{ 1+1 }}."
    out, errors = run(text)
    assert out == text
    assert errors == [("'{{ 1+1 }}' is not a variable", 10, 8)]
