"""What the learner's browser is sent: one step at a time, never points or targets before the end.

Pure functions of the scenario and the learner's stored path (no XBlock imports), so the rule
"the key stays on the server" is tested in one place. Author HTML goes out through *clean* (the block
passes nh3: sanitised on render, only what is sent); plain texts (titles, choice texts) are sent as
text and inserted by the browser as text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .model import PathStep, Scenario, Step


def sanitized(scenario: Scenario, clean) -> Scenario:
    """A copy of *scenario* with every HTML field passed through *clean*."""
    s = replace(scenario, intro=clean(scenario.intro))
    s.steps = []
    for step in scenario.steps:
        exhibit = replace(step.exhibit, body=clean(step.exhibit.body)) if step.exhibit else None
        s.steps.append(
            replace(
                step,
                narrative=clean(step.narrative),
                exhibit=exhibit,
                choices=[
                    replace(c, consequence=clean(c.consequence), coaching=clean(c.coaching))
                    for c in step.choices
                ],
            )
        )
    s.outcomes = [replace(o, narrative=clean(o.narrative)) for o in scenario.outcomes]
    return s


def _same(text: str) -> str:
    return text


def step_view(step: Step, number: int, clean=_same, url=_same) -> dict[str, Any]:
    """The current step as the browser may see it: texts and choice ids, nothing else."""
    out: dict[str, Any] = {
        "id": step.id,
        "number": number,
        "title": step.title,
        "narrative": clean(step.narrative),
        "choices": [{"id": c.id, "text": c.text} for c in step.choices],
    }
    if step.image is not None:
        out["image"] = {
            "src": url(step.image.src),
            "alt": "" if step.image.decorative else step.image.alt,
        }
    if step.exhibit is not None:
        out["exhibit"] = {
            "title": step.exhibit.title,
            "body": clean(step.exhibit.body),
            "file": step.exhibit.file,
        }
    return out


def history_view(
    scenario: Scenario, path: list[PathStep], coaching: bool, clean=_same
) -> list[dict[str, Any]]:
    """The decisions taken so far in this attempt (for resuming): what was done and what followed."""
    taken, _ = scenario.walk(path)
    return [
        {
            "step": step.title,
            "choice": choice.text,
            "consequence": clean(choice.consequence),
            **({"coaching": clean(choice.coaching)} if coaching else {}),
        }
        for step, choice in taken
    ]


def debrief(scenario: Scenario, path: list[PathStep], clean=_same) -> dict[str, Any]:
    """The end of an attempt: outcome, the path replayed with coaching and better choices, scores."""
    taken, node = scenario.walk(path)
    best = scenario.best_points()
    decisions = []
    for step, choice in taken:
        better = scenario.best_choice(step, best)
        missed = better is not None and (better.points + best.get(better.goto, 0)) > (
            choice.points + best.get(choice.goto, 0)
        )
        decision: dict[str, Any] = {
            "step": step.title,
            "choice": choice.text,
            "points": choice.points,
            "critical": choice.critical,
            "consequence": clean(choice.consequence),
            "coaching": clean(choice.coaching),
        }
        if missed:
            decision["better"] = {"text": better.text, "coaching": clean(better.coaching)}
        decisions.append(decision)
    outcome = scenario.outcome(node)
    return {
        "outcome": {"title": outcome.title, "band": outcome.band, "narrative": clean(outcome.narrative)}
        if outcome
        else None,
        "earned": scenario.score(path),
        "possible": scenario.max_score(),
        "competencies": scenario.competency_scores(path),
        "decisions": decisions,
    }


def is_finished(scenario: Scenario, path: list[PathStep]) -> bool:
    _, node = scenario.walk(path)
    return scenario.outcome(node) is not None
