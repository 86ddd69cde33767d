"""The course's real scenarios: valid, big enough, covered by the JSON Schema, and packaged for the
workbench as OLX (``BENCHBOOK_REGENERATE=1`` rewrites the packaged copies from the YAML)."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from lxml import etree
from markdown_it import MarkdownIt

from benchbook.xblocks.common.problems import ContentError
from benchbook.xblocks.evidence_scenario import olx
from benchbook.xblocks.evidence_scenario.model import Scenario
from benchbook.xblocks.evidence_scenario.validation import validate

from .sample import SCENARIOS, sample

REPO = Path(__file__).resolve().parents[3]
REAL = sorted((REPO / "courses").glob("*/scenarios/*.yaml"))
PACKAGED = {  # course scenario -> workbench copy
    "port-carfentanil-seizure": "02-port-carfentanil-seizure.xml",
    "clandestine-lab": "03-clandestine-lab.xml",
    "damaged-exhibit-at-court": "04-damaged-exhibit-at-court.xml",
}
SCHEMA = json.loads(
    resources.files("benchbook.xblocks.evidence_scenario")
    .joinpath("authoring.schema.json")
    .read_text("utf-8")
)
MARKDOWN = MarkdownIt("commonmark").enable("table")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def test_there_are_at_least_two_real_scenarios():
    assert len(REAL) >= 2


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_real_scenario_is_valid_and_big_enough(path):
    data = load(path)
    assert data["id"] == path.stem
    jsonschema.validate(data, SCHEMA)
    s = Scenario.from_dict(data, MARKDOWN.render)
    assert validate(s) == []
    assert len(s.steps) >= 10 and len(s.outcomes) >= 3 and len(s.competencies) >= 4
    assert "invented" in s.intro and "UNODC" in s.intro  # says so, and names its sources
    assert s.max_score() > 0


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_packaged_workbench_copy_matches_the_yaml(path):
    scenario = Scenario.from_dict(load(path), MARKDOWN.render)
    target = SCENARIOS / PACKAGED[path.stem]
    xml = olx.to_string(scenario) + "\n"
    if os.environ.get("BENCHBOOK_REGENERATE"):
        target.write_text(xml, encoding="utf-8")
    assert target.read_text("utf-8") == xml, "run with BENCHBOOK_REGENERATE=1 to refresh the copy"


def test_schema_accepts_the_sample_and_rejects_what_from_dict_rejects():
    jsonschema.validate(sample(), SCHEMA)
    bad = sample()
    del bad["steps"][0]["choices"][0]["goto"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)
    with pytest.raises(ContentError):
        Scenario.from_dict(bad)
    bad = sample()
    bad["steps"][0]["image"]["caption"] = "x"  # unknown keys are refused, catching typos
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_packaged_copies_parse_as_olx():
    for name in PACKAGED.values():
        assert etree.parse(str(SCENARIOS / name)).getroot().tag == "evidence_scenario"


def test_the_documented_example_is_a_valid_scenario():
    text = (REPO / "docs" / "evidence-scenarios.md").read_text("utf-8")
    example = yaml.safe_load(text.split("## 2. The shape of a scenario\n\n```yaml\n")[1].split("```")[0])
    jsonschema.validate(example, SCHEMA)
    scenario = Scenario.from_dict(example, MARKDOWN.render)
    assert validate(scenario) == [] and scenario.max_score() == 4
