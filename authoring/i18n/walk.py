"""One walk over every learner-visible string of a course.

``localize(course, fn)`` returns a copy of the course in which every such string was replaced by
``fn(text, context, position)``. Extraction passes a function that records and returns the text;
a build in another language passes one that looks the text up in the catalog; a variant build
also fills in ``{{ jurisdiction.… }}``. Prose is offered block by block (``segments``).

The *context* names the block a string belongs to (``lesson:seizure``, ``quiz:seizure-q1``…): it
becomes the gettext ``msgctxt``, so translators see where a string lives and equal strings in
different places can be translated differently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..diagnostics import Position
from ..load.located import KeyPath, Located
from ..model import CaseRef, Course, Discussion, Download, Prose, Quiz, ScenarioRef, Video, copy_course
from .segments import replace_segments

Translate = Callable[[str, str, Position], str]

QUIZ_TEXT_KEYS = {
    "title",
    "question",
    "context",
    "text",
    "feedback",
    "feedback_unselected",
    "hints",
    "explanation",
}
QUIZ_TEXT_ANSWER_KEYS = {"answer", "also"}  # a text quiz's expected answers are words of the language
MEDIA_TEXT_KEYS = {"title", "description", "category", "topic"}
# Scenario and case files: values under these keys (at any depth) are text for learners; values
# under the id keys never are, even inside a text mapping.
XBLOCK_TEXT_KEYS = {
    "title", "intro", "narrative", "text", "consequence", "coaching", "feedback", "label", "alt", "caption",
    "body", "description", "brief", "law", "agreed_facts", "prompt", "explanation", "model_answer",
    "summary", "debrief", "statement", "content", "question", "hint", "unit_label",
}  # fmt: skip
SCENARIO_TEXT_KEYS = XBLOCK_TEXT_KEYS | {"role"}  # "Your role: Presiding judge"
XBLOCK_ID_KEYS = {
    "id", "goto", "target", "start", "competency", "type", "kind", "expected", "exhibit", "element",
    "count", "name", "option", "source", "src", "file", "role", "band", "unit", "points", "weight",
}  # fmt: skip


def localize(course: Course, fn: Translate, by_block: bool = True, facts: dict | None = None) -> Course:
    """A copy of *course* with every learner-visible string passed through *fn*.

    *by_block* offers prose one Markdown block at a time (what translation needs); without it each
    prose text is offered whole, which is all that filling in variables needs and much cheaper.
    *facts* are the jurisdiction facts already localized (otherwise they go through *fn* here).
    """
    course = copy_course(course)
    markdown = _markdown if by_block else _whole
    source = course.source
    where = source.at(("title",)) if source else Position(course.folder)
    course.title = fn(course.title, "course", where)
    course.jurisdiction = facts if facts is not None else localize_facts(course, fn)
    if course.grading:
        _grading(course, fn, where)
    if course.variant_title:
        course.variant_title = fn(course.variant_title, f"variant:{course.variant}", where)
    about = course.about
    for name in ("short_description", "subtitle", "duration"):
        value = getattr(about, name)
        if value:
            setattr(about, name, fn(value, "about", source.at(("about", name)) if source else where))
    if about.overview:
        about.overview = markdown(about.overview, "about", about.overview_position or where, fn)
    if course.certificate:
        cert_where = source.at(("certificate",)) if source else where
        course.certificate.title = fn(course.certificate.title, "certificate", cert_where)
        if course.certificate.description:
            course.certificate.description = fn(course.certificate.description, "certificate", cert_where)
        for person in course.certificate.signatories:
            person.title = fn(person.title, "certificate", cert_where)
            if person.organization:
                person.organization = fn(person.organization, "certificate", cert_where)
    for page in course.pages:
        page.title = fn(page.title, f"page:{page.id}", page.position)
        page.markdown = markdown(page.markdown, f"page:{page.id}", page.position, fn)
    for module in course.modules:
        module.title = fn(module.title, f"module:{module.id}", module.position)
        for lesson in module.lessons:
            context = f"lesson:{lesson.id}"
            lesson.title = fn(lesson.title, context, lesson.position)
            lesson.footnotes = {
                label: _footnote(text, context, lesson.position, fn)
                for label, text in lesson.footnotes.items()
            }
            for unit in lesson.units:
                unit.title = fn(unit.title, f"unit:{unit.id}", unit.position)
                for component in unit.components:
                    _component(component, unit.id, fn, markdown)
    for ref, document in course.scenarios.items():
        _document(document, f"scenario:{ref}", fn)
    for ref, document in course.cases.items():
        _document(document, f"case:{ref}", fn)
    return course


def localize_facts(course: Course, fn: Translate) -> dict:
    """The ``{{ jurisdiction.… }}`` facts with their texts passed through *fn*.

    A fact is a phrase that lands inside translated sentences ("the national drug control law"),
    so it is translated like them: a French lesson must not name the statute in English.
    """
    default = Position(course.folder / "course.yaml")

    def walk(value: Any, where: Position) -> Any:
        if isinstance(value, str):
            return fn(value, "jurisdiction", where) if value.strip() else value
        if isinstance(value, dict):
            return {key: walk(item, where) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item, where) for item in value]
        return value

    return {
        key: walk(value, course.jurisdiction_positions.get(key, default))
        for key, value in course.jurisdiction.items()
    }


def _grading(course: Course, fn: Translate, where: Position) -> None:
    """Assignment type names and labels, as learners read them on the Progress page.

    A lesson names its type (the sequential's ``format``), so each lesson takes the same
    translation as the type it names, and Open edX still matches them.
    """
    names = {}
    kinds = []
    for kind in course.grading.assignment_types:
        place = kind.position or where
        names[kind.type] = fn(kind.type, "grading", place)
        kinds.append(
            replace(
                kind,
                type=names[kind.type],
                short_label=fn(kind.short_label, "grading", place) if kind.short_label else "",
            )
        )
    course.grading = replace(course.grading, assignment_types=kinds)
    for module in course.modules:
        for lesson in module.lessons:
            if lesson.graded in names:
                lesson.graded = names[lesson.graded]


def _markdown(text: str, context: str, where: Position, fn: Translate) -> str:
    return replace_segments(text, lambda block, line: fn(block, context, where.shifted(line)))


def _whole(text: str, context: str, where: Position, fn: Translate) -> str:
    return fn(text, context, where)


def _footnote(definition: str, context: str, where: Position, fn: Translate) -> str:
    label, _, text = definition.partition("]:")
    return f"{label}]: {fn(text.strip(), context, where)}"


def _component(component, unit_id: str, fn: Translate, markdown=_markdown) -> None:
    if isinstance(component, Prose):
        component.markdown = markdown(component.markdown, f"unit:{unit_id}", component.position, fn)
    elif isinstance(component, Quiz):
        data = component.source.data
        keys = QUIZ_TEXT_KEYS | (QUIZ_TEXT_ANSWER_KEYS if data.get("type") == "text" else set())
        _strings(component.source, (), keys, set(), f"quiz:{component.id}", fn, inside_text=False)
    elif isinstance(component, Video | Discussion | Download):
        kind = type(component).__name__.lower()
        _strings(
            component.source, (), MEDIA_TEXT_KEYS, set(), f"{kind}:{component.id}", fn, inside_text=False
        )
    elif isinstance(component, ScenarioRef | CaseRef):
        pass  # their documents are walked once, with the course


def _document(document: Located, context: str, fn: Translate) -> None:
    if context.startswith("scenario:"):  # a scenario's role is shown to learners; a case's is an id
        _strings(document, (), SCENARIO_TEXT_KEYS, XBLOCK_ID_KEYS - {"role"}, context, fn, inside_text=False)
    else:
        _strings(document, (), XBLOCK_TEXT_KEYS, XBLOCK_ID_KEYS, context, fn, inside_text=False)


def _strings(
    document: Located,
    path: KeyPath,
    text_keys: set[str],
    id_keys: set[str],
    context: str,
    fn: Translate,
    inside_text: bool,
) -> None:
    """Replace, in place, every string under a text key (and not under an id key)."""
    value: Any = document.data
    for step in path:
        value = value[step]
    if isinstance(value, dict):
        for key, child in value.items():
            if key in id_keys and not isinstance(child, dict):
                continue  # an id (a scenario step's ``exhibit:`` mapping holds text, not an id)
            child_path = (*path, key)
            if isinstance(child, str):
                if inside_text or key in text_keys:
                    value[key] = fn(child, context, document.at(child_path))
            elif isinstance(child, dict | list):
                _strings(
                    document, child_path, text_keys, id_keys, context, fn, inside_text or key in text_keys
                )
    elif isinstance(value, list):
        for index, child in enumerate(value):
            child_path = (*path, index)
            if isinstance(child, str):
                if inside_text:
                    value[index] = fn(child, context, document.at(child_path))
            elif isinstance(child, dict | list):
                _strings(document, child_path, text_keys, id_keys, context, fn, inside_text)
