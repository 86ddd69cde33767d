"""The courses we ship: every language × variant builds with no warning, and Open edX's own
validator accepts every package."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from benchbook.authoring.diagnostics import Diagnostics
from benchbook.authoring.i18n.languages import UN_LANGUAGES
from benchbook.authoring.load.course import load_course
from benchbook.authoring.model import CaseRef, Prose, Quiz, ScenarioRef
from benchbook.authoring.package.tarball import tar_bytes
from benchbook.authoring.pipeline import compile_matrix
from tests.support.packages import extract, olxcleaner_errors

COURSES = sorted(p.parent for p in (Path(__file__).resolve().parents[2] / "courses").glob("*/course.yaml"))


@pytest.fixture(scope="module", params=COURSES, ids=[c.name for c in COURSES])
def compiled(request):
    return request.param, compile_matrix(request.param)


def test_every_combination_builds_without_a_single_warning(compiled):
    folder, compilation = compiled
    assert compilation.diagnostics.items == [], compilation.diagnostics.format(folder)
    assert compilation.runs
    assert {run.language for run in compilation.runs} == set(compilation.course.languages)


def test_olxcleaner_accepts_every_package(compiled, tmp_path):
    _, compilation = compiled
    for run in compilation.runs:
        archive = tmp_path / run.archive_name
        archive.write_bytes(tar_bytes(run.tree.files))
        root = extract(archive, Path(tempfile.mkdtemp(dir=tmp_path)))
        assert olxcleaner_errors(root) == [], run.archive_name


def test_every_lesson_ends_with_its_sources(compiled):
    _, compilation = compiled
    for lesson in compilation.course.lessons():
        assert lesson.units[-1].id.endswith("-sources"), f"{lesson.file.name} does not end with its sources"


def test_every_graded_lesson_counts_toward_a_weighted_assignment_type(compiled):
    _, compilation = compiled
    grading = compilation.course.grading
    weights = {kind.type: kind.weight for kind in grading.assignment_types}
    assert abs(sum(weights.values()) - 1) < 1e-9
    graded = [lesson for lesson in compilation.course.lessons() if lesson.graded]
    assert graded
    assert all(weights[lesson.graded] > 0 for lesson in graded)
    assert compilation.course.certificate is not None and 0 < grading.pass_mark <= 1


LESSON_LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


def test_just101_ends_with_a_final_assessment_drawn_from_every_module():
    folder = next(course for course in COURSES if course.name == "adjudicating-synthetic-opioids")
    diagnostics = Diagnostics()
    course = load_course(folder, diagnostics)
    assert course is not None, diagnostics.format(folder)
    kind = {kind.type: kind for kind in course.grading.assignment_types}["Final assessment"]
    assert kind.weight > 0 and kind.min_count == 1 and kind.drop_count == 0
    *teaching, last = course.modules
    assert [lesson.graded for lesson in last.lessons] == ["Final assessment"]
    assert not [lesson.id for module in teaching for lesson in module.lessons if lesson.graded == kind.type]
    final = last.lessons[0]
    quizzes = [c.source.data for unit in final.units for c in unit.components if isinstance(c, Quiz)]
    assert 20 <= len(quizzes) <= 24
    assert {quiz["type"] for quiz in quizzes} == {"single", "multiple", "dropdown", "numerical", "text"}
    for quiz in quizzes:
        assert quiz.get("max_attempts") and quiz.get("explanation"), quiz["id"]
        assert all(choice.get("feedback") for choice in quiz.get("choices", [])), quiz["id"]
    # its sources name at least one lesson of every other module, so no module is left out
    linked = {
        (final.file.parent / target).resolve().parent
        for component in final.units[-1].components
        if isinstance(component, Prose)
        for target in LESSON_LINK.findall(component.markdown)
    }
    assert linked == {module.folder.resolve() for module in teaching}


def _just101():
    folder = next(course for course in COURSES if course.name == "adjudicating-synthetic-opioids")
    diagnostics = Diagnostics()
    course = load_course(folder, diagnostics)
    assert course is not None, diagnostics.format(folder)
    return course


def _placed(module, kind):
    return [
        c.ref
        for lesson in module.lessons
        for unit in lesson.units
        for c in unit.components
        if isinstance(c, kind)
    ]


def test_just101_has_the_six_modules_each_with_three_lessons_and_a_graded_check():
    course = _just101()
    *teaching, _final = course.modules
    assert [module.id for module in teaching] == [
        "threat-and-framework",
        "standards-of-proof",
        "forensic-evidence",
        "safe-handling",
        "cross-border",
        "deciding-the-case",
    ]
    for module in teaching:
        assert len(module.lessons) >= 3, module.id
        assert "Knowledge check" in {lesson.graded for lesson in module.lessons}, module.id


def test_just101_interactive_blocks_sit_where_the_programme_needs_them():
    course = _just101()
    modules = {module.id: module for module in course.modules}
    assert len(_placed(modules["forensic-evidence"], ScenarioRef)) >= 2
    assert len(_placed(modules["safe-handling"], ScenarioRef)) >= 1
    assert len(_placed(modules["deciding-the-case"], CaseRef)) >= 2
    scenarios = [ref for module in course.modules for ref in _placed(module, ScenarioRef)]
    cases = [ref for module in course.modules for ref in _placed(module, CaseRef)]
    assert len(set(scenarios)) == len(scenarios) >= 3
    assert len(set(cases)) == len(cases) >= 3
    for ref in cases:
        case = course.cases[ref].data
        assert len(case["exhibits"]) >= 6 and len(case["counts"]) >= 2, ref
        assert len(case["rubric"]["criteria"]) >= 4, ref


def test_every_course_is_declared_in_the_six_un_languages(compiled):
    # builds in every language with no warning (above), so no string falls back to English
    _, compilation = compiled
    assert sorted(compilation.course.languages) == sorted(UN_LANGUAGES)
