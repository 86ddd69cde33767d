"""Checks that need the whole course: dates, grading, ids, references, quizzes, XBlock content."""

from __future__ import annotations

import difflib

from ..diagnostics import Diagnostics, Position
from ..model import CaseRef, Course, Discussion, Download, Quiz, ScenarioRef, Video
from .ids import check_ids
from .quiz import check_quiz
from .schema import check, course_schema
from .xblocks import XBLOCK_KINDS, check_xblock_document

WEIGHT_TOLERANCE = 1e-6


def _weights_hint(count: int) -> str:
    """Weights are shares of the final grade; shares that do not divide evenly need one adjusted."""
    if count == 3:
        return "weights are shares of the final grade: e.g. 0.4 + 0.3 + 0.3 (thirds: 0.33 + 0.33 + 0.34)"
    if count > 1:
        return "weights are shares of the final grade and must add up to 1: e.g. 0.4 + 0.6"
    return "a single assignment type carries the whole grade: 'weight: 1.0'"


def validate_course(course: Course, diagnostics: Diagnostics) -> None:
    _check_runs(course, diagnostics)
    _check_grading(course, diagnostics)
    _check_outline(course, diagnostics)
    _check_pages(course, diagnostics)
    _check_components(course, diagnostics)
    check_ids(course, diagnostics)  # every url_name, the made ones too (ids.py)


def _check_runs(course: Course, diagnostics: Diagnostics) -> None:
    seen: dict[str, Position | None] = {}
    for run in course.runs:
        if run.id in seen:
            diagnostics.error(f"duplicate run id '{run.id}'", run.position, "each run needs its own id")
        seen[run.id] = run.position
        if run.end is None and not run.end_given:
            diagnostics.error(
                f"run '{run.id}' has no end date",
                run.position,
                "add 'end: YYYY-MM-DD' (Open edX needs it to close the course and issue certificates)",
            )
        elif run.end is not None and run.end <= run.start:
            diagnostics.error(
                f"run '{run.id}' ends before it starts", run.position, "'end' must be after 'start'"
            )
        if run.enrollment_start and run.enrollment_end and run.enrollment_end <= run.enrollment_start:
            diagnostics.error(
                f"run '{run.id}': enrollment ends before it starts",
                run.position,
                "'enrollment_end' must be after 'enrollment_start'",
            )
        if run.enrollment_end and run.end and run.enrollment_end > run.end:
            diagnostics.error(
                f"run '{run.id}': enrollment ends after the course ends",
                run.position,
                "set 'enrollment_end' on or before 'end'",
            )


def _check_grading(course: Course, diagnostics: Diagnostics) -> None:
    source = course.source
    grading = course.grading
    graded_lessons = [lesson for lesson in course.lessons() if lesson.graded]
    if grading is None:
        if graded_lessons:
            lesson = graded_lessons[0]
            diagnostics.error(
                f"lesson '{lesson.title}' is graded but course.yaml has no grading policy",
                lesson.graded_position,
                "add 'grading:' with 'assignment_types' and 'pass_mark' to course.yaml",
            )
        return
    names = [t.type for t in grading.assignment_types]
    for index, kind in enumerate(grading.assignment_types):
        if names.index(kind.type) != index:
            diagnostics.error(
                f"duplicate assignment type '{kind.type}'", kind.position, "merge or rename one of them"
            )
        if kind.drop_count >= kind.min_count and kind.drop_count > 0:
            diagnostics.error(
                f"assignment type '{kind.type}' drops {kind.drop_count} of {kind.min_count}",
                kind.position,
                "'drop_count' must be less than 'min_count'",
            )
    total = sum(t.weight for t in grading.assignment_types)
    weights_known = all(t.weight_valid for t in grading.assignment_types)
    if grading.assignment_types and weights_known and abs(total - 1.0) > WEIGHT_TOLERANCE:
        shares = " + ".join(f"{t.weight:.10g}" for t in grading.assignment_types)
        diagnostics.error(
            f"assignment type weights add up to {total:.10g}, not 1 ({shares})",
            source.at(("grading", "assignment_types")) if source else None,
            _weights_hint(len(grading.assignment_types)),
        )
    counts = dict.fromkeys(names, 0)
    for lesson in graded_lessons:
        if lesson.graded not in counts:
            close = difflib.get_close_matches(lesson.graded, names, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known types: {', '.join(names)}"
            diagnostics.error(f"unknown assignment type '{lesson.graded}'", lesson.graded_position, hint)
        else:
            counts[lesson.graded] += 1
    for kind in grading.assignment_types:
        if counts.get(kind.type, 0) == 0 and kind.weight > 0 and not course.unreadable:
            diagnostics.warning(
                f"no lesson is graded as '{kind.type}', yet it carries {kind.weight:g} of the grade",
                kind.position,
                f"mark lessons with 'graded: {kind.type}' or set its weight to 0",
            )
        elif counts.get(kind.type, 0) < kind.min_count:
            diagnostics.warning(
                f"'{kind.type}' expects {kind.min_count} graded lessons, the course has {counts[kind.type]}",
                kind.position,
                "Open edX counts missing ones as 0: lower 'min_count' or add graded lessons",
            )


def _check_pages(course: Course, diagnostics: Diagnostics) -> None:
    seen: set[str] = set()
    for index, page in enumerate(course.pages):
        if page.id in seen:
            diagnostics.error(
                f"duplicate page id '{page.id}'",
                course.source.at(("pages", index, "id")) if course.source else page.position,
                "each custom page needs its own id (it becomes the page's web address)",
            )
        seen.add(page.id)


def _check_outline(course: Course, diagnostics: Diagnostics) -> None:
    if not any(True for _ in course.lessons()):
        diagnostics.error(
            "the course has no lessons",
            course.source.at(("outline",)) if course.source else Position(course.folder),
            "list module folders under 'outline:' and add lesson .md files to them",
        )
    run_starts = [run.start for run in course.runs]
    run_ends = [run.end for run in course.runs if run.end]
    for lesson in course.lessons():
        if lesson.due and course.self_paced:
            diagnostics.warning(
                f"lesson '{lesson.title}' has a due date, which a self-paced course ignores",
                lesson.due_position or lesson.position,
                "remove 'due:', or set 'self_paced: false' in course.yaml to keep a schedule",
            )
        elif lesson.due and run_starts and lesson.due < min(run_starts):
            diagnostics.warning(
                f"lesson '{lesson.title}' is due before the course starts",
                lesson.due_position or lesson.position,
                "check the 'due' date",
            )
        elif lesson.due and run_ends and lesson.due > max(run_ends):
            diagnostics.warning(
                f"lesson '{lesson.title}' is due after the course ends",
                lesson.due_position or lesson.position,
                "learners could not submit it in time: check the 'due' date or the run's 'end'",
            )


def _check_components(course: Course, diagnostics: Diagnostics) -> None:
    used: dict[str, set[str]] = {kind: set() for kind in XBLOCK_KINDS}
    for unit in course.units():
        for component in unit.components:
            if isinstance(component, Quiz):
                check_quiz(component, diagnostics)
            elif isinstance(component, Video):
                if check(
                    component.source,
                    course_schema("components.schema.json", "/$defs/video"),
                    diagnostics,
                    "video",
                ):
                    data = component.source.data
                    if not data.get("youtube") and not data.get("file"):
                        diagnostics.error(
                            f"video '{data.get('id')}' has neither 'youtube' nor 'file'",
                            component.position,
                            "give a YouTube id (youtube: dQw4w9WgXcQ) or a file in static/",
                        )
                    if not data.get("transcripts"):
                        diagnostics.warning(
                            f"video '{data.get('id')}' has no transcript",
                            component.position,
                            "add 'transcripts: {en: static/….srt}' so every learner can follow it",
                        )
            elif isinstance(component, Discussion):
                check(
                    component.source,
                    course_schema("components.schema.json", "/$defs/discussion"),
                    diagnostics,
                    "discussion",
                )
            elif isinstance(component, Download):
                check(
                    component.source,
                    course_schema("components.schema.json", "/$defs/download"),
                    diagnostics,
                    "download",
                )
            elif isinstance(component, ScenarioRef | CaseRef):
                kind = "scenario" if isinstance(component, ScenarioRef) else "case"
                documents = course.scenarios if kind == "scenario" else course.cases
                if component.ref not in documents:
                    folder = "scenarios" if kind == "scenario" else "cases"
                    known = ", ".join(sorted(documents)) or "none"
                    close = difflib.get_close_matches(component.ref, sorted(documents), n=1)
                    hint = f"did you mean '{close[0]}'?" if close else f"known {folder}: {known}"
                    diagnostics.error(
                        f"unknown {kind} '{component.ref}' (no {folder}/{component.ref}.yaml)",
                        component.position,
                        hint,
                    )
                else:
                    used[kind].add(component.ref)
    for kind, documents in (("scenario", course.scenarios), ("case", course.cases)):
        for ref, document in documents.items():
            check_xblock_document(kind, ref, document, diagnostics)
            if ref not in used[kind]:
                diagnostics.warning(
                    f"{kind} '{ref}' is not placed in any lesson",
                    document.at(()),
                    f"place it with ```{'scenario' if kind == 'scenario' else 'adjudication'} {ref}``` in a lesson",
                )
