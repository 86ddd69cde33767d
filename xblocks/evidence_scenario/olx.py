"""Readable OLX for a scenario (ORA2 style): attributes for settings, nested elements for the graph.

    <evidence_scenario display_name="…" start="arrival" weight="10" max_attempts="2" …>
      <intro>&lt;p&gt;…&lt;/p&gt;</intro>
      <competencies><competency id="safety" label="Safe handling"/></competencies>
      <step id="arrival" title="Arrival at the scene">
        <narrative>&lt;p&gt;…&lt;/p&gt;</narrative>
        <image src="/static/bench.jpg" alt="…"/>
        <exhibit title="Seizure record" file="/static/record.pdf"><body>…</body></exhibit>
        <choice id="ppe" goto="sampling" points="2" competency="safety">
          <text>Withdraw and request PPE</text>
          <consequence>…</consequence>
          <coaching>…</coaching>
        </choice>
      </step>
      <outcome id="admissible" title="…" band="pass"><narrative>…</narrative></outcome>
    </evidence_scenario>

No JSON anywhere; HTML is escaped text. No XBlock imports: the compiler writes the same OLX the block
exports (``olx.write`` fills an element its caller created), and :func:`read` builds the model through
:meth:`Scenario.from_dict`, so a shape problem in OLX is reported with the same key path as in YAML.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..common.olx import scalar
from ..common.problems import ContentError, error
from ..common.sanitize import clean_html
from .model import Scenario
from .play import sanitized

TAG = "evidence_scenario"
SETTINGS = (
    "display_name",
    "scenario_id",
    "role",
    "start",
    "weight",
    "max_attempts",
    "grading_policy",
    "feedback_mode",
    "allow_undo",
)  # fmt: skip  (attribute order on write)


def _num(value: float) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _sub(parent, tag: str, attrib: dict[str, str] | None = None, text: str = ""):
    element = etree.SubElement(parent, tag, attrib or {})
    if text:
        element.text = text
    return element


def write(scenario: Scenario, node) -> None:
    """Fill *node* (an existing ``<evidence_scenario>`` element) with the scenario.

    Existing attributes (``url_name``, ``xblock-family``) are kept; ours follow in a fixed order.
    HTML is sanitised here (nh3, idempotent), so the compiler's OLX is exactly what the block, having
    sanitised it again on import, exports.
    """
    s = sanitized(scenario, clean_html)
    for child in list(node):
        node.remove(child)
    node.text = None
    attrs = {
        "display_name": s.title,
        "scenario_id": s.id,
        "role": s.role,
        "start": s.start,
        "weight": _num(s.weight),
        "max_attempts": _num(s.max_attempts),
        "grading_policy": s.grading_policy,
        "feedback_mode": s.feedback_mode,
        "allow_undo": _bool(s.allow_undo),
    }
    for key in SETTINGS:
        node.attrib.pop(key, None)
        if attrs[key] != "" or key in ("display_name", "start"):
            node.set(key, attrs[key])
    if s.intro:
        _sub(node, "intro", text=s.intro)
    if s.competencies:
        comps = _sub(node, "competencies")
        for c in s.competencies:
            _sub(comps, "competency", {"id": c.id, "label": c.label})
    for step in s.steps:
        el = _sub(node, "step", {"id": step.id, "title": step.title})
        if step.narrative:
            _sub(el, "narrative", text=step.narrative)
        if step.image is not None:
            attrib = {"src": step.image.src, "alt": step.image.alt}
            if step.image.decorative:
                attrib["decorative"] = "true"
            _sub(el, "image", attrib)
        if step.exhibit is not None:
            attrib = {"title": step.exhibit.title}
            if step.exhibit.file:
                attrib["file"] = step.exhibit.file
            ex = _sub(el, "exhibit", attrib)
            if step.exhibit.body:
                _sub(ex, "body", text=step.exhibit.body)
        for c in step.choices:
            attrib = {"id": c.id, "goto": c.goto, "points": _num(c.points)}
            if c.competency:
                attrib["competency"] = c.competency
            if c.critical:
                attrib["critical"] = "true"
            ch = _sub(el, "choice", attrib)
            _sub(ch, "text", text=c.text)
            if c.consequence:
                _sub(ch, "consequence", text=c.consequence)
            if c.coaching:
                _sub(ch, "coaching", text=c.coaching)
    for o in s.outcomes:
        attrib = {"id": o.id, "title": o.title}
        if o.band:
            attrib["band"] = o.band
        oc = _sub(node, "outcome", attrib)
        if o.narrative:
            _sub(oc, "narrative", text=o.narrative)
    # Whitespace inside the element makes lxml's pretty_print leave it as written, so the compiler's
    # vertical file holds exactly these bytes and an export at the same depth matches them.
    etree.indent(node, space="  ", level=sum(1 for _ in node.iterancestors()))


def to_string(scenario: Scenario) -> str:
    node = etree.Element(TAG)
    write(scenario, node)
    return etree.tostring(node, encoding="unicode")


# -- reading -----------------------------------------------------------------------------------------


def _text(element) -> str:
    return element.text or "" if element is not None else ""


class _Unknown:
    def __init__(self):
        self.problems = []

    def check(self, element, allowed: set[str], path: tuple, where: str) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue  # comments, processing instructions
            if child.tag not in allowed:
                self.problems.append(
                    error(
                        f"{where}: unknown element <{child.tag}>",
                        path,
                        f"allowed here: {', '.join(f'<{t}>' for t in sorted(allowed))}",
                    )
                )


def to_dict(node) -> dict[str, Any]:
    """The authoring dict an ``<evidence_scenario>`` element describes (no validation)."""
    unknown = _Unknown()
    unknown.check(node, {"intro", "competencies", "step", "outcome"}, (), "<evidence_scenario>")
    data: dict[str, Any] = {}
    text_settings = ("scenario_id", "role", "start", "grading_policy", "feedback_mode", "display_name")
    for key in SETTINGS:
        if node.get(key) is not None:
            value = node.get(key) if key in text_settings else scalar(node.get(key))
            data[{"display_name": "title", "scenario_id": "id"}.get(key, key)] = value
    data["intro"] = _text(node.find("intro"))
    data["competencies"] = [
        {"id": c.get("id"), "label": c.get("label")} for c in node.findall("competencies/competency")
    ]
    steps = []
    for i, el in enumerate(node.findall("step")):
        where = f"step '{el.get('id')}'"
        unknown.check(el, {"narrative", "image", "exhibit", "choice"}, ("steps", i), where)
        step: dict[str, Any] = {
            "id": el.get("id"),
            "title": el.get("title"),
            "narrative": _text(el.find("narrative")),
        }
        image = el.find("image")
        if image is not None:
            step["image"] = {
                "src": image.get("src"),
                "alt": image.get("alt", ""),
                "decorative": scalar(image.get("decorative", "false")),
            }
        exhibit = el.find("exhibit")
        if exhibit is not None:
            step["exhibit"] = {"title": exhibit.get("title"), "file": exhibit.get("file", ""),
                               "body": _text(exhibit.find("body"))}  # fmt: skip
        choices = []
        for j, ch in enumerate(el.findall("choice")):
            unknown.check(
                ch,
                {"text", "consequence", "coaching"},
                ("steps", i, "choices", j),
                f"{where}, choice '{ch.get('id')}'",
            )
            choices.append(
                {
                    "id": ch.get("id"),
                    "text": _text(ch.find("text")),
                    "goto": ch.get("goto"),
                    "points": scalar(ch.get("points", "0")),
                    "competency": ch.get("competency", ""),
                    "critical": scalar(ch.get("critical", "false")),
                    "consequence": _text(ch.find("consequence")),
                    "coaching": _text(ch.find("coaching")),
                }
            )
        step["choices"] = choices
        steps.append(step)
    data["steps"] = steps
    data["outcomes"] = [
        {
            "id": o.get("id"),
            "title": o.get("title"),
            "band": o.get("band", ""),
            "narrative": _text(o.find("narrative")),
        }
        for o in node.findall("outcome")
    ]
    if unknown.problems:
        raise ContentError(unknown.problems)
    return data


def read(node) -> Scenario:
    """Parse an ``<evidence_scenario>`` element; raises :class:`ContentError` for shape problems."""
    return Scenario.from_dict(to_dict(node))


def read_string(xml: str | bytes) -> Scenario:
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        node = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ContentError([error(f"the OLX is not well-formed XML: {exc}", (), "check the tags")]) from exc
    if node.tag != TAG:
        raise ContentError([error(f"the root element is <{node.tag}>, expected <{TAG}>", (), "")])
    return read(node)
