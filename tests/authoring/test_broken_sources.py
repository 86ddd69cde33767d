"""A corpus of broken course sources: each must give one diagnostic a trainer can act on.

Every case starts from the valid course in :mod:`tests.authoring.coursefactory`, breaks one thing, and
asserts the diagnostic's severity, message, file and line (and hint, where the hint is what makes the
message actionable). ``line`` is either a number or a piece of text: the line of the expected file
that holds it (its ``occurrence``-th match), so the table reads like the source it describes.
``absent`` lists follow-on messages that would mislead (a unit called empty because its quiz did not
parse), ``alone`` says the mistake must give exactly one error.

Each case runs twice: through ``compile_course`` (or ``compile_matrix`` for languages and variants)
in-process, and through ``benchbook check`` with click's runner (exit 1, ``path:line:col`` printed,
no traceback). The tests after the table cover the rest of the command line: JSON output, --strict,
usage errors (exit 2), the real console script in a subprocess, and the internal-error safety net.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchbook.authoring.cli import main
from benchbook.authoring.diagnostics import Diagnostic
from benchbook.authoring.pipeline import compile_course, compile_matrix

from .coursefactory import (
    BASICS,
    COURSE,
    COURSE_YAML,
    EXAM,
    EXAM_MD,
    PNG,
    PRACTICE,
    SEIZURE,
    SEIZURE_MD,
    WELCOME,
    WELCOME_MD,
    Change,
    Edit,
    Edits,
    course_files,
    line_of,
    write_course,
    write_files,
)

REPO = Path(__file__).resolve().parents[2]
BENCHBOOK = Path(sys.executable).parent / "benchbook"

RUN_BLOCK = """\
  - id: 2027_T1
    start: 2027-01-15
    end: 2027-06-30
    enrollment_start: 2026-12-01
    enrollment_end: 2027-01-31
"""
GRADING_BLOCK = """\
grading:
  pass_mark: 0.6
  assignment_types:
    - type: Knowledge check
      short_label: KC
      weight: 0.4
      min_count: 1
      drop_count: 0
    - type: Final exam
      short_label: FE
      weight: 0.6
      min_count: 1
"""
WELCOME_CHOICES = """\
choices:
  - text: The officer who seizes the item
    correct: true
    feedback: Right.
  - text: Nobody
    feedback: Every transfer is signed.
"""
SECOND_CHOICE = "  - text: Nobody\n    feedback: Every transfer is signed.\n"
AFTER_SEAL = "Seal and label every bag.\n"
PO_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
OUTLINE = "outline:\n  - modules/01-basics\n  - modules/02-practice\n"


def after_seal(block: str) -> Edit:
    """Add a block to the first unit of the seizure lesson."""
    return Edit(AFTER_SEAL, f"{AFTER_SEAL}\n{block}\n")


@dataclass(frozen=True)
class Case:
    id: str
    changes: dict[str, Change]
    file: str  # relative to the course folder
    line: int | str  # a line number, or text that the expected line holds
    message: str  # a substring of the diagnostic's message
    hint: str = ""  # a substring of its hint ("" = not checked)
    severity: str = "error"  # or "warning", or "error|warning" when either is right
    occurrence: int = 1  # which line holding `line` (when it is text)
    absent: tuple[str, ...] = ()  # follow-on messages that must not appear (they would mislead)
    alone: bool = False  # one mistake, one error: no other error may be reported
    matrix: bool = False  # compile every language and variant (compile_matrix), not just the source


CASES = [
    # --- YAML syntax: the line must be the real file line --------------------------------------
    Case(
        "yaml-syntax-course",
        {COURSE: Edit("title: Chain of custody", "title: Chain: of custody")},
        COURSE,
        "title: Chain: of custody",
        "YAML syntax error",
        hint="quot",
    ),
    Case(
        "yaml-syntax-unclosed-flow-sequence",  # like an unclosed quote: the line the '[' opens on
        {COURSE: Edit("title: Chain of custody", "title: [Chain of custody")},
        COURSE,
        "title: [Chain of custody",
        "YAML syntax error",
    ),
    Case(
        "yaml-syntax-unclosed-flow-mapping-alone",  # a one-line file: never a line past its end
        {COURSE: "{"},
        COURSE,
        1,
        "YAML syntax error",
    ),
    Case(
        "yaml-syntax-video-unclosed-bracket",
        {EXAM: Edit("title: Sealing a bag", "title: [Sealing a bag")},
        EXAM,
        "title: [Sealing a bag",
        "YAML syntax error",
    ),
    Case(
        "yaml-syntax-stray-line",  # a line without ':' is reported there, not on the next line
        {COURSE: Edit("language: en\n", "language: en\nsummary\n")},
        COURSE,
        "summary",
        "YAML syntax error",
    ),
    Case(
        "yaml-syntax-stray-line-in-quiz",  # not on the closing ``` fence
        {SEIZURE: Edit("answer: EX\n", "answer: EX\nsee the form\n")},
        SEIZURE,
        "see the form",
        "YAML syntax error",
    ),
    Case(
        "yaml-syntax-stray-line-at-end",  # last line, no newline after it: never a line past the end
        {PRACTICE: b"id: practice\ntitle: Practice\n\n~"},
        PRACTICE,
        4,
        "YAML syntax error",
    ),
    Case(
        "yaml-syntax-course-indentation",
        {COURSE: Edit("    end: 2027-06-30", "   end: 2027-06-30")},
        COURSE,
        "   end: 2027-06-30",
        "YAML syntax error",
        hint="indentation",
    ),
    Case(
        "yaml-syntax-course-tab",
        {COURSE: Edit("  pass_mark: 0.6", "\tpass_mark: 0.6")},
        COURSE,
        "\tpass_mark",
        "a tab character: YAML indents with spaces only",
        hint="replace the tab with spaces",
    ),
    Case(
        "yaml-syntax-module",
        {BASICS: Edit("title: Basics", "title: Basics: first steps")},
        BASICS,
        "title: Basics: first steps",
        "YAML syntax error",
    ),
    Case(
        "yaml-syntax-front-matter",
        {WELCOME: Edit("title: Welcome", "title: Welcome: start here")},
        WELCOME,
        "title: Welcome: start here",
        "YAML syntax error",
    ),
    Case(
        "yaml-syntax-quiz-block",
        {WELCOME: Edit("question: Who signs the custody form?", "question: Who signs: the form?")},
        WELCOME,
        "question: Who signs: the form?",
        "YAML syntax error",
        absent=("is empty",),
    ),
    Case(
        "yaml-syntax-quiz-unclosed-quote",  # the line the quote opens on, not the closing ``` fence
        {WELCOME: Edit("question: Who signs the custody form?", 'question: "Who signs the custody form?')},
        WELCOME,
        'question: "Who signs',
        "YAML syntax error",
        absent=("is empty",),
    ),
    Case(
        "yaml-syntax-video-block",
        {EXAM: Edit("title: Sealing a bag", "title: Sealing: a bag")},
        EXAM,
        "title: Sealing: a bag",
        "YAML syntax error",
    ),
    Case(
        "yaml-syntax-front-matter-crlf",
        {WELCOME: WELCOME_MD.replace("title: Welcome", "title: Welcome: start here").replace("\n", "\r\n")},
        WELCOME,
        3,
        "YAML syntax error",
    ),
    Case(
        "lesson-with-cr-line-endings",  # old Mac line endings: lines as every editor numbers them
        {WELCOME: WELCOME_MD.replace("diagram.png", "diagramm.png").replace("\n", "\r")},
        WELCOME,
        13,
        "file not found: static/images/diagramm.png",
        alone=True,
    ),
    Case(
        "yaml-syntax-course-bom",
        {COURSE: "\ufeff" + COURSE_YAML.replace("title: Chain of custody", "title: Chain: of custody")},
        COURSE,
        3,
        "YAML syntax error",
    ),
    Case(
        "yaml-control-character",  # PyYAML's reader error has no mark: the line must still be found
        {COURSE: Edit("title: Chain of custody", "title: Chain\x07 of custody")},
        COURSE,
        "title: Chain\x07 of custody",
        "control character",
    ),
    Case(
        "yaml-unicode-line-separator",  # U+2028 (pasted from a word processor) is a line break to YAML only
        {COURSE: Edit("title: Chain of custody", "title: Chain\u2028of custody")},
        COURSE,
        "title: Chain",
        "U+2028",
    ),
    Case(
        "yaml-unicode-line-separator-in-quiz",
        {
            WELCOME: Edit(
                "question: Who signs the custody form?", "question: Who signs\u2028the custody form?"
            )
        },
        WELCOME,
        "question: Who signs",
        "U+2028",
    ),
    Case(
        "yaml-recursive-alias",  # an anchor inside itself: must not recurse until Python gives up
        {COURSE: Edit("language: en\n", "language: en\nloop: &loop [*loop]\n")},
        COURSE,
        "loop: &loop",
        "alias",
    ),
    Case(
        "yaml-python-tag",  # a tag safe_load refuses: a diagnostic, not a ConstructorError
        {COURSE: Edit("title: Chain of custody", "title: !!python/object:os.system x")},
        COURSE,
        "title: !!python",
        "python/object",
    ),
    # --- duplicate keys ------------------------------------------------------------------------
    Case(
        "duplicate-key-course",
        {COURSE: Edit("title: Chain of custody\n", "title: Chain of custody\ntitle: Chain of custody II\n")},
        COURSE,
        "title: Chain of custody II",
        "duplicate key 'title'",
        hint="only the last",
    ),
    Case(
        "duplicate-key-front-matter",
        {WELCOME: Edit("due: 2027-02-01\n", "due: 2027-02-01\nid: welcome-again\n")},
        WELCOME,
        "id: welcome-again",
        "duplicate key 'id'",
    ),
    Case(
        "duplicate-key-quiz",
        {SEIZURE: Edit("tolerance: 0\n", "tolerance: 0\nanswer: 3\n")},
        SEIZURE,
        "answer: 3",
        "duplicate key 'answer'",
    ),
    # --- unknown keys, with "did you mean" ----------------------------------------------------
    Case(
        "unknown-key-course",
        {COURSE: Edit("self_paced: false", "self_pace: false")},
        COURSE,
        "self_pace: false",
        "unknown key 'self_pace'",
        hint="did you mean 'self_paced'?",
    ),
    Case(
        "unknown-key-run",
        {COURSE: Edit("    end: 2027-06-30", "    ends: 2027-06-30")},
        COURSE,
        "ends: 2027-06-30",
        "unknown key 'ends'",
        hint="did you mean 'end'?",
    ),
    Case(
        "unknown-key-front-matter",
        {WELCOME: Edit("graded: Knowledge check", "grade: Knowledge check")},
        WELCOME,
        "grade: Knowledge check",
        "unknown key 'grade'",
        hint="did you mean 'graded'?",
    ),
    Case(
        "unknown-key-module",
        {PRACTICE: Edit("title: Practice", "tittle: Practice")},
        PRACTICE,
        "tittle: Practice",
        "unknown key 'tittle'",
        hint="did you mean 'title'?",
    ),
    Case(
        "unknown-key-quiz",
        {WELCOME: Edit("explanation:", "explaination:")},
        WELCOME,
        "explaination:",
        "unknown key 'explaination'",
        hint="did you mean 'explanation'?",
    ),
    Case(
        "unknown-key-quiz-choice",
        {WELCOME: Edit("    correct: true", "    corect: true")},
        WELCOME,
        "corect: true",
        "unknown key 'corect'",
        hint="did you mean 'correct'?",
    ),
    Case(
        "unknown-key-video",
        {EXAM: Edit("youtube: dQw4w9WgXcQ", "youtub: dQw4w9WgXcQ")},
        EXAM,
        "youtub: dQw4w9WgXcQ",
        "unknown key 'youtub'",
        hint="did you mean 'youtube'?",
    ),
    # --- missing required keys ------------------------------------------------------------------
    Case(
        "missing-key-course",
        {COURSE: Edit("number: CC101\n", "")},
        COURSE,
        1,
        "missing required key 'number'",
        hint="add 'number: …'",
    ),
    Case(
        "missing-key-run-start",
        {COURSE: Edit("    start: 2027-01-15\n", "")},
        COURSE,
        "- id: 2027_T1",
        "missing required key 'start'",
    ),
    Case(
        "missing-key-module",
        {BASICS: Edit("id: basics\n", "")},
        BASICS,
        1,
        "missing required key 'id'",
    ),
    Case(
        "missing-key-front-matter",
        {WELCOME: Edit("title: Welcome\n", "")},
        WELCOME,
        "id: welcome",
        "missing required key 'title'",
    ),
    Case(
        "missing-key-quiz-question",
        {WELCOME: Edit("question: Who signs the custody form?\n", "")},
        WELCOME,
        "id: welcome-q1",
        "missing required key 'question'",
    ),
    Case(
        "missing-key-discussion-title",
        {EXAM: Edit("title: Your own practice\n", "")},
        EXAM,
        "id: exam-discussion",
        "missing required key 'title'",
    ),
    # --- wrong types ----------------------------------------------------------------------------
    Case(
        "type-boolean",
        {COURSE: Edit("self_paced: false", "self_paced: maybe")},
        COURSE,
        "self_paced: maybe",
        "'self_paced' must be true or false, not 'maybe'",
    ),
    Case(
        "type-number-quoted",
        {COURSE: Edit("weight: 0.4", 'weight: "0.4"')},
        COURSE,
        'weight: "0.4"',
        "must be a number",
        absent=("add up to", "unknown assignment type"),
    ),
    Case(
        "type-text-is-number",
        {COURSE: Edit("number: CC101", "number: 101")},
        COURSE,
        "number: 101",
        "'number' must be text, not '101'",
        hint="quote",
    ),
    Case(
        "type-outline-not-list",
        {COURSE: Edit(OUTLINE, "outline: modules/01-basics\n")},
        COURSE,
        "outline: modules/01-basics",
        "'outline' must be a list",
    ),
    Case(
        "type-min-count-text",  # int('one') must not escape as a ValueError
        {COURSE: Edit("min_count: 1\n      drop_count: 0", "min_count: one\n      drop_count: 0")},
        COURSE,
        "min_count: one",
        "must be a whole number",
    ),
    Case(
        "type-drop-count-empty",  # int(None) must not escape as a TypeError
        {COURSE: Edit("drop_count: 0", "drop_count:")},
        COURSE,
        "drop_count:",
        "must be a whole number",
    ),
    Case(
        "type-quiz-points",
        {SEIZURE: Edit("tolerance: 0\n", "tolerance: 0\npoints: many\n")},
        SEIZURE,
        "points: many",
        "'points' must be a number",
    ),
    Case(
        "type-quiz-choice-scalar",
        {WELCOME: Edit(SECOND_CHOICE, "  - Nobody\n")},
        WELCOME,
        "  - Nobody",
        "must be a mapping of keys, not 'Nobody'",
    ),
    # --- dates ------------------------------------------------------------------------------------
    Case(
        "date-invalid",
        {COURSE: Edit("start: 2027-01-15", "start: 2027-13-45")},
        COURSE,
        "start: 2027-13-45",
        "'start' is not a valid date: '2027-13-45'",
        hint="YYYY-MM-DD",
    ),
    Case(
        "date-wrong-format",
        {COURSE: Edit("end: 2027-06-30", "end: 30/06/2027")},
        COURSE,
        "end: 30/06/2027",
        "'end' is not a valid date",
        absent=("has no end date",),
    ),
    Case(
        "date-due-words",
        {WELCOME: Edit("due: 2027-02-01", "due: next week")},
        WELCOME,
        "due: next week",
        "'due' is not a valid date",
    ),
    Case(
        "date-end-before-start",
        {COURSE: Edit("end: 2027-06-30", "end: 2026-06-30")},
        COURSE,
        "- id: 2027_T1",
        "run '2027_T1' ends before it starts",
        hint="'end' must be after 'start'",
    ),
    Case(
        "date-no-end",
        {COURSE: Edit("    end: 2027-06-30\n", "")},
        COURSE,
        "- id: 2027_T1",
        "run '2027_T1' has no end date",
    ),
    Case(
        "date-enrollment-order",
        {COURSE: Edit("enrollment_end: 2027-01-31", "enrollment_end: 2026-11-01")},
        COURSE,
        "- id: 2027_T1",
        "enrollment ends before it starts",
    ),
    Case(
        "date-enrollment-after-end",
        {COURSE: Edit("enrollment_end: 2027-01-31", "enrollment_end: 2027-07-31")},
        COURSE,
        "- id: 2027_T1",
        "enrollment ends after the course ends",
    ),
    Case(
        "date-due-before-start",  # the warning is about 'due': it belongs on the 'due' line
        {WELCOME: Edit("due: 2027-02-01", "due: 2026-02-01")},
        WELCOME,
        "due: 2026-02-01",
        "is due before the course starts",
        severity="warning",
    ),
    Case(
        "duplicate-run-id",
        {
            COURSE: Edit(
                "grading:\n", "  - id: 2027_T1\n    start: 2027-09-01\n    end: 2027-12-01\ngrading:\n"
            )
        },
        COURSE,
        "- id: 2027_T1",
        "duplicate run id '2027_T1'",
        occurrence=2,
    ),
    # --- grading --------------------------------------------------------------------------------
    Case(
        "grading-unknown-assignment-type",
        {WELCOME: Edit("graded: Knowledge check", "graded: Knowledge chek")},
        WELCOME,
        "graded: Knowledge chek",
        "unknown assignment type 'Knowledge chek'",
        hint="did you mean 'Knowledge check'?",
    ),
    Case(
        "grading-weights-not-one",
        {COURSE: Edit("weight: 0.6", "weight: 0.5")},
        COURSE,
        "- type: Knowledge check",
        "weights add up to 0.9, not 1",
        hint="0.4 + 0.6",
    ),
    Case(
        "grading-weight-nan",  # .nan slips past minimum/maximum and the sum check
        {COURSE: Edit("weight: 0.4", "weight: .nan")},
        COURSE,
        "weight: .nan",
        "weight",
        absent=("add up to", "unknown assignment type"),
    ),
    Case(
        "grading-drop-count",
        {COURSE: Edit("drop_count: 0", "drop_count: 1")},
        COURSE,
        "- type: Knowledge check",
        "assignment type 'Knowledge check' drops 1 of 1",
        hint="'drop_count' must be less than 'min_count'",
    ),
    Case(
        "grading-duplicate-type",
        {COURSE: Edit("    - type: Final exam", "    - type: Knowledge check")},
        COURSE,
        "- type: Knowledge check",
        "duplicate assignment type 'Knowledge check'",
        occurrence=2,
    ),
    Case(
        "grading-pass-mark-range",
        {COURSE: Edit("pass_mark: 0.6", "pass_mark: 60")},
        COURSE,
        "pass_mark: 60",
        "'grading.pass_mark' is 60",
    ),
    Case(
        "grading-missing-policy",
        {COURSE: Edit(GRADING_BLOCK, "")},
        WELCOME,
        "graded: Knowledge check",
        "lesson 'Welcome' is graded but course.yaml has no grading policy",
        hint="add 'grading:'",
    ),
    # --- ids ------------------------------------------------------------------------------------
    Case(
        "id-duplicate-lesson",
        {SEIZURE: Edit("id: seizure\n", "id: welcome\n")},
        SEIZURE,
        "id: welcome",
        "duplicate id 'welcome': already used by a lesson at modules/01-basics/01-welcome.md:2",
        hint="unique",
    ),
    Case(
        "id-duplicate-across-modules",
        {EXAM: Edit("id: exam\n", "id: seizure\n")},
        EXAM,
        "id: seizure",
        "duplicate id 'seizure': already used by a lesson at modules/01-basics/02-seizure.md:2",
    ),
    Case(
        "id-duplicate-unit-and-quiz",
        {SEIZURE: Edit("id: seizure-q2", "id: welcome-scope")},
        SEIZURE,
        "```quiz",
        "duplicate id 'welcome-scope': already used by a unit at modules/01-basics/01-welcome.md:8",
        occurrence=2,
    ),
    Case(
        "id-duplicate-units",
        {SEIZURE: Edit("{#seizure-naming}", "{#seizure-sealing}")},
        SEIZURE,
        "## Naming the exhibit",
        "duplicate id 'seizure-sealing': already used by a unit",
    ),
    Case(
        "id-duplicate-quizzes",
        {EXAM: Edit("id: exam-q2", "id: exam-q1")},
        EXAM,
        "```quiz",
        "duplicate id 'exam-q1': already used by a quiz",
        occurrence=2,
    ),
    Case(
        "id-duplicate-modules",
        {PRACTICE: Edit("id: practice", "id: basics")},
        PRACTICE,
        "id: basics",
        "duplicate id 'basics': already used by a module at modules/01-basics/module.yaml:1",  # not 'module.yaml:1'
    ),
    Case(
        "id-generated-unit-id-clash",  # the trainer never wrote either id: the hint must say how to fix it
        {
            SEIZURE: Edit(
                "## Sealing the bag {#seizure-sealing}\n",
                "Some words first.\n\n## Intro\n\nHello.\n\n## Sealing the bag {#seizure-sealing}\n",
            )
        },
        SEIZURE,
        "## Intro",
        "duplicate id 'seizure-intro'",
        hint="{#",
    ),
    Case(
        "id-generated-unit-id-clashes-with-explicit",
        {SEIZURE: Edit("## Naming the exhibit {#seizure-naming}", "## Sealing")},
        SEIZURE,
        "## Sealing",
        "duplicate id 'seizure-sealing'",
        hint="{#",
        occurrence=2,
    ),
    Case(
        "id-invalid-lesson",
        {WELCOME: Edit("id: welcome\n", "id: Welcome Lesson\n")},
        WELCOME,
        "id: Welcome Lesson",
        "'id' value 'Welcome Lesson' has characters that cannot be used",
        hint="lowercase letters, digits",
        alone=True,
    ),
    Case(
        "id-invalid-unit",
        {WELCOME: Edit("{#welcome-scope}", "{#Welcome_Scope}")},
        WELCOME,
        "## What this course covers",
        "unit id 'Welcome_Scope' has characters that cannot be used",
        alone=True,
    ),
    Case(
        "id-invalid-quiz",
        {WELCOME: Edit("id: welcome-q1", "id: welcome.q1")},
        WELCOME,
        "id: welcome.q1",
        "'id' value 'welcome.q1' has characters that cannot be used",
        alone=True,
    ),
    # --- outline: folders and files ----------------------------------------------------------
    Case(
        "outline-missing-module-folder",
        {COURSE: Edit("  - modules/02-practice\n", "  - modules/02-practice\n  - modules/03-missing\n")},
        COURSE,
        "  - modules/03-missing",
        "module folder not found: modules/03-missing",
        hint="relative to course.yaml",
    ),
    Case(
        "outline-missing-module-yaml",
        {PRACTICE: None},
        COURSE,
        "  - modules/02-practice",
        "no module.yaml in modules/02-practice",
        hint="add a module.yaml",
    ),
    Case(
        "outline-lesson-listed-but-missing",
        {BASICS: Edit("  - 02-seizure.md\n", "  - 02-seizure.md\n  - 03-missing.md\n")},
        BASICS,
        "  - 03-missing.md",
        "lesson file not found: 03-missing.md",
    ),
    Case(
        "outline-module-listed-twice",  # one error at the second entry, not a duplicate id per block
        {COURSE: Edit("  - modules/02-practice\n", "  - modules/02-practice\n  - modules/02-practice\n")},
        COURSE,
        "  - modules/02-practice",
        "modules/02-practice",
        occurrence=2,
    ),
    Case(
        "outline-lesson-listed-twice",
        {BASICS: Edit("  - 02-seizure.md\n", "  - 02-seizure.md\n  - 02-seizure.md\n")},
        BASICS,
        "  - 02-seizure.md",
        "02-seizure.md",
        occurrence=2,
    ),
    Case(
        "outline-no-lessons",
        {COURSE: Edit(OUTLINE, "outline: []\n")},
        COURSE,
        "outline: []",
        "the course has no lessons",
        hint="list module folders",
    ),
    Case(
        "lesson-no-front-matter",
        {SEIZURE: SEIZURE_MD.split("---\n", 2)[2]},
        SEIZURE,
        1,
        "lesson has no front matter",
        hint="start the file with ---",
        absent=("broken link",),
    ),
    Case(
        "lesson-unclosed-front-matter",
        {WELCOME: Edit("due: 2027-02-01\n---\n", "due: 2027-02-01\n")},
        WELCOME,
        1,
        "front matter is not closed",
        hint="---",
    ),
    Case(
        "lesson-front-matter-not-mapping",
        {SEIZURE: Edit("id: seizure\ntitle: Seizure\n", "- seizure\n")},
        SEIZURE,
        1,
        "front matter must hold 'id:' and 'title:'",
        absent=("broken link",),
    ),
    # --- files, images and links --------------------------------------------------------------
    Case(
        "image-missing",
        {WELCOME: Edit("diagram.png", "diagramm.png")},
        WELCOME,
        "diagramm.png",
        "file not found: static/images/diagramm.png",
        hint="relative to the file",
    ),
    Case(
        "image-missing-two-runs-reported-once",
        {
            COURSE: Edit(
                "grading:\n", "  - id: 2027_T2\n    start: 2027-09-01\n    end: 2027-12-01\ngrading:\n"
            ),
            WELCOME: Edit("diagram.png", "diagramm.png"),
        },
        WELCOME,
        "diagramm.png",
        "file not found: static/images/diagramm.png",
        alone=True,
        matrix=True,
    ),
    Case(
        "image-missing-two-languages-reported-once",
        {
            COURSE: Edit("language: en\n", "language: en\nlanguages: [en, fr]\n"),
            WELCOME: Edit("diagram.png", "diagramm.png"),
        },
        WELCOME,
        "diagramm.png",
        "file not found: static/images/diagramm.png",
        alone=True,
        matrix=True,
    ),
    Case(
        "image-no-alt-text",
        {WELCOME: Edit("![A sealed evidence bag]", "![]")},
        WELCOME,
        "![](",
        "image '../../static/images/diagram.png' has no alt text",
        hint="describe the image",
    ),
    Case(
        "image-course-image-missing",
        {COURSE: Edit("course-image.png", "cover.png")},
        COURSE,
        "course_image:",
        "file not found: static/images/cover.png",
    ),
    Case(
        "file-linked-missing",
        {WELCOME: Edit("exhibit.pdf", "exhibit-form.pdf")},
        WELCOME,
        "exhibit-form.pdf",
        "file not found: static/files/exhibit-form.pdf",
    ),
    Case(
        "file-download-missing",
        {EXAM: Edit("file: ../../static/files/exhibit.pdf", "file: ../../static/files/exhibt.pdf")},
        EXAM,
        "file: ../../static/files/exhibt.pdf",
        "file not found: static/files/exhibt.pdf",
    ),
    Case(
        "file-transcript-missing",
        {EXAM: Edit("sealing.srt", "sealing-en.srt")},
        EXAM,
        "en: ../../static/files/sealing-en.srt",
        "file not found: static/files/sealing-en.srt",
    ),
    Case(
        "file-overview-missing",
        {COURSE: Edit("overview: about.md", "overview: abut.md")},
        COURSE,
        "overview: abut.md",
        "file not found: abut.md",
    ),
    Case(
        "file-page-missing",
        {
            COURSE: Edit(
                "course_image:",
                "pages:\n  - id: glossary\n    title: Glossary\n    file: glossary.md\ncourse_image:",
            )
        },
        COURSE,
        "file: glossary.md",
        "page file not found: glossary.md",
    ),
    Case(
        "page-duplicate-id",  # two tabs with one url_slug: the second would overwrite the first
        {
            "pages/glossary.md": "# Glossary\n",
            COURSE: Edit(
                "course_image:",
                "pages:\n  - id: glossary\n    title: Glossary\n    file: pages/glossary.md\n"
                "  - id: glossary\n    title: Terms\n    file: pages/glossary.md\ncourse_image:",
            ),
        },
        COURSE,
        "- id: glossary",
        "glossary",
        occurrence=2,
    ),
    Case(
        "file-signature-missing",  # on the 'signature:' line, not the 'certificate:' line
        {
            COURSE: Edit(
                "      title: Trainer\n", "      title: Trainer\n      signature: static/images/sig.png\n"
            )
        },
        COURSE,
        "signature: static/images/sig.png",
        "file not found: static/images/sig.png",
    ),
    Case(
        "file-outside-course",
        {WELCOME: Edit("../../static/images/diagram.png", "../../../outside.png")},
        WELCOME,
        "outside.png",
        "file is outside the course folder",
        hint="static/",
    ),
    Case(
        "file-static-name-clash",
        {
            "static/images_diagram.png": PNG,
            WELCOME: Edit("Download the", "![Another bag](../../static/images_diagram.png)\n\nDownload the"),
        },
        WELCOME,
        "images_diagram.png",
        "two files would both be published as /static/images_diagram.png",
        hint="rename",
    ),
    Case(
        "link-broken-lesson",
        {WELCOME: Edit("[seizure](02-seizure.md)", "[seizure](02-seizur.md)")},
        WELCOME,
        "(02-seizur.md)",
        "broken link: '02-seizur.md' is not a lesson of this course",
    ),
    Case(
        "link-broken-unit-anchor",
        {WELCOME: Edit("02-seizure.md#seizure-sealing", "02-seizure.md#seizure-seal")},
        WELCOME,
        "#seizure-seal)",
        "broken link: no unit 'seizure-seal' in 02-seizure.md",
        hint="{#id}",
    ),
    Case(
        "link-unit-anchor-of-another-lesson",  # exam-main exists, but not in 02-seizure.md
        {WELCOME: Edit("02-seizure.md#seizure-sealing", "02-seizure.md#exam-main")},
        WELCOME,
        "#exam-main)",
        "broken link: no unit 'exam-main' in 02-seizure.md",
    ),
    Case(
        "link-broken-in-quiz-explanation",  # the line of the explanation, not of the quiz
        {
            WELCOME: Edit(
                "explanation: Every person who handles the item signs.",
                "explanation: See [it](02-seizur.md).",
            )
        },
        WELCOME,
        "explanation: See [it]",
        "broken link: '02-seizur.md' is not a lesson of this course",
    ),
    Case(
        "link-broken-in-choice-feedback",  # reported once, on the feedback line
        {WELCOME: Edit("    feedback: Right.\n", "    feedback: Right, see [it](02-seizur.md).\n")},
        WELCOME,
        "feedback: Right, see",
        "broken link: '02-seizur.md' is not a lesson of this course",
        alone=True,
    ),
    Case(
        "link-broken-in-quiz-hint",
        {WELCOME: Edit("explanation:", "hints:\n  - Look at [the lesson](02-seizur.md)\nexplanation:")},
        WELCOME,
        "Look at [the lesson]",
        "broken link: '02-seizur.md' is not a lesson of this course",
    ),
    Case(
        "link-broken-in-folded-question",  # a '>' block scalar: the line of the link, not the first line
        {
            WELCOME: Edit(
                "question: Who signs the custody form?\n",
                "question: >\n  Who signs\n  the [form](nope.pdf)?\n",
            )
        },
        WELCOME,
        "the [form](nope.pdf)",
        "file not found: modules/01-basics/nope.pdf",
    ),
    Case(
        "link-broken-in-footnote",  # the footnote's own line, wherever it is cited
        {
            SEIZURE: SEIZURE_MD.replace("every bag.\n", "every bag.[^1]\n")
            + "\n[^1]: See [the lesson](01-welcom.md).\n"
        },
        SEIZURE,
        "[^1]: See",
        "broken link: '01-welcom.md' is not a lesson of this course",
    ),
    Case(
        "image-missing-in-choice",
        {WELCOME: Edit("  - text: Nobody\n", "  - text: Nobody ![a bag](nope.png)\n")},
        WELCOME,
        "- text: Nobody",
        "file not found: modules/01-basics/nope.png",
    ),
    Case(
        "image-missing-in-quiz-context",  # a '|' block scalar
        {
            WELCOME: Edit(
                "question: Who signs the custody form?\n",
                "context: |\n  Look at the form.\n\n  ![the form](nope.png)\nquestion: Who signs the custody form?\n",
            )
        },
        WELCOME,
        "![the form]",
        "file not found: modules/01-basics/nope.png",
    ),
    Case(
        "image-missing-in-download-description",
        {
            EXAM: Edit(
                "file: ../../static/files/exhibit.pdf\n",
                "file: ../../static/files/exhibit.pdf\ndescription: |\n  Print it.\n\n  ![form](nope.png)\n",
            )
        },
        EXAM,
        "![form]",
        "file not found: modules/02-practice/nope.png",
    ),
    Case(
        "link-unsupported-scheme",
        {WELCOME: Edit("(../../static/files/exhibit.pdf)", "(ftp://example.org/exhibit.pdf)")},
        WELCOME,
        "ftp://",
        "link 'ftp://example.org/exhibit.pdf' uses an unsupported scheme",
    ),
    # --- quizzes ----------------------------------------------------------------------------------
    Case(
        "quiz-no-correct-answer",
        {WELCOME: Edit("    correct: true\n", "")},
        WELCOME,
        "- text: The officer",
        "quiz 'welcome-q1' has no correct answer",
        hint="correct: true",
    ),
    Case(
        "quiz-single-two-correct",
        {WELCOME: Edit("  - text: Nobody\n", "  - text: Nobody\n    correct: true\n")},
        WELCOME,
        "- text: The officer",
        "quiz 'welcome-q1' is 'single' but marks 2 choices correct",
        hint="type: multiple",
    ),
    Case(
        "quiz-dropdown-two-correct",
        {EXAM: Edit("  - text: The defendant\n", "  - text: The defendant\n    correct: true\n")},
        EXAM,
        "- text: The exhibits officer",
        "quiz 'exam-q2' is 'dropdown' but marks 2 choices correct",
    ),
    Case(
        "quiz-too-few-choices",
        {WELCOME: Edit(SECOND_CHOICE, "")},
        WELCOME,
        "- text: The officer",
        "quiz 'welcome-q1' needs at least two choices",
    ),
    Case(
        "quiz-duplicate-choice",
        {WELCOME: Edit("  - text: Nobody", "  - text: The officer who seizes the item")},
        WELCOME,
        "- text: The officer",
        "choice 'The officer who seizes the item' appears twice",
        occurrence=2,
    ),
    Case(
        "quiz-numerical-answer-not-number",
        {SEIZURE: Edit("answer: 2\n", "answer: two\n")},
        SEIZURE,
        "answer: two",
        "quiz 'seizure-q1': answer 'two' is not a number",
    ),
    Case(
        "quiz-numerical-answer-nan",
        {SEIZURE: Edit("answer: 2\n", "answer: .nan\n")},
        SEIZURE,
        "answer: .nan",
        "is not a number",
    ),
    Case(
        "quiz-numerical-bad-tolerance",
        {SEIZURE: Edit("tolerance: 0\n", "tolerance: lots\n")},
        SEIZURE,
        "tolerance: lots",
        "quiz 'seizure-q1': tolerance 'lots' is not understood",
        hint="'5%'",
    ),
    Case(
        "quiz-numerical-with-choices",
        {SEIZURE: Edit("tolerance: 0\n", "tolerance: 0\nchoices:\n  - text: two\n    correct: true\n")},
        SEIZURE,
        "choices:",
        "quiz 'seizure-q1': a 'numerical' quiz has no choices",
        hint="answer:",
    ),
    Case(
        "quiz-text-no-answer",
        {SEIZURE: Edit("answer: EX\n", "")},
        SEIZURE,
        "id: seizure-q2",
        "quiz 'seizure-q2' has no answer",
        hint="answer: …",
    ),
    Case(
        "quiz-text-empty-answer",
        {SEIZURE: Edit("answer: EX", 'answer: " "')},
        SEIZURE,
        'answer: " "',
        "quiz 'seizure-q2': the answer is empty",
    ),
    Case(
        "quiz-text-with-tolerance",
        {SEIZURE: Edit("answer: EX\n", "answer: EX\ntolerance: 1\n")},
        SEIZURE,
        "tolerance: 1",
        "'tolerance' applies to 'numerical' quizzes only",
    ),
    Case(
        "quiz-choice-with-answer",
        {WELCOME: Edit("explanation:", "answer: 2\nexplanation:")},
        WELCOME,
        "answer: 2",
        "'answer' does not apply to a 'single' quiz",
    ),
    Case(
        "quiz-feedback-unselected-on-single",
        {
            WELCOME: Edit(
                "    feedback: Right.\n", "    feedback: Right.\n    feedback_unselected: You missed it.\n"
            )
        },
        WELCOME,
        "feedback_unselected:",
        "'feedback_unselected' only applies to 'multiple' quizzes",
    ),
    Case(
        "quiz-dropdown-option-on-two-lines",
        {EXAM: Edit("  - text: The defendant\n", "  - text: |\n      The defendant\n      or the lawyer\n")},
        EXAM,
        "      The defendant",  # the text's first line
        "a dropdown option must be one line",
    ),
    Case(
        "quiz-also-on-numerical",
        {SEIZURE: Edit("tolerance: 0\n", "tolerance: 0\nalso: [two]\n")},
        SEIZURE,
        "also: [two]",
        "'also' applies to 'text' quizzes only",
    ),
    Case(
        "quiz-max-attempts-zero",
        {SEIZURE: Edit("tolerance: 0\n", "tolerance: 0\nmax_attempts: 0\n")},
        SEIZURE,
        "max_attempts: 0",
        "'max_attempts' is 0",
    ),
    Case(
        "file-download-outside-course",
        {EXAM: Edit("file: ../../static/files/exhibit.pdf", "file: ../../../exhibit.pdf")},
        EXAM,
        "file: ../../../exhibit.pdf",
        "file is outside the course folder",
    ),
    Case(
        "quiz-unknown-type",
        {WELCOME: Edit("type: single", "type: singel")},
        WELCOME,
        "type: singel",
        "'type' is 'singel', which is not allowed",
        hint="did you mean 'single'?",
    ),
    Case(
        "quiz-block-not-a-mapping",
        {SEIZURE: after_seal("```quiz\njust a sentence\n```")},
        SEIZURE,
        "```quiz",
        "```quiz block must hold 'key: value' lines",
    ),
    Case(
        "quiz-control-character",  # "\x01" is valid YAML but not XML: a diagnostic, not an lxml error
        {
            WELCOME: Edit(
                "question: Who signs the custody form?", 'question: "Who signs\\x01 the custody form?"'
            )
        },
        WELCOME,
        "question: ",
        "character",
    ),
    Case(
        "module-title-control-character",  # "\0" in a display name: a diagnostic, not an lxml ValueError
        {PRACTICE: Edit("title: Practice", 'title: "Prac\\0tice"')},
        PRACTICE,
        "title: ",
        "character",
    ),
    Case(
        "unit-heading-control-character",  # a unit title becomes an XML attribute
        {WELCOME: Edit("## What this course covers", "## What this course\x01 covers")},
        WELCOME,
        "## What this course",
        "control character",
    ),
    # --- components -------------------------------------------------------------------------------
    Case(
        "component-unknown-type",
        {WELCOME: Edit("```quiz", "```quizz")},
        WELCOME,
        "```quizz",
        "unknown component type 'quizz'",
        hint="did you mean 'quiz'?",
    ),
    Case(
        "component-unknown-type-video",
        {EXAM: Edit("```video", "```vidoe")},
        EXAM,
        "```vidoe",
        "unknown component type 'vidoe'",
        hint="did you mean 'video'?",
    ),
    Case(
        "component-unclosed-fence",  # the block swallows the rest of the lesson: say so where it opens
        {SEIZURE: Edit("tolerance: 0\n```\n", "tolerance: 0\n")},
        SEIZURE,
        "```quiz",
        "closed",
    ),
    Case(
        "component-quiz-inside-blockquote",  # would be shown to learners as YAML code
        {
            SEIZURE: Edit(
                "```quiz\nid: seizure-q1\ntype: numerical\nquestion: How many signatures do two transfers need?\n"
                "answer: 2\ntolerance: 0\n```",
                "> ```quiz\n> id: seizure-q1\n> type: numerical\n> question: How many?\n> answer: 2\n> ```",
            )
        },
        SEIZURE,
        "> ```quiz",
        "quiz",
        severity="error|warning",
    ),
    Case(
        "component-unknown-scenario",
        {SEIZURE: after_seal("```scenario sealing-lab\n```")},
        SEIZURE,
        "```scenario sealing-lab",
        "unknown scenario 'sealing-lab' (no scenarios/sealing-lab.yaml)",
    ),
    Case(
        "component-unknown-case",
        {SEIZURE: after_seal("```adjudication mock-trial\n```")},
        SEIZURE,
        "```adjudication mock-trial",
        "unknown case 'mock-trial' (no cases/mock-trial.yaml)",
    ),
    Case(
        "component-scenario-file-id-mismatch",  # reaches the XBlock's own checks: a diagnostic, never a crash
        {
            "scenarios/sealing-lab.yaml": "id: sealing\ntitle: Sealing lab\n",
            SEIZURE: after_seal("```scenario sealing-lab\n```"),
        },
        "scenarios/sealing-lab.yaml",
        1,
        "sealing",
    ),
    Case(
        "component-scenario-without-id",
        {SEIZURE: after_seal("```scenario\n```")},
        SEIZURE,
        "```scenario",
        "```scenario needs the id of the file to place",
    ),
    Case(
        "component-video-without-source",
        {EXAM: Edit("youtube: dQw4w9WgXcQ\n", "")},
        EXAM,
        "```video",
        "video 'exam-video' has neither 'youtube' nor 'file'",
        hint="YouTube id",
    ),
    Case(
        "component-video-bad-youtube-id",  # the hint must be about YouTube ids, not course ids
        {EXAM: Edit("youtube: dQw4w9WgXcQ", "youtube: https://youtu.be/dQw4w9WgXcQ")},
        EXAM,
        "youtube: https://youtu.be/dQw4w9WgXcQ",
        "'youtube'",
        hint="YouTube",
    ),
    Case(
        "component-download-without-file",
        {EXAM: Edit("file: ../../static/files/exhibit.pdf\n", "")},
        EXAM,
        "id: exam-form",
        "missing required key 'file'",
    ),
    # --- languages and variants -------------------------------------------------------------
    Case(
        "variant-declared-but-missing",
        {COURSE: Edit("language: en\n", "language: en\nvariants: [examplia]\n")},
        COURSE,
        "variants: [examplia]",
        "unknown variant 'examplia'",
        matrix=True,
        alone=True,
    ),
    Case(
        "variant-replace-file-missing",  # on the 'file:' line
        {
            COURSE: Edit("language: en\n", "language: en\nvariants: [examplia]\n"),
            "variants/examplia/variant.yaml": "title: Examplia\nreplace:\n  lessons:\n    - id: welcome\n      file: lessons/nope.md\n",
        },
        "variants/examplia/variant.yaml",
        "file: lessons/nope.md",
        "lessons/nope.md",
        matrix=True,
    ),
    Case(
        "variant-add-after-unknown-lesson",  # on the 'after:' line
        {
            COURSE: Edit("language: en\n", "language: en\nvariants: [examplia]\n"),
            "variants/examplia/variant.yaml": "title: Examplia\nadd:\n  lessons:\n    - file: lessons/x.md\n      module: basics\n      after: welcom\n",
            "variants/examplia/lessons/x.md": "---\nid: extra\ntitle: Extra\n---\n\n## Extra {#extra-x}\n\nText.\n",
        },
        "variants/examplia/variant.yaml",
        "after: welcom",
        "no lesson 'welcom'",
        matrix=True,
        alone=True,
    ),
    Case(
        "template-unknown-variable",
        {
            COURSE: Edit("language: en\n", "language: en\njurisdiction:\n  statute_name: the Drugs Act\n"),
            WELCOME: Edit(
                "Evidence must be handled", "Under {{ jurisdiction.statue_name }}, evidence must be handled"
            ),
        },
        WELCOME,
        "Under {{",
        "unknown variable 'jurisdiction.statue_name'",
        hint="statute_name",
    ),
    Case(
        "i18n-po-syntax-error",  # an unclosed quote in a translation file: an error at its line
        {
            COURSE: Edit("language: en\n", "language: en\nlanguages: [en, fr]\n"),
            "locale/fr.po": PO_HEAD + 'msgctxt "lesson:welcome"\nmsgid "Welcome\nmsgstr "Bienvenue"\n',
        },
        "locale/fr.po",
        6,
        "",
        hint="msgid",
        matrix=True,
    ),
    Case(
        "i18n-po-not-a-po-file",
        {
            COURSE: Edit("language: en\n", "language: en\nlanguages: [en, fr]\n"),
            "locale/fr.po": "this is not a po file\n",
        },
        "locale/fr.po",
        1,
        "",
        hint="msgid",
        matrix=True,
    ),
    Case(
        "i18n-po-not-utf8",
        {
            COURSE: Edit("language: en\n", "language: en\nlanguages: [en, fr]\n"),
            "locale/fr.po": (
                PO_HEAD + 'msgctxt "lesson:welcome"\nmsgid "Welcome"\nmsgstr "Bienvenue \xe9"\n'
            ).encode("latin-1"),
        },
        "locale/fr.po",
        7,
        "file is not valid UTF-8",
        matrix=True,
    ),
    # --- encodings and empty files -------------------------------------------------------------
    Case(
        "encoding-lesson-not-utf8",
        {
            SEIZURE: SEIZURE_MD.replace(
                "Seal and label every bag.", "Seal and label every bag (scellé)."
            ).encode("cp1252")
        },
        SEIZURE,
        8,
        "file is not valid UTF-8",
        hint="UTF-8",
        absent=("broken link",),
    ),
    Case(
        "encoding-course-not-utf8",
        {
            COURSE: COURSE_YAML.replace("title: Chain of custody", "title: Chaîne de possession").encode(
                "latin-1"
            )
        },
        COURSE,
        3,
        "file is not valid UTF-8",
    ),
    Case(
        "encoding-module-not-utf8",
        {PRACTICE: "id: practice\ntitle: Pratique générale\n".encode("latin-1")},
        PRACTICE,
        2,
        "file is not valid UTF-8",
    ),
    Case("empty-course-yaml", {COURSE: ""}, COURSE, 1, "course.yaml is empty", hint="benchbook new course"),
    Case("empty-course-yaml-comments", {COURSE: "# to do\n"}, COURSE, 1, "course.yaml is empty"),
    Case(
        "course-yaml-a-list",
        {COURSE: "- org: UNODC\n"},
        COURSE,
        1,
        "course.yaml must hold 'key: value' lines",
    ),
    Case("empty-module-yaml", {PRACTICE: ""}, PRACTICE, 1, "module.yaml must hold 'id:' and 'title:'"),
    Case("empty-lesson-file", {EXAM: ""}, EXAM, 1, "lesson has no front matter"),
    # --- warnings -------------------------------------------------------------------------------
    Case(
        "warning-empty-unit",
        {
            WELCOME: Edit(
                "## Check your understanding", "## Coming soon {#welcome-soon}\n\n## Check your understanding"
            )
        },
        WELCOME,
        "## Coming soon",
        "unit 'Coming soon' is empty",
        severity="warning",
    ),
    Case(
        "warning-empty-lesson",
        {EXAM: "---\nid: exam\ntitle: Final exam\ngraded: Final exam\n---\n"},
        EXAM,
        "id: exam",
        "lesson 'Final exam' is empty",
        severity="warning",
    ),
    Case(
        "warning-due-after-the-course-ends",  # the counterpart of date-due-before-start
        {WELCOME: Edit("due: 2027-02-01", "due: 2027-09-01")},
        WELCOME,
        "due: 2027-09-01",
        "due",
        severity="error|warning",
    ),
    Case(
        "warning-lesson-file-not-listed",  # module.yaml lists its lessons: a new file would silently vanish
        {
            "modules/01-basics/03-extra.md": "---\nid: extra\ntitle: Extra\n---\n\n## Extra {#extra-x}\n\nMore.\n"
        },
        "modules/01-basics/03-extra.md",
        1,
        "03-extra.md",
        severity="error|warning",
    ),
    Case(
        "warning-video-without-transcript",
        {EXAM: Edit("transcripts:\n  en: ../../static/files/sealing.srt\n", "")},
        EXAM,
        "```video",
        "video 'exam-video' has no transcript",
        severity="warning",
    ),
    Case(
        "warning-assignment-type-unused",
        {EXAM: Edit("graded: Final exam\n", "")},
        COURSE,
        "- type: Final exam",
        "no lesson is graded as 'Final exam'",
        severity="warning",
    ),
]


def expected_line(case: Case, folder: Path) -> int:
    if isinstance(case.line, int):
        return case.line
    text = (folder / case.file).read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    return line_of(text, case.line, case.occurrence)


def describe(diagnostics: list[Diagnostic], folder: Path) -> str:
    return "\n".join(d.format(folder) for d in diagnostics) or "(no diagnostics)"


def compile_quietly(folder: Path, matrix: bool = False):
    """compile_course (or, for *matrix*, every language and variant, as ``check`` does), with any
    exception turned into a test failure that shows it plainly."""
    compile_ = compile_matrix if matrix else compile_course
    try:
        return compile_(folder)
    except BaseException as exc:  # RecursionError too
        pytest.fail(f"{compile_.__name__} raised {type(exc).__name__}: {str(exc)[:300]}", pytrace=False)


@pytest.fixture
def course_folder(tmp_path: Path) -> Path:
    return tmp_path / "course"


def test_the_corpus_is_big_enough_and_ids_are_unique():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 45


def test_the_base_course_compiles_without_any_diagnostic(course_folder: Path):
    compilation = compile_quietly(write_course(course_folder))
    assert compilation.diagnostics.items == [], describe(compilation.diagnostics.items, course_folder)
    assert [run.run_id for run in compilation.runs] == ["2027_T1"]


def test_every_case_edits_the_base_course():
    for case in CASES:
        assert course_files(case.changes) != course_files(), case.id


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_source(case: Case, course_folder: Path):
    folder = write_course(course_folder, case.changes).resolve()
    compilation = compile_quietly(folder, case.matrix)
    items = compilation.diagnostics.items
    shown = describe(items, folder)

    # Every diagnostic says where: a file in (or the folder of) the course.
    for diagnostic in items:
        assert diagnostic.position is not None, f"no position: {diagnostic.format()}\n{shown}"
        assert diagnostic.position.file.is_relative_to(folder), f"outside the course: {diagnostic.format()}"

    line = expected_line(case, folder)
    file = folder / case.file
    matching = [d for d in items if case.message in d.message and d.severity in case.severity.split("|")]
    assert matching, f"no {case.severity} containing {case.message!r}; got:\n{shown}"
    placed = [d for d in matching if d.position.file == file and d.position.line == line]
    assert placed, (
        f"expected {case.severity} {case.message!r} at {case.file}:{line}; got:\n"
        + describe(matching, folder)
        + f"\n--- all diagnostics:\n{shown}"
    )
    if case.hint:
        assert any(case.hint in d.hint for d in placed), f"hint should mention {case.hint!r}; got:\n{shown}"
    for follow_on in case.absent:
        assert not any(follow_on in d.message for d in items), f"misleading follow-on {follow_on!r}:\n{shown}"
    if case.alone:
        assert len(compilation.diagnostics.errors) == 1, f"one mistake should give one error; got:\n{shown}"
    if "error" in case.severity:
        assert compilation.diagnostics.has_errors(strict=True)
    else:
        assert not compilation.diagnostics.errors, f"only the warning was expected; got:\n{shown}"
        assert compilation.diagnostics.has_errors(strict=True)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_every_diagnostic_says_what_to_do(case: Case, course_folder: Path):
    folder = write_course(course_folder, case.changes).resolve()
    items = compile_quietly(folder, case.matrix).diagnostics.items
    assert not [d.format() for d in items if not d.hint.strip()], "every diagnostic needs a hint"


def test_every_problem_in_one_pass(course_folder: Path):
    """Three unrelated mistakes in three files: all three are reported by one compile."""
    folder = write_course(
        course_folder,
        {
            COURSE: Edit("self_paced: false", "self_pace: false"),
            WELCOME: Edit("diagram.png", "diagramm.png"),
            SEIZURE: Edit("answer: 2\n", "answer: two\n"),
        },
    ).resolve()
    messages = [d.message for d in compile_quietly(folder).diagnostics.errors]
    assert any("unknown key 'self_pace'" in m for m in messages), messages
    assert any("file not found: static/images/diagramm.png" in m for m in messages), messages
    assert any("answer 'two' is not a number" in m for m in messages), messages


def test_a_folder_without_course_yaml_is_one_diagnostic(tmp_path: Path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (diagnostic,) = compile_quietly(folder).diagnostics.items
    assert diagnostic.message == "no course.yaml in empty/"
    assert "benchbook new course" in diagnostic.hint


# ------------------------------------------------------------------------------------------------
# The command line: exit codes, output formats, no traceback.
# ------------------------------------------------------------------------------------------------

CLI_CASES = [
    case
    for case in CASES
    if case.id
    in {
        "yaml-syntax-course",
        "yaml-syntax-quiz-block",
        "unknown-key-course",
        "date-end-before-start",
        "id-duplicate-lesson",
        "image-no-alt-text",
        "encoding-lesson-not-utf8",
        "empty-course-yaml",
        "yaml-recursive-alias",
        "type-min-count-text",
        "yaml-python-tag",
        "quiz-control-character",
    }
]


def invoke(*args: str, cwd: Path):
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), catch_exceptions=True)
    finally:
        os.chdir(old)


def output_of(result) -> str:
    stderr = result.stderr if result.stderr_bytes is not None else ""
    return result.stdout + stderr


def assert_handled(result) -> None:
    """The command ended by itself (exit code), not with an exception escaping it."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}\n{output_of(result)}"
    )


def assert_no_traceback(text: str) -> None:
    assert "Traceback" not in text, text
    assert "internal error" not in text, text


def test_cli_cases_were_all_found():
    assert len(CLI_CASES) == 12


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_check_prints_the_location_and_exits_1_without_traceback(case: Case, tmp_path: Path):
    """Every case through the real command: ``path:line:col: severity: message``, exit 1, no traceback.

    A case whose only problem is a warning exits 0, and 1 with --strict.
    """
    folder = write_course(tmp_path / "course", case.changes)
    strict = ["--strict"] if "warning" in case.severity else []
    result = invoke("check", *strict, "course", cwd=tmp_path)
    text = output_of(result)
    assert_handled(result)
    assert_no_traceback(text)
    assert result.exit_code == 1, text
    line = expected_line(case, folder)
    location = f"{Path('course') / case.file}:{line}:"
    severities = tuple(f" {severity}: " for severity in case.severity.split("|"))
    assert any(
        row.startswith(location) and case.message in row and any(s in row for s in severities)
        for row in text.splitlines()
    ), f"expected a line starting {location} with {case.message!r}:\n{text}"
    if case.severity == "warning":
        assert invoke("check", "course", cwd=tmp_path).exit_code == 0


@pytest.mark.parametrize("case", CLI_CASES[:6], ids=[case.id for case in CLI_CASES[:6]])
def test_check_json_gives_file_line_and_message(case: Case, tmp_path: Path):
    folder = write_course(tmp_path / "course", case.changes)
    result = invoke("check", "--format", "json", "course", cwd=tmp_path)
    assert_handled(result)
    assert result.exit_code == 1, output_of(result)
    items = json.loads(result.stdout)
    assert isinstance(items, list) and items
    for item in items:
        assert set(item) >= {"severity", "message", "hint", "file", "line", "col"}, item
    line = expected_line(case, folder)
    assert any(
        item["file"] == str(Path("course") / case.file)
        and item["line"] == line
        and case.message in item["message"]
        for item in items
    ), json.dumps(items, indent=2)


def test_check_on_a_valid_course_exits_0(tmp_path: Path):
    write_course(tmp_path / "course")
    result = invoke("check", "course", cwd=tmp_path)
    assert result.exit_code == 0, output_of(result)
    assert "ok: no problems found" in result.stdout


def test_json_on_a_valid_course_is_an_empty_list(tmp_path: Path):
    write_course(tmp_path / "course")
    result = invoke("check", "--format", "json", "course", cwd=tmp_path)
    assert result.exit_code == 0, output_of(result)
    assert json.loads(result.stdout) == []


WARNING_ONLY = {
    WELCOME: Edit(
        "## Check your understanding", "## Coming soon {#welcome-soon}\n\n## Check your understanding"
    )
}


def test_a_warning_alone_exits_0(tmp_path: Path):
    write_course(tmp_path / "course", WARNING_ONLY)
    result = invoke("check", "course", cwd=tmp_path)
    assert result.exit_code == 0, output_of(result)
    assert "warning: unit 'Coming soon' is empty" in output_of(result)


def test_strict_turns_a_warning_into_a_failure(tmp_path: Path):
    write_course(tmp_path / "course", WARNING_ONLY)
    result = invoke("check", "--strict", "course", cwd=tmp_path)
    assert result.exit_code == 1, output_of(result)
    assert "unit 'Coming soon' is empty" in output_of(result)
    assert "0 error(s), 1 warning(s) — --strict: warnings fail the build" in output_of(result)


def test_build_with_strict_writes_nothing_for_a_warning(tmp_path: Path):
    write_course(tmp_path / "course", WARNING_ONLY)
    result = invoke("build", "--strict", "course", "--out", "dist", cwd=tmp_path)
    assert result.exit_code == 1, output_of(result)
    assert not list(tmp_path.glob("dist/*.tar.gz"))


def test_build_exits_1_on_content_errors_and_writes_nothing(tmp_path: Path):
    write_course(tmp_path / "course", {COURSE: Edit("self_paced: false", "self_pace: false")})
    result = invoke("build", "course", "--out", "dist", cwd=tmp_path)
    text = output_of(result)
    assert result.exit_code == 1, text
    assert_no_traceback(text)
    assert "unknown key 'self_pace'" in text
    assert not list(tmp_path.glob("dist/*"))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "no-such-folder"], "is not a course folder"),
        (["check", "not-a-course"], "has no course.yaml"),
        (["check", "--format", "xml", "course"], "Invalid value for '--format'"),
        (["check", "--no-such-option", "course"], "No such option"),
        (["build", "no-such-folder"], "is not a course folder"),
        (["build", "course", "--out", "a-file"], "a-file"),  # --out names a file, not a folder
    ],
    ids=[
        "missing-folder",
        "folder-without-course-yaml",
        "bad-format",
        "bad-option",
        "build-missing-folder",
        "out-is-a-file",
    ],
)
def test_usage_errors_exit_2(args: list[str], expected: str, tmp_path: Path):
    write_course(tmp_path / "course")
    (tmp_path / "not-a-course").mkdir()
    (tmp_path / "a-file").write_text("not a folder\n")
    result = invoke(*args, cwd=tmp_path)
    text = output_of(result)
    assert_handled(result)
    assert result.exit_code == 2, text
    assert expected in text
    assert_no_traceback(text)


# The real console script, as a trainer and CI run it.


def run_benchbook(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "BENCHBOOK_DEBUG"}
    return subprocess.run(
        [str(BENCHBOOK), *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )


SUBPROCESS_CASES = [
    case
    for case in CASES
    if case.id in {"yaml-syntax-front-matter", "encoding-course-not-utf8", "yaml-recursive-alias"}
]


@pytest.mark.parametrize("case", SUBPROCESS_CASES, ids=[case.id for case in SUBPROCESS_CASES])
def test_console_script_reports_without_traceback(case: Case, tmp_path: Path):
    folder = write_course(tmp_path / "course", case.changes)
    result = run_benchbook("check", "course", cwd=tmp_path)
    text = result.stdout + result.stderr
    assert_no_traceback(text)
    assert result.returncode == 1, text
    location = f"{Path('course') / case.file}:{expected_line(case, folder)}:"
    assert location in result.stderr, text
    assert "hint: " in result.stderr


def test_console_script_json_output(tmp_path: Path):
    write_course(tmp_path / "course", {WELCOME: Edit("graded: Knowledge check", "graded: Knowledge chek")})
    result = run_benchbook("check", "--format", "json", "course", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    (item,) = [item for item in json.loads(result.stdout) if item["severity"] == "error"]
    assert item == {
        "severity": "error",
        "message": "unknown assignment type 'Knowledge chek'",
        "hint": "did you mean 'Knowledge check'?",
        "file": str(Path("course") / WELCOME),
        "line": line_of(WELCOME_MD, "graded:"),
        "col": item["col"],
    }
    assert item["col"] >= 1


def test_console_script_usage_error_exits_2(tmp_path: Path):
    result = run_benchbook("check", "no-such-folder", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result.stdout + result.stderr)


def test_the_exam_and_course_files_are_those_the_cases_edit():
    # Guards the line-number contract of the table above against edits to the base course.
    assert line_of(COURSE_YAML, "title: Chain of custody") == 3
    assert line_of(WELCOME_MD, "## What this course covers") == 8
    assert line_of(EXAM_MD, "```video") > line_of(EXAM_MD, "```quiz", 2)


DIAGNOSTIC_LINE = r"^\S[^:]*:\d+(:\d+)?: (error|warning): \S.*$"


def test_text_output_is_path_line_col_severity_message(tmp_path: Path):
    """Editors and CI read ``path:line:col: error: message``; hints are indented under it."""
    import re

    write_course(
        tmp_path / "course",
        {
            COURSE: Edit("self_paced: false", "self_pace: false"),
            WELCOME: Edit("diagram.png", "diagramm.png"),
            SEIZURE: Edit("## Naming the exhibit", "## Coming soon\n\n## Naming the exhibit"),
        },
    )
    result = invoke("check", "course", cwd=tmp_path)
    assert result.exit_code == 1
    rows = output_of(result).splitlines()
    summary = rows.pop()
    assert re.fullmatch(r"\d+ error\(s\), \d+ warning\(s\)", summary), summary
    assert rows
    for row in rows:
        assert re.match(DIAGNOSTIC_LINE, row) or row.startswith("  hint: "), row
    located = [row for row in rows if not row.startswith("  ")]
    assert located == sorted(located, key=lambda row: (row.split(":")[0], int(row.split(":")[1]))), (
        "diagnostics are listed in file order"
    )


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch, capsys, tmp_path: Path):
    """The console script's last resort: a bug in Benchbook is reported without a traceback (exit 70)."""
    from benchbook.authoring import cli
    from benchbook.authoring.commands import check

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    write_course(tmp_path / "course")
    monkeypatch.setattr(check, "find_courses", broken)
    monkeypatch.setattr(sys, "argv", ["benchbook", "check", str(tmp_path / "course")])
    monkeypatch.delenv("BENCHBOOK_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.run()
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: simulated bug" in err
    assert "Traceback" not in err


def test_check_without_arguments_and_without_courses_is_a_usage_error(tmp_path: Path):
    result = invoke("check", cwd=tmp_path)
    assert result.exit_code == 2, output_of(result)
    assert "no course given" in output_of(result)
    assert_no_traceback(output_of(result))


def test_check_reports_every_course_given(tmp_path: Path):
    """Two courses, one broken: exit 1, and the broken one's problem is reported with its own path."""
    write_course(tmp_path / "courses" / "good")
    write_course(tmp_path / "courses" / "bad", {WELCOME: Edit("diagram.png", "diagramm.png")})
    result = invoke("check", cwd=tmp_path)  # default: every course under ./courses
    text = output_of(result)
    assert result.exit_code == 1, text
    expected = f"{Path('courses') / 'bad' / WELCOME}:{line_of(WELCOME_MD, 'diagram.png')}:"
    assert any(row.startswith(expected) for row in text.splitlines()), text
    assert "courses/good" not in text.replace("\\", "/")


def test_build_json_output_on_content_errors(tmp_path: Path):
    write_course(tmp_path / "course", {SEIZURE: Edit("answer: 2\n", "answer: two\n")})
    result = invoke("build", "--format", "json", "course", "--out", "dist", cwd=tmp_path)
    assert_handled(result)
    assert result.exit_code == 1, output_of(result)
    items = json.loads(result.stdout)
    assert [item["message"] for item in items if item["severity"] == "error"] == [
        "quiz 'seizure-q1': answer 'two' is not a number"
    ]
    (item,) = [item for item in items if item["severity"] == "error"]
    assert (item["file"], item["line"]) == (str(Path("course") / SEIZURE), line_of(SEIZURE_MD, "answer: 2"))
    assert not list(tmp_path.glob("dist/*"))


def test_a_course_without_grading_is_reported_or_builds_olx_olxcleaner_accepts(tmp_path: Path):
    """No 'grading:' (and no graded lesson): either an error says what to add, or the package is one
    Open edX's validator accepts — never a package that olxcleaner rejects."""
    from tests.support.packages import olxcleaner_errors

    ungraded = {
        COURSE: Edit(GRADING_BLOCK, ""),
        WELCOME: Edit("graded: Knowledge check\n", ""),
        EXAM: Edit("graded: Final exam\n", ""),
    }
    folder = write_course(tmp_path / "course", ungraded).resolve()
    compilation = compile_quietly(folder)
    if any(d.position and d.position.file == folder / COURSE for d in compilation.diagnostics.errors):
        return  # an error in course.yaml: the trainer is told, and no package is built
    (run,) = compilation.runs
    olx = write_files(tmp_path / "olx", run.tree.files)
    assert olxcleaner_errors(olx) == []


def test_json_output_is_only_json_even_when_a_library_prints(tmp_path: Path):
    """A broken .po file makes polib print warnings: they must not end up in --format json's stdout."""
    changes = {
        COURSE: Edit("language: en\n", "language: en\nlanguages: [en, fr]\n"),
        "locale/fr.po": "this is not a po file\n{{{\n",
    }
    write_course(tmp_path / "course", changes)
    result = run_benchbook("check", "--format", "json", "course", cwd=tmp_path)
    json.loads(result.stdout)  # raises if anything else was printed to stdout
    assert_no_traceback(result.stdout + result.stderr)


def test_a_variant_that_replaces_a_linked_lesson_keeps_the_links(tmp_path: Path):
    """The replacement keeps the lesson's id, so links to the lesson (and to its units) still work."""
    changes = {
        COURSE: Edit("language: en\n", "language: en\nvariants: [examplia]\n"),
        "variants/examplia/variant.yaml": (
            "title: Examplia\nreplace:\n  lessons:\n    - id: seizure\n      file: lessons/seizure.md\n"
        ),
        "variants/examplia/lessons/seizure.md": (
            "---\nid: seizure\ntitle: Seizure in Examplia\n---\n\n## Sealing the bag {#seizure-sealing}\n\n"
            "Seal every bag.\n"
        ),
    }
    folder = write_course(tmp_path / "course", changes).resolve()
    compilation = compile_quietly(folder, matrix=True)
    assert not compilation.diagnostics.errors, compilation.diagnostics.format(folder)
    variant_runs = [run for run in compilation.runs if run.variant == "examplia"]
    assert variant_runs
    html = variant_runs[0].tree.files["html/welcome-scope-text.html"].decode()
    assert 'href="/jump_to_id/seizure"' in html
    assert 'href="/jump_to_id/seizure-sealing"' in html


def test_json_file_field_is_the_whole_path_even_with_a_colon_in_a_file_name(tmp_path: Path):
    """``file`` is the path itself, not the text before the first ':' of ``path:line:col``."""
    name = "modules/01-basics/02-seizure: part 1.md"
    files = course_files(
        {
            BASICS: Edit("  - 02-seizure.md", '  - "02-seizure: part 1.md"'),
            WELCOME: Edits(
                (
                    Edit("](02-seizure.md)", "](<02-seizure: part 1.md>)"),
                    Edit("](02-seizure.md#seizure-sealing)", "](<02-seizure: part 1.md#seizure-sealing>)"),
                )
            ),
        }
    )
    files[name] = files.pop(SEIZURE).replace("answer: 2\n", "answer: two\n")
    write_files(tmp_path / "course", files)
    result = invoke("check", "--format", "json", "course", cwd=tmp_path)
    assert result.exit_code == 1, output_of(result)
    (item,) = json.loads(result.stdout)
    assert item["message"] == "quiz 'seizure-q1': answer 'two' is not a number"
    assert item["file"] == str(Path("course") / name)
    assert item["line"] == line_of(SEIZURE_MD, "answer: 2")


def test_yaml_merge_keys_work_or_are_explained_plainly(tmp_path: Path):
    """``<<: *anchor`` is standard YAML (PyYAML's safe loader merges it): the course should compile
    with both runs — or, if merge keys are refused, say so in words, not with a YAML tag URI and a
    hint about a '!' tag the trainer never wrote."""
    merged = "  - &first\n    id: 2027_T1\n    start: 2027-01-15\n    end: 2027-06-30\n  - <<: *first\n    id: 2027_T2\n"
    folder = write_course(tmp_path / "course", {COURSE: Edit(RUN_BLOCK, merged)}).resolve()
    compilation = compile_quietly(folder)
    if not compilation.diagnostics.errors:
        assert [run.run_id for run in compilation.runs] == ["2027_T1", "2027_T2"]
        return
    (error,) = compilation.diagnostics.errors
    assert error.position.line == line_of(COURSE_YAML.replace(RUN_BLOCK, merged), "<<: *first")
    assert "tag:yaml.org" not in error.message and "'!'" not in error.hint, error.format(folder)


def test_a_link_to_a_page_of_a_pdf_keeps_its_fragment(tmp_path: Path):
    """``exhibit.pdf#page=2`` opens the PDF at page 2: the published link keeps ``#page=2``."""
    folder = write_course(
        tmp_path / "course", {WELCOME: Edit("exhibit.pdf)", "exhibit.pdf#page=2)")}
    ).resolve()
    compilation = compile_quietly(folder)
    assert not compilation.diagnostics.items, compilation.diagnostics.format(folder)
    html = compilation.runs[0].tree.files["html/welcome-scope-text.html"].decode()
    assert 'href="/static/files_exhibit.pdf#page=2"' in html, html
