"""Values YAML converts on its own, and tabs: messages quote what the trainer wrote, with the fix.

Each case edits one line of the valid course in :mod:`tests.authoring.coursefactory` and expects
exactly one error, at that line, with its message and hint in full: the wording is the point.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchbook.authoring.diagnostics import Diagnostics
from benchbook.authoring.load import yamlfile
from benchbook.authoring.load.yamlfile import load_yaml_text, written_at
from benchbook.authoring.pipeline import compile_course
from benchbook.authoring.validate.schema import check, course_schema

from ..coursefactory import COURSE, SEIZURE, WELCOME, Edit, line_of, write_course

AFTER_TOLERANCE = "tolerance: 0\n"


def quiz_line(line: str) -> Edit:
    """Add a line to the numerical quiz of the seizure lesson."""
    return Edit(AFTER_TOLERANCE, f"{AFTER_TOLERANCE}{line}\n")


# (id, file, edit, the edited line, message, hint)
CASES = [
    # --- text YAML reads as something else: quote it as written, say what YAML made of it -------
    (
        "run-id-underscore-number",
        COURSE,
        Edit("id: 2027_T1", "id: 2026_01"),
        "id: 2026_01",
        "'runs.0.id' must be text, not '2026_01' (YAML reads 2026_01 as the number 202601)",
        'put it in quotes: id: "2026_01"',
    ),
    (
        "number-octal",
        COURSE,
        Edit("number: CC101", "number: 0101"),
        "number: 0101",
        "'number' must be text, not '0101' (YAML reads 0101 as the number 65)",
        'put it in quotes: number: "0101"',
    ),
    (
        "number-hex",
        COURSE,
        Edit("number: CC101", "number: 0x1F"),
        "number: 0x1F",
        "'number' must be text, not '0x1F' (YAML reads 0x1F as the number 31)",
        'put it in quotes: number: "0x1F"',
    ),
    (
        "choice-text-no",
        WELCOME,
        Edit("  - text: Nobody", "  - text: No"),
        "  - text: No",
        "'choices.1.text' must be text, not 'No' (YAML reads No as false)",
        'put it in quotes: text: "No"',
    ),
    (
        "language-no",  # the Norway problem
        COURSE,
        Edit("language: en", "language: no"),
        "language: no",
        "'language' must be text, not 'no' (YAML reads no as false)",
        'put it in quotes: language: "no"',
    ),
    (
        "effort-sexagesimal",
        COURSE,
        Edit('effort: "2:00"', "effort: 2:00"),
        "effort: 2:00",
        "'about.effort' must be text, not '2:00' (YAML reads 2:00 as the number 120)",
        'put it in quotes: effort: "2:00"',
    ),
    (
        "title-null",
        COURSE,
        Edit("title: Chain of custody", "title: null"),
        "title: null",
        "'title' must be text, not 'null' (YAML reads null as an empty value)",
        'put it in quotes: title: "null"',
    ),
    (
        "title-empty",
        COURSE,
        Edit("title: Chain of custody", "title:"),
        "title:",
        "'title' must be text, not nothing",
        "write the text after 'title:'",
    ),
    (
        "text-answer-yes",  # a number or text: quoting makes it text
        SEIZURE,
        Edit("answer: EX", "answer: yes"),
        "answer: yes",
        "'answer' must be a number or text, not 'yes' (YAML reads yes as true)",
        'put it in quotes: answer: "yes"',
    ),
    # --- numbers ----------------------------------------------------------------------------------
    (
        "max-attempts-fraction",
        SEIZURE,
        quiz_line("max_attempts: 1.5"),
        "max_attempts: 1.5",
        "'max_attempts' must be a whole number, not '1.5'",
        "write a whole number, e.g. 1 or 2",
    ),
    (
        "max-attempts-quoted",
        SEIZURE,
        quiz_line('max_attempts: "3"'),
        'max_attempts: "3"',
        """'max_attempts' must be a whole number, not the quoted text "3\"""",
        "remove the quotes: max_attempts: 3",
    ),
    (
        "points-too-large",
        SEIZURE,
        quiz_line("points: 1e400"),
        "points: 1e400",
        "'points' must be a number, not '1e400' (1e400 is too large to be a number)",
        "write an ordinary number in digits, e.g. 2 or 0.5",
    ),
    (
        "points-exponent-without-point",
        SEIZURE,
        quiz_line("points: 1e5"),
        "points: 1e5",
        "'points' must be a number, not '1e5' (YAML reads 1e5 as text)",
        "write it in digits: points: 100000",
    ),
    (
        "points-word",
        SEIZURE,
        quiz_line("points: many"),
        "points: many",
        "'points' must be a number, not 'many'",
        "write a number in digits, e.g. 2 or 0.5",
    ),
    (
        "weight-percent",
        COURSE,
        Edit("weight: 0.4", "weight: 40%"),
        "weight: 40%",
        "'grading.assignment_types.0.weight' must be a number, not '40%'",
        "write 0.4 for 40 %",
    ),
    (
        "weight-decimal-comma",
        COURSE,
        Edit("weight: 0.4", "weight: 0,4"),
        "weight: 0,4",
        "'grading.assignment_types.0.weight' must be a number, not '0,4'",
        "write decimals with a point: weight: 0.4",
    ),
    (
        "weight-quoted",
        COURSE,
        Edit("weight: 0.4", 'weight: "0.4"'),
        'weight: "0.4"',
        """'grading.assignment_types.0.weight' must be a number, not the quoted text "0.4\"""",
        "remove the quotes: weight: 0.4",
    ),
    (
        "drop-count-tilde",
        COURSE,
        Edit("drop_count: 0", "drop_count: ~"),
        "drop_count: ~",
        "'grading.assignment_types.0.drop_count' must be a whole number, not '~' "
        "(YAML reads ~ as an empty value)",
        "write a whole number after 'drop_count:'",
    ),
    # --- true or false ------------------------------------------------------------------------------
    (
        "correct-quoted-yes",
        WELCOME,
        Edit("correct: true", 'correct: "yes"'),
        'correct: "yes"',
        """'choices.0.correct' must be true or false, not the quoted text "yes\"""",
        "write true without quotes: correct: true",
    ),
    (
        "self-paced-quoted-true",
        COURSE,
        Edit("self_paced: false", 'self_paced: "true"'),
        'self_paced: "true"',
        """'self_paced' must be true or false, not the quoted text "true\"""",
        "remove the quotes: self_paced: true",
    ),
    (
        "self-paced-oui",
        COURSE,
        Edit("self_paced: false", "self_paced: non"),
        "self_paced: non",
        "'self_paced' must be true or false, not 'non'",
        "write false without quotes: self_paced: false",
    ),
    (
        "self-paced-maybe",
        COURSE,
        Edit("self_paced: false", "self_paced: maybe"),
        "self_paced: maybe",
        "'self_paced' must be true or false, not 'maybe'",
        "write true or false, without quotes",
    ),
    # --- tabs ----------------------------------------------------------------------------------------
    (
        "tab-course-indentation",
        COURSE,
        Edit("  pass_mark: 0.6", "\tpass_mark: 0.6"),
        "\tpass_mark: 0.6",
        "a tab character: YAML indents with spaces only",
        "replace the tab with spaces",
    ),
    (
        "tab-quiz-indentation",
        WELCOME,
        Edit("    correct: true", "\tcorrect: true"),
        "\tcorrect: true",
        "a tab character: YAML indents with spaces only",
        "replace the tab with spaces",
    ),
    (
        "tab-quiz-top-level",
        WELCOME,
        Edit("question: Who signs", "\tquestion: Who signs"),
        "\tquestion: Who signs",
        "a tab character: YAML indents with spaces only",
        "replace the tab with spaces",
    ),
    (
        "tab-front-matter",
        WELCOME,
        Edit("title: Welcome", "\ttitle: Welcome"),
        "\ttitle: Welcome",
        "a tab character: YAML indents with spaces only",
        "replace the tab with spaces",
    ),
]


@pytest.mark.parametrize(
    ("file", "edit", "line", "message", "hint"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_one_error_at_the_line_quoting_what_was_written(tmp_path: Path, file, edit, line, message, hint):
    folder = write_course(tmp_path / "course", {file: edit})
    (error,) = compile_course(folder).diagnostics.errors
    text = (folder / file).read_text()
    assert (error.message, error.hint) == (message, hint)
    assert error.position.file == folder / file
    assert error.position.line == line_of(text, line)


def test_the_tab_is_pointed_at_its_column(tmp_path: Path):
    folder = write_course(tmp_path / "course", {COURSE: Edit("  pass_mark: 0.6", "  \tpass_mark: 0.6")})
    (error,) = compile_course(folder).diagnostics.errors
    assert error.message == "a tab character: YAML indents with spaces only"
    line = line_of((folder / COURSE).read_text(), "\tpass_mark")
    assert (error.position.line, error.position.col) == (line, 3)


def test_tabs_yaml_accepts_are_no_error(tmp_path: Path):
    # after a key's ':' and inside a value, a tab is ordinary white space
    folder = write_course(
        tmp_path / "course",
        {COURSE: Edit("title: Chain of custody", "title:\tChain\tof custody")},
    )
    compilation = compile_course(folder)
    assert compilation.diagnostics.errors == []
    assert compilation.course.title == "Chain\tof custody"


TAB_TEXTS = {
    "indentation": "a: 1\nb:\n\tc: 2\n",
    "after-spaces": "a:\n  b: 1\n  \tc: 2\n",
    "after-a-dash": "a:\n  -\tb\n",
    "continuation": "a: b\n\tc\n",
    "block-scalar": "a: |\n  x\n\tb\n",
}


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
@pytest.mark.parametrize("text", TAB_TEXTS.values(), ids=TAB_TEXTS.keys())
def test_both_yaml_loaders_tabs_are_found(loader, text: str):
    """libyaml and pure-Python PyYAML word tab errors differently: both are recognised."""
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=loader)  # a safe loader: SafeLoader or CSafeLoader
    line, column = yamlfile._tab_at(caught.value, text)
    assert text.split("\n")[line][column] == "\t"


def test_other_syntax_errors_keep_their_message():
    diagnostics = Diagnostics()
    assert load_yaml_text("title: `code`\n", Path("course.yaml"), diagnostics) is None
    (error,) = diagnostics.errors
    assert error.message.startswith("YAML syntax error")


def test_scalars_are_kept_as_written():
    diagnostics = Diagnostics()
    text = 'number: 0101\ntitle: Chain\nflag: No\nquoted: "yes"\nempty:\nlong: ' + "9" * 100 + "\n"
    document = load_yaml_text(text, Path("course.yaml"), diagnostics)
    assert not diagnostics.items
    number = written_at(document, ("number",))
    assert (number.text, number.content, number.quoted, number.value) == ("0101", "0101", False, 65)
    assert written_at(document, ("title",)) is None  # plain text: the value is what was written
    assert written_at(document, ("flag",)).value is False
    quoted = written_at(document, ("quoted",))
    assert (quoted.text, quoted.content, quoted.quoted) == ('"yes"', "yes", True)
    assert written_at(document, ("empty",)).content == ""
    assert written_at(document, ("long",)).content == "9" * 100


def test_a_value_replaced_after_loading_is_not_quoted_as_written():
    """A variant may put another value at the same key: the message must describe that value."""
    diagnostics = Diagnostics()
    document = load_yaml_text("id: q\ntype: single\nquestion: Q\npoints: 0101\n", Path("quiz"), diagnostics)
    assert document.data["points"] == 65 and written_at(document, ("points",)) is not None
    document.data["points"] = "lots"
    check(document, course_schema("quiz.schema.json"), diagnostics, "quiz")
    (error,) = diagnostics.errors
    assert error.message == "'points' must be a number, not 'lots'"
