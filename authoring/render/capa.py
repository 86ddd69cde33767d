"""Quizzes → CAPA problem XML, the form Open edX grades.

The XML is what Studio's own editor produces for each problem type (see ``docs/olx-mapping.md``):
a ``<label>`` for the question (screen readers announce it), per-choice hints, ``<demandhint>`` for
hints and ``<solution>`` for the explanation. No ``markdown`` attribute is written: the body is the
source of truth, and Studio's Markdown editor is not Markdown (frontend-app-authoring #2444).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

RenderText = Callable[[str, tuple], str]  # (Markdown, its key path in the quiz) → HTML


def append_html(parent: etree._Element, html: str) -> None:
    """Append an HTML fragment (as markdown-it writes it: well-formed XHTML) to *parent*."""
    if not html:
        return
    wrapper = etree.fromstring(f"<wrapper>{html}</wrapper>")
    if wrapper.text:
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + wrapper.text
        else:
            parent.text = (parent.text or "") + wrapper.text
    for child in list(wrapper):
        parent.append(child)


def _sub(parent: etree._Element, tag: str, html: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    append_html(element, html)
    return element


def build_problem(
    data: dict, block_inline: RenderText, block_markdown: RenderText, plain: Callable[[str], str]
) -> etree._Element:
    """The ``<problem>`` element's body for one quiz (attributes are added by the OLX writer)."""
    problem = etree.Element("problem")
    if data.get("context"):
        append_html(problem, block_markdown(data["context"], ("context",)))
    kind = data["type"]
    response = etree.SubElement(problem, RESPONSE_TAGS[kind])
    if kind == "numerical":
        response.set("answer", str(data["answer"]))
    elif kind == "text":
        response.set("answer", str(data["answer"]).strip())
        if not data.get("case_sensitive"):
            response.set("type", "ci")
    _sub(response, "label", block_inline(data["question"], ("question",)))
    BUILDERS[kind](response, data, block_inline, plain)
    if data.get("explanation"):
        solution = etree.SubElement(response, "solution")
        _sub(
            solution,
            "div",
            block_markdown(data["explanation"], ("explanation",)),
            **{"class": "detailed-solution"},
        )
    if data.get("hints"):
        demandhint = etree.SubElement(problem, "demandhint")
        for index, hint in enumerate(data["hints"]):
            _sub(demandhint, "hint", block_inline(hint, ("hints", index)))
    return problem


def _single(response, data, inline, plain) -> None:
    group = etree.SubElement(response, "choicegroup", type="MultipleChoice")
    if data.get("shuffle"):
        group.set("shuffle", "true")
    for index, choice in enumerate(data["choices"]):
        correct = "true" if choice.get("correct") else "false"
        element = _sub(group, "choice", inline(choice["text"], ("choices", index, "text")), correct=correct)
        if choice.get("feedback"):
            _sub(element, "choicehint", inline(choice["feedback"], ("choices", index, "feedback")))


def _multiple(response, data, inline, plain) -> None:
    group = etree.SubElement(response, "checkboxgroup")
    if data.get("shuffle"):
        group.set("shuffle", "true")
    for index, choice in enumerate(data["choices"]):
        correct = "true" if choice.get("correct") else "false"
        element = _sub(group, "choice", inline(choice["text"], ("choices", index, "text")), correct=correct)
        if choice.get("feedback"):
            _sub(
                element,
                "choicehint",
                inline(choice["feedback"], ("choices", index, "feedback")),
                selected="true",
            )
        if choice.get("feedback_unselected"):
            unselected = inline(choice["feedback_unselected"], ("choices", index, "feedback_unselected"))
            _sub(element, "choicehint", unselected, selected="false")


def _dropdown(response, data, inline, plain) -> None:
    group = etree.SubElement(response, "optioninput")
    for index, choice in enumerate(data["choices"]):
        option = etree.SubElement(group, "option", correct="True" if choice.get("correct") else "False")
        option.text = plain(choice["text"])
        if choice.get("feedback"):
            _sub(option, "optionhint", inline(choice["feedback"], ("choices", index, "feedback")))


def _numerical(response, data, inline, plain) -> None:
    if data.get("tolerance") is not None:
        etree.SubElement(response, "responseparam", type="tolerance", default=str(data["tolerance"]))
    etree.SubElement(response, "formulaequationinput")


def _text(response, data, inline, plain) -> None:
    for answer in data.get("also") or []:
        etree.SubElement(response, "additional_answer", answer=str(answer).strip())
    for index, wrong in enumerate(data.get("wrong") or []):
        feedback = inline(wrong["feedback"], ("wrong", index, "feedback"))
        _sub(response, "stringequalhint", feedback, answer=str(wrong["answer"]).strip())
    etree.SubElement(response, "textline", size="40")


RESPONSE_TAGS = {
    "single": "multiplechoiceresponse",
    "multiple": "choiceresponse",
    "dropdown": "optionresponse",
    "numerical": "numericalresponse",
    "text": "stringresponse",
}
BUILDERS = {
    "single": _single,
    "multiple": _multiple,
    "dropdown": _dropdown,
    "numerical": _numerical,
    "text": _text,
}
