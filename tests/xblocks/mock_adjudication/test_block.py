"""The block in a real XBlock runtime: OLX import/export, views, handlers (valid and hostile), rescoring."""

from __future__ import annotations

import copy
import json

import pytest
from lxml import etree
from webob import Request
from xblock.field_data import DictFieldData
from xblock.test.tools import TestRuntime

from benchbook.xblocks.common.problems import ContentError
from benchbook.xblocks.mock_adjudication import block as block_module
from benchbook.xblocks.mock_adjudication import olx
from benchbook.xblocks.mock_adjudication.block import MockAdjudicationBlock, script_safe_json
from benchbook.xblocks.mock_adjudication.model import Case

from .sample import SCENARIOS, sample, scenario_xml


class I18n:
    def gettext(self, text):
        return text

    ugettext = gettext


def runtime():
    rt = TestRuntime(services={"field-data": DictFieldData({}), "i18n": I18n()})
    rt.events = []
    rt.publish = lambda block, event_type, data: rt.events.append((event_type, copy.deepcopy(data)))
    return rt


def make(xml: str | None = None):
    rt = runtime()
    usage = rt.parse_xml_string(xml or (SCENARIOS / "judge.xml").read_text("utf-8"))
    return rt.get_block(usage), rt


def call(block, handler, body, method="POST"):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = block.handle(handler, Request.blank("/", method=method, body=raw))
    return response.status_code, json.loads(response.body)


def snapshot(block):
    return {
        name: copy.deepcopy(getattr(block, name))
        for name in (
            "answers",
            "phase",
            "reached",
            "submitted",
            "finished",
            "attempt",
            "history",
            "raw_earned",
        )
    }


RULINGS = {
    "rulings": {
        "x2": {"choice": "admit_limited", "reason": "r"},
        "x3": {"choice": "admit"},
        "x6": {"choice": "admit"},
    }
}
WEIGHING = {
    "supports": [
        ["c1e1", "x1"],
        ["c1e2", "x4"],
        ["c1e2", "x5"],
        ["c1e3", "x6"],
        ["c2e1", "x4"],
        ["c2e2", "x6"],
    ],
    "proven": {"c1": True, "c2": True},
}
VERDICT = {
    "verdicts": {"c1": "guilty", "c2": "guilty"},
    "sentence": {"amount": 72, "factors": ["agg_quantity", "agg_concealment", "mit_record"]},
}
REASONS = {"text": " ".join(["reason"] * 30)}
SELF = {"self": {"structure": "complete", "knowledge": "reasoned"}}
STEPS = [
    ("case_file", {}),
    ("admissibility", RULINGS),
    ("weighing", WEIGHING),
    ("verdict", VERDICT),
    ("reasons", REASONS),
    ("assessment", SELF),
]


def play(block, upto=None, steps=STEPS):
    for phase, answers in steps[: len(steps) if upto is None else upto]:
        status, body = call(block, "save_phase", {"phase": phase, "answers": answers})
        assert status == 200, body
    return body


# -- OLX through the runtime -------------------------------------------------------------------------


def test_parse_and_export_through_the_runtime():
    block, _ = make()
    assert block.max_score() == 32
    assert block.display_name.startswith("State v. Orlen")
    assert (block.weight, block.max_attempts, block.grading_policy) == (1.0, 2, "best")
    root = etree.Element("root")
    block.add_xml_to_node(etree.SubElement(root, "placeholder"))
    exported = root[0]
    assert exported.tag == "mock_adjudication" and exported.get("xblock-family") == "xblock.v1"
    original = etree.fromstring((SCENARIOS / "judge.xml").read_bytes())
    assert olx.read(exported) == olx.read(original)


def test_export_equals_compiler_output_inside_a_vertical():
    """What tests/xblocks/test_compiled_olx.py checks, with the compiler's own write path."""
    case = Case.from_dict(sample())
    vertical = etree.Element("vertical")
    olx.write(
        case, etree.SubElement(vertical, "mock_adjudication", {"url_name": "u", "xblock-family": "xblock.v1"})
    )
    compiled = etree.fromstring(etree.tostring(vertical, pretty_print=True))[0]
    block, _ = make(etree.tostring(compiled).decode())
    exported = etree.Element("root")
    block.add_xml_to_node(etree.SubElement(exported, "placeholder"))
    compiled.attrib.pop("url_name")
    assert etree.tostring(exported[0], method="c14n") == etree.tostring(compiled, method="c14n")


def test_settings_fields_are_written_back_to_olx():
    block, _ = make()
    block.weight = 3.0
    block.max_attempts = 0
    block.display_name = "Renamed"
    node = etree.Element("x")
    block.add_xml_to_node(node)
    assert (node.get("weight"), node.get("max_attempts"), node.get("display_name")) == ("3", "0", "Renamed")


def test_invalid_olx_fails_the_import_loudly():
    data = sample()
    data["rulings"][0]["exhibit"] = "X9"
    with pytest.raises(ContentError, match="ruling for exhibit 'X9': no such exhibit"):
        make(scenario_xml(data))
    bad = (SCENARIOS / "judge.xml").read_text("utf-8").replace('points="2"', 'points="two"', 1)
    with pytest.raises(ContentError, match="'points' must be a number"):
        make(bad)


def test_workbench_scenarios_is_static_and_parses():
    assert isinstance(MockAdjudicationBlock.__dict__["workbench_scenarios"], staticmethod)
    scenarios = MockAdjudicationBlock.workbench_scenarios()
    assert len(scenarios) == 2
    for _, xml in scenarios:
        block, _ = make(xml)
        assert block.max_score() > 0
    assert make(scenarios[1][1])[0].case.role == "prosecutor"


def test_empty_block_uses_the_default_case():
    rt = runtime()
    block = rt.construct_xblock_from_class(MockAdjudicationBlock, rt.id_generator and _keys(rt))
    assert block.max_score() == 32


def _keys(rt):
    from xblock.fields import ScopeIds

    def_id = rt.id_generator.create_definition("mock_adjudication")
    return ScopeIds("user", "mock_adjudication", def_id, rt.id_generator.create_usage(def_id))


# -- what reaches the browser ------------------------------------------------------------------------


def test_student_view_data_has_no_keys():
    block, _ = make()
    text = json.dumps(block.student_view_data())
    for secret in (
        '"expected"',
        "admit_limited",
        '"min"',
        '"max"',
        '"supports"',
        '"expert"',
        "Model judgment",
        "72 months",
    ):
        assert secret not in text, secret
    assert "GC-MS" in text and "Structure of reasons" in text


def test_user_state_reveals_the_debrief_only_after_the_final_submit():
    block, _ = make()
    play(block, 4)
    state = json.dumps(block.user_state())
    assert "debrief" not in state and "72 months" not in state and "feedback" not in state
    play_from(block, 4, 5)
    debrief = block.user_state()["debrief"]
    assert "72 months" in debrief["model_answer"]
    assert debrief["rulings"][0]["feedback"].startswith("<p>Right")
    assert "calibration" not in debrief


def play_from(block, start, stop):
    for phase, answers in STEPS[start:stop]:
        status, body = call(block, "save_phase", {"phase": phase, "answers": answers})
        assert status == 200, body


def test_student_view_payload_cannot_close_its_script_element():
    block, _ = make()
    play(block, 4)
    call(
        block,
        "save_phase",
        {"phase": "reasons", "answers": {"text": "</script><script>alert(1)</script> " + REASONS["text"]}},
    )
    fragment = block.student_view()
    payload = fragment.json_init_args["payload"]
    assert "<" not in payload and ">" not in payload
    assert json.loads(payload)["state"]["answers"]["reasons"].startswith("</script>")
    assert script_safe_json({"a": "&<>"}) == '{"a": "\\u0026\\u003c\\u003e"}'
    assert 'dir="ltr"' in fragment.content and 'lang="' in fragment.content


def test_author_html_is_sanitised_on_render():
    data = sample()
    data["brief"] = '<p onclick="x()">Hi<script>alert(1)</script><img src="javascript:alert(2)" alt="a"></p>'
    block, _ = make(scenario_xml(data))
    brief = block.student_view_data()["brief"]
    assert "script" not in brief and "onclick" not in brief and "javascript:" not in brief
    assert "Hi" in brief


# -- handlers: the happy path --------------------------------------------------------------------------


def test_full_run_scores_on_the_server_and_emits_an_event_per_phase(monkeypatch):
    monkeypatch.setattr(block_module, "in_course_context", lambda block: True)
    block, rt = make()
    body = play(block)
    state = body["state"]
    assert state["finished"] and state["score"] == {"earned": 32.0, "possible": 32.0}
    assert [e[1]["phase"] for e in rt.events if e[0] == "edx.mock_adjudication.phase_submitted"] == [
        s for s, _ in STEPS
    ]
    grades = [e[1] for e in rt.events if e[0] == "grade"]
    assert grades[-1] == {"value": 32.0, "max_value": 32.0, "only_if_higher": False}
    assert ("completion", {"completion": 1.0}) in rt.events
    assert [c["verdict"] for c in state["debrief"]["calibration"]] == ["match", "match"]


def test_no_grade_or_completion_outside_a_course():
    block, rt = make()
    play(block)
    assert not [e for e in rt.events if e[0] in ("grade", "completion")]
    assert block.raw_earned == 32.0  # still scored and shown


def test_back_navigation_and_changing_an_earlier_answer():
    block, _ = make()
    play(block, 3)
    assert call(block, "goto", {"phase": "admissibility"})[0] == 200
    assert block.phase == "admissibility"
    excluded = copy.deepcopy(RULINGS)
    excluded["rulings"]["x6"]["choice"] = "exclude"
    status, body = call(block, "save_phase", {"phase": "admissibility", "answers": excluded})
    assert status == 200
    # supports by the now-excluded exhibit are dropped from the saved weighing
    assert all(pair[1] != "x6" for pair in block.answers["weighing"]["supports"])
    assert "x6" not in body["state"]["admitted"]
    assert block.reached == 3  # progress is kept


def test_retry_and_best_policy():
    block, _ = make()
    play(block)
    first = block.raw_earned
    status, body = call(block, "retry", {})
    assert status == 200 and body["state"]["phase"] == "case_file" and body["state"]["attempt"] == 2
    worse = [(p, a) for p, a in STEPS]
    worse[3] = (
        "verdict",
        {"verdicts": {"c1": "not_guilty", "c2": "not_guilty"}, "sentence": {"amount": 1, "factors": []}},
    )
    play(block, steps=worse)
    assert block.raw_earned == first  # best
    assert call(block, "retry", {})[1]["error"] == "no attempts left"


def test_last_policy():
    block, _ = make()
    block.grading_policy = "last"
    play(block)
    call(block, "retry", {})
    worse = list(STEPS)
    worse[1] = (
        "admissibility",
        {"rulings": {**RULINGS["rulings"], "x2": {"choice": "exclude"}, "x3": {"choice": "exclude"}}},
    )
    play(block, steps=worse)
    assert block.raw_earned == 28.0  # the last attempt counts, though the first was better


# -- handlers: hostile input leaves state intact ----------------------------------------------------------


@pytest.mark.parametrize(
    ("handler", "body", "status", "words"),
    [
        ("save_phase", b"{not json", 400, "Invalid JSON"),
        ("save_phase", b"\xff\xfe", 400, "Invalid JSON"),
        ("save_phase", [1, 2], 400, "JSON object"),
        ("save_phase", {"phase": "verdict", "answers": VERDICT}, 400, "not open yet"),
        ("save_phase", {"phase": "assessment", "answers": SELF}, 400, "after the reasons"),
        ("save_phase", {"phase": "deliberation", "answers": {}}, 400, "unknown phase"),
        ("save_phase", {"answers": {}}, 400, "missing 'phase'"),
        ("save_phase", {"phase": "admissibility", "answers": "all"}, 400, "must be an object"),
        (
            "save_phase",
            {"phase": "admissibility", "answers": {"rulings": {"x9": {"choice": "admit"}}}},
            400,
            "no contested exhibit 'x9'",
        ),
        (
            "save_phase",
            {"phase": "admissibility", "answers": {"rulings": {"x1": {"choice": "admit"}}}},
            400,
            "no contested exhibit 'x1'",
        ),
        (
            "save_phase",
            {"phase": "admissibility", "answers": {"rulings": {"x2": {"choice": "burn"}}}},
            400,
            "must be one of",
        ),
        (
            "save_phase",
            {"phase": "admissibility", "answers": {"rulings": {"x2": {"choice": "admit"}}}},
            400,
            "missing: x3, x6",
        ),
        (
            "save_phase",
            {
                "phase": "admissibility",
                "answers": {
                    "rulings": {**RULINGS["rulings"], "x2": {"choice": "admit", "reason": "r" * 700}}
                },
            },
            400,
            "too long",
        ),
        (
            "save_phase",
            {
                "phase": "admissibility",
                "answers": {"rulings": {**RULINGS["rulings"], "x2": {"choice": "admit", "reason": 5}}},
            },
            400,
            "must be text",
        ),
        ("goto", {"phase": "verdict"}, 400, "not open yet"),
        ("retry", {}, 400, "finish this attempt first"),
        (
            "save_phase",
            b'{"phase": "reasons", "answers": {"text": "' + b"x " * 150000 + b'"}}',
            413,
            "request too large",
        ),
    ],
)
def test_hostile_input_is_refused_without_touching_state(handler, body, status, words):
    block, rt = make()
    play(block, 2)  # case file and admissibility saved: phase is weighing
    before = snapshot(block)
    events = len(rt.events)
    got_status, reply = call(block, handler, body)
    assert got_status == status, reply
    assert reply["ok"] is False and words in reply["error"]
    assert snapshot(block) == before
    assert len(rt.events) == events


@pytest.mark.parametrize(
    ("phase", "answers", "words"),
    [
        ("weighing", {"supports": [["c1e1", "x99"]], "proven": {"c1": True, "c2": True}}, "not admitted"),
        ("weighing", {"supports": [["e9", "x1"]], "proven": {"c1": True, "c2": True}}, "no element 'e9'"),
        ("weighing", {"supports": ["c1e1"], "proven": {"c1": True, "c2": True}}, "[element id, exhibit id]"),
        ("weighing", {"supports": [], "proven": {"c1": "yes", "c2": True}}, "true or false"),
        ("weighing", {"supports": [], "proven": {"c1": True}}, "missing: c2"),
        ("weighing", {"supports": [["c1e1", "x1"]] * 500, "proven": {"c1": True, "c2": True}}, "too many"),
    ],
)
def test_hostile_weighing(phase, answers, words):
    block, _ = make()
    play(block, 2)
    before = snapshot(block)
    status, reply = call(block, "save_phase", {"phase": phase, "answers": answers})
    assert status == 400 and words in reply["error"], reply
    assert snapshot(block) == before


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({"verdicts": {"c1": "guilty"}, "sentence": VERDICT["sentence"]}, "missing: c2"),
        ({"verdicts": {"c1": "hanged", "c2": "guilty"}, "sentence": VERDICT["sentence"]}, "must be one of"),
        ({"verdicts": VERDICT["verdicts"], "sentence": {"amount": -3, "factors": []}}, "at least 0"),
        ({"verdicts": VERDICT["verdicts"], "sentence": {"amount": "72", "factors": []}}, "at least 0"),
        (
            {"verdicts": VERDICT["verdicts"], "sentence": {"amount": 72, "factors": ["agg_evil"]}},
            "no factor 'agg_evil'",
        ),
        ({"verdicts": VERDICT["verdicts"]}, "'sentence' must be an object"),
    ],
)
def test_hostile_verdicts(answers, words):
    block, _ = make()
    play(block, 3)
    before = snapshot(block)
    status, reply = call(block, "save_phase", {"phase": "verdict", "answers": answers})
    assert status == 400 and words in reply["error"], reply
    assert snapshot(block) == before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("too short", "write at least 20"),
        (" ".join(["w"] * 401), "the limit is 400"),
        ("x" * 40_001, "too long"),
        (None, "must be the reasons as text"),
    ],
)
def test_reasons_out_of_bounds_are_refused(text, words):
    block, _ = make()
    play(block, 4)
    before = snapshot(block)
    status, reply = call(block, "save_phase", {"phase": "reasons", "answers": {"text": text}})
    assert status == 400 and words in reply["error"], reply
    assert snapshot(block) == before


def test_nothing_changes_after_the_final_submit():
    block, _ = make()
    play(block, 5)
    before = snapshot(block)
    status, reply = call(block, "save_phase", {"phase": "admissibility", "answers": RULINGS})
    assert status == 400 and "can no longer be changed" in reply["error"]
    status, reply = call(block, "save_phase", {"phase": "reasons", "answers": REASONS})
    assert status == 400
    assert snapshot(block) == before
    # but earlier phases may be re-read
    assert call(block, "goto", {"phase": "case_file"})[0] == 200


def test_hostile_self_assessment():
    block, _ = make()
    play(block, 5)
    for answers, words in (
        ({"self": {"structure": "complete"}}, "missing: knowledge"),
        ({"self": {"structure": "perfect", "knowledge": "reasoned"}}, "no option 'perfect'"),
        (
            {"self": {"admissibility": "x", "structure": "complete", "knowledge": "reasoned"}},
            "no self-assessed criterion",
        ),
    ):
        before = snapshot(block)
        status, reply = call(block, "save_phase", {"phase": "assessment", "answers": answers})
        assert status == 400 and words in reply["error"], reply
        assert snapshot(block) == before


def test_get_is_refused():
    block, _ = make()
    status, _ = call(block, "state", b"", method="GET")
    assert status == 405


def test_learner_cannot_send_a_score():
    block, _ = make()
    play(block, 4)
    status, _ = call(
        block, "save_phase", {"phase": "reasons", "answers": {**REASONS, "score": 999}, "score": 999}
    )
    assert status == 200
    assert block.raw_earned <= block.max_score()


# -- rescoring ---------------------------------------------------------------------------------------------


def test_rescore_after_a_key_change(monkeypatch):
    monkeypatch.setattr(block_module, "in_course_context", lambda block: True)
    block, rt = make()
    play(block)
    assert block.get_score() == (32.0, 32.0)
    assert block.has_submitted_answer()
    # the author changes the key: x3 should have been excluded (and so supports nothing)
    data = copy.deepcopy(block.case_data)
    data["rulings"][1]["expected"] = "exclude"
    block.case_data = data
    new = block.calculate_score()
    assert new.raw_earned == 30.0 and new.raw_possible == 32.0
    rt.events.clear()
    block.rescore(only_if_higher=False)
    assert rt.events == [("grade", {"value": 30.0, "max_value": 32.0, "only_if_higher": False})]
    block.set_score(new)
    assert block.get_score() == (30.0, 32.0)


def test_rescore_after_the_standard_of_proof_key_changes(monkeypatch):
    """The proof answers are scored from the stored answers, so a key change rescores them."""
    monkeypatch.setattr(block_module, "in_course_context", lambda block: True)
    block, rt = make()
    play(block)
    assert block.get_score() == (32.0, 32.0)
    data = copy.deepcopy(block.case_data)
    data["verdicts"][1].update(proven=False, proof_points=3)  # the learner said "met" on c2
    block.case_data = data
    new = block.calculate_score()
    assert new == (31.0, 34.0)  # max_score follows the content: 32 − 1 + 3
    assert block.max_score() == 34.0
    rt.events.clear()
    block.rescore(only_if_higher=False)
    assert rt.events == [("grade", {"value": 31.0, "max_value": 34.0, "only_if_higher": False})]


def test_debrief_shows_each_standard_of_proof_answer_against_the_key():
    block, _ = make()
    steps = list(STEPS)
    steps[2] = ("weighing", {**WEIGHING, "proven": {"c1": True, "c2": False}})
    play(block, upto=5, steps=steps)
    debrief = block.user_state()["debrief"]
    assert [(r["count"], r["given"], r["expected"], r["correct"], r["label"]) for r in debrief["proof"]] == [
        ("c1", True, True, True, "Importation of a controlled drug (s. 5)"),
        ("c2", False, True, False, "Possession with intent to supply (s. 7)"),
    ]
    assert debrief["parts"]["weighing"] == {"earned": 7.0, "possible": 8.0}
    # the key does not reach the learner before the reasons are submitted
    fresh, _ = make()
    play(fresh, upto=3)
    assert "debrief" not in fresh.user_state()
    assert "proven" not in json.dumps(fresh.student_view_data())


def test_rescore_uses_the_best_stored_attempt():
    block, _ = make()
    play(block)
    call(block, "retry", {})
    worse = list(STEPS)
    worse[3] = (
        "verdict",
        {"verdicts": {"c1": "not_guilty", "c2": "not_guilty"}, "sentence": VERDICT["sentence"]},
    )
    play(block, steps=worse)
    assert block.calculate_score().raw_earned == 32.0
    block.grading_policy = "last"
    assert block.calculate_score().raw_earned == 28.0


def test_rescore_before_any_answer_is_refused():
    block, _ = make()
    assert not block.has_submitted_answer()
    with pytest.raises(ValueError):
        block.rescore(only_if_higher=False)


# -- Studio ----------------------------------------------------------------------------------------------


def test_studio_submit_saves_valid_olx_and_form_fields():
    block, _ = make()
    source = olx.to_string(block.case).replace("Customs found 48 g", "Customs found 12 g")
    status, reply = call(
        block,
        "studio_submit",
        {"olx": source, "fields": {"weight": "2", "title": "New title", "min_words": "10"}},
    )
    assert status == 200, reply
    assert block.weight == 2.0 and block.display_name == "New title"
    assert "12 g" in block.case.brief and block.case.reasoning.min_words == 10


def test_studio_submit_reports_every_problem_by_field_and_saves_nothing():
    block, _ = make()
    before = copy.deepcopy(block.case_data)
    source = olx.to_string(block.case).replace('exhibit="x6"', 'exhibit="x9"', 1)
    status, reply = call(
        block, "studio_submit", {"olx": source, "fields": {"min_words": "900", "max_words": "10"}}
    )
    assert status == 400
    fields = {(e["field"], e["path"]) for e in reply["errors"]}
    assert ("min_words", "reasoning.min_words") in fields
    assert any(e["field"] == "olx" and "'x9'" in e["message"] for e in reply["errors"])
    assert block.case_data == before


def test_studio_submit_refuses_broken_xml_and_bad_numbers():
    block, _ = make()
    status, reply = call(block, "studio_submit", {"olx": "<mock_adjudication>", "fields": {}})
    assert status == 400 and "not well-formed" in reply["errors"][0]["message"]
    status, reply = call(
        block, "studio_submit", {"olx": olx.to_string(block.case), "fields": {"weight": "heavy"}}
    )
    assert status == 400 and reply["errors"][0]["field"] == "weight"


def test_studio_submit_sanitises_author_html():
    block, _ = make()
    source = olx.to_string(block.case).replace(
        "&lt;p&gt;The accused, ", "&lt;p&gt;&lt;script&gt;alert(1)&lt;/script&gt;The accused, ", 1
    )
    status, _ = call(block, "studio_submit", {"olx": source, "fields": {}})
    assert status == 200
    assert "script" not in block.case_data["brief"]


def test_studio_and_author_views_render():
    block, _ = make()
    studio = block.studio_view().content
    assert 'name="olx"' in studio and "&lt;mock_adjudication" in studio and "{{" not in studio
    data = sample()
    data["rulings"][0]["feedback"].pop("exclude")
    block, _ = make(scenario_xml(data))
    author = block.author_view().content
    assert "admit_limited" in author and "60–96 months" in author
    assert "no feedback for exclude" in author


def test_root_carries_language_and_direction(monkeypatch):
    block, _ = make()
    monkeypatch.setattr(block_module, "language_of", lambda blk: "ar")
    content = block.student_view().content
    assert 'lang="ar"' in content and 'dir="rtl"' in content


def test_element_ids_are_unique_per_instance():
    rt = runtime()
    xml = (SCENARIOS / "judge.xml").read_text("utf-8")
    first = rt.get_block(rt.parse_xml_string(xml))
    second = rt.get_block(rt.parse_xml_string(xml))
    uids = []
    for b in (first, second):
        fragment = b.student_view()
        uid = json.loads(fragment.json_init_args["payload"])["uid"]
        assert f'id="{uid}"' in fragment.content
        uids.append(uid)
    assert uids[0] != uids[1]


def test_completion_is_declared_custom():
    assert MockAdjudicationBlock.has_custom_completion is True
    assert MockAdjudicationBlock.completion_mode == "completable"


def test_long_reasons_in_a_non_latin_script_fit_the_request_limit():
    block, _ = make()
    block.case_data = {**block.case_data, "reasoning": {**block.case_data["reasoning"], "max_words": 5000}}
    play(block, 4)
    text = " ".join(["حيثيات"] * 5000)  # 5000 Arabic words, ~35 000 characters, ~65 KB of UTF-8
    status, reply = call(block, "save_phase", {"phase": "reasons", "answers": {"text": text}})
    assert status == 200, reply


def test_a_phase_save_reads_only_the_progress_and_the_case():
    """Each field read is a storage query in some runtimes; a save touches two fields."""
    reads: list[str] = []

    class Counting(DictFieldData):
        def get(self, block, name):
            reads.append(name)
            return super().get(block, name)

        def has(self, block, name):
            reads.append(name)
            return super().has(block, name)

    rt = TestRuntime(services={"field-data": Counting({}), "i18n": I18n()})
    rt.publish = lambda *args: None
    usage = rt.parse_xml_string((SCENARIOS / "judge.xml").read_text("utf-8"))
    block = rt.get_block(usage)
    play(block, 1)
    fresh = rt.get_block(usage)  # a new instance, as each request gets
    reads.clear()
    status, _ = call(fresh, "save_phase", {"phase": "admissibility", "answers": RULINGS})
    assert status == 200
    assert set(reads) <= {"progress", "case_data"}, sorted(set(reads))


# -- the structured Studio form ------------------------------------------------------------------------


def _form_inputs(html: str):
    """The form's inputs (outside the new-row templates), by data-path, and the labels by 'for'."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    for template in list(tree.iter("template")):
        if template.getparent() is not None:
            template.getparent().remove(template)
    inputs = {el.get("data-path"): el for el in tree.xpath("//*[@data-key]")}
    labels = {el.get("for"): el.text_content().strip() for el in tree.iter("label")}
    return tree, inputs, labels


def _leaves(value, prefix=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*prefix, key))
    elif isinstance(value, list) and value:
        for i, item in enumerate(value):
            yield from _leaves(item, (*prefix, i))
    elif not isinstance(value, list):
        yield ".".join(str(p) for p in prefix)


def test_studio_form_holds_the_whole_authoring_shape_every_input_labelled():
    block, _ = make()
    tree, inputs, labels = _form_inputs(block.studio_view().content)
    shape = block.case.to_dict()
    missing = [path for path in _leaves(shape) if path not in inputs]
    assert missing == []
    for path, el in inputs.items():
        assert labels.get(el.get("id")), f"{path} has no label"
        assert el.get("aria-describedby") == el.get("id") + "-err"
    assert len({el.get("id") for el in tree.xpath("//*[@id]")}) == len(tree.xpath("//*[@id]"))
    # rows can be added, removed and reordered; the key and rubric are in the form too
    assert inputs["verdicts.0.proven"].tag == "select"
    assert inputs["rubric.criteria.4.options.2.points"].get("type") == "number"
    assert len(tree.xpath("//*[@data-list]")) >= 9
    assert tree.xpath("//fieldset[@data-item]//button[@data-action='up']")


def test_studio_form_escapes_author_text():
    block, _ = make()
    data = copy.deepcopy(block.case_data)
    data["counts"][0]["label"] = '"><script>alert(1)</script>'
    block.case_data = data
    html = block.studio_view().content
    assert "<script>alert" not in html and "&quot;&gt;&lt;script&gt;" in html


def test_structured_save_round_trips_and_stores_edits():
    block, _ = make()
    before = block.case
    status, reply = call(block, "studio_submit", {"data": before.to_dict()})
    assert status == 200, reply
    assert block.case == before and "<mock_adjudication" in reply["olx"]
    data = before.to_dict()
    data["counts"][0]["label"] = "Importation (section 5)"
    data["exhibits"][0]["label"] = "Laboratory certificate, amended"
    data["rubric"]["criteria"][4]["options"].append(
        {"name": "exemplary", "label": "Exemplary", "points": 6, "explanation": ""}
    )
    data["counts"].reverse()
    data["verdicts"][0]["proven"] = False
    del data["verdicts"][1]["proven"]  # "not stated" in the form: derived, with a warning
    status, reply = call(block, "studio_submit", {"data": data})
    assert status == 200, reply
    case = block.case
    assert [c.id for c in case.counts] == ["c2", "c1"]
    assert case.counts[1].label == "Importation (section 5)"
    assert case.exhibits[0].label == "Laboratory certificate, amended"
    assert case.verdicts[0].proven is False and case.verdicts[1].proven is None
    assert block.max_score() == before.max_score() + 2  # the structure option's best is now 6
    assert {w["field"] for w in reply["warnings"]} >= {"verdicts.0.proven", "verdicts.1.proven"}


def test_structured_save_refuses_with_field_paths_and_saves_nothing():
    block, _ = make()
    before = copy.deepcopy(block.case_data)
    data = block.case.to_dict()
    data["counts"][0]["elements"][0]["id"] = "bad id!"
    data["rubric"]["criteria"][4]["options"][0]["points"] = "lots"
    status, reply = call(block, "studio_submit", {"data": data})
    assert status == 400
    assert [e["field"] for e in reply["errors"]] == ["rubric.criteria.4.options.0.points"]
    assert "must be a number" in reply["errors"][0]["message"]
    data["rubric"]["criteria"][4]["options"][0]["points"] = 0
    data["exhibits"].append(
        {"id": "", "type": "document", "label": "", "description": "", "contested": False}
    )
    status, reply = call(block, "studio_submit", {"data": data})
    assert status == 400
    fields = {e["field"]: e["message"] for e in reply["errors"]}
    assert "may use only letters" in fields["counts.0.elements.0.id"]
    new = len(data["exhibits"]) - 1
    assert f"exhibits.{new}.id" in fields and f"exhibits.{new}.label" in fields
    assert block.case_data == before
    status, reply = call(block, "studio_submit", {"data": ["not", "a", "case"]})
    assert status == 400 and reply["error"] == "'data' must be an object"


def test_olx_save_returns_the_refreshed_form():
    block, _ = make()
    source = olx.to_string(block.case).replace(
        'label="Importation of a controlled drug (s. 5)"', 'label="Renamed"'
    )
    status, reply = call(block, "studio_submit", {"olx": source})
    assert status == 200, reply
    _, inputs, _ = _form_inputs(reply["form"])
    assert inputs["counts.0.label"].get("value") == "Renamed"
