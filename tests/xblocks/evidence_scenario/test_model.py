"""The model: building from the authoring shape, shape errors with key paths, and scoring."""

from __future__ import annotations

import pytest

from benchbook.xblocks.common.problems import ContentError
from benchbook.xblocks.evidence_scenario.model import Scenario

from .sample import sample


def build(data=None, render=None):
    data = sample() if data is None else data
    return Scenario.from_dict(data, render) if render else Scenario.from_dict(data)


def shape_problems(data):
    with pytest.raises(ContentError) as info:
        Scenario.from_dict(data)
    return info.value.problems


def test_from_dict_builds_every_part():
    s = build()
    assert s.title == "Sample seizure" and s.start == "arrival" and s.allow_undo is True
    assert [st.id for st in s.steps] == ["arrival", "seal", "log"]
    assert s.steps[0].image.alt == "A bench with powder"
    assert s.steps[1].exhibit.body == "<p>Form 12</p>"
    assert s.steps[0].choices[1].critical is True
    assert [o.band for o in s.outcomes] == ["pass", "partial", "fail"]


def test_to_dict_gives_the_authoring_shape_back():
    assert build().to_dict() == sample()
    assert Scenario.from_dict(build().to_dict()) == build()


def test_render_applies_to_markdown_fields_only():
    seen = []

    def render(text):
        seen.append(text)
        return f"<div>{text}</div>"

    s = build(render=render)
    assert s.intro == "<div><p>Invented for training.</p></div>"
    assert s.steps[0].choices[0].coaching == "<div><p>PPE first.</p></div>"
    assert s.steps[1].exhibit.body == "<div><p>Form 12</p></div>"
    assert s.steps[0].choices[0].text == "Put on PPE"  # plain text, not rendered
    assert s.steps[0].title == "Arrival"
    assert "" not in seen  # empty texts stay empty


def test_defaults_for_optional_keys():
    data = {"title": "T", "start": "a", "steps": [{"id": "a", "title": "A", "choices": [
        {"id": "x", "text": "X", "goto": "end"}]}], "outcomes": [{"id": "end", "title": "End"}]}  # fmt: skip
    s = build(data)
    assert (s.weight, s.max_attempts, s.grading_policy, s.feedback_mode, s.allow_undo) == (
        1.0, 1, "best", "immediate", False)  # fmt: skip
    assert s.steps[0].choices[0].points == 0 and s.steps[0].image is None


def test_missing_required_key_is_reported_with_its_path():
    data = sample()
    del data["steps"][2]["choices"][1]["goto"]
    problems = shape_problems(data)
    assert [p.path for p in problems] == [("steps", 2, "choices", 1, "goto")]
    assert "'goto' is missing" in problems[0].message and "step #3, choice #2" in problems[0].message


def test_wrong_types_are_all_reported_at_once():
    data = sample()
    data["steps"][0]["choices"][0]["points"] = "two"
    data["steps"][1]["choices"] = {"bag": {}}
    data["allow_undo"] = "yes"
    data["outcomes"][0] = "sound"
    paths = {p.path for p in shape_problems(data)}
    assert paths == {
        ("steps", 0, "choices", 0, "points"),
        ("steps", 1, "choices"),
        ("allow_undo",),
        ("outcomes", 0),
    }


def test_bool_is_not_a_number_and_not_text():
    data = sample()
    data["steps"][0]["choices"][0]["points"] = True
    data["steps"][0]["title"] = False
    assert {p.path for p in shape_problems(data)} == {
        ("steps", 0, "choices", 0, "points"),
        ("steps", 0, "title"),
    }


def test_not_a_mapping_at_all():
    problems = shape_problems(["a", "list"])
    assert problems[0].path == () and "a list" in problems[0].message


def test_numbers_as_ids_are_read_as_text():
    data = sample()
    data["steps"][2]["choices"][0]["id"] = 1
    assert build(data).steps[2].choices[0].id == "1"


# -- scoring ------------------------------------------------------------------------------------------


def test_max_score_is_the_best_path():
    assert build().max_score() == 2 + 3 + 2


def test_max_score_follows_the_best_branch_not_the_best_local_choice():
    data = sample()
    # a greedy 3-point choice that leads to a dead end outcome, against 1 point leading to 5 more
    data["steps"][0]["choices"][1].update(points=3, critical=False)
    data["steps"][0]["choices"][0]["points"] = 1
    s = build(data)
    assert s.max_score() == 1 + 3 + 2
    assert s.best_choice(s.steps[0]).id == "ppe"


def test_score_of_a_path_and_per_competency():
    s = build()
    path = [("arrival", "ppe"), ("seal", "open"), ("log", "skip")]
    assert s.score(path) == 3
    assert s.competency_scores(path) == [
        {"id": "safety", "label": "Safe handling", "earned": 2, "possible": 2},
        {"id": "custody", "label": "Chain of custody", "earned": 1, "possible": 5},
    ]


def test_score_uses_the_current_key():
    s = build()
    path = [("arrival", "ppe"), ("seal", "open"), ("log", "sign")]
    assert s.score(path) == 5
    s.steps[1].choices[1].points = 3  # the author fixes the key
    assert s.score(path) == 7


def test_walk_cuts_a_path_that_no_longer_fits():
    s = build()
    taken, node = s.walk([("arrival", "ppe"), ("seal", "gone"), ("log", "sign")])
    assert [c.id for _, c in taken] == ["ppe"] and node == "seal"
    taken, node = s.walk([("seal", "bag")])  # not starting at the start
    assert taken == [] and node == "arrival"


def test_max_score_survives_a_cycle_and_a_missing_start():
    data = sample()
    data["steps"][2]["choices"][0]["goto"] = "arrival"
    assert build(data).max_score() >= 0
    data["start"] = "nowhere"
    assert build(data).max_score() == 0
