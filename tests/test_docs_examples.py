"""The smallest course in docs/source-format.md builds exactly as the page shows it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from benchbook.authoring.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "source-format.md"
FILE_BLOCK = re.compile(r"^`([\w./-]+)`\n\n(`{3,4})\w+\n(.*?)\n\2$", re.S | re.M)


def test_the_smallest_course_in_the_docs_builds(tmp_path):
    text = DOC.read_text("utf-8")
    section = text[text.index("The smallest course that builds") :]
    files = FILE_BLOCK.findall(section)
    assert [name for name, _, _ in files] == [
        "course.yaml",
        "modules/01-introduction/module.yaml",
        "modules/01-introduction/01-welcome.md",
    ]
    course = tmp_path / "demo"
    for name, _, body in files:
        (course / name).parent.mkdir(parents=True, exist_ok=True)
        (course / name).write_text(body + "\n", "utf-8")
    image = course / "static" / "images" / "course-image.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(
        (
            Path(__file__).parent / "fixtures" / "courses" / "complete" / "static" / "images" / "course.png"
        ).read_bytes()
    )
    result = CliRunner().invoke(
        main, ["build", str(course), "--out", str(tmp_path / "dist"), "--strict", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "dist").iterdir()] == ["UNODC-DEMO1-2027_T1.tar.gz"]
