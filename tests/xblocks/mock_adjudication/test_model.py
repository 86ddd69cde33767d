"""The case model: the authoring shape in and out, shape errors with key paths, and scoring."""

from __future__ import annotations

import pytest

from benchbook.xblocks.common.problems import ContentError
from benchbook.xblocks.mock_adjudication.model import Case, admitted_exhibits, score

from .sample import sample

FULL = {
    "rulings": {
        "x2": {"choice": "admit_limited", "reason": "presumptive only"},
        "x3": {"choice": "admit", "reason": ""},
        "x6": {"choice": "admit", "reason": ""},
    },
    "weighing": {
        "supports": [
            ["c1e1", "x1"],
            ["c1e2", "x4"],
            ["c1e2", "x5"],
            ["c1e3", "x6"],
            ["c2e1", "x4"],
            ["c2e2", "x6"],
        ],
        "proven": {"c1": True, "c2": True},
    },
    "verdicts": {"c1": "guilty", "c2": "guilty"},
    "sentence": {"amount": 72, "factors": ["agg_quantity", "agg_concealment", "mit_record"]},
    "reasons": "…",
    "self": {"structure": "complete", "knowledge": "reasoned"},
}


def case(**overrides) -> Case:
    return Case.from_dict(sample(**overrides))


def test_from_dict_to_dict_round_trip():
    c = case()
    assert Case.from_dict(c.to_dict()) == c
    assert c.to_dict()["counts"][0]["elements"][2] == {
        "id": "c1e3",
        "text": "The accused knew it was a controlled drug",
    }


def test_to_dict_keeps_author_order():
    data = sample()
    data["exhibits"].reverse()
    assert [x["id"] for x in Case.from_dict(data).to_dict()["exhibits"]] == [
        "x6",
        "x5",
        "x4",
        "x3",
        "x2",
        "x1",
    ]


def test_markdown_fields_pass_through_render_and_plain_fields_do_not():
    seen = []

    def render(text):
        seen.append(text)
        return f"<R>{text}</R>"

    c = Case.from_dict(sample(), render)
    assert c.brief.startswith("<R>") and c.law.startswith("<R>") and c.model_answer.startswith("<R>")
    assert c.agreed_facts[0].startswith("<R>")
    assert c.exhibits[0].description.startswith("<R>")
    assert c.rulings[0].feedback["admit"].startswith("<R>")
    assert c.reasoning.prompt.startswith("<R>")
    assert c.rubric.criteria[4].prompt.startswith("<R>") and c.rubric.criteria[4].options[
        0
    ].explanation.startswith("<R>")
    assert c.title == sample()["title"]  # not Markdown
    assert c.counts[0].label == "Importation of a controlled drug (s. 5)"
    assert len(seen) > 10


def test_defaults_for_optional_keys():
    data = sample()
    for key in (
        "role",
        "weight",
        "max_attempts",
        "grading_policy",
        "standard_of_proof",
        "sentence",
        "reasoning",
    ):
        data.pop(key)
    c = Case.from_dict(data)
    assert (c.role, c.weight, c.max_attempts, c.grading_policy) == ("judge", 1.0, 1, "best")
    assert c.sentence is None
    assert c.reasoning.max_words == 1000


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (lambda d: d.pop("title"), ("title",), "'title' is required"),
        (lambda d: d.pop("counts"), ("counts",), "'counts' is required"),
        (lambda d: d.__setitem__("counts", {"c1": 1}), ("counts",), "must be a list"),
        (lambda d: d["rulings"][2].pop("exhibit"), ("rulings", 2, "exhibit"), "'exhibit' is required"),
        (
            lambda d: d["rulings"][1].__setitem__("points", "two"),
            ("rulings", 1, "points"),
            "must be a number",
        ),
        (lambda d: d["exhibits"].__setitem__(3, "x4"), ("exhibits", 3), "must be a mapping"),
        (
            lambda d: d["exhibits"][0].__setitem__("contested", "yes"),
            ("exhibits", 0, "contested"),
            "true or false",
        ),
        (lambda d: d["sentence"].__setitem__("min", True), ("sentence", "min"), "must be a number"),
        (lambda d: d["reasoning"].__setitem__("max_words", 1.5), ("reasoning", "max_words"), "whole number"),
        (lambda d: d.__setitem__("weighing", ["x"]), ("weighing",), "must be a mapping"),
        (
            lambda d: d["counts"][1]["elements"][0].pop("text"),
            ("counts", 1, "elements", 0, "text"),
            "required",
        ),
        (
            lambda d: d["rubric"]["criteria"][4]["options"][1].__setitem__("points", None),
            ("rubric", "criteria", 4, "options", 1, "points"),
            "required",
        ),
        (lambda d: d.__setitem__("agreed_facts", [["nested"]]), ("agreed_facts", 0), "must be text"),
        (
            lambda d: d["exhibits"][4].__setitem__("media", "pic.png"),
            ("exhibits", 4, "media"),
            "must be a mapping",
        ),
    ],
)
def test_shape_errors_carry_key_paths(mutate, path, words):
    data = sample()
    mutate(data)
    with pytest.raises(ContentError) as caught:
        Case.from_dict(data)
    paths = [p.path for p in caught.value.problems]
    assert path in paths, paths
    assert any(words in p.message for p in caught.value.problems if p.path == path)


def test_shape_errors_are_all_reported_at_once():
    data = sample()
    data.pop("title")
    data["rulings"][0]["points"] = "x"
    with pytest.raises(ContentError) as caught:
        Case.from_dict(data)
    assert {("title",), ("rulings", 0, "points")} <= {p.path for p in caught.value.problems}


def test_not_a_mapping_at_all():
    with pytest.raises(ContentError) as caught:
        Case.from_dict(["a", "list"])  # type: ignore[arg-type]
    assert caught.value.problems[0].path == ()


def test_semantic_problems_do_not_raise():
    data = sample()
    data["rulings"][0]["exhibit"] = "x99"
    data["sentence"]["min"] = 200
    Case.from_dict(data)  # the validator's job


def test_max_score_is_fixed_by_content():
    c = case()
    # rulings 3×2, weighing 6 + proof 2×1, verdicts 2×2, sentence 2 + 4 factors×1, self (4+4)×1
    assert c.max_score() == 6 + 8 + 4 + 6 + 8
    assert case(rubric={**sample()["rubric"], "self_assessment_weight": 0}).max_score() == 24
    assert case(rubric={**sample()["rubric"], "self_assessment_weight": 0.5}).max_score() == 28


def test_full_marks():
    c = case()
    result = score(c, FULL)
    assert result.earned == result.possible == c.max_score()
    assert all(r["correct"] for r in result.rulings)
    assert result.sentence_in_range is True
    assert [x["verdict"] for x in result.calibration] == ["match", "match"]


def test_nothing_answered_scores_zero():
    result = score(case(), {})
    assert result.earned == 0
    assert result.possible == 32


def test_rulings_score_each_and_give_the_feedback_of_the_chosen_option():
    answers = {"rulings": {"x2": {"choice": "admit"}, "x3": {"choice": "admit"}, "x6": {"choice": "exclude"}}}
    result = score(case(), answers)
    assert result.parts["rulings"].earned == 2
    assert result.rulings[0]["feedback"].startswith("<p>A colour test is presumptive")
    assert [r["correct"] for r in result.rulings] == [False, True, False]


@pytest.mark.parametrize(
    ("ticks", "expected"),
    [
        ([["c1e1", "x1"]], 1.0),  # 1 of 6 → 6 × 1/6
        ([["c1e1", "x1"], ["c1e2", "x4"], ["c1e2", "x5"]], 3.0),
        ([["c1e1", "x1"], ["c1e1", "x2"]], 0.0),  # one hit, one wrong tick
        ([["c1e1", "x1"], ["c1e2", "x4"], ["c1e1", "x3"]], 1.0),  # two hits, one wrong
        (
            [
                [e, x]
                for e in ("c1e1", "c1e2", "c1e3", "c2e1", "c2e2")
                for x in ("x1", "x2", "x3", "x4", "x5", "x6")
            ],
            0.0,
        ),
        ([], 0.0),
        ([["c1e1", "x1"], ["c1e1", "x1"]], 1.0),  # duplicates count once
        (["junk", ["a"], None], 0.0),
    ],
)
def test_weighing_partial_credit(ticks, expected):
    result = score(case(), {"weighing": {"supports": ticks}})
    assert result.parts["weighing"].earned == pytest.approx(expected)
    assert result.parts["weighing"].possible == 8  # the matrix's 6 and 1 per count for the proof answers


def verdict_keys(**changes):
    """The sample's verdict keys with *changes* applied to every one (None removes the key)."""
    keys = sample()["verdicts"]
    for key in keys:
        for name, value in changes.items():
            if value is None:
                key.pop(name, None)
            else:
                key[name] = value
    return keys


def test_standard_of_proof_answers_are_scored_per_count():
    answers = {"weighing": {"supports": [], "proven": {"c1": True, "c2": False}}}
    result = score(case(), answers)
    assert result.parts["weighing"].earned == 1  # c1 right (key: proven), c2 wrong
    assert [(r["count"], r["given"], r["expected"], r["correct"]) for r in result.proof] == [
        ("c1", True, True, True),
        ("c2", False, True, False),
    ]
    heavy = case(verdicts=verdict_keys(proof_points=2.5))
    assert score(heavy, answers).parts["weighing"].earned == 2.5
    assert heavy.max_score() == 24 + 6 + 5  # rulings+verdicts+sentence+self, matrix, proof 2×2.5


def test_standard_of_proof_answers_tampered_or_missing_score_nothing():
    for proven in ({"c1": "yes", "c2": 1}, ["c1"], None, {}):
        result = score(case(), {"weighing": {"proven": proven}})
        assert result.parts["weighing"].earned == 0
        assert [r["given"] for r in result.proof] == [None, None]


def test_standard_of_proof_key_derived_from_the_verdict_when_the_content_predates_it():
    keys = verdict_keys(proven=None, proof_points=None)
    keys[1]["expected"] = "not_guilty"
    old = case(verdicts=keys)
    assert [v.proven for v in old.verdicts] == [None, None]
    assert [v.expected_proven for v in old.verdicts] == [True, False]
    assert old.max_score() == case().max_score()  # proof_points default to 1
    result = score(old, {"weighing": {"proven": {"c1": True, "c2": False}}})
    assert result.parts["weighing"].earned == 2
    # the stated key wins over the verdict: proven but acquitted (e.g. a defence succeeds)
    keys[1]["proven"] = True
    assert score(case(verdicts=keys), {"weighing": {"proven": {"c2": True}}}).parts["weighing"].earned == 1


def test_verdicts():
    result = score(case(), {"verdicts": {"c1": "guilty", "c2": "not_guilty"}})
    assert result.parts["verdicts"].earned == 2


@pytest.mark.parametrize(
    ("amount", "in_range"),
    [(60, True), (96, True), (72.5, True), (59.9, False), (97, False), ("72", False), (True, False)],
)
def test_sentence_range_is_inclusive(amount, in_range):
    result = score(case(), {"sentence": {"amount": amount, "factors": []}})
    assert result.sentence_in_range is in_range
    # with no factor chosen, only agg_weapon (expected: not present) is decided right
    assert result.parts["sentence"].earned == (2 if in_range else 0) + 1


def test_sentence_factors_score_each_right_decision():
    result = score(case(), {"sentence": {"amount": 0, "factors": ["agg_quantity", "agg_weapon"]}})
    # agg_quantity right, agg_concealment missed, agg_weapon wrongly chosen, mit_record missed
    assert result.parts["sentence"].earned == 1


def test_self_assessment_counts_at_the_author_weight_with_calibration():
    c = case(rubric={**sample()["rubric"], "self_assessment_weight": 0.5})
    result = score(c, {"self": {"structure": "partial", "knowledge": "reasoned"}})
    assert result.self_points == (2 + 4) * 0.5
    assert [x["verdict"] for x in result.calibration] == ["lower", "match"]
    over = score(c, {"self": {"structure": "complete", "knowledge": "reasoned"}})
    assert over.calibration[0]["verdict"] == "match"


def test_self_assessment_weight_zero_is_formative_only():
    c = case(rubric={**sample()["rubric"], "self_assessment_weight": 0})
    result = score(c, FULL)
    assert result.self_points == 0
    assert result.earned == c.max_score() == 24


def test_unknown_self_options_score_nothing():
    result = score(case(), {"self": {"structure": "brilliant", "nonsense": "x"}})
    assert result.self_points == 0 and result.calibration == []


def test_admitted_exhibits_follow_the_learners_rulings():
    c = case()
    answers = {"rulings": {"x2": {"choice": "exclude"}, "x3": {"choice": "admit_limited"}}}
    assert [x.id for x in admitted_exhibits(c, answers)] == ["x1", "x3", "x4", "x5"]


def test_media_paths_go_through_the_renderer():
    """The compiler's renderer copies linked files and rewrites their paths; media use it too."""
    import re as _re

    def render(text):
        text = _re.sub(
            r"!\[([^\]]*)\]\(<([^>]*)>\)",
            lambda m: f'<p><img src="/static/{m[2].split("/")[-1]}" alt="{m[1]}"></p>',
            text,
        )
        return _re.sub(
            r"\[([^\]]*)\]\(<([^>]*)>\)",
            lambda m: f'<p><a href="/static/{m[2].split("/")[-1]}">{m[1]}</a></p>',
            text,
        )

    data = sample()
    data["exhibits"][0]["media"] = {"file": "../static/docs/certificate.pdf"}
    c = Case.from_dict(data, render)
    assert c.exhibits[4].media.src == "/static/speaker.png"
    assert c.exhibits[4].media.alt.startswith("A loudspeaker")
    assert c.exhibits[0].media.file == "/static/certificate.pdf"
    assert (
        Case.from_dict(data).exhibits[0].media.file == "../static/docs/certificate.pdf"
    )  # identity: as written
