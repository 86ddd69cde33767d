"""One validator for a scenario: run at OLX import, at Studio save, by the compiler and in tests.

Every problem carries the key path into the authoring shape (``("steps", 3, "choices", 1, "goto")``,
list indexes as in :meth:`Scenario.from_dict`), a message naming the step and choice ids, and a hint
saying what to do. Errors block import and save; warnings (unreachable steps, unclear competency
splits) are shown in Studio's outline and by the compiler.
"""

from __future__ import annotations

import re

from ..common.problems import Problem, error, warning
from .model import FEEDBACK_MODES, GRADING_POLICIES, Scenario

MAX_STEPS = 60
MAX_OUTCOMES = 20
MAX_CHOICES = 8
MAX_COMPETENCIES = 12
MAX_ID = 64
MAX_TITLE = 200
MAX_CHOICE_TEXT = 500
MAX_HTML = 20_000  # one narrative, consequence, coaching or exhibit body
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _known(ids) -> str:
    ids = list(ids)
    shown = ", ".join(ids[:12]) + (", …" if len(ids) > 12 else "")
    return f"known: {shown}" if ids else "none defined"


def validate(scenario: Scenario) -> list[Problem]:
    """Every problem in *scenario*, errors and warnings, in a stable order."""
    problems: list[Problem] = []
    add = problems.append
    s = scenario

    # settings
    if not s.title.strip():
        add(error("the scenario has no title", ("title",), "add 'title:'"))
    if len(s.title) > MAX_TITLE:
        add(error(f"the title is longer than {MAX_TITLE} characters", ("title",), "shorten it"))
    if not (isinstance(s.weight, (int, float)) and s.weight >= 0):
        add(error(f"weight {s.weight} must be a number ≥ 0", ("weight",), "use e.g. 'weight: 10'"))
    if not (isinstance(s.max_attempts, int) and s.max_attempts >= 0):
        add(
            error(
                f"max_attempts {s.max_attempts} must be a whole number ≥ 0",
                ("max_attempts",),
                "use 0 for unlimited attempts, or e.g. 'max_attempts: 2'",
            )
        )
    if s.grading_policy not in GRADING_POLICIES:
        add(
            error(
                f"grading_policy '{s.grading_policy}' is not one of {', '.join(GRADING_POLICIES)}",
                ("grading_policy",),
                "'best' keeps the best attempt, 'last' the latest",
            )
        )
    if s.feedback_mode not in FEEDBACK_MODES:
        add(
            error(
                f"feedback_mode '{s.feedback_mode}' is not one of {', '.join(FEEDBACK_MODES)}",
                ("feedback_mode",),
                "'immediate' shows coaching after each choice, 'debrief' only at the end",
            )
        )
    _check_html(s.intro, ("intro",), "the intro", add)

    # sizes
    if len(s.steps) > MAX_STEPS:
        add(error(f"{len(s.steps)} steps: at most {MAX_STEPS} are allowed", ("steps",), "split the scenario"))
    if len(s.outcomes) > MAX_OUTCOMES:
        add(error(f"{len(s.outcomes)} outcomes: at most {MAX_OUTCOMES}", ("outcomes",), "merge outcomes"))
    if len(s.competencies) > MAX_COMPETENCIES:
        add(error(f"at most {MAX_COMPETENCIES} competencies", ("competencies",), "merge competencies"))
    if not s.steps:
        add(error("the scenario has no steps", ("steps",), "add at least one step with choices"))
    if not s.outcomes:
        add(error("the scenario has no outcomes", ("outcomes",), "add at least one outcome"))

    # ids
    competency_ids: list[str] = []
    for i, c in enumerate(s.competencies):
        path = ("competencies", i)
        _check_id(c.id, (*path, "id"), f"competency #{i + 1}", add)
        if c.id in competency_ids:
            add(error(f"competency id '{c.id}' is used twice", (*path, "id"), "give each a unique id"))
        competency_ids.append(c.id)
        if not c.label.strip():
            add(error(f"competency '{c.id}' has no label", (*path, "label"), "add 'label:'"))

    node_ids: dict[str, tuple] = {}
    for kind, nodes in (("steps", s.steps), ("outcomes", s.outcomes)):
        label = "step" if kind == "steps" else "outcome"
        for i, node in enumerate(nodes):
            path = (kind, i, "id")
            _check_id(node.id, path, f"{label} #{i + 1}", add)
            if node.id in node_ids:
                other = "step" if node_ids[node.id][0] == "steps" else "outcome"
                add(
                    error(
                        f"{label} id '{node.id}' is already used by a {other}",
                        path,
                        "steps and outcomes share one set of ids: rename one",
                    )
                )
            else:
                node_ids[node.id] = (kind, i)
            if len(node.title) > MAX_TITLE:
                add(
                    error(
                        f"{label} '{node.id}': title longer than {MAX_TITLE}", (kind, i, "title"), "shorten"
                    )
                )
            if not node.title.strip():
                add(error(f"{label} '{node.id}' has no title", (kind, i, "title"), "add 'title:'"))

    for i, o in enumerate(s.outcomes):
        _check_html(o.narrative, ("outcomes", i, "narrative"), f"outcome '{o.id}'", add)

    # steps and choices
    for i, step in enumerate(s.steps):
        where = f"step '{step.id}'"
        spath = ("steps", i)
        _check_html(step.narrative, (*spath, "narrative"), where, add)
        if step.image is not None:
            ipath = (*spath, "image")
            if not step.image.src.strip():
                add(error(f"{where}: the image has no src", (*ipath, "src"), "write 'src: /static/file.jpg'"))
            if not step.image.decorative and not step.image.alt.strip():
                add(
                    error(
                        f"{where}: the image has no alt text",
                        (*ipath, "alt"),
                        "describe what the image shows in 'alt:', or set 'decorative: true' if it adds nothing",
                    )
                )
        if step.exhibit is not None:
            epath = (*spath, "exhibit")
            if not step.exhibit.title.strip():
                add(error(f"{where}: the exhibit has no title", (*epath, "title"), "add 'title:'"))
            if not step.exhibit.body and not step.exhibit.file:
                add(error(f"{where}: the exhibit has neither body nor file", epath, "add 'body:' or 'file:'"))
            _check_html(step.exhibit.body, (*epath, "body"), where, add)
        if not step.choices:
            add(error(f"{where} has no choices", (*spath, "choices"), "add at least two choices"))
        elif len(step.choices) > MAX_CHOICES:
            add(error(f"{where}: more than {MAX_CHOICES} choices", (*spath, "choices"), "remove some"))
        elif len(step.choices) == 1:
            add(warning(f"{where} has a single choice", (*spath, "choices"), "a decision needs alternatives"))
        seen: set[str] = set()
        for j, c in enumerate(step.choices):
            cpath = (*spath, "choices", j)
            cwhere = f"{where}, choice '{c.id}'"
            _check_id(c.id, (*cpath, "id"), f"{where}, choice #{j + 1}", add)
            if c.id in seen:
                add(error(f"{cwhere}: id used twice in this step", (*cpath, "id"), "rename one of them"))
            seen.add(c.id)
            if not c.text.strip():
                add(error(f"{cwhere}: no text", (*cpath, "text"), "write what the learner would do"))
            if len(c.text) > MAX_CHOICE_TEXT:
                add(error(f"{cwhere}: text longer than {MAX_CHOICE_TEXT}", (*cpath, "text"), "shorten it"))
            if c.goto not in node_ids:
                add(
                    error(
                        f"{cwhere}: goto '{c.goto}' does not exist ({_known(node_ids)})",
                        (*cpath, "goto"),
                        "point goto at a step or outcome id",
                    )
                )
            elif c.goto == step.id:
                add(error(f"{cwhere}: goto leads back to the same step", (*cpath, "goto"), "go forward"))
            if not isinstance(c.points, (int, float)) or isinstance(c.points, bool) or c.points < 0:
                add(error(f"{cwhere}: points {c.points} must be ≥ 0", (*cpath, "points"), "use 0 or more"))
            if c.competency and c.competency not in competency_ids:
                add(
                    error(
                        f"{cwhere}: competency '{c.competency}' is not defined ({_known(competency_ids)})",
                        (*cpath, "competency"),
                        "add it under 'competencies:' or fix the id",
                    )
                )
            if c.points and not c.competency and competency_ids:
                add(
                    warning(
                        f"{cwhere}: scores points but names no competency",
                        (*cpath, "competency"),
                        "name a competency so the debrief can count it",
                    )
                )
            if c.critical and c.points:
                add(warning(f"{cwhere}: a critical error that scores points", (*cpath, "points"), "use 0"))
            _check_html(c.consequence, (*cpath, "consequence"), cwhere, add)
            _check_html(c.coaching, (*cpath, "coaching"), cwhere, add)
        scoring = {c.competency for c in step.choices if c.points and c.competency}
        if len(scoring) > 1:
            add(
                warning(
                    f"{where}: scoring choices name different competencies ({', '.join(sorted(scoring))})",
                    (*spath, "choices"),
                    "the debrief counts this step under its best choice's competency; keep one per step",
                )
            )

    problems.extend(_unwritable_text(s.to_dict()))

    # the graph
    if s.steps and s.start not in node_ids:
        add(
            error(f"start '{s.start}' does not exist ({_known(node_ids)})", ("start",), "name the first step")
        )
    elif s.start in node_ids and node_ids[s.start][0] != "steps":
        add(error(f"start '{s.start}' is an outcome, not a step", ("start",), "start at a step"))
    else:
        problems.extend(_graph_problems(s, node_ids))
    return problems


def _graph_problems(s: Scenario, node_ids: dict[str, tuple]) -> list[Problem]:
    problems: list[Problem] = []
    steps = {st.id: (i, st) for i, st in enumerate(s.steps)}
    # cycles: depth-first, colouring nodes; report each back edge once, at the choice that closes it
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    reported: set[tuple[str, str]] = set()

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        i, step = steps[node]
        for j, c in enumerate(step.choices):
            if c.goto not in steps or c.goto == node:
                continue
            if state.get(c.goto) == 1 and (node, c.id) not in reported:
                reported.add((node, c.id))
                loop = [*trail[trail.index(c.goto) :], node, c.goto] if c.goto in trail else [node, c.goto]
                problems.append(
                    error(
                        f"step '{node}', choice '{c.id}': goto '{c.goto}' makes a cycle ({' → '.join(loop)})",
                        ("steps", i, "choices", j, "goto"),
                        "scenarios only move forward: point it at a later step or an outcome",
                    )
                )
            elif c.goto not in state:
                visit(c.goto, [*trail, node])
        state[node] = 2

    if s.start in steps:
        visit(s.start, [])
    for st in s.steps:  # cycles among unreachable steps too
        if st.id not in state:
            visit(st.id, [])

    # reachability from the start
    reachable: set[str] = set()
    stack = [s.start]
    while stack:
        node = stack.pop()
        if node in reachable:
            continue
        reachable.add(node)
        if node in steps:
            stack.extend(c.goto for c in steps[node][1].choices if c.goto in node_ids)
    for kind, nodes, label in (("steps", s.steps, "step"), ("outcomes", s.outcomes, "outcome")):
        for i, node in enumerate(nodes):
            if node.id not in reachable and node.id:
                problems.append(
                    warning(
                        f"{label} '{node.id}' cannot be reached from start '{s.start}'",
                        (kind, i, "id"),
                        "point a choice's goto at it, or remove it",
                    )
                )

    # every path ends in an outcome: a step whose choices all lead nowhere is a dead end
    for node in reachable:
        if node in steps:
            i, step = steps[node]
            if step.choices and all(c.goto not in node_ids for c in step.choices):
                problems.append(
                    error(
                        f"step '{node}' is a dead end: none of its choices leads to a step or outcome",
                        ("steps", i, "choices"),
                        "every path must end in an outcome",
                    )
                )
    return problems


def _unwritable_text(data, path: tuple = ()) -> list[Problem]:
    """Characters XML cannot hold (control characters, lone surrogates): OLX could not be written."""
    if isinstance(data, str):
        match = NOT_XML.search(data)
        if match:
            return [
                error(
                    f"{'.'.join(map(str, path))}: character U+{ord(match.group()):04X} cannot be stored in OLX",
                    path,
                    "delete the invisible control character (often pasted from a word processor)",
                )
            ]
        return []
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _unwritable_text(value, (*path, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _unwritable_text(value, (*path, i))]
    return []


def _check_id(value: str, path: tuple, where: str, add) -> None:
    if not value:
        add(error(f"{where} has no id", path, "add 'id:' (letters, digits, - _ .)"))
    elif len(value) > MAX_ID or not ID_PATTERN.match(value):
        add(
            error(
                f"{where}: id '{value[:MAX_ID]}' must be up to {MAX_ID} letters, digits, '-', '_' or '.'",
                path,
                "use e.g. 'seal-bag'",
            )
        )


def _check_html(text: str, path: tuple, where: str, add) -> None:
    if len(text) > MAX_HTML:
        add(error(f"{where}: {path[-1]} is longer than {MAX_HTML} characters", path, "shorten it"))
