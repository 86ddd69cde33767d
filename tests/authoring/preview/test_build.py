"""Which source changes rebuild what, and what the preview keeps when a change breaks the course."""

from __future__ import annotations

from pathlib import Path

from benchbook.authoring.pipeline import compile_course
from benchbook.authoring.preview.build import ALL, PreviewBuild, ignored, plan

LESSON = Path("modules/01-basics/02-quizzes.md")


def built(folder: Path) -> PreviewBuild:
    build = PreviewBuild(folder)
    update = build.build()
    assert update.ok and update.pages == {ALL}
    return build


def test_plan_maps_each_kind_of_file(complete_course):
    build = built(complete_course)
    course = build.course
    lesson = complete_course / LESSON
    assert plan(course, complete_course, {lesson}).lessons == [lesson.resolve()]
    assert not plan(course, complete_course, {lesson}).full
    for other in (
        "course.yaml",
        "modules/01-basics/module.yaml",
        "static/images/seal.png",
        "pages/glossary.md",
    ):
        assert plan(course, complete_course, {complete_course / other}).full, other
    assert plan(course, complete_course, {lesson, complete_course / "course.yaml"}).full
    new_lesson = complete_course / "modules/01-basics/03-new.md"
    new_lesson.write_text("---\nid: new\ntitle: New\n---\n")
    assert plan(course, complete_course, {new_lesson}).full  # not in the outline yet
    assert plan(None, complete_course, {lesson}).full


def test_editor_and_vcs_files_are_ignored(complete_course):
    build = built(complete_course)
    for name in (
        ".git/index",
        "modules/01-basics/.02-quizzes.md.swp",
        "modules/01-basics/02-quizzes.md~",
        ".#x",
    ):
        assert ignored(complete_course / name, complete_course), name
        assert plan(build.course, complete_course, {complete_course / name}).empty
    assert not ignored(complete_course / LESSON, complete_course)
    assert plan(build.course, complete_course, {complete_course / "modules/01-basics/4913"}).empty
    assert plan(build.course, complete_course, {complete_course / "static/images/gone.png"}).full
    assert ignored(Path("/elsewhere/file.md"), complete_course)


def test_a_lesson_edit_rerenders_only_that_lesson(complete_course):
    build = built(complete_course)
    before = dict(build.files)
    lesson = complete_course / LESSON
    lesson.write_text(
        lesson.read_text().replace("What does a positive colour test show?", "What does it show now?")
    )
    update = build.apply({lesson})
    assert update is not None and update.ok and not update.full
    assert update.pages == {"quizzes"}
    assert b"What does it show now?" in build.files["problem/quizzes-single.xml"]
    changed = {name for name in build.files if build.files[name] != before.get(name)}
    assert changed == {"problem/quizzes-single.xml"}


def test_a_fast_rebuild_gives_the_same_olx_as_a_full_build(complete_course):
    build = built(complete_course)
    lesson = complete_course / "modules/01-basics/01-prose.md"
    lesson.write_text(lesson.read_text().replace("An exhibit must be sealed", "Every exhibit must be sealed"))
    assert not build.apply({lesson}).full
    assert build.files == compile_course(complete_course).runs[0].tree.files


def test_a_changed_unit_id_rebuilds_the_course(complete_course):
    build = built(complete_course)
    lesson = complete_course / LESSON
    lesson.write_text(lesson.read_text().replace("{#quizzes-numbers}", "{#quizzes-figures}"))
    update = build.apply({lesson})
    # the prose lesson links to #quizzes-numbers: a full build reports the broken link
    assert update.full and not update.ok
    assert any("quizzes-numbers" in d.message for d in build.diagnostics.errors)


def test_an_error_keeps_the_last_good_render_and_reports_what_the_cli_prints(complete_course):
    build = built(complete_course)
    good = dict(build.files)
    lesson = complete_course / LESSON
    lesson.write_text(lesson.read_text().replace("type: dropdown", "type: dropdwn"))
    update = build.apply({lesson})
    assert not update.ok and update.pages == {ALL}
    assert build.files == good
    expected = compile_course(complete_course).diagnostics.format()
    assert build.diagnostics.format() == expected
    assert "02-quizzes.md:" in expected
    lesson.write_text(lesson.read_text().replace("type: dropdwn", "type: dropdown"))
    fixed = build.apply({lesson})
    assert fixed.ok and not build.diagnostics.errors


def test_versions_increase_and_waiters_wake(complete_course):
    build = built(complete_course)
    assert build.wait(build.version, 0.01) == build.version
    lesson = complete_course / LESSON
    lesson.write_text(lesson.read_text() + "\nMore text.\n")
    build.apply({lesson})
    assert build.wait(1, 0.01) == 2


def test_nothing_relevant_changed(complete_course):
    build = built(complete_course)
    assert build.apply({complete_course / ".git" / "HEAD"}) is None
    assert build.version == 1


def test_another_language_and_variant(multilingual_course):
    build = PreviewBuild(multilingual_course, "ar", "examplia")
    assert build.build().ok
    lesson = multilingual_course / "modules/01-law/01-offences.md"
    lesson.write_text(lesson.read_text() + "\nA new paragraph.\n")
    update = build.apply({lesson})
    assert update.ok and not update.full
    expected = compile_course(multilingual_course, "ar", "examplia").runs[0].tree.files
    assert build.files == expected


def test_a_compiler_crash_is_shown_as_an_internal_error_and_keeps_the_render(complete_course, monkeypatch):
    build = built(complete_course)
    good = dict(build.files)

    def crash(*args, **kwargs):
        raise FileNotFoundError("authoring.schema.json")

    monkeypatch.setattr("benchbook.authoring.preview.build.compile_course", crash)
    update = build.apply({complete_course / "course.yaml"})
    assert not update.ok and build.files == good
    assert "internal error: FileNotFoundError: authoring.schema.json" in build.diagnostics.format()
