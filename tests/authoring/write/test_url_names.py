"""Every url_name in a package is unique, and a text block's id does not move when others do.

The ids the compiler makes (text blocks, downloads without ``id``, a staff-graded case's reasons)
are checked together with the written ones, so a clash is an error at ``check`` and ``build``
time at the block to change, naming the other one, and nothing is written. Text blocks take their
id from what they follow (docs/decisions/0002-stable-ids.md), so inserting components and text
moves no existing block's id.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from benchbook.authoring.cli import main
from benchbook.authoring.diagnostics import Position
from benchbook.authoring.load.located import Located
from benchbook.authoring.model import Download, Prose, Quiz, Unit, Video
from benchbook.authoring.pipeline import compile_course
from benchbook.authoring.validate.ids import assign_unit_ids, url_names
from tests.support.packages import build, extract, olxcleaner_errors

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "courses"
PROSE = "modules/01-basics/01-prose.md"
FINAL = "modules/02-evidence/final.md"
DOWNLOAD = """\
```download
title: Laboratory report (example)
file: ../../static/docs/Lab report (2026).pdf
description: An invented report used in the exercises.
```
"""


@pytest.fixture
def course(tmp_path) -> Path:
    copy = tmp_path / "src" / "complete"
    shutil.copytree(FIXTURES / "complete", copy)
    return copy


def edit(course: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = course / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, count))


def line_of(course: Path, name: str, needle: str, occurrence: int = 1) -> int:
    lines = [i for i, line in enumerate((course / name).read_text().split("\n"), 1) if needle in line]
    return lines[occurrence - 1]


def errors(course: Path) -> list:
    return compile_course(course).diagnostics.errors


def url_names_in(archive: Path, destination: Path) -> dict[str, str]:
    """url_name → its tag, for every block the package defines or points to."""
    names: dict[str, str] = {}
    for path in extract(archive, destination).rglob("*.xml"):
        for tag, name in re.findall(rb'<(\w+) url_name="([^"]+)"', path.read_bytes()):
            names[name.decode()] = tag.decode()
    return names


def html_of(archive: Path, destination: Path) -> dict[str, str]:
    root = extract(archive, destination)
    return {path.stem: path.read_text() for path in (root / "html").glob("*.html")}


def assert_fails_everywhere(course: Path, tmp_path: Path, location: str, message: str, hint: str) -> None:
    """The one error, by ``check`` and by ``build`` (exit 1, nothing written)."""
    (error,) = errors(course)
    assert message in error.message and hint in error.hint, error.format(course)
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(course)])
    assert result.exit_code == 1, result.output
    assert f"{location}: error: {message}" in result.output, result.output
    out = tmp_path / "dist"
    result = runner.invoke(main, ["build", str(course), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "nothing was written" in result.output
    assert not out.exists() or not any(out.iterdir())


# Collisions ---------------------------------------------------------------------------------


def test_the_same_download_twice_in_a_unit_is_an_error_at_the_second(course, tmp_path):
    edit(course, PROSE, DOWNLOAD, DOWNLOAD + "\n" + DOWNLOAD)
    first = line_of(course, PROSE, "```download")
    second = line_of(course, PROSE, "```download", 2)
    assert_fails_everywhere(
        course,
        tmp_path,
        f"{PROSE}:{second}:1",
        "duplicate id 'prose-media-download-docs_lab_report__2026_': already used by the download at "
        f"{PROSE}:{first} (its id is made from unit 'prose-media' and the file's name)",
        "give this download its own id: a line 'id: …'",
    )


def test_the_same_download_twice_builds_once_the_second_has_an_id(course, tmp_path):
    second = DOWNLOAD.replace("title:", "id: prose-media-report-copy\ntitle:")
    edit(course, PROSE, DOWNLOAD, DOWNLOAD + "\n" + second)
    (archive,) = build(course, tmp_path / "out")
    names = url_names_in(archive, tmp_path / "x")
    assert names["prose-media-download-docs_lab_report__2026_"] == "html"
    assert names["prose-media-report-copy"] == "html"
    assert olxcleaner_errors(extract(archive, tmp_path / "y")) == []


def test_a_unit_id_equal_to_a_text_block_id_is_an_error_at_the_unit(course, tmp_path):
    (course / PROSE).write_text((course / PROSE).read_text() + "\n## More {#prose-text-text}\n\nWords.\n")
    text = line_of(course, PROSE, "An exhibit must be sealed")
    assert_fails_everywhere(
        course,
        tmp_path,
        f"{PROSE}:{line_of(course, PROSE, '## More')}:1",
        "duplicate id 'prose-text-text': already used by the text block at "
        f"{PROSE}:{text} (its id is made from its unit's id, 'prose-text')",
        "rename this one",
    )


def test_the_written_id_is_blamed_even_when_it_comes_first(course):
    """The text block's id cannot be chosen: the error is at the unit, before it in the outline."""
    edit(course, PROSE, "## Text, tables", "## Earlier {#prose-text-text}\n\nFirst words.\n\n## Text, tables")
    (error,) = errors(course)
    assert error.message.startswith("duplicate id 'prose-text-text': already used by the text block at ")
    assert error.position.line == line_of(course, PROSE, "## Earlier")


def test_a_quiz_id_equal_to_a_text_block_id_is_an_error_at_the_quiz(course, tmp_path):
    edit(course, FINAL, "id: final-q1", "id: final-intro-text")
    intro = line_of(course, FINAL, "Before the questions")
    assert_fails_everywhere(
        course,
        tmp_path,
        f"{FINAL}:{line_of(course, FINAL, '```quiz')}:1",
        f"duplicate id 'final-intro-text': already used by the text block at {FINAL}:{intro} "
        "(its id is made from its unit's id, 'final-intro')",
        "rename this one",
    )


def test_a_quiz_id_equal_to_the_id_of_a_text_after_a_component_is_an_error(course):
    edit(course, PROSE, "```discussion", "Words after the download.\n\n```discussion")
    edit(course, FINAL, "id: final-q1", "id: prose-media-download-docs_lab_report__2026_-text")
    (error,) = errors(course)
    assert "already used by the text block at" in error.message
    assert "(its id is made from the id of the download before it, 'prose-media-download-" in error.message


def test_a_download_id_equal_to_a_written_id_is_an_error_at_the_download(course):
    """A download without an id is the one to change: the trainer can give it one."""
    edit(course, FINAL, "id: final-q1", "id: prose-media-download-docs_lab_report__2026_")
    (error,) = errors(course)
    assert error.message.startswith(
        "duplicate id 'prose-media-download-docs_lab_report__2026_': already used by a quiz at "
        f"{FINAL}:{line_of(course, FINAL, '```quiz')}"
    )
    assert error.position.line == line_of(course, PROSE, "```download")
    assert "give this download its own id" in error.hint


def place_case(course: Path, staff_graded: bool) -> None:
    from tests.xblocks.mock_adjudication.sample import SAMPLE

    case = yaml.safe_load(re.sub(r"<[^>]+>", "", yaml.safe_dump(SAMPLE, allow_unicode=True)))
    case["id"] = "orlen"
    case["reasoning"]["staff_graded"] = staff_graded
    (course / "static" / "speaker.png").write_bytes((course / "static" / "images" / "seal.png").read_bytes())
    (course / "cases").mkdir()
    (course / "cases" / "orlen.yaml").write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False))
    with open(course / FINAL, "a") as lesson:
        lesson.write("\n## In court {#final-court}\n\n```adjudication orlen\n```\n")


def test_an_id_equal_to_a_staff_graded_cases_reasons_block_is_an_error(course, tmp_path):
    place_case(course, staff_graded=True)
    (archive,) = build(course, tmp_path / "ok")
    assert url_names_in(archive, tmp_path / "x")["orlen-reasons"] == "openassessment"
    edit(course, FINAL, "id: final-q1", "id: orlen-reasons")
    (error,) = errors(course)
    assert error.message == (
        "duplicate id 'orlen-reasons': already used by the staff-graded reasons block at "
        f"{FINAL}:{line_of(course, FINAL, '```adjudication')} "
        "(its id is made from the id of the case placed here, 'orlen')"
    )
    assert error.position.line == line_of(course, FINAL, "```quiz")
    assert "-reasons" in error.hint


def test_a_case_without_staff_grading_reserves_no_reasons_id(course, tmp_path):
    place_case(course, staff_graded=False)
    edit(course, FINAL, "id: final-q1", "id: orlen-reasons")
    assert errors(course) == []


def test_a_duplicate_id_gives_one_error_not_one_more_per_text_block_made_from_it(course):
    edit(course, PROSE, "{#prose-media}", "{#prose-text}")
    edit(course, PROSE, "```discussion", "Words after the download.\n\n```discussion")
    (error,) = errors(course)
    assert error.message.startswith("duplicate id 'prose-text': already used by a unit at ")


def test_a_broken_component_between_two_texts_gives_no_duplicate_id(course):
    edit(
        course, PROSE, "## Video and files {#prose-media}\n", "## Video and files {#prose-media}\n\nBefore.\n"
    )
    edit(course, PROSE, "```video\nid: prose-video\n", "```video\nid: prose-video\n  bad: [\n")
    edit(course, PROSE, DOWNLOAD, "After.\n\n" + DOWNLOAD)
    compilation = compile_course(course)
    (unit,) = [u for u in compilation.course.units() if u.id == "prose-media"]
    assert [type(c).__name__ for c in unit.components[:2]] == ["Prose", "Prose"]  # the video is gone
    assert [c.id for c in unit.components[:2]] == ["prose-media-text", "prose-media-text-2"]
    found = compilation.diagnostics.errors
    assert found and not [e for e in found if "duplicate id" in e.message], [e.message for e in found]


def test_every_url_name_of_the_registry_is_in_the_package_and_unique(course, tmp_path):
    edit(course, PROSE, "```discussion", "Words after the download.\n\n```discussion")
    place_case(course, staff_graded=True)
    compilation = compile_course(course)
    registry = [name.id for name in url_names(compilation.course)]
    assert len(registry) == len(set(registry))
    (archive,) = build(course, tmp_path / "out")
    package = url_names_in(archive, tmp_path / "x")
    package.pop("2026_T1")  # the <course> element: its url_name is the run
    assert sorted(package) == sorted(registry)


# Stable text block ids ----------------------------------------------------------------------

UNIT = """\
## Custody in practice {#prose-custody}

The opening text.

```quiz
id: prose-custody-q1
type: single
question: Who signs the custody record?
choices:
  - text: Everyone who handles the exhibit
    correct: true
  - text: Only the seizing officer
```

Text after the quiz, with a note[^custody].

```video
id: prose-custody-video
title: Signing the record
youtube: dQw4w9WgXcQ
transcripts:
  en: ../../static/transcripts/sealing-en.srt
```

The closing text.

[^custody]: Each hand-over is a link in the chain.
"""

INSERTED = """\

```quiz
id: prose-custody-new
type: single
question: When is the record started?
choices:
  - text: At the seizure
    correct: true
  - text: At the laboratory
```

A new paragraph about the new quiz.
"""


def test_inserting_a_quiz_and_a_paragraph_after_a_units_first_text_moves_no_id(course, tmp_path):
    with open(course / PROSE, "a") as lesson:
        lesson.write("\n" + UNIT)
    (archive,) = build(course, tmp_path / "before")
    before = url_names_in(archive, tmp_path / "x1")
    html_before = html_of(archive, tmp_path / "h1")
    made = {"prose-custody-text", "prose-custody-q1-text", "prose-custody-video-text"}
    assert made <= {name for name, tag in before.items() if tag == "html"}

    edit(course, PROSE, "The opening text.\n", "The opening text.\n" + INSERTED)
    (archive,) = build(course, tmp_path / "after")
    after = url_names_in(archive, tmp_path / "x2")
    html_after = html_of(archive, tmp_path / "h2")

    assert {name: after[name] for name in before} == before  # no url_name lost or changed type
    assert {name: after[name] for name in set(after) - set(before)} == {
        "prose-custody-new": "problem",
        "prose-custody-new-text": "html",
    }
    for name in html_before:  # and each existing text block still holds its own text
        assert html_after[name] == html_before[name], name
    assert "A new paragraph" in html_after["prose-custody-new-text"]
    vertical = (extract(archive, tmp_path / "v") / "vertical" / "prose-custody.xml").read_text()
    assert re.findall(r'url_name="([^"]+)"', vertical) == [
        "prose-custody-text",
        "prose-custody-new",
        "prose-custody-new-text",
        "prose-custody-q1",
        "prose-custody-q1-text",
        "prose-custody-video",
        "prose-custody-video-text",
    ]


def test_removing_a_component_moves_no_other_id(course, tmp_path):
    with open(course / PROSE, "a") as lesson:
        lesson.write("\n" + UNIT)
    (archive,) = build(course, tmp_path / "before")
    before = url_names_in(archive, tmp_path / "x1")
    edit(course, PROSE, UNIT[UNIT.index("```video") : UNIT.index("The closing text.")], "")
    (archive,) = build(course, tmp_path / "after")
    after = url_names_in(archive, tmp_path / "x2")
    assert set(before) - set(after) == {"prose-custody-video", "prose-custody-video-text"}
    assert set(after) - set(before) == set()
    # with nothing between them, the two texts after the quiz are one text block now
    merged = html_of(archive, tmp_path / "h")["prose-custody-q1-text"]
    assert "Text after the quiz" in merged and "The closing text." in merged


def test_footnote_ids_are_prefixed_with_the_text_blocks_stable_id(course, tmp_path):
    with open(course / PROSE, "a") as lesson:
        lesson.write("\n" + UNIT)
    (archive,) = build(course, tmp_path / "out")
    html = html_of(archive, tmp_path / "x")["prose-custody-q1-text"]
    assert 'id="fn-prose-custody-q1-text-1"' in html and 'href="#fn-prose-custody-q1-text-1"' in html


def test_text_blocks_take_the_id_of_what_they_follow():
    where = Position(Path("/course/modules/m/l.md"), 1, 1)

    def fenced(cls, data):
        return cls(where, source=Located(data, where.file, {(): where}), id=str(data.get("id", "")))

    unit = Unit("u", "Unit", where)
    unit.components = [
        Prose(where, markdown="a"),
        fenced(Quiz, {"id": "q1"}),
        Prose(where, markdown="b"),
        fenced(Download, {"title": "T", "file": "../../static/docs/r.pdf"}),
        Prose(where, markdown="c"),
        fenced(Video, {"id": ""}),  # no id (an error reported elsewhere): the next text counts on
        Prose(where, markdown="d"),
    ]
    assign_unit_ids(unit, Path("/course"))
    assert [c.id for c in unit.components] == [
        "u-text",
        "q1",
        "q1-text",
        "u-download-docs_r",
        "u-download-docs_r-text",
        "",
        "u-download-docs_r-text-2",
    ]
    assign_unit_ids(unit, Path("/course"))  # the writer asks again: the same ids
    assert unit.components[4].id == "u-download-docs_r-text"
    unit.components.insert(0, fenced(Quiz, {"id": "first"}))
    assign_unit_ids(unit, Path("/course"))
    assert unit.components[1].id == "first-text"  # a component above the opening text: it follows it


def test_opening_texts_keep_their_units_id_plus_text(course):
    """The text before a unit's first component keeps the id it always had: most ids do not move."""
    compilation = compile_course(course)
    assert not compilation.diagnostics.errors
    names = list(url_names(compilation.course))
    assert [n.id for n in names if n.kind == "text block"] == ["prose-text-text", "final-intro-text"]
