"""The preview's CAPA checker against the XML the compiler writes for every quiz type."""

from __future__ import annotations

import pytest
from lxml import etree

from benchbook.authoring.preview.capa import ProblemError, check, parse_problem, tolerance
from benchbook.authoring.render.capa import build_problem


def compiled(data: dict) -> bytes:
    """Problem XML exactly as the compiler builds it (plain text stands in for Markdown)."""
    problem = build_problem(data, lambda text, path: text, lambda text, path: f"<p>{text}</p>", lambda t: t)
    return etree.tostring(problem)


SINGLE = {
    "type": "single",
    "question": "What does a positive colour test show?",
    "choices": [
        {"text": "The identity", "feedback": "No — only a class."},
        {"text": "A drug class", "correct": True, "feedback": "Right."},
    ],
    "hints": ["Think of false positives.", "Presumptive."],
    "explanation": "Colour tests are presumptive.",
}


def test_single_choice_right_and_wrong_with_feedback():
    problem = parse_problem("q", compiled(SINGLE))
    assert problem.kind == "single"
    assert problem.question == "What does a positive colour test show?"
    assert [c.html for c in problem.choices] == ["The identity", "A drug class"]
    right = check(problem, "1")
    assert right.correct and right.feedback == ["Right."]
    wrong = check(problem, 0)
    assert not wrong.correct and wrong.feedback == ["No — only a class."]
    assert problem.hints == ["Think of false positives.", "Presumptive."]
    assert problem.explanation == "<p>Colour tests are presumptive.</p>"
    assert problem.correct_answer == "A drug class"


def test_single_choice_without_an_answer_asks_for_one():
    problem = parse_problem("q", compiled(SINGLE))
    for answer in (None, "", "7", "x"):
        result = check(problem, answer)
        assert not result.correct and result.message


MULTIPLE = {
    "type": "multiple",
    "question": "Which belong in a custody record?",
    "choices": [
        {"text": "Seal numbers", "correct": True, "feedback": "Yes.", "feedback_unselected": "Seals matter."},
        {"text": "Times", "correct": True},
        {"text": "Favourite colour", "feedback": "Irrelevant."},
    ],
}


def test_multiple_choice_needs_exactly_the_correct_set():
    problem = parse_problem("q", compiled(MULTIPLE))
    assert check(problem, ["0", "1"]).correct
    assert not check(problem, ["0"]).correct
    assert not check(problem, ["0", "1", "2"]).correct


def test_multiple_choice_feedback_for_selected_and_unselected_choices():
    problem = parse_problem("q", compiled(MULTIPLE))
    assert check(problem, ["1", "2"]).feedback == ["Seals matter.", "Irrelevant."]
    assert check(problem, ["0", "1"]).feedback == ["Yes."]
    assert check(problem, []).feedback == ["Seals matter."]


DROPDOWN = {
    "type": "dropdown",
    "question": "Which category is GC-MS in?",
    "choices": [
        {"text": "Category A", "correct": True},
        {"text": "Category C", "feedback": "Colour tests are C."},
    ],
}


def test_dropdown_by_index_or_text():
    problem = parse_problem("q", compiled(DROPDOWN))
    assert check(problem, "0").correct
    assert check(problem, "Category A").correct
    wrong = check(problem, "1")
    assert not wrong.correct and wrong.feedback == ["Colour tests are C."]
    assert check(problem, "").message


@pytest.mark.parametrize(
    ("given", "correct"),
    [("29", True), ("30.4", True), ("27.6", True), ("27.5", False), ("31", False), (" 2.9e1 ", True)],
)
def test_numerical_with_a_percentage_tolerance(given, correct):
    problem = parse_problem(
        "q", compiled({"type": "numerical", "question": "How many?", "answer": 29, "tolerance": "5%"})
    )
    assert check(problem, given).correct is correct


def test_numerical_with_an_absolute_tolerance_and_none():
    absolute = parse_problem(
        "q", compiled({"type": "numerical", "question": "?", "answer": 10, "tolerance": 0.5})
    )
    assert check(absolute, "10.5").correct and not check(absolute, "10.6").correct
    exact = parse_problem("q", compiled({"type": "numerical", "question": "?", "answer": 0.1}))
    assert check(exact, "0.1").correct and not check(exact, "0.11").correct
    assert tolerance("", 0.0) > 0


def test_numerical_rejects_what_is_not_a_number():
    problem = parse_problem("q", compiled({"type": "numerical", "question": "?", "answer": 29}))
    result = check(problem, "twenty-nine")
    assert not result.correct and "not a number" in result.message


TEXT = {
    "type": "text",
    "question": "What is the record of hand-overs called?",
    "answer": "chain of custody",
    "also": ["custody chain"],
    "wrong": [{"answer": "custody log", "feedback": "Close — the log is part of it."}],
}


def test_text_answer_case_insensitive_with_alternatives_and_wrong_hints():
    problem = parse_problem("q", compiled(TEXT))
    assert check(problem, "Chain  of Custody").correct
    assert check(problem, "custody chain").correct
    wrong = check(problem, "Custody Log")
    assert not wrong.correct and wrong.feedback == ["Close — the log is part of it."]
    assert check(problem, "receipt").feedback == []


def test_text_answer_case_sensitive_when_asked():
    problem = parse_problem("q", compiled({**TEXT, "case_sensitive": True}))
    assert check(problem, "chain of custody").correct
    assert not check(problem, "Chain of custody").correct


def test_context_and_attributes_are_read():
    xml = compiled({**SINGLE, "context": "Read the report."})
    element = etree.fromstring(xml)
    element.set("max_attempts", "2")
    element.set("weight", "2.0")
    problem = parse_problem("q", etree.tostring(element))
    assert problem.context == "<p>Read the report.</p>"
    assert problem.max_attempts == 2 and problem.weight == 2.0


def test_unknown_xml_is_refused():
    with pytest.raises(ProblemError):
        parse_problem("q", b"<problem><customresponse/></problem>")


def test_every_quiz_of_the_fixture_course_is_checkable(complete_olx):
    kinds = set()
    for name, data in complete_olx.items():
        if name.startswith("problem/"):
            problem = parse_problem(name[8:-4], data)
            kinds.add(problem.kind)
            assert problem.question
    assert kinds == {"single", "multiple", "dropdown", "numerical", "text"}
