"""Readable OLX for a case, and the companion ORA for staff-graded reasons. No XBlock imports.

``write(case, node)`` fills an existing ``<mock_adjudication>`` element (the block's
``add_xml_to_node`` and the compiler both call it); ``read(node)`` gives the case back, and
``read(write(case)) == case``. Texts are HTML stored as element text (escaped by the serializer), ids
and names are attributes or ``<name>`` children separate from labels (the ORA2 rubric style)::

    <mock_adjudication display_name="…" case_id="…" role="judge" weight="1" max_attempts="1"
                       grading_policy="best" standard_of_proof="beyond reasonable doubt">
      <case_file>
        <brief>…</brief> <law>…</law> <agreed_facts><fact>…</fact></agreed_facts>
        <count id="c1" label="…"><element id="c1e1">…</element></count>
        <exhibit id="x1" type="lab_report" label="…" contested="true">
          <description>…</description> <media src="/static/x.png" alt="…"/>
        </exhibit>
      </case_file>
      <rulings><ruling exhibit="x1" expected="admit" points="2"><feedback option="exclude">…</feedback></ruling></rulings>
      <weighing points="4"><support element="c1e1" exhibit="x1"/></weighing>
      <verdicts><verdict count="c1" expected="guilty" points="2" proven="true" proof_points="1"/></verdicts>
      <sentence unit="months" min="48" max="72" points="2" factor_points="1">
        <factor id="f1" kind="aggravating" expected="true">…</factor>
      </sentence>
      <reasoning min_words="150" max_words="900" staff_graded="false"><prompt>…</prompt></reasoning>
      <rubric self_assessment_weight="1">
        <criterion source="auto" measures="rulings"><name>admissibility</name><label>…</label></criterion>
        <criterion source="self" expert="2"><name>structure</name><label>…</label><prompt>…</prompt>
          <option points="0"><name>0</name><label>…</label><explanation>…</explanation></option>
        </criterion>
      </rubric>
      <model_answer>…</model_answer>
    </mock_adjudication>

Reading goes through the authoring shape and ``Case.from_dict``, so a malformed attribute is reported
with the same key path (``("rulings", 2, "points")``) the compiler and Studio use.
"""

from __future__ import annotations

import html
from typing import Any

import nh3
from lxml import etree

from ..common.olx import scalar
from ..common.problems import ContentError, error
from .model import Case

TAG = "mock_adjudication"


def _num(value: float | int) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _sub(parent, tag: str, attrs: dict[str, str] | None = None, text: str | None = None):
    child = etree.SubElement(parent, tag)
    for key, value in (attrs or {}).items():
        child.set(key, value)
    if text:
        child.text = text
    return child


def write(case: Case, node) -> None:
    """Fill *node* (an lxml element, tag ``mock_adjudication``) with *case*; attributes in a fixed order.

    Attributes already on *node* (``url_name``, ``xblock-family``) are kept first.
    """
    node.tag = TAG
    for key, value in (
        ("display_name", case.title),
        ("case_id", case.id),
        ("role", case.role),
        ("weight", _num(case.weight)),
        ("max_attempts", str(case.max_attempts)),
        ("grading_policy", case.grading_policy),
        ("standard_of_proof", case.standard_of_proof),
    ):
        node.set(key, value)
    file = _sub(node, "case_file")
    _sub(file, "brief", text=case.brief)
    _sub(file, "law", text=case.law)
    facts = _sub(file, "agreed_facts")
    for fact in case.agreed_facts:
        _sub(facts, "fact", text=fact)
    for count in case.counts:
        c = _sub(file, "count", {"id": count.id, "label": count.label})
        for element in count.elements:
            _sub(c, "element", {"id": element.id}, element.text)
    for x in case.exhibits:
        e = _sub(
            file, "exhibit", {"id": x.id, "type": x.type, "label": x.label, "contested": _bool(x.contested)}
        )
        _sub(e, "description", text=x.description)
        if x.media is not None:
            attrs = {}
            if x.media.src:
                attrs["src"] = x.media.src
            if x.media.file:
                attrs["file"] = x.media.file
            if x.media.alt:
                attrs["alt"] = x.media.alt
            if x.media.decorative:
                attrs["decorative"] = "true"
            _sub(e, "media", attrs)
    rulings = _sub(node, "rulings")
    for r in case.rulings:
        el = _sub(rulings, "ruling", {"exhibit": r.exhibit, "expected": r.expected, "points": _num(r.points)})
        for option, text in r.feedback.items():
            _sub(el, "feedback", {"option": option}, text)
    weighing = _sub(node, "weighing", {"points": _num(case.weighing.points)})
    for s in case.weighing.supports:
        _sub(weighing, "support", {"element": s.element, "exhibit": s.exhibit})
    verdicts = _sub(node, "verdicts")
    for v in case.verdicts:
        attrs = {"count": v.count, "expected": v.expected, "points": _num(v.points)}
        if v.proven is not None:  # left out in content that predates it: derived, with a warning
            attrs["proven"] = _bool(v.proven)
        attrs["proof_points"] = _num(v.proof_points)
        _sub(verdicts, "verdict", attrs)
    if case.sentence is not None:
        s = case.sentence
        el = _sub(
            node,
            "sentence",
            {
                "unit": s.unit,
                "min": _num(s.min),
                "max": _num(s.max),
                "points": _num(s.points),
                "factor_points": _num(s.factor_points),
            },
        )
        for f in s.factors:
            _sub(el, "factor", {"id": f.id, "kind": f.kind, "expected": _bool(f.expected)}, f.label)
    r = case.reasoning
    el = _sub(
        node,
        "reasoning",
        {"min_words": str(r.min_words), "max_words": str(r.max_words), "staff_graded": _bool(r.staff_graded)},
    )
    _sub(el, "prompt", text=r.prompt)
    rubric = _sub(node, "rubric", {"self_assessment_weight": _num(case.rubric.self_assessment_weight)})
    for c in case.rubric.criteria:
        attrs = {"source": c.source}
        if c.measures:
            attrs["measures"] = c.measures
        if c.expert:
            attrs["expert"] = c.expert
        crit = _sub(rubric, "criterion", attrs)
        _sub(crit, "name", text=c.name)
        _sub(crit, "label", text=c.label)
        _sub(crit, "prompt", text=c.prompt)
        for o in c.options:
            opt = _sub(crit, "option", {"points": _num(o.points)})
            _sub(opt, "name", text=o.name)
            _sub(opt, "label", text=o.label)
            _sub(opt, "explanation", text=o.explanation)
    _sub(node, "model_answer", text=case.model_answer)
    _indent(node)


def _indent(node) -> None:
    """Indent the children for reading, at the node's depth in its document.

    Whitespace inside the element makes libxml2's ``pretty_print`` leave it as written, so the
    compiler's vertical file holds exactly these bytes and an export at the same depth matches them.
    """
    etree.indent(node, space="  ", level=sum(1 for _ in node.iterancestors()))


# -- reading -----------------------------------------------------------------------------------------


def _text(el, tag: str) -> str:
    child = el.find(tag) if el is not None else None
    return (child.text or "") if child is not None else ""


def _attrs(el, *names: str, typed: tuple[str, ...] = ()) -> dict[str, Any]:
    out = {}
    for name in names:
        value = el.get(name)
        if value is not None:
            out[name] = scalar(value) if name in typed else value
    return out


def to_authoring(node) -> dict[str, Any]:
    """The authoring shape (``Case.to_dict()`` form) of a ``<mock_adjudication>`` element."""
    if node.tag != TAG:
        raise ContentError([error(f"expected a <{TAG}> element, found <{node.tag}>", ())])
    data: dict[str, Any] = {}
    if node.get("case_id") is not None:
        data["id"] = node.get("case_id")
    if node.get("display_name") is not None:
        data["title"] = node.get("display_name")
    data.update(_attrs(node, "role", "grading_policy", "standard_of_proof"))
    data.update(_attrs(node, "weight", "max_attempts", typed=("weight", "max_attempts")))
    file = node.find("case_file")
    data["brief"] = _text(file, "brief")
    data["law"] = _text(file, "law")
    facts = file.find("agreed_facts") if file is not None else None
    data["agreed_facts"] = [f.text or "" for f in facts.findall("fact")] if facts is not None else []
    data["counts"] = [
        {
            **_attrs(c, "id", "label"),
            "elements": [{**_attrs(e, "id"), "text": e.text or ""} for e in c.findall("element")],
        }
        for c in (file.findall("count") if file is not None else [])
    ]
    exhibits = []
    for x in file.findall("exhibit") if file is not None else []:
        item = {**_attrs(x, "id", "type", "label"), **_attrs(x, "contested", typed=("contested",))}
        item["description"] = _text(x, "description")
        media = x.find("media")
        if media is not None:
            item["media"] = {
                **_attrs(media, "src", "file", "alt"),
                **_attrs(media, "decorative", typed=("decorative",)),
            }
        exhibits.append(item)
    data["exhibits"] = exhibits
    rulings = node.find("rulings")
    data["rulings"] = [
        {
            **_attrs(r, "exhibit", "expected"),
            **_attrs(r, "points", typed=("points",)),
            "feedback": {f.get("option", ""): f.text or "" for f in r.findall("feedback")},
        }
        for r in (rulings.findall("ruling") if rulings is not None else [])
    ]
    weighing = node.find("weighing")
    if weighing is not None:
        data["weighing"] = {
            **_attrs(weighing, "points", typed=("points",)),
            "supports": [_attrs(s, "element", "exhibit") for s in weighing.findall("support")],
        }
    verdicts = node.find("verdicts")
    data["verdicts"] = [
        {
            **_attrs(v, "count", "expected"),
            **_attrs(v, "points", "proven", "proof_points", typed=("points", "proven", "proof_points")),
        }
        for v in (verdicts.findall("verdict") if verdicts is not None else [])
    ]
    sentence = node.find("sentence")
    if sentence is not None:
        numbers = ("min", "max", "points", "factor_points")
        data["sentence"] = {
            **_attrs(sentence, "unit"),
            **_attrs(sentence, *numbers, typed=numbers),
            "factors": [
                {
                    **_attrs(f, "id", "kind"),
                    **_attrs(f, "expected", typed=("expected",)),
                    "label": f.text or "",
                }
                for f in sentence.findall("factor")
            ],
        }
    reasoning = node.find("reasoning")
    if reasoning is not None:
        names = ("min_words", "max_words", "staff_graded")
        data["reasoning"] = {**_attrs(reasoning, *names, typed=names), "prompt": _text(reasoning, "prompt")}
    rubric = node.find("rubric")
    if rubric is not None:
        criteria = []
        for c in rubric.findall("criterion"):
            item = {
                "name": _text(c, "name"),
                "label": _text(c, "label"),
                **_attrs(c, "source", "measures", "expert"),
                "prompt": _text(c, "prompt"),
                "options": [
                    {
                        "name": _text(o, "name"),
                        "label": _text(o, "label"),
                        **_attrs(o, "points", typed=("points",)),
                        "explanation": _text(o, "explanation"),
                    }
                    for o in c.findall("option")
                ],
            }
            criteria.append(item)
        data["rubric"] = {
            **_attrs(rubric, "self_assessment_weight", typed=("self_assessment_weight",)),
            "criteria": criteria,
        }
    data["model_answer"] = _text(node, "model_answer")
    return data


def read(node) -> Case:
    """The case in a ``<mock_adjudication>`` element; :class:`ContentError` (with key paths) if malformed."""
    return Case.from_dict(to_authoring(node))


def parse_string(xml: str | bytes):
    """An element from OLX text, parsed safely (no entities, no network); ContentError if malformed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)
    try:
        return etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ContentError(
            [error(f"the OLX is not well-formed XML: {exc}", (), "check the tags are closed")]
        ) from exc


def read_string(xml: str | bytes) -> Case:
    """The case in OLX text (see :func:`parse_string` and :func:`read`)."""
    return read(parse_string(xml))


def to_string(case: Case) -> str:
    node = etree.Element(TAG)
    write(case, node)
    return etree.tostring(node, encoding="unicode")


# -- the companion ORA --------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """HTML as plain text: ORA shows criterion prompts and option explanations as text."""
    return " ".join(html.unescape(nh3.clean(text or "", tags=set())).split())


def write_ora(case: Case, node) -> None:
    """Fill *node* (tag ``openassessment``) with a staff-assessed ORA that grades the written reasons.

    The compiler places it beside the ``mock_adjudication`` block when ``reasoning.staff_graded`` is
    true. Its rubric is the case's ``source: self`` criteria with the same stable ``<name>``s, so staff
    grade with the scale the learner self-assessed against. The format is ORA2's
    ``openassessment/xblock/utils/xml.py`` (``serialize_content_to_xml``): title, assessments
    (one required ``staff-assessment``), prompts, rubric (criterion → name/label/prompt/option with
    name/label/explanation), attributes as ORA writes them (``True``/``False``).
    """
    node.tag = "openassessment"
    for key, value in (
        ("text_response", "required"),
        ("text_response_editor", "text"),
        ("prompts_type", "html"),
        ("show_rubric_during_response", "True"),
    ):
        node.set(key, value)
    _sub(node, "title", text=f"{case.title}: written reasons")
    assessments = _sub(node, "assessments")
    _sub(assessments, "assessment", {"name": "staff-assessment", "required": "True"})
    prompts = _sub(node, "prompts")
    prompt = _sub(prompts, "prompt")
    words = f"<p>{case.reasoning.min_words}–{case.reasoning.max_words} words.</p>"
    _sub(
        prompt,
        "description",
        text=(case.reasoning.prompt or f"<p>Give your reasons in {case.title}.</p>") + words,
    )
    rubric = _sub(node, "rubric")
    for c in case.self_criteria():
        crit = _sub(rubric, "criterion", {"feedback": "optional"})
        _sub(crit, "name", text=c.name)
        _sub(crit, "label", text=c.label)
        _sub(crit, "prompt", text=_plain(c.prompt) or c.label)
        for o in c.options:
            opt = _sub(crit, "option", {"points": str(round(o.points))})
            _sub(opt, "name", text=o.name)
            _sub(opt, "label", text=o.label)
            _sub(opt, "explanation", text=_plain(o.explanation))
    _sub(rubric, "feedbackprompt", text="Comments on the reasons as a whole")
    _sub(rubric, "feedback_default_text", text="")
    _indent(node)
