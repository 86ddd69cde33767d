"""The course model. Field names follow the source format, not OLX; ``write`` does the mapping."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..diagnostics import Position
from ..load.located import Located


@dataclass
class Run:
    id: str
    start: datetime
    end: datetime | None = None
    enrollment_start: datetime | None = None
    enrollment_end: datetime | None = None
    position: Position | None = None
    end_given: bool = False  # an 'end' was written (when it is None, it was not a valid date)


@dataclass
class AssignmentType:
    type: str
    weight: float
    short_label: str = ""
    min_count: int = 1
    drop_count: int = 0
    position: Position | None = None
    weight_valid: bool = True  # False when the source's weight was not a number (already reported)


@dataclass
class Grading:
    assignment_types: list[AssignmentType]
    pass_mark: float


@dataclass
class Signatory:
    name: str
    title: str
    organization: str = ""
    signature: str = ""


@dataclass
class Certificate:
    title: str
    description: str = ""
    signatories: list[Signatory] = field(default_factory=list)


@dataclass
class About:
    short_description: str = ""
    overview: str = ""  # Markdown
    overview_position: Position | None = None
    effort: str = ""
    duration: str = ""
    subtitle: str = ""


@dataclass
class Page:
    """A custom page (Open edX static tab)."""

    id: str
    title: str
    markdown: str
    position: Position


# Components -------------------------------------------------------------------------------


@dataclass
class Component:
    position: Position


@dataclass
class Prose(Component):
    """A run of Markdown between components; becomes one OLX html block.

    Its ``id`` is made from its unit's or the preceding component's (validate/ids.py).
    """

    markdown: str
    id: str = ""


@dataclass
class FencedData(Component):
    """A fenced block whose content is YAML, checked against its schema."""

    source: Located
    id: str = ""


class Quiz(FencedData):
    """```quiz: compiled to a CAPA problem."""


class Video(FencedData):
    """```video: a YouTube or static video with transcripts."""


class Discussion(FencedData):
    """```discussion: an inline discussion XBlock."""


class Download(FencedData):
    """```download: an html block linking to a file."""


@dataclass
class Placement(Component):
    """A fenced block placing a scenario or case file (by its id) in the unit."""

    ref: str
    id: str = ""


class ScenarioRef(Placement):
    """```scenario ID: places scenarios/ID.yaml (an evidence_scenario XBlock) here."""


class CaseRef(Placement):
    """```adjudication ID: places cases/ID.yaml (a mock_adjudication XBlock) here."""


# Outline ----------------------------------------------------------------------------------


@dataclass
class Unit:
    id: str
    title: str
    position: Position
    components: list[Component] = field(default_factory=list)
    explicit_id: bool = False
    intro: bool = False  # the text before the lesson's first ## heading (id: LESSON-intro)


@dataclass
class Lesson:
    id: str
    title: str
    file: Path
    position: Position
    graded: str = ""
    graded_position: Position | None = None
    due: datetime | None = None
    due_position: Position | None = None
    units: list[Unit] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    replaces: list[Path] = field(
        default_factory=list
    )  # files of lessons a variant replaced with this one  # label → definition, for the blocks citing it


@dataclass
class Module:
    id: str
    title: str
    folder: Path
    position: Position
    lessons: list[Lesson] = field(default_factory=list)


@dataclass
class Course:
    folder: Path
    org: str
    number: str
    title: str
    language: str
    self_paced: bool
    runs: list[Run]
    grading: Grading | None
    certificate: Certificate | None
    about: About
    course_image: str
    course_image_position: Position | None
    pages: list[Page]
    modules: list[Module]
    discussion_tab: bool | None = None
    languages: list[str] = field(default_factory=list)  # every language built; the first is the source
    variants: list[str] = field(default_factory=list)  # variant ids built by default
    jurisdiction: dict = field(default_factory=dict)  # {{ jurisdiction.… }} values
    jurisdiction_positions: dict = field(default_factory=dict)  # fact name → where it is defined
    unreadable: set = field(default_factory=set)  # lesson files that could not be read (already reported)
    variant: str = ""  # the variant this model was built for ("" = the base course)
    variant_title: str = ""  # shown after the course title: "Drug law basics — Examplia"

    @property
    def display_title(self) -> str:
        return f"{self.title} — {self.variant_title}" if self.variant_title else self.title

    scenarios: dict[str, Located] = field(default_factory=dict)  # id → scenarios/<id>.yaml
    cases: dict[str, Located] = field(default_factory=dict)  # id → cases/<id>.yaml
    source: Located | None = None

    def lessons(self):
        for module in self.modules:
            yield from module.lessons

    def units(self):
        for lesson in self.lessons():
            yield from lesson.units

    def components(self):
        for unit in self.units():
            yield from unit.components

    def component_types(self) -> set[str]:
        return {type(c).__name__ for c in self.components()}


# Copies ------------------------------------------------------------------------------------


def _copy_data(value):
    """A copy of plain YAML data (dicts, lists, scalars): much faster than ``copy.deepcopy``."""
    if isinstance(value, dict):
        return {key: _copy_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy_data(item) for item in value]
    return value


def copy_located(located: Located) -> Located:
    """Its data copied; its positions shared (they are never changed after loading)."""
    return Located(_copy_data(located.data), located.file, located.positions, located.key_positions)


def copy_course(course: Course) -> Course:
    """A copy whose texts, outline and documents can be changed without touching *course*.

    Each language and variant of a build changes its own copy; positions, paths and other values
    that are never changed are shared.
    """
    result = copy.copy(course)
    result.about = copy.copy(course.about)
    if course.certificate:
        result.certificate = copy.copy(course.certificate)
        result.certificate.signatories = [copy.copy(s) for s in course.certificate.signatories]
    result.pages = [copy.copy(page) for page in course.pages]
    result.jurisdiction = _copy_data(course.jurisdiction)
    result.scenarios = {ref: copy_located(doc) for ref, doc in course.scenarios.items()}
    result.cases = {ref: copy_located(doc) for ref, doc in course.cases.items()}
    result.modules = []
    for module in course.modules:
        module_copy = copy.copy(module)
        module_copy.lessons = []
        for lesson in module.lessons:
            lesson_copy = copy.copy(lesson)
            lesson_copy.footnotes = dict(lesson.footnotes)
            lesson_copy.units = []
            for unit in lesson.units:
                unit_copy = copy.copy(unit)
                unit_copy.components = []
                for component in unit.components:
                    component_copy = copy.copy(component)
                    if hasattr(component, "source"):
                        component_copy.source = copy_located(component.source)
                    unit_copy.components.append(component_copy)
                lesson_copy.units.append(unit_copy)
            module_copy.lessons.append(lesson_copy)
        result.modules.append(module_copy)
    return result
