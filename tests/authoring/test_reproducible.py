"""Same sources, same bytes; a failed build touches nothing; ids do not move when content does."""

from __future__ import annotations

import os
import re
import shutil
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchbook.authoring.cli import main
from tests.support.packages import build, extract

COURSE = Path(__file__).resolve().parent.parent / "fixtures" / "courses" / "complete"


@pytest.fixture
def course(tmp_path) -> Path:
    copy = tmp_path / "src" / "complete"
    shutil.copytree(COURSE, copy)
    return copy


def test_two_builds_give_identical_archives(course, tmp_path):
    (first,) = build(course, tmp_path / "a")
    for path in course.rglob("*"):  # new mtimes, same content
        os.utime(path, (1_900_000_000, 1_900_000_000))
    (second,) = build(course, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_archive_entries_are_normalised(course, tmp_path):
    (archive,) = build(course, tmp_path / "out")
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names == sorted(names)
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
    assert len({m.mtime for m in members}) == 1
    assert all(m.isfile() or m.isdir() for m in members)  # no links
    assert all(name == "course" or name.startswith("course/") for name in names)
    raw = archive.read_bytes()
    assert raw[4:8] == b"\0\0\0\0"  # gzip header mtime is 0
    assert raw[3] & 0x08 == 0  # and carries no file name


def test_failed_build_leaves_previous_package_and_no_partial_files(course, tmp_path):
    out = tmp_path / "dist"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(course), "--out", str(out)]).exit_code == 0
    (archive,) = out.iterdir()
    before = archive.read_bytes()
    lesson = course / "modules" / "01-basics" / "02-quizzes.md"
    lesson.write_text(
        lesson.read_text()
        .replace("correct: true\n", "", 1)
        .replace("title: Every quiz type", "title: Changed")
    )
    result = runner.invoke(main, ["build", str(course), "--out", str(out)])
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert [p.name for p in out.iterdir()] == [archive.name]
    assert archive.read_bytes() == before


def url_names(root: Path) -> dict[str, str]:
    """url_name → the tag it names, over the whole OLX tree."""
    names: dict[str, str] = {}
    for path in root.rglob("*.xml"):
        for tag, name in re.findall(rb'<(\w+) url_name="([^"]+)"', path.read_bytes()):
            names[name.decode()] = tag.decode()
    return names


def test_ids_do_not_move_when_headings_are_renamed_or_lessons_added_and_reordered(course, tmp_path):
    (archive,) = build(course, tmp_path / "before")
    before = url_names(extract(archive, tmp_path / "x1"))

    basics = course / "modules" / "01-basics"
    quizzes = basics / "02-quizzes.md"
    quizzes.write_text(
        quizzes.read_text().replace("## Choices {#quizzes-choices}", "## Choosing well {#quizzes-choices}")
    )
    (basics / "module.yaml").write_text(
        "id: basics\ntitle: Basics\nlessons: [02-quizzes.md, 00-new.md, 01-prose.md]\n"
    )
    (basics / "00-new.md").write_text(
        "---\nid: inserted\ntitle: Inserted\n---\n\n## New unit {#inserted-unit}\n\nText.\n"
    )

    (archive,) = build(course, tmp_path / "after")
    after = url_names(extract(archive, tmp_path / "x2"))
    added = {name: after[name] for name in set(after) - set(before)}
    assert added == {"inserted": "sequential", "inserted-unit": "vertical", "inserted-unit-text": "html"}
    assert {name: after[name] for name in before} == before


def test_url_names_are_unique_across_all_block_types(course, tmp_path):
    (archive,) = build(course, tmp_path / "out")
    root = extract(archive, tmp_path / "x")
    folders = ("chapter", "sequential", "vertical", "problem", "video", "html")
    definitions = [(folder, path.stem) for folder in folders for path in (root / folder).glob("*.xml")]
    for path in (root / "vertical").glob("*.xml"):  # pure XBlocks are defined inline in their vertical
        inline = re.findall(rb'<(\w+) url_name="([^"]+)" xblock-family=', path.read_bytes())
        definitions += [(tag.decode(), name.decode()) for tag, name in inline]
    names = [name for _, name in definitions]
    assert len(definitions) > 20
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
