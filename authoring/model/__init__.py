"""Stage 2, model: plain dataclasses for a course, with no I/O.

Course → Run; Module (OLX chapter) → Lesson (sequential) → Unit (vertical) → components
(Html, Problem, Video, Discussion, Download, ScenarioRef, CaseRef). Every object keeps the
:class:`~benchbook.authoring.diagnostics.Position` it came from, so later stages can point at it.
"""

from .course import (
    About,
    AssignmentType,
    CaseRef,
    Certificate,
    Component,
    Course,
    Discussion,
    Download,
    Grading,
    Lesson,
    Module,
    Page,
    Prose,
    Quiz,
    Run,
    ScenarioRef,
    Signatory,
    Unit,
    Video,
    copy_course,
)

__all__ = [
    "About",
    "AssignmentType",
    "CaseRef",
    "Certificate",
    "Component",
    "Course",
    "Discussion",
    "Download",
    "Grading",
    "Lesson",
    "Module",
    "Page",
    "Prose",
    "Quiz",
    "Run",
    "ScenarioRef",
    "Signatory",
    "Unit",
    "Video",
    "copy_course",
]
