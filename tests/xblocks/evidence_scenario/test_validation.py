"""The validator: one test per rule, each checking the key path, the ids named and a hint."""

from __future__ import annotations

import pytest

from benchbook.xblocks.evidence_scenario.model import Scenario
from benchbook.xblocks.evidence_scenario.validation import MAX_HTML, MAX_STEPS, validate

from .sample import sample


def problems_of(data):
    return validate(Scenario.from_dict(data))


def only(data, severity="error"):
    found = [p for p in problems_of(data) if p.severity == severity]
    assert len(found) == 1, found
    assert found[0].hint
    return found[0]


def test_the_sample_is_clean():
    assert problems_of(sample()) == []


def test_goto_must_resolve():
    data = sample()
    data["steps"][0]["choices"][1]["goto"] = "nowhere"
    p = only(data)
    assert p.path == ("steps", 0, "choices", 1, "goto")
    assert "step 'arrival', choice 'touch': goto 'nowhere' does not exist" in p.message
    assert "known: arrival, seal, log, sound" in p.message


def test_start_must_exist_and_be_a_step():
    data = sample()
    data["start"] = "begin"
    assert only(data).path == ("start",)
    data["start"] = "sound"
    assert "is an outcome" in only(data).message


def test_ids_unique_across_steps_and_outcomes():
    data = sample()
    data["outcomes"][1]["id"] = "seal"
    p = next(p for p in problems_of(data) if p.is_error)
    assert p.path == ("outcomes", 1, "id") and "already used by a step" in p.message


def test_choice_ids_unique_within_a_step_only():
    data = sample()
    data["steps"][0]["choices"][1]["id"] = "ppe"
    p = only(data)
    assert p.path == ("steps", 0, "choices", 1, "id") and "step 'arrival', choice 'ppe'" in p.message
    data = sample()
    data["steps"][1]["choices"][0]["id"] = "ppe"  # same id in another step is fine
    assert [p for p in problems_of(data) if p.is_error] == []


def test_competency_ids_unique():
    data = sample()
    data["competencies"][1]["id"] = "safety"
    assert any(p.path == ("competencies", 1, "id") for p in problems_of(data) if p.is_error)


def test_bad_id_characters():
    data = sample()
    data["steps"][2]["choices"][0]["id"] = "sign here"
    assert only(data).path == ("steps", 2, "choices", 0, "id")


def test_no_cycles():
    data = sample()
    data["steps"][2]["choices"][1]["goto"] = "arrival"
    p = only(data)
    assert p.path == ("steps", 2, "choices", 1, "goto")
    assert (
        "step 'log', choice 'skip': goto 'arrival' makes a cycle (arrival → seal → log → arrival)"
        in p.message
    )


def test_self_loop():
    data = sample()
    data["steps"][1]["choices"][1]["goto"] = "seal"
    assert "same step" in only(data).message


def test_unreachable_step_and_outcome_are_warnings():
    data = sample()
    data["steps"].append({"id": "extra", "title": "Extra", "choices": [
        {"id": "a", "text": "A", "goto": "sound"}, {"id": "b", "text": "B", "goto": "sound"}]})  # fmt: skip
    data["outcomes"].append({"id": "lost", "title": "Lost"})
    warnings = [p for p in problems_of(data) if not p.is_error]
    assert {p.path for p in warnings} == {("steps", 3, "id"), ("outcomes", 3, "id")}
    assert not [p for p in problems_of(data) if p.is_error]


def test_every_path_ends_in_an_outcome():
    data = sample()
    data["steps"][2]["choices"] = []
    assert only(data).path == ("steps", 2, "choices")


def test_negative_points():
    data = sample()
    data["steps"][1]["choices"][1]["points"] = -1
    p = only(data)
    assert p.path == ("steps", 1, "choices", 1, "points") and "step 'seal', choice 'open'" in p.message


def test_competency_reference_must_exist():
    data = sample()
    data["steps"][1]["choices"][0]["competency"] = "labelling"
    p = only(data)
    assert p.path == ("steps", 1, "choices", 0, "competency") and "known: safety, custody" in p.message


def test_alt_text_unless_decorative():
    data = sample()
    data["steps"][0]["image"]["alt"] = " "
    assert only(data).path == ("steps", 0, "image", "alt")
    data["steps"][0]["image"]["decorative"] = True
    assert problems_of(data) == []


def test_exhibit_needs_body_or_file():
    data = sample()
    data["steps"][1]["exhibit"] = {"title": "Form"}
    assert only(data).path == ("steps", 1, "exhibit")


def test_size_caps():
    data = sample()
    last = data["steps"][2]
    data["steps"] = [dict(last, id=f"s{i}", choices=[dict(c, goto=f"s{i + 1}") for c in last["choices"]])
                     for i in range(MAX_STEPS)]  # fmt: skip
    data["steps"].append(last)
    data["start"] = "s0"
    data["steps"][-2]["choices"] = [dict(c, goto="log") for c in data["steps"][-2]["choices"]]
    assert any(p.path == ("steps",) and "at most 60" in p.message for p in problems_of(data))
    data = sample()
    data["steps"][0]["narrative"] = "x" * (MAX_HTML + 1)
    assert only(data).path == ("steps", 0, "narrative")


@pytest.mark.parametrize(
    ("key", "value"),
    [("grading_policy", "worst"), ("feedback_mode", "never"), ("max_attempts", -1), ("max_attempts", 1.5),
     ("weight", -2)],
)  # fmt: skip
def test_settings(key, value):
    data = sample()
    data[key] = value
    assert only(data).path == (key,)


def test_mixed_competencies_in_one_step_warn():
    data = sample()
    data["steps"][1]["choices"][1]["competency"] = "safety"
    assert only(data, "warning").path == ("steps", 1, "choices")


def test_critical_choice_with_points_warns():
    data = sample()
    data["steps"][2]["choices"][1]["points"] = 1
    assert only(data, "warning").path == ("steps", 2, "choices", 1, "points")


def test_characters_olx_cannot_hold():
    data = sample()
    data["steps"][1]["choices"][0]["coaching"] = "<p>Seal\x0bit.</p>"
    p = only(data)
    assert p.path == ("steps", 1, "choices", 0, "coaching") and "U+000B" in p.message
