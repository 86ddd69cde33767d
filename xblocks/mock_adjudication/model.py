"""A mock-adjudication case: plain data, the authoring shape, and scoring. No XBlock imports.

The authoring shape (what a trainer writes in ``cases/<id>.yaml``, see ``authoring.schema.json`` and
``docs/mock-adjudications.md``) is the one vocabulary shared by the compiler, the OLX, Studio and the
validator: every :class:`~benchbook.xblocks.common.problems.Problem` names its place by a key path into
it, e.g. ``("rulings", 2, "exhibit")``.

``Case.from_dict`` only refuses what it cannot model at all (a missing required key, a list where a
mapping belongs, text where a number belongs); everything semantic (unknown ids, ranges, points) is the
validator's job, so an author sees every problem at once.

Scoring is computed from the learner's stored answers against the key held here, so instructors can
rescore after a key change and the browser never sees (or sends) a score.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..common.media import file_url, image_url
from ..common.problems import ContentError, Path, error

ROLES = ("judge", "prosecutor")
POLICIES = ("best", "last")
RULINGS = ("admit", "exclude", "admit_limited")
VERDICTS = ("guilty", "not_guilty")
FACTOR_KINDS = ("aggravating", "mitigating")
SOURCES = ("auto", "self")
AUTO_PARTS = ("rulings", "weighing", "verdicts", "sentence")
EXHIBIT_TYPES = (
    "lab_report",
    "field_test",
    "custody_log",
    "expert_statement",
    "witness_statement",
    "photograph",
    "physical",
    "document",
)
PHASES = ("case_file", "admissibility", "weighing", "verdict", "reasons", "assessment")

Render = Callable[[str], str]


def _identity(text: str) -> str:
    return text


# --------------------------------------------------------------------------------------------------
# The content
# --------------------------------------------------------------------------------------------------


@dataclass
class Element:
    """One element of an offence the prosecution must prove."""

    id: str
    text: str


@dataclass
class Count:
    """A charge, with the elements of the offence."""

    id: str
    label: str
    elements: list[Element] = field(default_factory=list)


@dataclass
class Media:
    """An image (with alt text) or a file (a PDF) shown with an exhibit."""

    src: str = ""
    alt: str = ""
    file: str = ""
    decorative: bool = False


@dataclass
class Exhibit:
    id: str
    type: str
    label: str
    description: str = ""  # HTML
    contested: bool = False
    media: Media | None = None


@dataclass
class Ruling:
    """The key for one contested exhibit, with feedback per option (HTML)."""

    exhibit: str
    expected: str
    points: float = 1.0
    feedback: dict[str, str] = field(default_factory=dict)


@dataclass
class Support:
    element: str
    exhibit: str


@dataclass
class Weighing:
    """Which admitted exhibits support which element (the key), and what the matrix is worth."""

    supports: list[Support] = field(default_factory=list)
    points: float = 0.0


@dataclass
class VerdictKey:
    """The key for one count: the expected verdict, and the expected answer to the weighing phase's
    "is the standard of proof met?" question (``proven``).

    ``proven`` is ``None`` in content written before the key had it; it is then derived from the
    expected verdict (a conviction needs the standard met; an acquittal here means it was not), and
    the validator warns so the author can state it.
    """

    count: str
    expected: str
    points: float = 1.0
    proven: bool | None = None
    proof_points: float = 1.0

    @property
    def expected_proven(self) -> bool:
        return self.proven if self.proven is not None else self.expected == "guilty"


@dataclass
class Factor:
    id: str
    kind: str
    label: str
    expected: bool = False


@dataclass
class Sentence:
    unit: str
    min: float
    max: float
    points: float = 1.0
    factor_points: float = 1.0
    factors: list[Factor] = field(default_factory=list)


@dataclass
class Reasoning:
    min_words: int = 0
    max_words: int = 1000
    staff_graded: bool = False
    prompt: str = ""  # HTML


@dataclass
class Option:
    name: str
    label: str
    points: float
    explanation: str = ""


@dataclass
class Criterion:
    """An ORA-style criterion: a stable ``name`` separate from its ``label``.

    ``source: auto`` criteria report one auto-scored part (``measures``); ``source: self`` criteria
    have options the learner picks from after seeing the model judgment; ``expert`` names the option
    an expert would pick for the model answer, for calibration feedback.
    """

    name: str
    label: str
    source: str = "self"
    prompt: str = ""
    measures: str = ""
    options: list[Option] = field(default_factory=list)
    expert: str = ""

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)

    @property
    def max_points(self) -> float:
        return max((o.points for o in self.options), default=0.0)


@dataclass
class Rubric:
    self_assessment_weight: float = 1.0
    criteria: list[Criterion] = field(default_factory=list)


@dataclass
class Case:
    id: str
    title: str
    role: str = "judge"
    weight: float = 1.0
    max_attempts: int = 1
    grading_policy: str = "best"
    standard_of_proof: str = "beyond reasonable doubt"
    brief: str = ""
    law: str = ""
    agreed_facts: list[str] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    weighing: Weighing = field(default_factory=Weighing)
    verdicts: list[VerdictKey] = field(default_factory=list)
    sentence: Sentence | None = None
    reasoning: Reasoning = field(default_factory=Reasoning)
    rubric: Rubric = field(default_factory=Rubric)
    model_answer: str = ""

    # -- look-ups ---------------------------------------------------------------------------------

    def exhibit(self, exhibit_id: str) -> Exhibit | None:
        return next((x for x in self.exhibits if x.id == exhibit_id), None)

    def ruling(self, exhibit_id: str) -> Ruling | None:
        return next((r for r in self.rulings if r.exhibit == exhibit_id), None)

    def elements(self) -> list[tuple[Count, Element]]:
        return [(c, e) for c in self.counts for e in c.elements]

    def contested(self) -> list[Exhibit]:
        """Exhibits the learner rules on: marked contested, or given a ruling key."""
        keyed = {r.exhibit for r in self.rulings}
        return [x for x in self.exhibits if x.contested or x.id in keyed]

    # -- scores fixed by content ------------------------------------------------------------------

    def part_max(self) -> dict[str, float]:
        sentence = 0.0
        if self.sentence is not None:
            sentence = self.sentence.points + self.sentence.factor_points * len(self.sentence.factors)
        return {
            "rulings": sum(r.points for r in self.rulings),
            # the weighing phase: the matrix, then "is the standard of proof met?" on each count
            "weighing": (self.weighing.points if self.weighing.supports else 0.0)
            + sum(v.proof_points for v in self.verdicts),
            "verdicts": sum(v.points for v in self.verdicts),
            "sentence": sentence,
        }

    def self_criteria(self) -> list[Criterion]:
        return [c for c in self.rubric.criteria if c.source == "self"]

    def self_max(self) -> float:
        return sum(c.max_points for c in self.self_criteria()) * self.rubric.self_assessment_weight

    def max_score(self) -> float:
        """Raw points possible: fixed by the content, never by what a learner did."""
        return round(sum(self.part_max().values()) + self.self_max(), 6)

    # -- the authoring shape ----------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: dict, render: Render = _identity) -> Case:
        """Build a case from the authoring shape; Markdown fields go through *render*.

        Raises :class:`ContentError` (every problem, each with its key path) for shapes that cannot be
        modelled; semantic problems are left to :func:`validation.validate`.
        """
        reader = _Reader(render)
        case = reader.case(data)
        if reader.problems:
            raise ContentError(reader.problems)
        return case

    def to_dict(self) -> dict[str, Any]:
        """The authoring shape (texts as stored, i.e. HTML); ``from_dict(to_dict())`` gives back self."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "role": self.role,
            "weight": self.weight,
            "max_attempts": self.max_attempts,
            "grading_policy": self.grading_policy,
            "standard_of_proof": self.standard_of_proof,
            "brief": self.brief,
            "law": self.law,
            "agreed_facts": list(self.agreed_facts),
            "counts": [
                {"id": c.id, "label": c.label, "elements": [{"id": e.id, "text": e.text} for e in c.elements]}
                for c in self.counts
            ],
            "exhibits": [_exhibit_dict(x) for x in self.exhibits],
            "rulings": [
                {
                    "exhibit": r.exhibit,
                    "expected": r.expected,
                    "points": r.points,
                    "feedback": dict(r.feedback),
                }
                for r in self.rulings
            ],
            "weighing": {
                "supports": [{"element": s.element, "exhibit": s.exhibit} for s in self.weighing.supports],
                "points": self.weighing.points,
            },
            "verdicts": [_verdict_dict(v) for v in self.verdicts],
            "reasoning": {
                "min_words": self.reasoning.min_words,
                "max_words": self.reasoning.max_words,
                "staff_graded": self.reasoning.staff_graded,
                "prompt": self.reasoning.prompt,
            },
            "rubric": {
                "self_assessment_weight": self.rubric.self_assessment_weight,
                "criteria": [_criterion_dict(c) for c in self.rubric.criteria],
            },
            "model_answer": self.model_answer,
        }
        if self.sentence is not None:
            s = self.sentence
            out["sentence"] = {
                "unit": s.unit,
                "min": s.min,
                "max": s.max,
                "points": s.points,
                "factor_points": s.factor_points,
                "factors": [
                    {"id": f.id, "kind": f.kind, "label": f.label, "expected": f.expected} for f in s.factors
                ],
            }
        return out


def _exhibit_dict(x: Exhibit) -> dict:
    out: dict[str, Any] = {
        "id": x.id,
        "type": x.type,
        "label": x.label,
        "description": x.description,
        "contested": x.contested,
    }
    if x.media is not None:
        media: dict[str, Any] = {}
        if x.media.src:
            media["src"] = x.media.src
        if x.media.file:
            media["file"] = x.media.file
        if x.media.alt:
            media["alt"] = x.media.alt
        if x.media.decorative:
            media["decorative"] = True
        out["media"] = media
    return out


def _verdict_dict(v: VerdictKey) -> dict:
    out: dict[str, Any] = {"count": v.count, "expected": v.expected, "points": v.points}
    if v.proven is not None:
        out["proven"] = v.proven
    out["proof_points"] = v.proof_points
    return out


def _criterion_dict(c: Criterion) -> dict:
    out: dict[str, Any] = {"name": c.name, "label": c.label, "source": c.source, "prompt": c.prompt}
    if c.measures:
        out["measures"] = c.measures
    out["options"] = [
        {"name": o.name, "label": o.label, "points": o.points, "explanation": o.explanation}
        for o in c.options
    ]
    if c.expert:
        out["expert"] = c.expert
    return out


_MISSING = object()


class _Reader:
    """Reads the authoring shape, collecting shape problems with their key paths."""

    def __init__(self, render: Render):
        self.render = render
        self.problems = []

    # primitives
    def _get(self, data: dict, key: str, path: Path, required: bool):
        if key not in data or data[key] is None:
            if required:
                self.problems.append(error(f"'{key}' is required here", (*path, key), f"add a '{key}:' line"))
            return _MISSING
        return data[key]

    def text(self, data: dict, key: str, path: Path, default: str | None = None, markdown=False) -> str:
        value = self._get(data, key, path, default is None)
        if value is _MISSING:
            return default or ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problems.append(
                error(f"'{key}' must be text, not {_kind(value)}", (*path, key), "write it as plain text")
            )
            return ""
        value = str(value)
        return self.render(value) if markdown else value

    def number(self, data: dict, key: str, path: Path, default: float | None = None) -> float:
        value = self._get(data, key, path, default is None)
        if value is _MISSING:
            return float(default or 0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problems.append(
                error(f"'{key}' must be a number, not {_kind(value)}", (*path, key), "write a number, e.g. 2")
            )
            return 0.0
        return float(value)

    def integer(self, data: dict, key: str, path: Path, default: int) -> int:
        value = self._get(data, key, path, False)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.append(
                error(f"'{key}' must be a whole number, not {_kind(value)}", (*path, key), "e.g. 3")
            )
            return default
        return value

    def boolean(self, data: dict, key: str, path: Path, default: bool = False) -> bool:
        value = self._get(data, key, path, False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.problems.append(
                error(
                    f"'{key}' must be true or false, not {_kind(value)}", (*path, key), "write true or false"
                )
            )
            return default
        return value

    def optional_boolean(self, data: dict, key: str, path: Path) -> bool | None:
        if data.get(key) is None:
            return None
        return self.boolean(data, key, path, False)

    def mapping(self, data: dict, key: str, path: Path, required: bool = False) -> dict | None:
        value = self._get(data, key, path, required)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.problems.append(
                error(
                    f"'{key}' must be a mapping of 'key: value' lines, not {_kind(value)}",
                    (*path, key),
                    "indent its keys under it",
                )
            )
            return None
        return value

    def items(self, data: dict, key: str, path: Path, required: bool = False) -> list[tuple[Path, dict]]:
        value = self._get(data, key, path, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.problems.append(
                error(
                    f"'{key}' must be a list ('- ' items), not {_kind(value)}",
                    (*path, key),
                    "start each item with '- '",
                )
            )
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problems.append(
                    error(
                        f"item {i + 1} of '{key}' must be a mapping of 'key: value' lines, not {_kind(item)}",
                        (*path, key, i),
                    )
                )
                continue
            out.append(((*path, key, i), item))
        return out

    # the case
    def case(self, data: Any) -> Case:
        if not isinstance(data, dict):
            self.problems.append(
                error(f"a case must be a mapping of 'key: value' lines, not {_kind(data)}", ())
            )
            return Case(id="", title="")
        root: Path = ()
        case = Case(
            id=self.text(data, "id", root),
            title=self.text(data, "title", root),
            role=self.text(data, "role", root, "judge"),
            weight=self.number(data, "weight", root, 1.0),
            max_attempts=self.integer(data, "max_attempts", root, 1),
            grading_policy=self.text(data, "grading_policy", root, "best"),
            standard_of_proof=self.text(data, "standard_of_proof", root, "beyond reasonable doubt"),
            brief=self.text(data, "brief", root, "", markdown=True),
            law=self.text(data, "law", root, "", markdown=True),
            model_answer=self.text(data, "model_answer", root, "", markdown=True),
        )
        facts = self._get(data, "agreed_facts", root, False)
        if facts is not _MISSING:
            if isinstance(facts, list):
                for i, fact in enumerate(facts):
                    if isinstance(fact, str | int | float) and not isinstance(fact, bool):
                        case.agreed_facts.append(self.render(str(fact)))
                    else:
                        self.problems.append(
                            error(f"agreed fact {i + 1} must be text, not {_kind(fact)}", ("agreed_facts", i))
                        )
            else:
                self.problems.append(
                    error(
                        "'agreed_facts' must be a list ('- ' items)", ("agreed_facts",), "one fact per item"
                    )
                )
        for path, c in self.items(data, "counts", root, required=True):
            count = Count(id=self.text(c, "id", path), label=self.text(c, "label", path))
            for epath, e in self.items(c, "elements", path, required=True):
                count.elements.append(Element(id=self.text(e, "id", epath), text=self.text(e, "text", epath)))
            case.counts.append(count)
        for path, x in self.items(data, "exhibits", root, required=True):
            case.exhibits.append(self.exhibit(x, path))
        for path, r in self.items(data, "rulings", root):
            feedback = {}
            fb = self.mapping(r, "feedback", path) or {}
            for option, text in fb.items():
                if isinstance(text, str):
                    feedback[str(option)] = self.render(text)
                else:
                    self.problems.append(
                        error(f"feedback for '{option}' must be text", (*path, "feedback", option))
                    )
            case.rulings.append(
                Ruling(
                    exhibit=self.text(r, "exhibit", path),
                    expected=self.text(r, "expected", path),
                    points=self.number(r, "points", path, 1.0),
                    feedback=feedback,
                )
            )
        w = self.mapping(data, "weighing", root)
        if w is not None:
            case.weighing.points = self.number(w, "points", ("weighing",), 0.0)
            for path, s in self.items(w, "supports", ("weighing",)):
                case.weighing.supports.append(
                    Support(element=self.text(s, "element", path), exhibit=self.text(s, "exhibit", path))
                )
        for path, v in self.items(data, "verdicts", root):
            case.verdicts.append(
                VerdictKey(
                    count=self.text(v, "count", path),
                    expected=self.text(v, "expected", path),
                    points=self.number(v, "points", path, 1.0),
                    proven=self.optional_boolean(v, "proven", path),
                    proof_points=self.number(v, "proof_points", path, 1.0),
                )
            )
        s = self.mapping(data, "sentence", root)
        if s is not None:
            p: Path = ("sentence",)
            case.sentence = Sentence(
                unit=self.text(s, "unit", p),
                min=self.number(s, "min", p),
                max=self.number(s, "max", p),
                points=self.number(s, "points", p, 1.0),
                factor_points=self.number(s, "factor_points", p, 1.0),
            )
            for fpath, f in self.items(s, "factors", p):
                case.sentence.factors.append(
                    Factor(
                        id=self.text(f, "id", fpath),
                        kind=self.text(f, "kind", fpath),
                        label=self.text(f, "label", fpath),
                        expected=self.boolean(f, "expected", fpath, False),
                    )
                )
        r = self.mapping(data, "reasoning", root)
        if r is not None:
            p = ("reasoning",)
            case.reasoning = Reasoning(
                min_words=self.integer(r, "min_words", p, 0),
                max_words=self.integer(r, "max_words", p, 1000),
                staff_graded=self.boolean(r, "staff_graded", p, False),
                prompt=self.text(r, "prompt", p, "", markdown=True),
            )
        rub = self.mapping(data, "rubric", root)
        if rub is not None:
            p = ("rubric",)
            case.rubric.self_assessment_weight = self.number(rub, "self_assessment_weight", p, 1.0)
            for cpath, c in self.items(rub, "criteria", p):
                criterion = Criterion(
                    name=self.text(c, "name", cpath),
                    label=self.text(c, "label", cpath),
                    source=self.text(c, "source", cpath, "self"),
                    prompt=self.text(c, "prompt", cpath, "", markdown=True),
                    measures=self.text(c, "measures", cpath, ""),
                    expert=self.text(c, "expert", cpath, ""),
                )
                for opath, o in self.items(c, "options", cpath):
                    criterion.options.append(
                        Option(
                            name=self.text(o, "name", opath),
                            label=self.text(o, "label", opath),
                            points=self.number(o, "points", opath),
                            explanation=self.text(o, "explanation", opath, "", markdown=True),
                        )
                    )
                case.rubric.criteria.append(criterion)
        return case

    def exhibit(self, x: dict, path: Path) -> Exhibit:
        exhibit = Exhibit(
            id=self.text(x, "id", path),
            type=self.text(x, "type", path),
            label=self.text(x, "label", path),
            description=self.text(x, "description", path, "", markdown=True),
            contested=self.boolean(x, "contested", path, False),
        )
        m = self.mapping(x, "media", path)
        if m is not None:
            mp = (*path, "media")
            media = Media(
                src=self.text(m, "src", mp, ""),
                alt=self.text(m, "alt", mp, ""),
                file=self.text(m, "file", mp, ""),
                decorative=self.boolean(m, "decorative", mp, False),
            )
            if self.render is not _identity:  # HTML already: paths stay as written
                media.src = image_url(self.render, media.src, media.alt, media.decorative)
                media.file = file_url(self.render, media.file, exhibit.label)
            exhibit.media = media
        return exhibit


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "nothing"
    return "text"


# --------------------------------------------------------------------------------------------------
# The learner's answers and their score
# --------------------------------------------------------------------------------------------------


@dataclass
class PartScore:
    earned: float
    possible: float


@dataclass
class Result:
    """A scored attempt: points per auto part, per self criterion, and the total."""

    parts: dict[str, PartScore]
    self_points: float
    self_possible: float
    rulings: list[dict] = field(default_factory=list)
    verdicts: list[dict] = field(default_factory=list)
    proof: list[dict] = field(default_factory=list)
    calibration: list[dict] = field(default_factory=list)
    sentence_in_range: bool | None = None

    @property
    def earned(self) -> float:
        return round(sum(p.earned for p in self.parts.values()) + self.self_points, 6)

    @property
    def possible(self) -> float:
        return round(sum(p.possible for p in self.parts.values()) + self.self_possible, 6)


def admitted_exhibits(case: Case, answers: dict) -> list[Exhibit]:
    """The exhibits before the learner in the weighing phase: uncontested, or admitted by them."""
    rulings = answers.get("rulings") or {}
    contested = {x.id for x in case.contested()}
    out = []
    for x in case.exhibits:
        if x.id not in contested:
            out.append(x)
        else:
            choice = (rulings.get(x.id) or {}).get("choice")
            if choice in ("admit", "admit_limited"):
                out.append(x)
    return out


def score(case: Case, answers: dict) -> Result:
    """Score *answers* (the stored learner state) against the key in *case*.

    Answers are the shape the block stores::

        {"rulings": {exhibit: {"choice": str, "reason": str}},
         "weighing": {"supports": [[element, exhibit], ...], "proven": {count: bool}},
         "verdicts": {count: "guilty" | "not_guilty"},
         "sentence": {"amount": float, "factors": [factor ids]},
         "reasons": str, "self": {criterion name: option name}}

    Weighing earns partial credit: ``points × max(0, hits − wrong ticks) / cells in the key``, so
    ticking every box earns nothing and missing one support costs its share; each count's "is the
    standard of proof met?" answer earns that verdict key's ``proof_points`` when it matches
    ``expected_proven``. Both are the weighing part.
    """
    maxima = case.part_max()
    parts: dict[str, PartScore] = {}

    rulings = answers.get("rulings") or {}
    earned = 0.0
    ruling_rows = []
    for r in case.rulings:
        choice = (rulings.get(r.exhibit) or {}).get("choice")
        correct = choice == r.expected
        earned += r.points if correct else 0.0
        ruling_rows.append(
            {
                "exhibit": r.exhibit,
                "choice": choice,
                "expected": r.expected,
                "correct": correct,
                "points": r.points if correct else 0.0,
                "possible": r.points,
                "feedback": r.feedback.get(choice or "", ""),
            }
        )
    parts["rulings"] = PartScore(earned, maxima["rulings"])

    key = {(s.element, s.exhibit) for s in case.weighing.supports}
    ticked = set()
    for pair in (answers.get("weighing") or {}).get("supports") or []:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            ticked.add((str(pair[0]), str(pair[1])))
    earned = 0.0
    if key:
        hits = len(ticked & key)
        wrong = len(ticked - key)
        earned = case.weighing.points * max(0, hits - wrong) / len(key)
    proven = (answers.get("weighing") or {}).get("proven") or {}
    proof_rows = []
    for v in case.verdicts:
        given = proven.get(v.count) if isinstance(proven, dict) else None
        given = given if isinstance(given, bool) else None
        correct = given is not None and given == v.expected_proven
        earned += v.proof_points if correct else 0.0
        proof_rows.append(
            {
                "count": v.count,
                "given": given,
                "expected": v.expected_proven,
                "correct": correct,
                "points": v.proof_points if correct else 0.0,
                "possible": v.proof_points,
            }
        )
    parts["weighing"] = PartScore(earned, maxima["weighing"])

    verdicts = answers.get("verdicts") or {}
    earned = 0.0
    verdict_rows = []
    for v in case.verdicts:
        given = verdicts.get(v.count)
        correct = given == v.expected
        earned += v.points if correct else 0.0
        verdict_rows.append({"count": v.count, "given": given, "expected": v.expected, "correct": correct})
    parts["verdicts"] = PartScore(earned, maxima["verdicts"])

    in_range = None
    if case.sentence is not None:
        s = case.sentence
        given = answers.get("sentence") or {}
        amount = given.get("amount")
        earned = 0.0
        in_range = (
            isinstance(amount, int | float) and not isinstance(amount, bool) and s.min <= amount <= s.max
        )
        if in_range:
            earned += s.points
        chosen = set(given.get("factors") or [])
        if given:
            for f in s.factors:
                if (f.id in chosen) == f.expected:
                    earned += s.factor_points
        parts["sentence"] = PartScore(earned, maxima["sentence"])
    else:
        parts["sentence"] = PartScore(0.0, 0.0)

    chosen_self = answers.get("self") or {}
    self_points = 0.0
    calibration = []
    weight = case.rubric.self_assessment_weight
    for c in case.self_criteria():
        option = c.option(chosen_self.get(c.name, ""))
        if option is not None:
            self_points += option.points * weight
        expert = c.option(c.expert) if c.expert else None
        if option is not None and expert is not None:
            gap = option.points - expert.points
            calibration.append(
                {
                    "criterion": c.name,
                    "chosen": option.name,
                    "expert": expert.name,
                    "verdict": "match" if gap == 0 else ("higher" if gap > 0 else "lower"),
                }
            )
    return Result(
        parts=parts,
        self_points=round(self_points, 6),
        self_possible=case.self_max(),
        rulings=ruling_rows,
        verdicts=verdict_rows,
        proof=proof_rows,
        calibration=calibration,
        sentence_in_range=in_range,
    )


# Chinese and Japanese are written without spaces: each ideograph or kana counts as one word (as a
# 字数 does) and their punctuation separates like a space. The learner view counts the same way.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_CJK}]|[^\\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20{_CJK}]+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
