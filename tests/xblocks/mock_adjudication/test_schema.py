"""The JSON Schema for case files: valid, accepts what the model writes, refuses misspelt keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from benchbook.xblocks.mock_adjudication.model import Case
from benchbook.xblocks.mock_adjudication.validation import validate

from .sample import sample

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "xblocks" / "mock_adjudication" / "authoring.schema.json").read_text("utf-8"))
CASES = sorted((ROOT / "courses").glob("*/cases/*.yaml"))


def validator():
    Draft202012Validator.check_schema(SCHEMA)
    return Draft202012Validator(SCHEMA)


def test_schema_accepts_the_sample_and_the_models_own_dict():
    assert list(validator().iter_errors(sample())) == []
    assert list(validator().iter_errors(Case.from_dict(sample()).to_dict())) == []


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["exhibits"][0].__setitem__("contestd", True), ["exhibits", 0]),
        (lambda d: d.__setitem__("role", "defence"), ["role"]),
        (lambda d: d["rulings"][0].__setitem__("expected", "allow"), ["rulings", 0, "expected"]),
        (lambda d: d["sentence"].pop("unit"), ["sentence"]),
        (
            lambda d: d["rubric"]["criteria"][4]["options"][0].__setitem__("points", -1),
            ["rubric", "criteria", 4, "options", 0, "points"],
        ),
    ],
)
def test_schema_refuses(mutate, where):
    data = sample()
    mutate(data)
    errors = list(validator().iter_errors(data))
    assert [list(e.absolute_path) for e in errors] == [where]


def test_there_are_at_least_two_real_cases():
    assert len(CASES) >= 2


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_real_cases_are_valid_and_substantial(path):
    data = yaml.safe_load(path.read_text("utf-8"))
    assert list(validator().iter_errors(data)) == []
    assert data["id"] == path.stem
    case = Case.from_dict(data)
    assert validate(case) == []
    assert len(case.exhibits) >= 6 and len(case.counts) >= 2 and len(case.rubric.criteria) >= 4
    assert len(case.contested()) >= 2 and case.sentence is not None
    assert "invented" in (case.brief + case.title).lower()


def test_the_documented_example_is_a_valid_case():
    text = (ROOT / "docs" / "mock-adjudications.md").read_text("utf-8")
    example = text.split("```yaml\n", 1)[1].split("\n```", 1)[0]
    data = yaml.safe_load(example)
    assert list(validator().iter_errors(data)) == []
    case = Case.from_dict(data)
    assert [p for p in validate(case) if p.is_error] == []
    # rulings, matrix, proof answers, verdicts, sentence, self-assessment
    assert case.max_score() == 4 + 6 + 2 + 4 + 2 + 3 + 4
    assert [v.proven for v in case.verdicts] == [True, True]
