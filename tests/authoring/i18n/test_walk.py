"""What the one walk over a course offers for translation, on a real course's scenarios and cases."""

from __future__ import annotations

from pathlib import Path

from benchbook.authoring.diagnostics import Diagnostics
from benchbook.authoring.i18n.walk import localize
from benchbook.authoring.load.course import load_course

COURSE = Path(__file__).resolve().parents[3] / "courses" / "adjudicating-synthetic-opioids"


def offered() -> set[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()

    def record(text, context, where):
        seen.add((context, text))
        return text

    course = load_course(COURSE, Diagnostics())
    localize(course, record)
    return seen


def test_a_scenario_steps_exhibit_is_text_though_exhibit_names_an_id_in_a_case():
    strings = offered()
    context = "scenario:damaged-exhibit-at-court"
    assert (context, "Extract from the paramedic's record, 14 March") in strings
    assert any(c == context and text.startswith("| Time | Entry |") for c, text in strings)
    # in a case, `exhibit:` holds an exhibit id, which is never offered
    assert not any(c.startswith("case:") and text == "P1" for c, text in strings)


def test_a_scenarios_role_is_text_though_a_cases_role_is_an_id():
    strings = offered()
    assert ("scenario:damaged-exhibit-at-court", "Presiding judge") in strings
    assert not any(c.startswith("case:") and text == "judge" for c, text in strings)
