"""A small CAPA checker for exactly the problem XML the compiler writes (``render/capa.py``).

The preview lets a trainer answer each quiz and see what a learner sees: the per-choice feedback,
the hints and the explanation. Checking happens on the server from the problem XML (the same
bytes the package holds), so the answer key never reaches the page before the learner asks for it.

Supported, as ``render/capa.py`` emits them: ``multiplechoiceresponse`` (single), ``choiceresponse``
(multiple, with selected/unselected hints), ``optionresponse`` (dropdown), ``numericalresponse``
(with an absolute or percentage tolerance) and ``stringresponse`` (case-insensitive unless told,
``additional_answer`` and ``stringequalhint`` for known wrong answers).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from lxml import etree

RESPONSES = {
    "multiplechoiceresponse": "single",
    "choiceresponse": "multiple",
    "optionresponse": "dropdown",
    "numericalresponse": "numerical",
    "stringresponse": "text",
}
HINT_TAGS = {"choicehint", "optionhint"}


def inner_html(element: etree._Element | None, skip: set[str] = frozenset()) -> str:
    """The HTML inside *element* (text and children), leaving out children tagged in *skip*."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if child.tag in skip:
            parts.append(child.tail or "")
            continue
        parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return "".join(parts).strip()


@dataclass
class Choice:
    html: str  # the choice's text (or plain text for a dropdown option)
    correct: bool
    hint: str = ""  # shown when chosen
    hint_unselected: str = ""  # multiple only: shown when left unticked


@dataclass
class Problem:
    """One quiz, read from its ``problem/<id>.xml``."""

    id: str
    kind: str
    title: str
    question: str  # HTML of the <label>
    context: str = ""  # HTML before the response
    choices: list[Choice] = field(default_factory=list)
    answer: str = ""  # numerical / text
    tolerance: str = ""
    also: list[str] = field(default_factory=list)
    wrong: dict[str, str] = field(default_factory=dict)  # text: wrong answer → feedback
    case_sensitive: bool = False
    explanation: str = ""
    hints: list[str] = field(default_factory=list)
    max_attempts: int | None = None
    weight: float | None = None

    @property
    def correct_answer(self) -> str:
        """The right answer, as HTML, for "show answer"."""
        if self.kind in ("single", "multiple", "dropdown"):
            return "; ".join(c.html for c in self.choices if c.correct)
        if self.kind == "numerical" and self.tolerance:
            return f"{self.answer} (± {self.tolerance})"
        return self.answer


@dataclass
class Result:
    correct: bool
    feedback: list[str]  # HTML fragments, in choice order
    message: str = ""  # a problem with the answer itself ("not a number")

    def to_json(self) -> dict:
        return {"correct": self.correct, "feedback": self.feedback, "message": self.message}


class ProblemError(ValueError):
    """The XML is not one the compiler writes."""


def parse_problem(problem_id: str, xml: bytes) -> Problem:
    root = etree.fromstring(xml)
    response = next((child for child in root if child.tag in RESPONSES), None)
    if response is None:
        raise ProblemError(f"problem '{problem_id}' has no response this checker knows")
    kind = RESPONSES[response.tag]
    context = "".join(
        etree.tostring(child, encoding="unicode", with_tail=False)
        for child in root
        if child is not response and child.tag != "demandhint" and isinstance(child.tag, str)
    )
    solution = response.find("solution")
    problem = Problem(
        id=problem_id,
        kind=kind,
        title=root.get("display_name", problem_id),
        question=inner_html(response.find("label")),
        context=context,
        explanation=inner_html(solution.find("div") if solution is not None else None),
        hints=[inner_html(hint) for hint in root.findall("demandhint/hint")],
        max_attempts=int(root.get("max_attempts")) if root.get("max_attempts") else None,
        weight=float(root.get("weight")) if root.get("weight") else None,
    )
    if kind in ("single", "multiple"):
        group = response.find("choicegroup" if kind == "single" else "checkboxgroup")
        for choice in group.findall("choice") if group is not None else []:
            selected = unselected = ""
            for hint in choice.findall("choicehint"):
                if hint.get("selected") == "false":
                    unselected = inner_html(hint)
                else:
                    selected = inner_html(hint)
            problem.choices.append(
                Choice(inner_html(choice, HINT_TAGS), choice.get("correct") == "true", selected, unselected)
            )
    elif kind == "dropdown":
        for option in response.findall("optioninput/option"):
            hint = option.find("optionhint")
            problem.choices.append(
                Choice(
                    (option.text or "").strip(), option.get("correct", "").lower() == "true", inner_html(hint)
                )
            )
    elif kind == "numerical":
        problem.answer = response.get("answer", "")
        param = response.find("responseparam[@type='tolerance']")
        problem.tolerance = param.get("default", "") if param is not None else ""
    else:
        problem.answer = response.get("answer", "")
        problem.case_sensitive = "ci" not in (response.get("type") or "").split()
        problem.also = [item.get("answer", "") for item in response.findall("additional_answer")]
        problem.wrong = {
            hint.get("answer", ""): inner_html(hint) for hint in response.findall("stringequalhint")
        }
    return problem


def check(problem: Problem, answer) -> Result:
    """Check one submitted answer: a choice index (single, dropdown), a list of indexes (multiple),
    or the text typed (numerical, text)."""
    return CHECKERS[problem.kind](problem, answer)


def _index(problem: Problem, value) -> int | None:
    try:
        index = int(value)
    except (TypeError, ValueError):
        return None
    return index if 0 <= index < len(problem.choices) else None


def _check_single(problem: Problem, answer) -> Result:
    index = _index(problem, answer)
    if index is None:
        return Result(False, [], "Choose an answer.")
    choice = problem.choices[index]
    return Result(choice.correct, [choice.hint] if choice.hint else [])


def _check_multiple(problem: Problem, answer) -> Result:
    values = answer if isinstance(answer, list | tuple | set) else ([] if answer in (None, "") else [answer])
    chosen = {_index(problem, value) for value in values}
    if None in chosen:
        return Result(False, [], "Choose answers from the list.")
    feedback = []
    for index, choice in enumerate(problem.choices):
        text = choice.hint if index in chosen else choice.hint_unselected
        if text:
            feedback.append(text)
    correct = chosen == {index for index, choice in enumerate(problem.choices) if choice.correct}
    return Result(correct, feedback)


def _check_numerical(problem: Problem, answer) -> Result:
    given = _number(str(answer or ""))
    if given is None:
        return Result(False, [], f"'{answer}' is not a number.")
    expected = _number(problem.answer)
    if expected is None:
        raise ProblemError(f"problem '{problem.id}' has a numerical answer that is not a number")
    return Result(math.isclose(given, expected, abs_tol=tolerance(problem.tolerance, expected)), [])


def tolerance(text: str, expected: float) -> float:
    """``5%`` is relative to the answer; a plain number is absolute; none allows rounding noise."""
    text = (text or "").strip()
    if not text:
        return 1e-9 * max(1.0, abs(expected))
    if text.endswith("%"):
        return abs(expected) * float(text[:-1]) / 100
    return abs(float(text))


NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _number(text: str) -> float | None:
    text = text.strip().replace(" ", "")
    return float(text) if NUMBER.match(text) else None


def _check_text(problem: Problem, answer) -> Result:
    def norm(value: str) -> str:
        value = " ".join(str(value).split())
        return value if problem.case_sensitive else value.casefold()

    given = norm(answer or "")
    if not given:
        return Result(False, [], "Type an answer.")
    accepted = {norm(value) for value in [problem.answer, *problem.also]}
    if given in accepted:
        return Result(True, [])
    feedback = [text for wrong, text in problem.wrong.items() if norm(wrong) == given]
    return Result(False, feedback)


def _check_dropdown(problem: Problem, answer) -> Result:
    index = _index(problem, answer)
    if index is None:  # the option's text is accepted too, as Open edX submits it
        index = next((i for i, c in enumerate(problem.choices) if c.html == str(answer)), None)
    if index is None:
        return Result(False, [], "Choose an answer.")
    choice = problem.choices[index]
    return Result(choice.correct, [choice.hint] if choice.hint else [])


CHECKERS = {
    "single": _check_single,
    "multiple": _check_multiple,
    "dropdown": _check_dropdown,
    "numerical": _check_numerical,
    "text": _check_text,
}
