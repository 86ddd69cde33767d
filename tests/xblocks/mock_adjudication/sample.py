"""The small sample case behind the workbench scenarios and most tests (invented people and places).

``scenarios/judge.xml`` and ``scenarios/prosecutor.xml`` are generated from it
(``python -m tests.xblocks.mock_adjudication.sample``); a test keeps them in sync.
"""

from __future__ import annotations

import copy
from pathlib import Path

SCENARIOS = Path(__file__).resolve().parents[3] / "xblocks" / "mock_adjudication" / "scenarios"

SAMPLE = {
    "id": "state-v-orlen",
    "title": "State v. Orlen (invented): a parcel of fentanyl analogue",
    "role": "judge",
    "weight": 1,
    "max_attempts": 2,
    "grading_policy": "best",
    "standard_of_proof": "beyond reasonable doubt",
    "brief": "<p>The accused, <em>D. Orlen</em> (an invented person), collected a parcel at the invented port of "
    "Varna Nova. Customs found 48 g of powder inside a hollowed speaker.</p>",
    "law": "<p><strong>Section 5</strong>: it is an offence to import a controlled drug knowing it to be a "
    "controlled drug. <strong>Section 7</strong>: possession of a controlled drug with intent to supply. "
    "Penalty for s. 5: 5 to 10 years.</p>",
    "agreed_facts": [
        "<p>The accused signed for the parcel on 3 March.</p>",
        "<p>The substance is listed in the national schedule by a generic definition.</p>",
    ],
    "counts": [
        {
            "id": "c1",
            "label": "Importation of a controlled drug (s. 5)",
            "elements": [
                {"id": "c1e1", "text": "The substance is a controlled drug"},
                {"id": "c1e2", "text": "The accused imported it"},
                {"id": "c1e3", "text": "The accused knew it was a controlled drug"},
            ],
        },
        {
            "id": "c2",
            "label": "Possession with intent to supply (s. 7)",
            "elements": [
                {"id": "c2e1", "text": "The accused possessed the substance"},
                {"id": "c2e2", "text": "The accused intended to supply it"},
            ],
        },
    ],
    "exhibits": [
        {
            "id": "x1",
            "type": "lab_report",
            "label": "Laboratory certificate (GC-MS)",
            "description": "<p>GC-MS and infrared spectroscopy identify a fentanyl analogue.</p>",
            "contested": False,
        },
        {
            "id": "x2",
            "type": "field_test",
            "label": "Presumptive colour test",
            "description": "<p>A Marquis test at the port turned colour.</p>",
            "contested": True,
        },
        {
            "id": "x3",
            "type": "custody_log",
            "label": "Chain-of-custody log",
            "description": "<p>Every transfer signed; seal numbers match.</p>",
            "contested": True,
        },
        {
            "id": "x4",
            "type": "witness_statement",
            "label": "Statement of the customs officer",
            "description": "<p>The officer saw the accused sign for and carry away the parcel.</p>",
            "contested": False,
        },
        {
            "id": "x5",
            "type": "photograph",
            "label": "Photograph of the speaker",
            "description": "<p>The hollowed speaker as found.</p>",
            "contested": False,
            "media": {
                "src": "/static/speaker.png",
                "alt": "A loudspeaker opened to show a taped bag of white powder",
            },
        },
        {
            "id": "x6",
            "type": "expert_statement",
            "label": "Phone extraction report",
            "description": "<p>Messages: 'the new stuff is not on their list yet, keep it quiet'.</p>",
            "contested": True,
        },
    ],
    "rulings": [
        {
            "exhibit": "x2",
            "expected": "admit_limited",
            "points": 2,
            "feedback": {
                "admit": "<p>A colour test is presumptive only: it shows grounds, not identity.</p>",
                "exclude": "<p>It is relevant to the grounds for the search; limit its weight instead.</p>",
                "admit_limited": "<p>Right: admitted for the grounds of the search, not to prove identity.</p>",
            },
        },
        {
            "exhibit": "x3",
            "expected": "admit",
            "points": 2,
            "feedback": {
                "admit": "<p>Right: an unbroken, signed chain.</p>",
                "exclude": "<p>Nothing in the log is missing; there is no ground to exclude.</p>",
                "admit_limited": "<p>The log is complete; there is no reason to limit it.</p>",
            },
        },
        {
            "exhibit": "x6",
            "expected": "admit",
            "points": 2,
            "feedback": {
                "admit": "<p>Right: knowledge may be inferred from objective facts such as these messages.</p>",
                "exclude": "<p>The extraction was lawful and relevant to knowledge.</p>",
                "admit_limited": "<p>It goes to knowledge directly; there is no reason to limit it.</p>",
            },
        },
    ],
    "weighing": {
        "points": 6,
        "supports": [
            {"element": "c1e1", "exhibit": "x1"},
            {"element": "c1e2", "exhibit": "x4"},
            {"element": "c1e2", "exhibit": "x5"},
            {"element": "c1e3", "exhibit": "x6"},
            {"element": "c2e1", "exhibit": "x4"},
            {"element": "c2e2", "exhibit": "x6"},
        ],
    },
    "verdicts": [
        {"count": "c1", "expected": "guilty", "points": 2, "proven": True, "proof_points": 1},
        {"count": "c2", "expected": "guilty", "points": 2, "proven": True, "proof_points": 1},
    ],
    "sentence": {
        "unit": "months",
        "min": 60,
        "max": 96,
        "points": 2,
        "factor_points": 1,
        "factors": [
            {
                "id": "agg_quantity",
                "kind": "aggravating",
                "label": "Many doses' worth of a potent opioid",
                "expected": True,
            },
            {
                "id": "agg_concealment",
                "kind": "aggravating",
                "label": "Sophisticated concealment",
                "expected": True,
            },
            {"id": "agg_weapon", "kind": "aggravating", "label": "A weapon was carried", "expected": False},
            {"id": "mit_record", "kind": "mitigating", "label": "No previous convictions", "expected": True},
        ],
    },
    "reasoning": {
        "min_words": 20,
        "max_words": 400,
        "staff_graded": True,
        "prompt": "<p>Give your reasons: each element, the evidence for it, and the sentence.</p>",
    },
    "rubric": {
        "self_assessment_weight": 1,
        "criteria": [
            {
                "name": "admissibility",
                "label": "Rulings on admissibility",
                "source": "auto",
                "measures": "rulings",
                "prompt": "",
            },
            {
                "name": "weighing",
                "label": "Evidence mapped to elements",
                "source": "auto",
                "measures": "weighing",
                "prompt": "",
            },
            {"name": "verdicts", "label": "Verdicts", "source": "auto", "measures": "verdicts", "prompt": ""},
            {"name": "sentence", "label": "Sentence", "source": "auto", "measures": "sentence", "prompt": ""},
            {
                "name": "structure",
                "label": "Structure of reasons",
                "source": "self",
                "prompt": "<p>Are the elements addressed in order, each tied to evidence?</p>",
                "options": [
                    {"name": "absent", "label": "Absent", "points": 0, "explanation": "<p>No structure.</p>"},
                    {
                        "name": "partial",
                        "label": "Partial",
                        "points": 2,
                        "explanation": "<p>Some elements.</p>",
                    },
                    {
                        "name": "complete",
                        "label": "Complete",
                        "points": 4,
                        "explanation": "<p>Every element.</p>",
                    },
                ],
                "expert": "complete",
            },
            {
                "name": "knowledge",
                "label": "Knowledge of the substance's status",
                "source": "self",
                "prompt": "<p>Is knowledge inferred from objective facts, and said how?</p>",
                "options": [
                    {
                        "name": "absent",
                        "label": "Not addressed",
                        "points": 0,
                        "explanation": "<p>Not discussed.</p>",
                    },
                    {
                        "name": "asserted",
                        "label": "Asserted",
                        "points": 2,
                        "explanation": "<p>Stated, not reasoned.</p>",
                    },
                    {
                        "name": "reasoned",
                        "label": "Reasoned",
                        "points": 4,
                        "explanation": "<p>Inferred from the messages.</p>",
                    },
                ],
                "expert": "reasoned",
            },
        ],
    },
    "model_answer": "<p>The colour test is presumptive and is admitted only for the grounds of the search. "
    "Identity rests on the GC-MS certificate. Knowledge is inferred from the messages. Guilty on both counts; "
    "72 months.</p>",
}


def sample(**overrides) -> dict:
    data = copy.deepcopy(SAMPLE)
    data.update(overrides)
    return data


def prosecutor() -> dict:
    return sample(
        id="state-v-orlen-prosecutor",
        title="State v. Orlen (invented): prosecuting the parcel",
        role="prosecutor",
    )


def scenario_xml(data: dict) -> str:
    from benchbook.xblocks.mock_adjudication import olx
    from benchbook.xblocks.mock_adjudication.model import Case

    return olx.to_string(Case.from_dict(data)) + "\n"


if __name__ == "__main__":
    (SCENARIOS / "judge.xml").write_text(scenario_xml(sample()), encoding="utf-8")
    (SCENARIOS / "prosecutor.xml").write_text(scenario_xml(prosecutor()), encoding="utf-8")
