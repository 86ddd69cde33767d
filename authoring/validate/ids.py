"""Every ``url_name`` of the package, in one registry: the ids trainers write and the ids made for them.

Open edX keys learner state by ``url_name`` and olxcleaner (Open edX's own validator) rejects two
blocks sharing one, whatever their types; the importer instead renames the second silently, which
moves learners' answers. So the ids the compiler makes — text blocks, downloads without an ``id``,
the staff-graded reasons beside a case, units without ``{#id}`` — are checked together with the
written ones, here, before anything is written. The writer takes its ids from the same functions.

How the made ids are formed (docs/decisions/0002-stable-ids.md): never from a position.

* a text block before a unit's first component: ``{unit}-text``;
* a text block after a component: ``{component}-text`` (the component it follows);
* a download without ``id``: ``{unit}-download-{published file name without extension}``;
* the Open Response Assessment beside a staff-graded case: ``{placement}-reasons``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics, Position
from ..load.paths import resolved
from ..model import CaseRef, Course, Download, Prose, Unit
from ..render.assets import flat_name

VALID_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MAX_ID_LENGTH = 64

WRITTEN = "written"  # the trainer wrote it: module, lesson, {#unit}, quiz, video, discussion, …
DERIVED = "derived"  # made for the trainer, who can give one instead (unit heading, download)
MADE = "made"  # made from another id, never written (text blocks, staff-graded reasons)


@dataclass(frozen=True)
class UrlName:
    """One ``url_name`` the package will hold, and where it comes from."""

    id: str
    kind: str  # as trainers name it: "unit", "quiz", "text block", …
    position: Position | None
    origin: str = WRITTEN
    made_from: str = ""  # for ids the compiler makes: what from, as a sentence's end
    fix: str = ""  # for DERIVED ids: how to give this block its own id


def text_block_id(anchor: str, count: int) -> str:
    """The id of a text block after *anchor* (its unit's or the preceding component's id)."""
    return f"{anchor}-text" if count == 1 else f"{anchor}-text-{count}"


def reasons_id(placement_id: str) -> str:
    """The Open Response Assessment placed beside a case whose reasons are staff-graded."""
    return f"{placement_id}-reasons"


def download_id(download: Download, unit: Unit, course_folder: Path) -> str:
    """The download's own ``id``, else one made from its unit and the file it publishes."""
    data = download.source.data if isinstance(download.source.data, dict) else {}
    if data.get("id"):
        return str(data["id"])
    file = data.get("file")
    if not isinstance(file, str) or not file:
        return ""  # the schema reports it; no block is written
    path = resolved(download.source.at(()).file.parent / file)
    try:
        relative = path.relative_to(course_folder).as_posix()
    except ValueError:
        relative = file  # outside the course: reported when the file is published
    name = flat_name(relative)  # the name the file is published under (render/assets.py)
    return f"{unit.id}-download-{name.rsplit('.', 1)[0].lower()}"


def assign_unit_ids(unit: Unit, course_folder: Path) -> None:
    """Give the unit's text blocks and id-less downloads their ids (the same on every call).

    A unit's text runs up to the next component, so there is at most one text block before the
    first component and one after each: each takes the id of what it follows, and inserting,
    moving or removing a component moves no other block's id. Two texts with nothing between them
    happen only when a component could not be read (an error) or a variant removed it; the second
    is numbered on from the first.
    """
    anchor, count = unit.id, 0
    for component in unit.components:
        if isinstance(component, Prose):
            count += 1
            component.id = text_block_id(anchor, count)
            continue
        if isinstance(component, Download):
            component.id = download_id(component, unit, course_folder)
        if component.id:  # a component without an id is an error reported elsewhere
            anchor, count = component.id, 0


def _here(position: Position | None, folder: Path) -> str:
    return f" at {os.path.relpath(position.file, folder)}:{position.line}" if position else ""


def _has_own_id(download: Download) -> bool:
    return isinstance(download.source.data, dict) and bool(download.source.data.get("id"))


def url_names(course: Course) -> Iterator[UrlName]:
    """Every url_name of the course's package, in outline order, with the made ids assigned.

    The ``<course>`` element's url_name, the run id, is left out: Open edX keys the course block
    as ``course`` whatever it is, and run ids carry the language and variant only when built.
    """
    for module in course.modules:
        yield UrlName(module.id, "module", module.position)
        for lesson in module.lessons:
            yield UrlName(lesson.id, "lesson", lesson.position)
            for unit in lesson.units:
                yield _unit_name(unit, lesson.id)
                assign_unit_ids(unit, course.folder)
                yield from _component_names(course, unit)


def _unit_name(unit: Unit, lesson_id: str) -> UrlName:
    if unit.explicit_id:
        return UrlName(unit.id, "unit", unit.position)
    if unit.intro:
        return UrlName(
            unit.id,
            "unit",
            unit.position,
            DERIVED,
            f"its id is made from lesson '{lesson_id}': it holds the text before the first ## heading",
            "start this text with a unit heading of its own, as in '## Title {#unique-id}'",
        )
    return UrlName(
        unit.id,
        "unit",
        unit.position,
        DERIVED,
        "its id comes from its heading",
        "this unit's id comes from its heading: give it its own, as in '## Title {#unique-id}'",
    )


def _component_names(course: Course, unit: Unit) -> Iterator[UrlName]:
    before = f"its id is made from its unit's id, '{unit.id}'"
    for component in unit.components:
        if isinstance(component, Prose):
            yield UrlName(component.id, "text block", component.position, MADE, before)
            continue
        kind = type(component).__name__.lower().replace("ref", "")
        if isinstance(component, Download) and not _has_own_id(component):
            yield UrlName(
                component.id,
                "download",
                component.position,
                DERIVED,
                f"its id is made from unit '{unit.id}' and the file's name",
                "give this download its own id: a line 'id: …' in its ```download block",
            )
        else:
            yield UrlName(component.id, kind, component.position)
        if component.id:
            before = f"its id is made from the id of the {kind} before it, '{component.id}'"
        if isinstance(component, CaseRef) and _staff_graded(course, component):
            yield UrlName(
                reasons_id(component.id),
                "staff-graded reasons block",
                component.position,
                MADE,
                f"its id is made from the id of the case placed here, '{component.id}'",
            )


def _staff_graded(course: Course, placement: CaseRef) -> bool:
    """Whether the writer places an Open Response Assessment beside this case (write/olx.py)."""
    document = course.cases.get(placement.ref)
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    reasoning = data.get("reasoning")
    return isinstance(reasoning, dict) and reasoning.get("staff_graded") is True


_PRIORITY = {DERIVED: 0, WRITTEN: 1, MADE: 2}  # of two clashing ids, the lower one should change


def check_ids(course: Course, diagnostics: Diagnostics) -> None:
    """Missing, malformed and duplicate ids, over every url_name the package will hold."""
    seen: dict[str, UrlName] = {}
    for name in url_names(course):
        if not name.id:
            if name.kind in ("quiz", "video"):
                diagnostics.error(
                    f"this {name.kind} has no id",
                    name.position,
                    "add 'id: …' — learners' answers are stored under it, so it must never change",
                )
            continue
        # the schemas check the ids written in YAML; placements' ids and lengths are checked here
        checked = name.origin == WRITTEN or (name.origin == DERIVED and name.kind == "unit")
        if checked and (
            (name.kind in ("scenario", "case") and not VALID_ID.match(name.id))
            or len(name.id) > MAX_ID_LENGTH
        ):
            diagnostics.error(
                f"{name.kind} id '{name.id}' cannot be used",
                name.position,
                f"ids use lowercase letters, digits, '-' and '_', at most {MAX_ID_LENGTH} characters",
            )
        first = seen.get(name.id)
        if first is None:
            seen[name.id] = name
        elif not (first.origin == MADE and name.origin == MADE):
            # two made ids are equal only when the ids they are made from are: reported there
            _report_duplicate(course, first, name, diagnostics)


def _report_duplicate(course: Course, first: UrlName, second: UrlName, diagnostics: Diagnostics) -> None:
    """One error, at the block whose id should change, naming the other place and what to do.

    An id made for the trainer that they can replace (a unit's heading, a download's file) changes
    first; then an id the trainer wrote (the second, on a tie); an id made from another id (a text
    block) only ever through that id, so its clash is reported at the other block.
    """
    culprit, other = (
        (first, second) if _PRIORITY[first.origin] < _PRIORITY[second.origin] else (second, first)
    )
    where = _here(other.position, course.folder)
    used_by = (
        f"a {other.kind}{where}"
        if other.origin == WRITTEN
        else f"the {other.kind}{where} ({other.made_from})"
    )
    if culprit.origin == DERIVED:
        hint = culprit.fix
    else:
        hint = "ids must be unique across the whole course; rename this one"
        if other.origin == MADE and other.kind == "text block":
            hint += " (a text block's id is its unit's id, or the id of the component before it, + '-text')"
        elif other.origin == MADE:
            hint += " (a staff-graded case's reasons block takes the case placement's id + '-reasons')"
    diagnostics.error(f"duplicate id '{culprit.id}': already used by {used_by}", culprit.position, hint)
