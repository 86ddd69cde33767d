"""Property tests: any scenario either validates cleanly or yields problems, never a traceback; a
clean one writes OLX that reads back equal (once sanitised), and its best path scores max_score()."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchbook.xblocks.common.problems import ContentError
from benchbook.xblocks.common.sanitize import clean_html
from benchbook.xblocks.evidence_scenario import olx
from benchbook.xblocks.evidence_scenario.model import Scenario
from benchbook.xblocks.evidence_scenario.play import sanitized
from benchbook.xblocks.evidence_scenario.validation import validate

IDS = st.sampled_from(["a", "b", "c", "d", "e", "end", "fail", "x y", ""])
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="<>&"), max_size=12)
PLAIN = st.text(
    st.characters(min_codepoint=32, blacklist_categories=("Cs", "Cc"), blacklist_characters="<>&"),
    max_size=12,
)
POINTS = st.one_of(st.integers(-2, 5), st.floats(0, 5, allow_nan=False), st.text(max_size=2), st.none())


@st.composite
def scenarios(draw):
    def choice():
        return {"id": draw(IDS), "text": draw(TEXT) or "go", "goto": draw(IDS), "points": draw(POINTS),
                "competency": draw(st.sampled_from(["", "c1", "c9"])), "critical": draw(st.booleans()),
                "coaching": draw(TEXT)}  # fmt: skip

    steps = [
        {"id": draw(IDS), "title": draw(TEXT) or "t", "narrative": draw(TEXT),
         "choices": [choice() for _ in range(draw(st.integers(0, 3)))]}
        for _ in range(draw(st.integers(0, 5)))
    ]  # fmt: skip
    outcomes = [{"id": draw(IDS), "title": "o"} for _ in range(draw(st.integers(0, 2)))]
    return {"title": draw(TEXT) or "T", "start": draw(IDS), "competencies": [{"id": "c1", "label": "C"}],
            "steps": steps, "outcomes": outcomes}  # fmt: skip


@st.composite
def dags(draw):
    """Mostly valid graphs: each choice goes to a later step or an outcome."""
    n = draw(st.integers(1, 8))
    outcomes = [{"id": f"o{i}", "title": draw(PLAIN) or "o", "band": draw(st.sampled_from(["", "pass"]))}
                for i in range(draw(st.integers(1, 3)))]  # fmt: skip
    steps = []
    for i in range(n):
        later = [f"s{j}" for j in range(i + 1, n)] + [o["id"] for o in outcomes]
        steps.append(
            {"id": f"s{i}", "title": draw(PLAIN) or "t", "narrative": draw(PLAIN),
             "choices": [{"id": f"c{k}", "text": draw(PLAIN) or "go", "goto": draw(st.sampled_from(later)),
                          "points": draw(st.integers(0, 5)), "competency": draw(st.sampled_from(["", "c1"])),
                          "consequence": draw(PLAIN), "coaching": draw(PLAIN)}
                         for k in range(draw(st.integers(1, 3)))]}
        )  # fmt: skip
    return {"title": draw(PLAIN) or "T", "start": "s0", "competencies": [{"id": "c1", "label": "C"}],
            "steps": steps, "outcomes": outcomes}  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(scenarios(), dags()))
def test_never_a_traceback_and_clean_scenarios_round_trip(data):
    try:
        scenario = Scenario.from_dict(data)
    except ContentError as exc:
        assert exc.problems and all(p.path for p in exc.problems)
        return
    problems = validate(scenario)
    assert all(isinstance(p.path, tuple) and p.message for p in problems)
    scenario.max_score()
    if any(p.is_error for p in problems):
        return
    xml = olx.to_string(scenario)
    assert olx.read_string(xml) == sanitized(scenario, clean_html)  # HTML is sanitised on the way out
    assert olx.to_string(olx.read_string(xml)) == xml  # and sanitising is stable
    best = scenario.best_points()
    path, node = [], scenario.start
    while scenario.step(node):
        choice = scenario.best_choice(scenario.step(node), best)
        path.append((node, choice.id))
        node = choice.goto
    assert scenario.outcome(node) is not None
    assert scenario.score(path) == scenario.max_score()
