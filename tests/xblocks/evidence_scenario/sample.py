"""A small scenario in the authoring shape, built fresh for each test (tests mutate it)."""

from __future__ import annotations

import copy
from pathlib import Path

SCENARIOS = Path(__file__).resolve().parents[3] / "xblocks" / "evidence_scenario" / "scenarios"

_SAMPLE = {
    "id": "sample",
    "title": "Sample seizure",
    "weight": 10,
    "max_attempts": 2,
    "grading_policy": "best",
    "feedback_mode": "immediate",
    "allow_undo": True,
    "role": "Investigating officer",
    "intro": "<p>Invented for training.</p>",
    "start": "arrival",
    "competencies": [
        {"id": "safety", "label": "Safe handling"},
        {"id": "custody", "label": "Chain of custody"},
    ],
    "steps": [
        {
            "id": "arrival",
            "title": "Arrival",
            "narrative": "<p>Powder on a bench.</p>",
            "image": {"src": "/static/bench.jpg", "alt": "A bench with powder", "decorative": False},
            "choices": [
                {"id": "ppe", "text": "Put on PPE", "goto": "seal", "points": 2, "competency": "safety",
                 "critical": False, "consequence": "<p>Safe.</p>", "coaching": "<p>PPE first.</p>"},
                {"id": "touch", "text": "Touch it", "goto": "exposed", "points": 0, "competency": "safety",
                 "critical": True, "consequence": "<p>Exposure.</p>", "coaching": "<p>Never.</p>"},
            ],
        },
        {
            "id": "seal",
            "title": "Sealing",
            "narrative": "<p>Package it.</p>",
            "exhibit": {"title": "Seizure form", "body": "<p>Form 12</p>"},
            "choices": [
                {"id": "bag", "text": "Seal in a numbered bag", "goto": "log", "points": 3, "competency": "custody",
                 "critical": False, "consequence": "<p>Sealed.</p>", "coaching": "<p>Seal it.</p>"},
                {"id": "open", "text": "Leave it open", "goto": "log", "points": 1, "competency": "custody",
                 "critical": False, "consequence": "<p>Open.</p>", "coaching": "<p>Seal it.</p>"},
            ],
        },
        {
            "id": "log",
            "title": "Hand-over",
            "narrative": "",
            "choices": [
                {"id": "sign", "text": "Both sign the record", "goto": "sound", "points": 2, "competency": "custody",
                 "critical": False, "consequence": "", "coaching": ""},
                {"id": "skip", "text": "No record", "goto": "doubt", "points": 0, "competency": "custody",
                 "critical": True, "consequence": "", "coaching": ""},
            ],
        },
    ],
    "outcomes": [
        {"id": "sound", "title": "Sound exhibit", "band": "pass", "narrative": "<p>Admitted.</p>"},
        {"id": "doubt", "title": "Doubt", "band": "partial", "narrative": ""},
        {"id": "exposed", "title": "Exposure", "band": "fail", "narrative": ""},
    ],
}  # fmt: skip


def sample() -> dict:
    return copy.deepcopy(_SAMPLE)
