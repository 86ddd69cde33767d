"""Studio-style ``/static/…`` links are checked and published like relative ones; broken symbolic
links are reported, not crashed on."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchbook.authoring.cli import main
from benchbook.authoring.render.assets import flat_name

LESSON = Path("modules") / "01-basics" / "01-prose.md"


def append(course: Path, text: str) -> int:
    """Add a paragraph at the end of the prose lesson; return its line number."""
    lesson = course / LESSON
    before = lesson.read_text()
    lesson.write_text(before.rstrip("\n") + "\n\n" + text + "\n")
    return before.rstrip("\n").count("\n") + 3


def build(course: Path, out: Path):
    return CliRunner().invoke(main, ["build", str(course), "--out", str(out), "--no-cache"])


def package_files(out: Path) -> dict[str, bytes]:
    (archive,) = out.glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


@pytest.mark.parametrize("target", ["/static/images/seal.png", "/static/images_seal.png"])
def test_a_static_link_to_a_course_file_is_published_under_its_flat_name(course, tmp_path, target):
    append(course, f"![The seal]({target}) and [the seal, full size]({target}#zoom).")
    result = build(course, tmp_path / "out")
    assert result.exit_code == 0, result.output
    files = package_files(tmp_path / "out")
    assert files["course/static/images_seal.png"] == (course / "static" / "images" / "seal.png").read_bytes()
    html = b"".join(data for name, data in files.items() if name.startswith("course/html/"))
    assert b'src="/static/images_seal.png"' in html
    assert b'href="/static/images_seal.png#zoom"' in html


def test_a_static_link_to_a_missing_file_is_an_error_at_its_line(course, tmp_path):
    line = append(course, "See ![a map](/static/nothere.png).")
    result = build(course, tmp_path / "out")
    assert result.exit_code == 1
    assert f"{LESSON.as_posix()}:{line}:1: error: file not found: /static/nothere.png" in result.output
    assert "static/ folder: put nothere.png there" in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_static_link_cannot_leave_the_static_folder(course, tmp_path):
    append(course, "[the course file](/static/../course.yaml)")
    result = build(course, tmp_path / "out")
    assert result.exit_code == 1
    assert "file not found: /static/../course.yaml" in result.output


def test_a_symbolic_link_loop_is_file_not_found_not_a_crash(course, tmp_path):
    (course / "static" / "loop1").symlink_to("loop2")
    (course / "static" / "loop2").symlink_to("loop1")
    line = append(course, "![looping](../../static/loop1)")
    result = build(course, tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert f"{LESSON.as_posix()}:{line}:1: error: file not found: static/loop1" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_a_link_whose_target_has_a_space_is_an_error_not_literal_text(course, tmp_path):
    line = append(course, "Read [the report](../../static/docs/lab report (2026).pdf) first.")
    result = build(course, tmp_path / "out")
    assert result.exit_code == 1
    assert (
        f"{LESSON.as_posix()}:{line}:1: error: this link was not understood: its target "
        "'../../static/docs/lab report (2026).pdf' has a space in it"
    ) in result.output
    assert "](<../../static/docs/lab report (2026).pdf>)" in result.output


def test_a_target_in_angle_brackets_may_hold_spaces(course, tmp_path):
    name = next(p.name for p in (course / "static" / "docs").iterdir())
    (course / "static" / "docs" / name).rename(course / "static" / "docs" / f"the {name}")
    lesson = course / LESSON
    lesson.write_text(lesson.read_text().replace(f"static/docs/{name}", f"static/docs/the {name}"))
    append(course, f"Read [the report](<../../static/docs/the {name}>) first.")
    result = build(course, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert f"course/static/{flat_name(f'static/docs/the {name}')}" in package_files(tmp_path / "out")


def test_a_misplaced_heading_is_reported_at_its_own_line(course, tmp_path):
    line = append(course, "Some text first.\n\n# A page title\n\nMore text.")
    result = CliRunner().invoke(main, ["check", str(course)])
    assert f"{LESSON.as_posix()}:{line + 2}:1: warning: a level-1 heading inside a unit" in result.output


def place_scenario(course: Path, image: str, exhibit_file: str) -> None:
    from tests.authoring.handbook.test_handbook import GARAGE

    scenario = GARAGE.replace(
        "    narrative: White powder on a bench.\n",
        "    narrative: White powder on a bench.\n"
        f"    image:\n      src: {image}\n      alt: A bench with a bag of powder\n"
        f"    exhibit:\n      title: The seal log\n      file: {exhibit_file}\n",
        1,
    )
    (course / "scenarios").mkdir()
    (course / "scenarios" / "garage.yaml").write_text(scenario)
    with open(course / LESSON, "a") as lesson:
        lesson.write("\n## At the scene {#prose-scene}\n\n```scenario garage\n```\n")


def test_a_scenarios_image_and_exhibit_file_are_published(course, tmp_path):
    name = next(p.name for p in (course / "static" / "docs").iterdir())
    place_scenario(course, "/static/images/seal.png", f"../static/docs/{name}")
    result = build(course, tmp_path / "out")
    assert result.exit_code == 0, result.output
    files = package_files(tmp_path / "out")
    assert "course/static/images_seal.png" in files
    olx = b"".join(data for path, data in files.items() if path.startswith("course/vertical/"))
    assert b'src="/static/images_seal.png"' in olx
    assert f"/static/{flat_name(f'static/docs/{name}')}".encode() in olx


def test_a_scenarios_missing_image_is_an_error(course, tmp_path):
    place_scenario(course, "/static/nothere.jpg", "")
    result = build(course, tmp_path / "out")
    assert result.exit_code == 1
    assert "scenarios/garage.yaml" in result.output and "file not found: /static/nothere.jpg" in result.output


def test_a_footnote_mark_without_a_definition_is_an_error_at_its_line(course, tmp_path):
    line = append(course, "As the court held[^nope], and as `[^code]` shows.")
    result = build(course, tmp_path / "out")
    assert result.exit_code == 1
    assert f"{LESSON.as_posix()}:{line}:18: error: footnote [^nope] has no definition" in result.output
    assert "[^code]" not in result.output
