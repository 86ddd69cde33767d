"""The render cache between builds: a warm build gives the same archive as a cold one."""

import shutil
from pathlib import Path

from benchbook.authoring.pipeline import build_course
from benchbook.authoring.render.store import RenderStore

COMPLETE = Path(__file__).resolve().parents[2] / "fixtures" / "courses" / "complete"


def test_warm_build_gives_the_same_archive_and_renders_nothing(tmp_path):
    course = tmp_path / "complete"
    shutil.copytree(COMPLETE, course)
    cold = build_course(course, tmp_path / "cold", render_cache=True)
    store = RenderStore.for_course(course.resolve())
    assert store.entries
    build_course(course, tmp_path / "warm", render_cache=True)
    (a,) = (tmp_path / "cold").glob("*.tar.gz")
    (b,) = (tmp_path / "warm").glob("*.tar.gz")
    assert a.read_bytes() == b.read_bytes()
    assert cold.runs
