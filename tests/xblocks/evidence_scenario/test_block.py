"""The block through a real XBlock runtime: OLX in and out, handlers with valid and hostile input,
grading and rescoring, Studio saves, and what the browser is (never) sent."""

from __future__ import annotations

import itertools
import json
from unittest import mock

import pytest
from lxml import etree
from webob import Request
from xblock.field_data import DictFieldData
from xblock.test.tools import TestRuntime

from benchbook.xblocks.common.problems import ContentError
from benchbook.xblocks.evidence_scenario import block as block_module
from benchbook.xblocks.evidence_scenario import olx
from benchbook.xblocks.evidence_scenario.block import EvidenceScenarioBlock
from benchbook.xblocks.evidence_scenario.model import Scenario

from .sample import SCENARIOS, sample

BEST = [("arrival", "ppe"), ("seal", "bag"), ("log", "sign")]


class Runtime(TestRuntime):
    def __init__(self):
        super().__init__(services={"field-data": DictFieldData({})})
        self.events = []

    def publish(self, block, event_type, event_data):
        self.events.append((event_type, event_data))


def make(data=None, runtime=None):
    rt = runtime or Runtime()
    xml = olx.to_string(Scenario.from_dict(data or sample()))
    return rt.get_block(rt.parse_xml_string(xml)), rt


def call(blk, handler, body, method="POST"):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = blk.handle(handler, Request.blank("/", method=method, body=raw))
    return response.status_code, json.loads(response.body)


def play(blk, path=BEST):
    for step_id, choice_id in path:
        status, state = call(blk, "choose", {"step_id": step_id, "choice_id": choice_id})
        assert status == 200, state
    return state


def user_state(blk):
    return (list(blk.path), list(blk.finished_paths), blk.attempts, blk.raw_earned)


# -- OLX through the runtime -------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.xml")), ids=lambda p: p.name)
def test_packaged_olx_parses_and_exports_the_same(path):
    rt = Runtime()
    xml = path.read_text("utf-8")
    blk = rt.get_block(rt.parse_xml_string(xml))
    parent = etree.Element("vertical")
    node = etree.SubElement(parent, "placeholder")
    blk.add_xml_to_node(node)
    assert node.get("xblock-family") == "xblock.v1"
    assert olx.read(node) == olx.read_string(xml)
    assert blk.max_score() == olx.read_string(xml).max_score()


def test_compiler_style_olx_round_trips_byte_for_byte():
    vertical = etree.Element("vertical")
    node = etree.SubElement(vertical, "evidence_scenario", {"url_name": "s1", "xblock-family": "xblock.v1"})
    olx.write(Scenario.from_dict(sample()), node)
    xml = etree.tostring(node)
    rt = Runtime()
    blk = rt.get_block(rt.parse_xml_string(xml))
    exported_parent = etree.Element("vertical")
    exported = etree.SubElement(exported_parent, "evidence_scenario")
    blk.add_xml_to_node(exported)
    node.attrib.pop("url_name")

    def c14n(element):
        return etree.tostring(element, method="c14n")

    assert c14n(exported) == c14n(node)


def test_invalid_olx_fails_the_import_naming_step_and_choice():
    data = sample()
    data["steps"][1]["choices"][0]["goto"] = "nowhere"
    xml = olx.to_string(Scenario.from_dict(data))
    with pytest.raises(ContentError, match="step 'seal', choice 'bag': goto 'nowhere' does not exist"):
        Runtime().parse_xml_string(xml)


def test_settings_land_in_fields():
    blk, _ = make()
    assert (blk.display_name, blk.weight, blk.max_attempts, blk.grading_policy, blk.allow_undo) == (
        "Sample seizure", 10, 2, "best", True)  # fmt: skip
    assert blk.max_score() == 7 and blk.has_score


# -- playing -----------------------------------------------------------------------------------------


def test_full_play_scores_on_the_server_and_emits_an_event_per_decision():
    blk, rt = make()
    status, state = call(blk, "start", {})
    assert status == 200 and state["step"]["id"] == "arrival"
    state = play(blk)
    assert state["done"] and state["debrief"]["earned"] == 7 and state["debrief"]["possible"] == 7
    assert state["debrief"]["outcome"]["title"] == "Sound exhibit"
    decisions = [e for e in rt.events if e[0] == "edx.evidence_scenario.choice"]
    assert [(d["step_id"], d["choice_id"]) for _, d in decisions] == BEST
    assert blk.get_score().raw_earned == 7
    # outside a course (TestRuntime's usage ids are no course keys): no grade, no completion
    assert not [e for e in rt.events if e[0] in ("grade", "completion")]


def test_grade_and_completion_published_in_a_course():
    blk, rt = make()
    with mock.patch.object(block_module, "in_course_context", return_value=True):
        play(blk, [("arrival", "ppe"), ("seal", "open"), ("log", "sign")])
    grades = [d for t, d in rt.events if t == "grade"]
    assert grades == [{"value": 5.0, "max_value": 7.0, "only_if_higher": None}]
    assert ("completion", {"completion": 1.0}) in rt.events


def test_debrief_shows_better_choice_coaching_and_competencies():
    blk, _ = make()
    state = play(blk, [("arrival", "ppe"), ("seal", "open"), ("log", "skip")])
    d = state["debrief"]
    assert d["outcome"]["band"] == "partial"
    assert d["decisions"][1]["better"] == {"text": "Seal in a numbered bag", "coaching": "<p>Seal it.</p>"}
    assert "better" not in d["decisions"][0]
    assert d["decisions"][2]["critical"] is True
    assert [(c["label"], c["earned"], c["possible"]) for c in d["competencies"]] == [
        ("Safe handling", 2, 2), ("Chain of custody", 1, 5)]  # fmt: skip


def test_feedback_modes():
    blk, _ = make()
    _, state = call(blk, "choose", {"step_id": "arrival", "choice_id": "ppe"})
    assert state["last"]["coaching"] == "<p>PPE first.</p>"
    data = sample()
    data["feedback_mode"] = "debrief"
    blk, _ = make(data)
    _, state = call(blk, "choose", {"step_id": "arrival", "choice_id": "ppe"})
    assert "coaching" not in state["last"] and state["last"]["consequence"] == "<p>Safe.</p>"
    assert "coaching" not in state["history"][0]
    state = play(blk, BEST[1:])
    assert state["debrief"]["decisions"][0]["coaching"] == "<p>PPE first.</p>"


def test_the_browser_never_gets_points_or_targets_before_the_end():
    blk, _ = make()
    for step_id, choice_id in BEST[:2]:
        _, state = call(blk, "choose", {"step_id": step_id, "choice_id": choice_id})
        text = json.dumps(state)
        for secret in ('"points"', '"goto"', '"sound"', '"doubt"', '"competency"', "critical"):
            assert secret not in text, secret
    view = json.dumps(blk.student_view_data())
    assert '"points"' not in view and '"goto"' not in view and "coaching" not in view
    fragment = blk.student_view()
    init = json.dumps(fragment.json_init_args)
    assert '"points"' not in init and '"goto"' not in init


# -- hostile input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"step_id": "nowhere", "choice_id": "ppe"}, 409),  # unknown step
        ({"step_id": "seal", "choice_id": "ppe"}, 400),  # a choice of another step
        ({"step_id": "log", "choice_id": "sign"}, 409),  # skipping ahead
        ({"step_id": "arrival", "choice_id": "touch"}, 409),  # going back to change a decision
        ({"step_id": "arrival"}, 400),
        ({"step_id": "arrival", "choice_id": "ppe", "points": 99}, 400),
        ({"step_id": ["arrival"], "choice_id": "ppe"}, 400),
        ({"step_id": "a" * 65, "choice_id": "ppe"}, 400),
        (["arrival", "ppe"], 400),
        (b"{not json", 400),
        (b'{"step_id": "arrival", "choice_id": "' + b"x" * 5000 + b'"}', 413),
    ],
)
def test_hostile_choose_is_refused_and_leaves_state_intact(body, status):
    blk, rt = make()
    play(blk, BEST[:1])
    before = user_state(blk)
    got, answer = call(blk, "choose", body)
    assert got == status and answer["error"]
    assert user_state(blk) == before
    assert len([e for e in rt.events if e[0] == "edx.evidence_scenario.choice"]) == 1


def test_get_is_refused():
    blk, _ = make()
    assert call(blk, "choose", b"", method="GET")[0] == 405


def test_choose_after_the_end_is_refused():
    blk, _ = make()
    play(blk)
    before = user_state(blk)
    assert call(blk, "choose", {"step_id": "arrival", "choice_id": "ppe"})[0] == 409
    assert user_state(blk) == before


# -- undo, retry, policies ---------------------------------------------------------------------------


def test_undo():
    blk, _ = make()
    assert call(blk, "undo", {})[0] == 409  # nothing to undo
    play(blk, BEST[:2])
    status, state = call(blk, "undo", {})
    assert status == 200 and state["step"]["id"] == "seal" and len(state["history"]) == 1
    play(blk, [("seal", "open"), ("log", "sign")])
    assert call(blk, "undo", {})[0] == 409  # finished attempts cannot be changed
    data = sample()
    data["allow_undo"] = False
    blk, _ = make(data)
    play(blk, BEST[:1])
    assert call(blk, "undo", {})[0] == 403 and len(blk.path) == 1


def test_retry_within_max_attempts_and_best_policy():
    blk, _ = make()
    assert call(blk, "retry", {})[0] == 409  # not finished yet
    play(blk)
    status, state = call(blk, "retry", {})
    assert status == 200 and state["step"]["id"] == "arrival" and state["attempt"] == 2
    state = play(blk, [("arrival", "touch")])
    assert state["debrief"]["earned"] == 0 and state["grade"]["earned"] == 7  # best attempt counts
    assert not state["can_retry"]
    assert call(blk, "retry", {})[0] == 403


def test_last_policy_and_unlimited_attempts():
    data = sample()
    data.update(grading_policy="last", max_attempts=0)
    blk, _ = make(data)
    for _ in range(3):
        play(blk)
        assert call(blk, "retry", {})[0] == 200
    state = play(blk, [("arrival", "touch")])
    assert state["grade"]["earned"] == 0 and state["can_retry"]


# -- rescoring ---------------------------------------------------------------------------------------


def test_rescoring_after_the_author_fixes_a_key():
    rt = Runtime()
    blk, _ = make(runtime=rt)
    play(blk, [("arrival", "ppe"), ("seal", "open"), ("log", "sign")])
    assert blk.get_score().raw_earned == 5
    fixed = sample()
    fixed["steps"][1]["choices"][1]["points"] = 3  # "open" was meant to be as good as "bag"
    blk._store(Scenario.from_dict(fixed))
    with mock.patch.object(block_module, "in_course_context", return_value=True):
        blk.rescore(only_if_higher=False)
    assert rt.events[-1] == ("grade", {"value": 7.0, "max_value": 7.0, "only_if_higher": False})
    assert blk.calculate_score().raw_earned == 7


def test_rescoring_an_unanswered_block_is_refused():
    blk, _ = make()
    with pytest.raises(ValueError):
        blk.rescore(only_if_higher=False)


# -- Studio ------------------------------------------------------------------------------------------


def test_studio_form_save_reports_errors_per_field_and_keeps_content():
    blk, _ = make()
    data = sample()
    data["steps"][0]["choices"][1]["goto"] = "nowhere"
    data["steps"][1]["choices"][0]["points"] = "x"
    status, answer = call(blk, "studio_submit", {"data": data})
    assert status == 200 and answer["ok"] is False
    assert {e["path"] for e in answer["errors"]} == {"steps.1.choices.0.points"}  # shape first
    data["steps"][1]["choices"][0]["points"] = 3
    _, answer = call(blk, "studio_submit", {"data": data})
    assert [e["path"] for e in answer["errors"] if e["severity"] == "error"] == ["steps.0.choices.1.goto"]
    assert "choice 'touch'" in answer["errors"][0]["message"]
    assert blk.scenario.steps[0].choices[1].goto == "exposed"


def test_studio_saves_sanitise_html_and_update_settings():
    blk, _ = make()
    data = sample()
    data["title"] = "Renamed"
    data["steps"][0]["narrative"] = '<p onclick="x()">Hi<script>alert(1)</script></p>'
    _, answer = call(blk, "studio_submit", {"data": data})
    assert answer["ok"] is True
    assert blk.display_name == "Renamed"
    assert json.loads(blk.content)["steps"][0]["narrative"] == "<p>Hi</p>"


def test_studio_olx_save():
    blk, _ = make()
    xml = olx.to_string(Scenario.from_dict(sample())).replace('points="3"', 'points="4"')
    _, answer = call(blk, "studio_submit", {"olx": xml})
    assert answer["ok"] and blk.max_score() == 8
    _, answer = call(blk, "studio_submit", {"olx": "<evidence_scenario"})
    assert not answer["ok"] and "not well-formed" in answer["errors"][0]["message"]
    assert call(blk, "studio_submit", {"olx": 3})[0] == 400
    assert call(blk, "studio_submit", {"olx": xml, "data": {}})[0] == 400


def test_html_is_sanitised_on_render_too():
    blk, _ = make()
    content = json.loads(blk.content)  # as if hand-edited in the modulestore, bypassing the editor
    content["intro"] = "<p>ok</p><img src=x onerror=alert(1)><script>bad()</script>"
    content["steps"][0]["narrative"] = "<p>step</p><script>bad()</script>"
    content["steps"][0]["choices"][0]["consequence"] = '<p onmouseover="bad()">then</p>'
    blk.content = json.dumps(content)
    html = blk.student_view().content
    assert "<script" not in html and "onerror" not in html and "<p>ok</p>" in html
    _, state = call(blk, "start", {})
    assert state["step"]["narrative"] == "<p>step</p>"
    _, state = call(blk, "choose", {"step_id": "arrival", "choice_id": "ppe"})
    assert state["last"]["consequence"] == "<p>then</p>"
    assert state["history"][0]["consequence"] == "<p>then</p>"


def test_views_render_with_ids_unique_per_instance():
    rt = Runtime()
    first, _ = make(runtime=rt)
    second, _ = make(runtime=rt)
    ids = [b.student_view().json_init_args["uid"] for b in (first, second)]
    assert ids[0] != ids[1]
    assert f'id="{ids[0]}"' in first.student_view().content
    assert "lang=" in first.student_view().content and "dir=" in first.student_view().content
    assert "nowhere" not in first.author_view().content
    assert 'data-path="steps.0.choices.1.goto"' in first.studio_view().content


def test_author_view_lists_warnings():
    data = sample()
    data["outcomes"].append({"id": "lost", "title": "Lost"})
    blk, _ = make(data)
    html = blk.author_view().content
    assert "outcome &#x27;lost&#x27; cannot be reached" in html and "Best-path score: 7" in html


def test_workbench_scenarios_is_static_and_lists_the_packaged_files():
    scenarios = EvidenceScenarioBlock.workbench_scenarios()
    assert len(scenarios) == len(list(SCENARIOS.glob("*.xml"))) >= 2
    assert all(xml.startswith("<vertical_demo><evidence_scenario") for _, xml in scenarios)


def test_student_view_user_state():
    blk, _ = make()
    play(blk)
    response = blk.handle("student_view_user_state", Request.blank("/"))
    body = json.loads(response.body)
    assert body["raw_earned"] == 7 and body["finished_attempts"] == 1


def test_unreadable_stored_content_falls_back_to_the_default_scenario():
    blk, _ = make()
    blk.content = "{not json"
    assert blk.scenario.steps and blk.scenario.title == "Sample seizure"  # settings still apply


def test_studio_preview_uses_the_author_view_and_search_gets_plain_text():
    blk, _ = make()
    assert blk.has_author_view is True
    index = blk.index_dictionary()
    assert index["content"]["display_name"] == "Sample seizure"
    assert (
        "Powder on a bench." in index["content"]["capa_content"]
        and "<p>" not in index["content"]["capa_content"]
    )
    assert "PPE first" not in index["content"]["capa_content"]  # coaching is not indexed


def test_static_links_go_through_the_platforms_replace_urls():
    class ReplaceUrls:
        def replace_urls(self, text):
            return text.replace("/static/", "/asset-v1:UNODC+JUST1+2026+type@asset+block/")

    rt = Runtime()
    rt._services["replace_urls"] = ReplaceUrls()
    data = sample()
    data["intro"] = '<p><a href="/static/guide.pdf">guide</a></p>'
    blk, _ = make(data, runtime=rt)
    _, state = call(blk, "start", {})
    assert state["step"]["image"]["src"] == "/asset-v1:UNODC+JUST1+2026+type@asset+block/bench.jpg"
    assert "/asset-v1:UNODC+JUST1+2026+type@asset+block/guide.pdf" in blk.student_view().content
    blk2, _ = make(data)  # no service (the workbench): links stay as written
    assert call(blk2, "start", {})[1]["step"]["image"]["src"] == "/static/bench.jpg"


def test_the_structured_form_holds_the_whole_authoring_shape():
    """Rebuild the dict from the form's inputs as studio.js does: it must give the same scenario."""
    from lxml import html as lxml_html

    blk, _ = make()
    root = lxml_html.fromstring(blk.studio_view().content)
    data: dict = {}

    def put(path, value):
        parts = [int(p) if p.isdigit() else p for p in path.split(".")]
        here = data
        for key, nxt in itertools.pairwise(parts):
            if isinstance(here, list):
                while len(here) <= key:
                    here.append(None)
                if here[key] is None:
                    here[key] = [] if isinstance(nxt, int) else {}
                here = here[key]
            else:
                here = here.setdefault(key, [] if isinstance(nxt, int) else {})
        if isinstance(here, list):
            while len(here) <= parts[-1]:
                here.append(None)
        here[parts[-1]] = value

    for element in root.xpath("//*[@data-list]"):
        put(element.get("data-list"), [])
    for element in root.xpath("//*[@data-path]"):
        if element.tag == "textarea":
            value = element.text or ""
        elif element.tag == "select":
            value = element.xpath("option[@selected]/@value")[0]
        elif element.get("type") == "checkbox":
            value = element.get("checked") is not None
        elif element.get("type") == "number":
            value = float(element.get("value"))
        else:
            value = element.get("value")
        put(element.get("data-path"), value)
    assert Scenario.from_dict(data) == blk.scenario
    labels = {label.get("for") for label in root.xpath("//label")}
    assert all(element.get("id") in labels for element in root.xpath("//*[@data-path]"))
