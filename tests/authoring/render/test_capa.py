from lxml import etree

from benchbook.authoring.render.capa import build_problem
from benchbook.authoring.render.markdown import render_inline, render_markdown


def problem_xml(data):
    element = build_problem(
        data, lambda text, path: render_inline(text), lambda text, path: render_markdown(text), str
    )
    return etree.tostring(element, encoding="unicode")


def test_single_select_with_feedback_hints_and_solution():
    xml = problem_xml(
        {
            "type": "single",
            "question": "Which *one*?",
            "choices": [{"text": "A", "feedback": "No."}, {"text": "B", "correct": True}],
            "hints": ["Think."],
            "explanation": "Because.",
            "shuffle": True,
        }
    )
    assert xml == (
        "<problem><multiplechoiceresponse><label>Which <em>one</em>?</label>"
        '<choicegroup type="MultipleChoice" shuffle="true">'
        '<choice correct="false">A<choicehint>No.</choicehint></choice>'
        '<choice correct="true">B</choice></choicegroup>'
        '<solution><div class="detailed-solution"><p>Because.</p>\n</div></solution>'
        "</multiplechoiceresponse><demandhint><hint>Think.</hint></demandhint></problem>"
    )


def test_multiple_select_selected_and_unselected_hints():
    xml = problem_xml(
        {
            "type": "multiple",
            "question": "Q",
            "choices": [
                {"text": "A", "correct": True, "feedback": "y", "feedback_unselected": "n"},
                {"text": "B"},
            ],
        }
    )
    assert '<choicehint selected="true">y</choicehint><choicehint selected="false">n</choicehint>' in xml
    assert "<checkboxgroup>" in xml


def test_dropdown_numerical_and_text():
    dropdown = problem_xml(
        {"type": "dropdown", "question": "Q", "choices": [{"text": "A", "correct": True}, {"text": "B"}]}
    )
    assert (
        '<optioninput><option correct="True">A</option><option correct="False">B</option></optioninput>'
        in dropdown
    )
    numerical = problem_xml({"type": "numerical", "question": "Q", "answer": 29, "tolerance": "5%"})
    assert '<numericalresponse answer="29">' in numerical
    assert '<responseparam type="tolerance" default="5%"/><formulaequationinput/>' in numerical
    text = problem_xml(
        {
            "type": "text",
            "question": "Q",
            "answer": " Doc ",
            "also": ["D"],
            "wrong": [{"answer": "x", "feedback": "f"}],
        }
    )
    assert '<stringresponse answer="Doc" type="ci">' in text
    assert (
        '<additional_answer answer="D"/><stringequalhint answer="x">f</stringequalhint><textline size="40"/>'
        in text
    )
    sensitive = problem_xml({"type": "text", "question": "Q", "answer": "Doc", "case_sensitive": True})
    assert 'type="ci"' not in sensitive
