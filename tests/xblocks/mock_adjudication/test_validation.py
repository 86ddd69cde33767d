"""The validator: one test per rule, each checking the path, the ids named and the hint."""

from __future__ import annotations

import pytest

from benchbook.xblocks.mock_adjudication.model import Case
from benchbook.xblocks.mock_adjudication.validation import validate

from .sample import sample


def problems(data: dict):
    return validate(Case.from_dict(data))


def errors(data: dict):
    return [p for p in problems(data) if p.is_error]


def only_error(data: dict):
    found = errors(data)
    assert len(found) == 1, [(p.path, p.message) for p in found]
    return found[0]


def test_the_sample_is_clean():
    assert problems(sample()) == []


def test_ruling_for_an_unknown_exhibit_names_the_known_ones():
    data = sample()
    data["rulings"][2]["exhibit"] = "X9"
    found = errors(data)
    first = next(p for p in found if p.path == ("rulings", 2, "exhibit"))
    assert first.message == "ruling for exhibit 'X9': no such exhibit (known: x1, x2, x3, x4, x5, x6)"
    assert first.hint
    # x6 is contested and lost its ruling: reported too, at the exhibit
    assert any(p.path == ("exhibits", 5, "contested") and "'x6'" in p.message for p in found)


def test_contested_exhibit_without_a_ruling():
    data = sample()
    data["exhibits"][0]["contested"] = True
    p = only_error(data)
    assert p.path == ("exhibits", 0, "contested")
    assert "'x1' is contested but has no expected ruling" in p.message
    assert "exhibit: x1" in p.hint


def test_duplicate_ids():
    data = sample()
    data["exhibits"][3]["id"] = "x2"
    found = errors(data)
    assert any(
        p.path == ("exhibits", 3, "id") and "'x2' is used twice (first at exhibits.1.id)" in p.message
        for p in found
    )


def test_duplicate_element_ids_across_counts():
    data = sample()
    data["counts"][1]["elements"][0]["id"] = "c1e1"
    assert any(p.path == ("counts", 1, "elements", 0, "id") for p in errors(data))


def test_bad_id_characters():
    data = sample()
    data["counts"][0]["id"] = "count one"
    assert any(p.path == ("counts", 0, "id") and "may use only" in p.message for p in errors(data))


def test_two_rulings_for_one_exhibit():
    data = sample()
    data["rulings"].append({"exhibit": "x2", "expected": "admit", "points": 1})
    p = only_error(data)
    assert p.path == ("rulings", 3, "exhibit") and "two rulings" in p.message


def test_unknown_ruling_value_and_feedback_option():
    data = sample()
    data["rulings"][0]["expected"] = "allow"
    data["rulings"][1]["feedback"]["suppress"] = "no"
    paths = {p.path for p in errors(data)}
    assert ("rulings", 0, "expected") in paths
    assert ("rulings", 1, "feedback", "suppress") in paths


def test_support_references_resolve():
    data = sample()
    data["weighing"]["supports"][0] = {"element": "e99", "exhibit": "x77"}
    found = errors(data)
    assert any(
        p.path == ("weighing", "supports", 0, "element")
        and "'e99'" in p.message
        and "known: c1e1" in p.message
        for p in found
    )
    assert any(p.path == ("weighing", "supports", 0, "exhibit") and "'x77'" in p.message for p in found)


def test_support_by_an_exhibit_expected_excluded():
    data = sample()
    data["rulings"][2]["expected"] = "exclude"
    found = errors(data)
    assert [p.path for p in found] == [
        ("weighing", "supports", 3, "exhibit"),
        ("weighing", "supports", 5, "exhibit"),
    ]
    assert found[0].message == "exhibit 'x6' supports element 'c1e3' but its expected ruling is 'exclude'"


def test_duplicate_support():
    data = sample()
    data["weighing"]["supports"].append({"element": "c1e1", "exhibit": "x1"})
    assert only_error(data).path == ("weighing", "supports", 6)


def test_verdict_references_and_every_count_has_one():
    data = sample()
    data["verdicts"][1]["count"] = "c7"
    found = errors(data)
    assert any(
        p.path == ("verdicts", 1, "count") and "no such count (known: c1, c2)" in p.message for p in found
    )
    assert any(p.path == ("counts", 1, "id") and "'c2' has no expected verdict" in p.message for p in found)


def test_verdict_value():
    data = sample()
    data["verdicts"][0]["expected"] = "convicted"
    assert only_error(data).path == ("verdicts", 0, "expected")


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"min": 100, "max": 50}, ("sentence", "max")),
        ({"min": -1}, ("sentence", "min")),
        ({"unit": ""}, ("sentence", "unit")),
        ({"points": -2}, ("sentence", "points")),
    ],
)
def test_sentence_range_sane(changes, path):
    data = sample()
    data["sentence"].update(changes)
    assert path in {p.path for p in errors(data)}


def test_factor_kind_and_duplicate_ids():
    data = sample()
    data["sentence"]["factors"][0]["kind"] = "neutral"
    data["sentence"]["factors"][1]["id"] = "agg_quantity"
    paths = {p.path for p in errors(data)}
    assert ("sentence", "factors", 0, "kind") in paths
    assert ("sentence", "factors", 1, "id") in paths


def test_sentence_with_only_acquittals_warns():
    data = sample()
    for v in data["verdicts"]:
        v["expected"] = "not_guilty"
    data["weighing"]["supports"] = []
    warnings = [p for p in problems(data) if not p.is_error]
    assert any(p.path == ("sentence",) for p in warnings)


def test_words_range():
    data = sample()
    data["reasoning"].update(min_words=500, max_words=100)
    assert only_error(data).path == ("reasoning", "min_words")
    data["reasoning"].update(min_words=0, max_words=99999)
    assert only_error(data).path == ("reasoning", "max_words")


def test_rubric_points_consistent():
    data = sample()
    options = data["rubric"]["criteria"][4]["options"]
    options[0]["points"] = -1
    assert ("rubric", "criteria", 4, "options", 0, "points") in {p.path for p in errors(data)}
    for o in options:
        o["points"] = 0
    assert any("no option is worth more than 0" in p.message for p in errors(data))


def test_rubric_expert_option_must_exist():
    data = sample()
    data["rubric"]["criteria"][5]["expert"] = "stellar"
    p = only_error(data)
    assert p.path == ("rubric", "criteria", 5, "expert")
    assert "known: absent, asserted, reasoned" in p.message


def test_rubric_needs_two_options_and_unique_names():
    data = sample()
    data["rubric"]["criteria"][4]["options"] = data["rubric"]["criteria"][4]["options"][:1]
    data["rubric"]["criteria"][4]["expert"] = ""
    assert any("at least 2 options" in p.message for p in errors(data))
    data = sample()
    data["rubric"]["criteria"][4]["options"][1]["name"] = "absent"
    assert ("rubric", "criteria", 4, "options", 1, "name") in {p.path for p in errors(data)}


def test_auto_criteria_measure_a_part_and_have_no_options():
    data = sample()
    data["rubric"]["criteria"][0]["measures"] = "vibes"
    data["rubric"]["criteria"][1]["options"] = [{"name": "a", "label": "A", "points": 1}]
    paths = {p.path for p in errors(data)}
    assert ("rubric", "criteria", 0, "measures") in paths
    assert ("rubric", "criteria", 1, "options") in paths


def test_duplicate_criterion_names():
    data = sample()
    data["rubric"]["criteria"][5]["name"] = "structure"
    assert ("rubric", "criteria", 5, "name") in {p.path for p in errors(data)}


def test_options_out_of_order_warn():
    data = sample()
    data["rubric"]["criteria"][4]["options"].reverse()
    assert problems(data) and not errors(data)


def test_staff_graded_needs_self_criteria():
    data = sample()
    data["rubric"]["criteria"] = data["rubric"]["criteria"][:4]
    assert ("reasoning", "staff_graded") in {p.path for p in errors(data)}


def test_alt_text_on_images():
    data = sample()
    data["exhibits"][4]["media"]["alt"] = " "
    p = only_error(data)
    assert p.path == ("exhibits", 4, "media", "alt") and "decorative" in p.hint
    data["exhibits"][4]["media"]["decorative"] = True
    assert errors(data) == []


def test_media_needs_one_source_and_a_safe_scheme():
    data = sample()
    data["exhibits"][0]["media"] = {"alt": "x"}
    assert ("exhibits", 0, "media") in {p.path for p in errors(data)}
    data["exhibits"][0]["media"] = {"src": "javascript:alert(1)", "alt": "x"}
    assert ("exhibits", 0, "media", "src") in {p.path for p in errors(data)}


def test_size_caps():
    data = sample()
    data["exhibits"] = [
        {"id": f"x{i}", "type": "document", "label": f"Document {i}", "description": ""} for i in range(1, 50)
    ]
    data["rulings"] = []
    data["weighing"]["supports"] = []
    assert any("the limit is 40" in p.message for p in errors(data))
    data = sample()
    data["brief"] = "x" * 100_001
    assert ("brief",) in {p.path for p in errors(data)}


def test_enumerations_and_numbers_at_the_top():
    data = sample(role="defence", grading_policy="first", weight=-1, max_attempts=-2)
    paths = {p.path for p in errors(data)}
    assert {("role",), ("grading_policy",), ("weight",), ("max_attempts",)} <= paths


def test_exhibit_type():
    data = sample()
    data["exhibits"][0]["type"] = "rumour"
    p = only_error(data)
    assert p.path == ("exhibits", 0, "type") and "lab_report" in p.message


def test_graded_case_worth_nothing():
    data = sample()
    for key in ("rulings", "verdicts"):
        for item in data[key]:
            item["points"] = 0
    for item in data["verdicts"]:
        item["proof_points"] = 0
    data["weighing"]["points"] = 0
    data["sentence"].update(points=0, factor_points=0)
    data["rubric"]["self_assessment_weight"] = 0
    assert ("weight",) in {p.path for p in errors(data)}


def test_missing_feedback_warns():
    data = sample()
    del data["rulings"][0]["feedback"]["exclude"]
    warnings = [p for p in problems(data) if not p.is_error]
    assert [p.path for p in warnings] == [("rulings", 0, "feedback")]
    assert "exclude" in warnings[0].message


def test_fractional_points_warn_when_staff_graded():
    data = sample()
    data["rubric"]["criteria"][4]["options"][1]["points"] = 2.5
    warnings = [p for p in problems(data) if not p.is_error]
    assert [p.path for p in warnings] == [("rubric", "criteria", 4, "options", 1, "points")]
    data["reasoning"]["staff_graded"] = False
    assert problems(data) == []


def test_verdict_without_the_standard_of_proof_answer_warns_and_names_the_derived_key():
    data = sample()
    del data["verdicts"][0]["proven"]
    data["verdicts"][1].pop("proven")
    data["verdicts"][1]["expected"] = "not_guilty"
    found = problems(data)
    assert [p for p in found if p.is_error] == []
    warned = {p.path: p for p in found if p.path[-1:] == ("proven",)}
    assert set(warned) == {("verdicts", 0, "proven"), ("verdicts", 1, "proven")}
    assert warned[("verdicts", 0, "proven")].message == (
        "verdict for count 'c1' does not say whether the standard of proof is met; "
        "scored as proven: true, from the expected verdict 'guilty'"
    )
    assert "proven: false" in warned[("verdicts", 1, "proven")].hint


def test_conviction_without_the_standard_met_warns():
    data = sample()
    data["verdicts"][0]["proven"] = False
    (found,) = [p for p in problems(data) if p.path == ("verdicts", 0, "proven")]
    assert not found.is_error and "expects guilty although the standard of proof is not met" in found.message
    data["verdicts"][0].update(proven=True, expected="not_guilty")  # a defence succeeds: no warning
    assert not [p for p in problems(data) if p.path == ("verdicts", 0, "proven")]


def test_negative_proof_points_are_an_error():
    data = sample()
    data["verdicts"][1]["proof_points"] = -1
    found = only_error(data)
    assert found.path == ("verdicts", 1, "proof_points") and "'c2'" in found.message


def test_proven_must_be_true_or_false():
    data = sample()
    data["verdicts"][0]["proven"] = "yes"
    with pytest.raises(Exception) as info:
        Case.from_dict(data)
    assert [p.path for p in info.value.problems] == [("verdicts", 0, "proven")]
