"""OLX: readable, deterministic, and read(write(m)) == m; shape problems keep their key paths."""

from __future__ import annotations

import pytest
from lxml import etree

from benchbook.xblocks.common.problems import ContentError
from benchbook.xblocks.evidence_scenario import olx
from benchbook.xblocks.evidence_scenario.model import Scenario
from benchbook.xblocks.evidence_scenario.validation import validate

from .sample import SCENARIOS, sample


def test_round_trip():
    s = Scenario.from_dict(sample())
    assert olx.read_string(olx.to_string(s)) == s


def test_round_trip_keeps_markup_and_unicode():
    data = sample()
    data["intro"] = (
        '<p>Árbitro — <a href="/static/x.pdf" rel="noopener noreferrer">x</a> &amp; "q" &lt; 3</p>'
    )
    data["steps"][0]["choices"][0]["text"] = "Ставить <печать>"
    s = Scenario.from_dict(data)
    assert olx.read_string(olx.to_string(s)) == s


def test_readable_shape_no_json():
    xml = olx.to_string(Scenario.from_dict(sample()))
    node = etree.fromstring(xml)
    assert node.tag == "evidence_scenario"
    assert list(node.attrib) == ["display_name", "scenario_id", "role", "start", "weight", "max_attempts",
                                 "grading_policy", "feedback_mode", "allow_undo"]  # fmt: skip
    choice = node.find("step[@id='arrival']/choice[@id='ppe']")
    assert choice.attrib == {"id": "ppe", "goto": "seal", "points": "2", "competency": "safety"}
    assert choice.findtext("coaching") == "<p>PPE first.</p>"
    assert "{" not in "".join(node.attrib.values())
    assert "&lt;p&gt;" in xml  # HTML as escaped text


def test_write_fills_an_existing_element_and_keeps_its_attributes():
    vertical = etree.Element("vertical")
    node = etree.SubElement(vertical, "evidence_scenario", {"url_name": "u1", "xblock-family": "xblock.v1"})
    olx.write(Scenario.from_dict(sample()), node)
    assert list(node.attrib)[:3] == ["url_name", "xblock-family", "display_name"]
    olx.write(Scenario.from_dict(sample()), node)  # writing twice gives the same bytes
    once = etree.tostring(node)
    olx.write(Scenario.from_dict(sample()), node)
    assert etree.tostring(node) == once
    # indented at its depth, so pretty printing the vertical leaves it alone
    assert etree.tostring(vertical, pretty_print=True).count(b"\n    <step") == 3


def test_missing_attribute_has_the_authoring_path():
    xml = olx.to_string(Scenario.from_dict(sample())).replace(' goto="log" points="1"', ' points="1"')
    with pytest.raises(ContentError) as info:
        olx.read_string(xml)
    assert [p.path for p in info.value.problems] == [("steps", 1, "choices", 1, "goto")]


def test_bad_number_and_unknown_element():
    xml = olx.to_string(Scenario.from_dict(sample())).replace('points="3"', 'points="three"')
    with pytest.raises(ContentError) as info:
        olx.read_string(xml)
    assert info.value.problems[0].path == ("steps", 1, "choices", 0, "points")
    xml = olx.to_string(Scenario.from_dict(sample())).replace("<text>Touch it</text>", "<txt>Touch it</txt>")
    with pytest.raises(ContentError) as info:
        olx.read_string(xml)
    assert "unknown element <txt>" in str(info.value) and "choice 'touch'" in str(info.value)


def test_not_xml_and_wrong_root():
    with pytest.raises(ContentError, match="not well-formed"):
        olx.read_string("<evidence_scenario>")
    with pytest.raises(ContentError, match="expected <evidence_scenario>"):
        olx.read_string("<problem/>")


def test_entities_are_not_expanded():
    xml = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><evidence_scenario display_name="&e;"/>'
    with pytest.raises(ContentError):
        olx.read_string(xml)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.xml")), ids=lambda p: p.name)
def test_packaged_scenarios_are_valid_and_round_trip(path):
    s = olx.read_string(path.read_text("utf-8"))
    assert [p for p in validate(s) if p.is_error] == []
    assert s.max_score() > 0
    assert olx.read_string(olx.to_string(s)) == s


def test_write_sanitises_html_idempotently():
    data = sample()
    data["steps"][0]["choices"][0]["coaching"] = '<p title="&quot;q&quot;">ok<script>x()</script></p>'
    xml = olx.to_string(Scenario.from_dict(data))
    coaching = olx.read_string(xml).steps[0].choices[0].coaching
    assert coaching == '<p title="&quot;q&quot;">ok</p>'
    assert olx.to_string(olx.read_string(xml)) == xml
