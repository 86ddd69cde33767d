"""The evidence scenario as plain data: steps, choices, outcomes, and how a path is scored.

No XBlock imports: the compiler, the validator, the OLX reader/writer and the block all share this
model, and it is unit-tested without a runtime.

The authoring shape (what a trainer writes in ``scenarios/<id>.yaml``) maps one to one onto these
dataclasses: :meth:`Scenario.from_dict` builds the model, :meth:`Scenario.to_dict` gives the shape
back. Lists (not maps) keep the author's order. Semantic problems (a ``goto`` that leads nowhere, a
cycle) are the validator's job; ``from_dict`` raises :class:`ContentError` only for shapes it cannot
model at all (a missing required key, a list where text was expected), with each problem's ``path``
pointing into the authoring dict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..common.media import file_url, image_url
from ..common.problems import ContentError, Problem, error

FEEDBACK_MODES = ("immediate", "debrief")
GRADING_POLICIES = ("best", "last")

Render = Callable[[str], str]
PathStep = tuple[str, str]  # (step id, choice id) as the learner chose


def _identity(text: str) -> str:
    return text


@dataclass
class Competency:
    id: str
    label: str


@dataclass
class Image:
    src: str
    alt: str = ""
    decorative: bool = False


@dataclass
class Exhibit:
    """A document shown beside a step: an inline body (HTML) and/or a file under /static/."""

    title: str
    body: str = ""
    file: str = ""


@dataclass
class Choice:
    id: str
    text: str
    goto: str
    points: float = 0
    competency: str = ""
    critical: bool = False
    consequence: str = ""  # HTML: what happens because of this decision
    coaching: str = ""  # HTML: why, with the rule or procedure behind it


@dataclass
class Step:
    id: str
    title: str
    narrative: str = ""  # HTML
    image: Image | None = None
    exhibit: Exhibit | None = None
    choices: list[Choice] = field(default_factory=list)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass
class Outcome:
    id: str
    title: str
    band: str = ""  # e.g. pass | partial | fail: shown as words, never only as a colour
    narrative: str = ""  # HTML


@dataclass
class Scenario:
    title: str
    start: str
    id: str = ""
    weight: float = 1.0
    max_attempts: int = 1  # 0 = unlimited
    grading_policy: str = "best"
    feedback_mode: str = "immediate"
    allow_undo: bool = False
    role: str = ""
    intro: str = ""  # HTML
    competencies: list[Competency] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    # -- lookups -------------------------------------------------------------------------------------

    @cached_property
    def _index(self) -> tuple[dict[str, Step], dict[str, Outcome]]:
        """Steps and outcomes by id (the first of a duplicated id, as the validator reports it).

        Built on first lookup: build a new Scenario rather than adding or removing nodes afterwards.
        """
        steps: dict[str, Step] = {}
        outcomes: dict[str, Outcome] = {}
        for s in self.steps:
            steps.setdefault(s.id, s)
        for o in self.outcomes:
            outcomes.setdefault(o.id, o)
        return steps, outcomes

    def step(self, step_id: str) -> Step | None:
        return self._index[0].get(step_id)

    def outcome(self, outcome_id: str) -> Outcome | None:
        return self._index[1].get(outcome_id)

    def competency(self, competency_id: str) -> Competency | None:
        return next((c for c in self.competencies if c.id == competency_id), None)

    # -- scoring -------------------------------------------------------------------------------------

    def best_points(self) -> dict[str, float]:
        """The most points reachable from each node to an outcome (0 at outcomes).

        Safe on invalid graphs (the validator reports those): a node met again on the current
        descent counts 0, and a ``goto`` to nowhere ends the path.
        """
        best: dict[str, float] = {o.id: 0 for o in self.outcomes}
        steps = {s.id: s for s in self.steps}
        visiting: set[str] = set()

        def walk(node_id: str) -> float:
            if node_id in best:
                return best[node_id]
            step = steps.get(node_id)
            if step is None or node_id in visiting:
                return 0
            visiting.add(node_id)
            value = max((c.points + walk(c.goto) for c in step.choices), default=0)
            visiting.discard(node_id)
            best[node_id] = value
            return value

        for step in self.steps:
            walk(step.id)
        return best

    def max_score(self) -> float:
        """Points on the best path from the start: fixed by the content, never by learner state."""
        return self.best_points().get(self.start, 0) if self.step(self.start) else 0

    def best_choice(self, step: Step, best: dict[str, float] | None = None) -> Choice | None:
        """The choice on the best path from *step* (the first, in author order, on a tie)."""
        best = self.best_points() if best is None else best
        return max(step.choices, key=lambda c: c.points + best.get(c.goto, 0), default=None)

    def walk(self, path: list[PathStep]) -> tuple[list[tuple[Step, Choice]], str]:
        """Follow *path* from the start as far as it is valid under the current content.

        Returns the valid decisions and the node the learner stands on (a step or outcome id). After an
        author edits the graph, a stored path that no longer fits is cut where it stops fitting.
        """
        node = self.start
        taken: list[tuple[Step, Choice]] = []
        for step_id, choice_id in path:
            step = self.step(node)
            if step is None or step.id != step_id:
                break
            choice = step.choice(choice_id)
            if choice is None:
                break
            taken.append((step, choice))
            node = choice.goto
        return taken, node

    def score(self, path: list[PathStep]) -> float:
        """Points the learner earned on *path*, under the current key (so rescoring works)."""
        taken, _ = self.walk(path)
        return sum(choice.points for _, choice in taken)

    def competency_scores(self, path: list[PathStep]) -> list[dict[str, Any]]:
        """Per competency: points earned on the path out of the points the visited steps offered.

        Each visited step offers its best choice's points to that choice's competency; the learner's
        choice earns its points for its own competency (the validator warns when scoring choices of one
        step name different competencies, which would make this split unclear).
        """
        taken, _ = self.walk(path)
        earned = {c.id: 0.0 for c in self.competencies}
        possible = {c.id: 0.0 for c in self.competencies}
        for step, choice in taken:
            top = max(step.choices, key=lambda c: c.points)
            if top.competency in possible:
                possible[top.competency] += top.points
            if choice.competency in earned:
                earned[choice.competency] += choice.points
        return [
            {"id": c.id, "label": c.label, "earned": earned[c.id], "possible": possible[c.id]}
            for c in self.competencies
        ]

    # -- the authoring shape -------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: dict, render: Render = _identity) -> Scenario:
        """Build the model from the authoring shape; Markdown fields pass through *render*."""
        return _Reader(render).scenario(data)

    def to_dict(self) -> dict[str, Any]:
        """The authoring shape (texts as stored: HTML once rendered). ``from_dict`` reads it back."""
        out: dict[str, Any] = {"id": self.id} if self.id else {}
        out.update(
            title=self.title,
            weight=self.weight,
            max_attempts=self.max_attempts,
            grading_policy=self.grading_policy,
            feedback_mode=self.feedback_mode,
            allow_undo=self.allow_undo,
        )
        if self.role:
            out["role"] = self.role
        out["intro"] = self.intro
        out["start"] = self.start
        out["competencies"] = [{"id": c.id, "label": c.label} for c in self.competencies]
        out["steps"] = [_step_dict(s) for s in self.steps]
        out["outcomes"] = [
            {"id": o.id, "title": o.title, "band": o.band, "narrative": o.narrative} for o in self.outcomes
        ]
        return out


def _step_dict(step: Step) -> dict[str, Any]:
    out: dict[str, Any] = {"id": step.id, "title": step.title, "narrative": step.narrative}
    if step.image:
        out["image"] = {"src": step.image.src, "alt": step.image.alt, "decorative": step.image.decorative}
    if step.exhibit:
        exhibit: dict[str, Any] = {"title": step.exhibit.title}
        if step.exhibit.file:
            exhibit["file"] = step.exhibit.file
        if step.exhibit.body:
            exhibit["body"] = step.exhibit.body
        out["exhibit"] = exhibit
    out["choices"] = [
        {
            "id": c.id,
            "text": c.text,
            "goto": c.goto,
            "points": c.points,
            "competency": c.competency,
            "critical": c.critical,
            "consequence": c.consequence,
            "coaching": c.coaching,
        }
        for c in step.choices
    ]
    return out


class _Reader:
    """Reads the authoring dict, collecting every shape problem before raising once."""

    def __init__(self, render: Render):
        self.render = render
        self.problems: list[Problem] = []

    # typed getters: each records a problem (with its key path) and returns a safe default

    def _get(self, data: dict, key: str, path: tuple, kinds: tuple, default: Any, required: bool = False):
        if key not in data or data[key] is None:
            if required:
                self.problems.append(
                    error(f"{_where(path)}: '{key}' is missing", (*path, key), f"add '{key}:'")
                )
            return default
        value = data[key]
        if isinstance(value, bool) and bool not in kinds:
            value = None  # a bool is an int in Python; YAML 'yes' is not a number
        if value is None or not isinstance(value, kinds):
            names = " or ".join(_KIND_NAMES[k] for k in kinds)
            self.problems.append(
                error(
                    f"{_where(path)}: '{key}' must be {names}, not {_kind_name(data[key])}",
                    (*path, key),
                    f"write '{key}' as {names}",
                )
            )
            return default
        return value

    def text(self, data, key, path, required=False, default=""):
        value = self._get(data, key, path, (str, int, float), default, required)
        return value if isinstance(value, str) else str(value)

    def markdown(self, data, key, path):
        value = self.text(data, key, path)
        return self.render(value) if value else ""

    def number(self, data, key, path, default):
        return self._get(data, key, path, (int, float), default)

    def flag(self, data, key, path, default=False):
        return self._get(data, key, path, (bool,), default)

    def items(self, data, key, path, required=False) -> list[tuple[tuple, dict]]:
        value = self._get(data, key, path, (list,), [], required)
        out = []
        for index, item in enumerate(value):
            where = (*path, key, index)
            if isinstance(item, dict):
                out.append((where, item))
            else:
                self.problems.append(
                    error(
                        f"{_where(where)}: each entry of '{key}' must be 'key: value' lines, "
                        f"not {_kind_name(item)}",
                        where,
                        "start the entry with '- id: …'",
                    )
                )
        return out

    def mapping(self, data, key, path) -> dict | None:
        value = self._get(data, key, path, (dict,), None)
        return value

    # the shape

    def scenario(self, data: Any) -> Scenario:
        if not isinstance(data, dict):
            raise ContentError([error(f"a scenario must be 'key: value' lines, not {_kind_name(data)}")])
        root: tuple = ()
        scenario = Scenario(
            id=self.text(data, "id", root),
            title=self.text(data, "title", root, required=True),
            start=self.text(data, "start", root, required=True),
            weight=self.number(data, "weight", root, 1.0),
            max_attempts=self.number(data, "max_attempts", root, 1),
            grading_policy=self.text(data, "grading_policy", root, default="best"),
            feedback_mode=self.text(data, "feedback_mode", root, default="immediate"),
            allow_undo=self.flag(data, "allow_undo", root),
            role=self.text(data, "role", root),
            intro=self.markdown(data, "intro", root),
            competencies=[
                Competency(
                    id=self.text(item, "id", where, required=True),
                    label=self.text(item, "label", where, required=True),
                )
                for where, item in self.items(data, "competencies", root)
            ],
            steps=[self.step(item, where) for where, item in self.items(data, "steps", root, required=True)],
            outcomes=[
                Outcome(
                    id=self.text(item, "id", where, required=True),
                    title=self.text(item, "title", where, required=True),
                    band=self.text(item, "band", where),
                    narrative=self.markdown(item, "narrative", where),
                )
                for where, item in self.items(data, "outcomes", root, required=True)
            ],
        )
        if self.problems:
            raise ContentError(self.problems)
        return scenario

    def step(self, data: dict, path: tuple) -> Step:
        step = Step(
            id=self.text(data, "id", path, required=True),
            title=self.text(data, "title", path, required=True),
            narrative=self.markdown(data, "narrative", path),
        )
        image = self.mapping(data, "image", path)
        if image is not None:
            where = (*path, "image")
            step.image = Image(
                src=self.text(image, "src", where, required=True),
                alt=self.text(image, "alt", where),
                decorative=self.flag(image, "decorative", where),
            )
            if self.render is not _identity:  # the compiler: check, publish, rewrite to /static/…
                step.image.src = image_url(self.render, step.image.src, step.image.alt, step.image.decorative)
        exhibit = self.mapping(data, "exhibit", path)
        if exhibit is not None:
            where = (*path, "exhibit")
            step.exhibit = Exhibit(
                title=self.text(exhibit, "title", where, required=True),
                body=self.markdown(exhibit, "body", where),
                file=self.text(exhibit, "file", where),
            )
            if self.render is not _identity:
                step.exhibit.file = file_url(self.render, step.exhibit.file, step.exhibit.title)
        step.choices = [self.choice(item, where) for where, item in self.items(data, "choices", path, True)]
        return step

    def choice(self, data: dict, path: tuple) -> Choice:
        return Choice(
            id=self.text(data, "id", path, required=True),
            text=self.text(data, "text", path, required=True),
            goto=self.text(data, "goto", path, required=True),
            points=self.number(data, "points", path, 0),
            competency=self.text(data, "competency", path),
            critical=self.flag(data, "critical", path),
            consequence=self.markdown(data, "consequence", path),
            coaching=self.markdown(data, "coaching", path),
        )


_KIND_NAMES = {str: "text", int: "a number", float: "a number", bool: "true or false", list: "a list",
               dict: "'key: value' lines"}  # fmt: skip


def _kind_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "'key: value' lines"
    return type(value).__name__


def _where(path: tuple) -> str:
    """'step 3, choice 2' style location for messages about shape (ids may be missing here)."""
    if not path:
        return "scenario"
    parts = []
    names = {"steps": "step", "choices": "choice", "outcomes": "outcome", "competencies": "competency"}
    i = 0
    while i < len(path):
        key = path[i]
        if key in names and i + 1 < len(path) and isinstance(path[i + 1], int):
            parts.append(f"{names[key]} #{path[i + 1] + 1}")
            i += 2
        else:
            parts.append(str(key))
            i += 1
    return ", ".join(parts)
