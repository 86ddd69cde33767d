"""`benchbook build` keeps rendered Markdown between builds: faster rebuilds, never other bytes.

The cache is an optimisation only: a warm build writes the same packages as a cold one, still
reports every problem a cold build reports, and a cache it cannot read is no cache at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from benchbook.authoring.cli import main
from benchbook.authoring.render.store import CACHE_FILE, CACHE_FOLDER


def build(course: Path, out: Path, *options: str):
    return CliRunner().invoke(main, ["build", str(course), "--out", str(out), *options])


def archives(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.tar.gz"))}


def test_a_rebuild_reads_the_cache_and_writes_the_same_packages(course, tmp_path):
    assert build(course, tmp_path / "cold").exit_code == 0
    cache = course / CACHE_FOLDER / CACHE_FILE
    assert cache.is_file()
    written = cache.stat().st_mtime_ns
    assert build(course, tmp_path / "warm").exit_code == 0
    assert cache.stat().st_mtime_ns == written  # every block came from the cache: nothing to add
    assert build(course, tmp_path / "fresh", "--no-cache").exit_code == 0
    assert archives(tmp_path / "cold") == archives(tmp_path / "warm") == archives(tmp_path / "fresh")
    assert archives(tmp_path / "cold")


def test_no_cache_leaves_the_course_folder_alone(course, tmp_path):
    assert build(course, tmp_path / "out", "--no-cache").exit_code == 0
    assert not (course / ".benchbook").exists()


def test_an_edited_lesson_is_rendered_again(course, tmp_path):
    assert build(course, tmp_path / "before").exit_code == 0
    lesson = course / "modules" / "01-basics" / "01-prose.md"
    lesson.write_text(lesson.read_text().replace("An exhibit must be sealed", "An exhibit is sealed"))
    assert build(course, tmp_path / "after").exit_code == 0
    assert build(course, tmp_path / "fresh", "--no-cache").exit_code == 0
    assert archives(tmp_path / "after") == archives(tmp_path / "fresh")
    assert archives(tmp_path / "after") != archives(tmp_path / "before")


def test_a_warm_build_still_reports_a_link_broken_since_the_last_build(course, tmp_path):
    assert build(course, tmp_path / "out").exit_code == 0
    (course / "modules" / "01-basics" / "02-quizzes.md").rename(
        course / "02-quizzes.md"
    )  # out of the outline
    warm = build(course, tmp_path / "out")
    fresh = build(course, tmp_path / "out", "--no-cache")
    assert warm.exit_code == fresh.exit_code == 1
    assert "01-prose.md:8:" in warm.output
    assert warm.output == fresh.output


def test_an_unreadable_cache_is_ignored_and_replaced(course, tmp_path):
    cache = course / CACHE_FOLDER / CACHE_FILE
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"{not json")
    assert build(course, tmp_path / "out").exit_code == 0
    assert cache.read_bytes().startswith(b'{"version"')
    assert build(course, tmp_path / "fresh", "--no-cache").exit_code == 0
    assert archives(tmp_path / "out") == archives(tmp_path / "fresh")


def test_two_courses_that_would_write_the_same_package_fail_and_write_nothing(course, tmp_path):
    twin = tmp_path / "twin"
    shutil.copytree(course, twin)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(course), str(twin), "--out", str(out), "--no-cache"])
    assert result.exit_code == 1
    assert f"twin/course.yaml:2:9: error: this course and {course} would both be written to" in result.output
    assert result.output.count("would both be written") == 1
    assert not out.exists()
