"""The one validator for a case: run at OLX import, at Studio save, by the compiler and in tests.

Every problem's ``path`` is a key path into the authoring shape (``model.Case.to_dict()``), its message
names the ids involved, and its ``hint`` says what to do.
"""

from __future__ import annotations

from ..common.problems import Problem, error, warning
from .model import (
    AUTO_PARTS,
    EXHIBIT_TYPES,
    FACTOR_KINDS,
    POLICIES,
    ROLES,
    RULINGS,
    SOURCES,
    VERDICTS,
    Case,
)

MAX_EXHIBITS = 40
MAX_COUNTS = 12
MAX_ELEMENTS = 60
MAX_CRITERIA = 12
MAX_OPTIONS = 8
MAX_TEXT = 100_000  # characters of HTML in any one text
MAX_REASON_WORDS = 5000
ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")


def _known(ids: list[str]) -> str:
    ids = [i for i in ids if i]
    if not ids:
        return "none defined"
    if len(ids) > 6:
        return f"known: {', '.join(ids[:3])} … {ids[-1]}"
    return "known: " + ", ".join(ids)


def _choices(values) -> str:
    return " | ".join(values)


def validate(case: Case) -> list[Problem]:
    """Every error and warning in *case*, in authoring order."""
    problems: list[Problem] = []
    add = problems.append

    def check_id(value: str, path, what: str) -> None:
        if not value:
            add(error(f"{what} has an empty id", path, "give it a short id such as 'x1'"))
        elif not set(value) <= ID_CHARS or len(value) > 64:
            add(
                error(
                    f"{what} id '{value}' may use only letters, digits, '_', '-' and '.' (at most 64)",
                    path,
                    "ids are stable keys; labels carry the readable text",
                )
            )

    def unique(ids: list[tuple[str, tuple]], what: str) -> None:
        seen: dict[str, tuple] = {}
        for value, path in ids:
            if value in seen:
                first = ".".join(str(p) for p in seen[value])
                add(
                    error(
                        f"{what} id '{value}' is used twice (first at {first})", path, "make each id unique"
                    )
                )
            else:
                seen[value] = path

    def text_cap(value: str, path) -> None:
        if len(value) > MAX_TEXT:
            add(
                error(
                    f"text is {len(value)} characters; the limit is {MAX_TEXT}",
                    path,
                    "shorten it or link a file",
                )
            )

    # -- top level ------------------------------------------------------------------------------
    check_id(case.id, ("id",), "the case")
    if not case.title.strip():
        add(error("the case has no title", ("title",), "add 'title:'"))
    if case.role not in ROLES:
        add(
            error(
                f"role '{case.role}' is not one of {_choices(ROLES)}", ("role",), "choose judge or prosecutor"
            )
        )
    if case.grading_policy not in POLICIES:
        add(
            error(
                f"grading_policy '{case.grading_policy}' is not one of {_choices(POLICIES)}",
                ("grading_policy",),
            )
        )
    if case.weight < 0:
        add(error(f"weight {case.weight:g} is negative", ("weight",), "use 0 (ungraded) or more"))
    if case.max_attempts < 0:
        add(error(f"max_attempts {case.max_attempts} is negative", ("max_attempts",), "use 0 for unlimited"))
    for key in ("brief", "law", "model_answer"):
        text_cap(getattr(case, key), (key,))
    if not case.brief.strip():
        add(warning("the case has no brief", ("brief",), "tell the learner what the case is about"))
    if not case.model_answer.strip():
        add(warning("there is no model answer to compare with", ("model_answer",), "add 'model_answer:'"))

    # -- counts and elements --------------------------------------------------------------------
    if not case.counts:
        add(error("the case has no counts", ("counts",), "add at least one count with its elements"))
    if len(case.counts) > MAX_COUNTS:
        add(error(f"{len(case.counts)} counts; the limit is {MAX_COUNTS}", ("counts",)))
    count_ids = [c.id for c in case.counts]
    unique([(c.id, ("counts", i, "id")) for i, c in enumerate(case.counts)], "count")
    element_ids: list[tuple[str, tuple]] = []
    for i, c in enumerate(case.counts):
        check_id(c.id, ("counts", i, "id"), f"count {i + 1}")
        if not c.label.strip():
            add(error(f"count '{c.id}' has no label", ("counts", i, "label")))
        if not c.elements:
            add(
                error(
                    f"count '{c.id}' has no elements", ("counts", i, "elements"), "list what must be proved"
                )
            )
        for j, e in enumerate(c.elements):
            check_id(e.id, ("counts", i, "elements", j, "id"), f"element {j + 1} of count '{c.id}'")
            element_ids.append((e.id, ("counts", i, "elements", j, "id")))
            if not e.text.strip():
                add(error(f"element '{e.id}' has no text", ("counts", i, "elements", j, "text")))
    unique(element_ids, "element")
    if len(element_ids) > MAX_ELEMENTS:
        add(error(f"{len(element_ids)} elements; the limit is {MAX_ELEMENTS}", ("counts",)))
    known_elements = [e for e, _ in element_ids]

    # -- exhibits -------------------------------------------------------------------------------
    if not case.exhibits:
        add(error("the case has no exhibits", ("exhibits",), "add the evidence the learner rules on"))
    if len(case.exhibits) > MAX_EXHIBITS:
        add(error(f"{len(case.exhibits)} exhibits; the limit is {MAX_EXHIBITS}", ("exhibits",)))
    unique([(x.id, ("exhibits", i, "id")) for i, x in enumerate(case.exhibits)], "exhibit")
    exhibit_ids = [x.id for x in case.exhibits]
    for i, x in enumerate(case.exhibits):
        p = ("exhibits", i)
        check_id(x.id, (*p, "id"), f"exhibit {i + 1}")
        if x.type not in EXHIBIT_TYPES:
            add(
                error(
                    f"exhibit '{x.id}' has type '{x.type}', not one of {_choices(EXHIBIT_TYPES)}",
                    (*p, "type"),
                )
            )
        if not x.label.strip():
            add(error(f"exhibit '{x.id}' has no label", (*p, "label")))
        text_cap(x.description, (*p, "description"))
        m = x.media
        if m is not None:
            if not m.src and not m.file:
                add(error(f"media of exhibit '{x.id}' has neither 'src' nor 'file'", (*p, "media")))
            if m.src and m.file:
                add(error(f"media of exhibit '{x.id}' has both 'src' and 'file'", (*p, "media"), "keep one"))
            if m.src and not m.alt.strip() and not m.decorative:
                add(
                    error(
                        f"image of exhibit '{x.id}' has no alt text",
                        (*p, "media", "alt"),
                        "describe what the image shows, or set 'decorative: true'",
                    )
                )
            for key in ("src", "file"):
                url = getattr(m, key)
                if url and url.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    add(error(f"media {key} of exhibit '{x.id}' uses a forbidden scheme", (*p, "media", key)))

    # -- rulings --------------------------------------------------------------------------------
    ruled: dict[str, int] = {}
    for i, r in enumerate(case.rulings):
        p = ("rulings", i)
        if r.exhibit not in exhibit_ids:
            add(
                error(
                    f"ruling for exhibit '{r.exhibit}': no such exhibit ({_known(exhibit_ids)})",
                    (*p, "exhibit"),
                    "use the id of an exhibit listed under 'exhibits'",
                )
            )
        elif r.exhibit in ruled:
            add(
                error(
                    f"exhibit '{r.exhibit}' has two rulings (rulings {ruled[r.exhibit] + 1} and {i + 1})",
                    (*p, "exhibit"),
                    "keep one ruling per exhibit",
                )
            )
        else:
            ruled[r.exhibit] = i
        if r.expected not in RULINGS:
            add(
                error(
                    f"ruling for exhibit '{r.exhibit}' expects '{r.expected}', not one of {_choices(RULINGS)}",
                    (*p, "expected"),
                )
            )
        if r.points < 0:
            add(error(f"ruling for exhibit '{r.exhibit}' has negative points", (*p, "points")))
        for option in r.feedback:
            if option not in RULINGS:
                add(
                    error(
                        f"feedback for '{option}' on exhibit '{r.exhibit}': not one of {_choices(RULINGS)}",
                        (*p, "feedback", option),
                    )
                )
        missing = [o for o in RULINGS if o != r.expected and o not in r.feedback]
        if r.expected in RULINGS and missing:
            add(
                warning(
                    f"ruling for exhibit '{r.exhibit}' has no feedback for {', '.join(missing)}",
                    (*p, "feedback"),
                    "say why that ruling is wrong: feedback beats a bare 'incorrect'",
                )
            )
    for i, x in enumerate(case.exhibits):
        if x.contested and x.id not in ruled:
            add(
                error(
                    f"exhibit '{x.id}' is contested but has no expected ruling",
                    ("exhibits", i, "contested"),
                    f"add a ruling with 'exhibit: {x.id}' under 'rulings', or set 'contested: false'",
                )
            )
    if not case.contested():
        add(warning("no exhibit is contested: the admissibility phase will be empty", ("rulings",)))

    # -- weighing -------------------------------------------------------------------------------
    excluded = {r.exhibit for r in case.rulings if r.expected == "exclude"}
    seen_pairs: set[tuple[str, str]] = set()
    for i, s in enumerate(case.weighing.supports):
        p = ("weighing", "supports", i)
        if s.element not in known_elements:
            add(
                error(
                    f"support of element '{s.element}': no such element ({_known(known_elements)})",
                    (*p, "element"),
                    "use an element id from 'counts'",
                )
            )
        if s.exhibit not in exhibit_ids:
            add(
                error(
                    f"support by exhibit '{s.exhibit}': no such exhibit ({_known(exhibit_ids)})",
                    (*p, "exhibit"),
                    "use an exhibit id from 'exhibits'",
                )
            )
        elif s.exhibit in excluded:
            add(
                error(
                    f"exhibit '{s.exhibit}' supports element '{s.element}' but its expected ruling is 'exclude'",
                    (*p, "exhibit"),
                    "an excluded exhibit cannot support anything: drop this support or change the ruling",
                )
            )
        if (s.element, s.exhibit) in seen_pairs:
            add(error(f"support ('{s.element}', '{s.exhibit}') is listed twice", p))
        seen_pairs.add((s.element, s.exhibit))
    if case.weighing.points < 0:
        add(error("weighing points are negative", ("weighing", "points")))
    if case.weighing.supports and case.weighing.points == 0:
        add(
            warning(
                "the weighing matrix is worth 0 points", ("weighing", "points"), "set 'points:' to score it"
            )
        )

    # -- verdicts -------------------------------------------------------------------------------
    given: dict[str, int] = {}
    for i, v in enumerate(case.verdicts):
        p = ("verdicts", i)
        if v.count not in count_ids:
            add(
                error(
                    f"verdict for count '{v.count}': no such count ({_known(count_ids)})",
                    (*p, "count"),
                    "use a count id from 'counts'",
                )
            )
        elif v.count in given:
            add(error(f"count '{v.count}' has two verdicts", (*p, "count"), "keep one"))
        given.setdefault(v.count, i)
        if v.expected not in VERDICTS:
            add(
                error(
                    f"verdict for count '{v.count}' expects '{v.expected}', not one of {_choices(VERDICTS)}",
                    (*p, "expected"),
                )
            )
        if v.points < 0:
            add(error(f"verdict for count '{v.count}' has negative points", (*p, "points")))
        if v.proof_points < 0:
            add(error(f"verdict for count '{v.count}' has negative proof_points", (*p, "proof_points")))
        if v.proven is None and v.expected in VERDICTS:
            derived = "true" if v.expected_proven else "false"
            add(
                warning(
                    f"verdict for count '{v.count}' does not say whether the standard of proof is met; "
                    f"scored as proven: {derived}, from the expected verdict '{v.expected}'",
                    (*p, "proven"),
                    f"add 'proven: {derived}' (or the other answer) to this verdict",
                )
            )
        elif v.proven is False and v.expected == "guilty":
            add(
                warning(
                    f"verdict for count '{v.count}' expects guilty although the standard of proof is not met",
                    (*p, "proven"),
                    "a conviction needs the standard met: check 'proven' or 'expected'",
                )
            )
    for i, c in enumerate(case.counts):
        if c.id and c.id not in given:
            add(
                error(
                    f"count '{c.id}' has no expected verdict",
                    ("counts", i, "id"),
                    f"add '- {{count: {c.id}, expected: guilty}}' (or not_guilty) under 'verdicts'",
                )
            )

    # -- sentence -------------------------------------------------------------------------------
    s = case.sentence
    if s is not None:
        p = ("sentence",)
        if not s.unit.strip():
            add(error("the sentence has no unit", (*p, "unit"), "e.g. 'months'"))
        if s.min < 0:
            add(error(f"sentence min {s.min:g} is negative", (*p, "min")))
        if s.max < s.min:
            add(error(f"sentence range is empty: min {s.min:g} > max {s.max:g}", (*p, "max"), "swap them"))
        if s.points < 0 or s.factor_points < 0:
            add(error("sentence points are negative", (*p, "points")))
        unique([(f.id, (*p, "factors", i, "id")) for i, f in enumerate(s.factors)], "factor")
        for i, f in enumerate(s.factors):
            check_id(f.id, (*p, "factors", i, "id"), f"factor {i + 1}")
            if f.kind not in FACTOR_KINDS:
                add(
                    error(
                        f"factor '{f.id}' has kind '{f.kind}', not one of {_choices(FACTOR_KINDS)}",
                        (*p, "factors", i, "kind"),
                    )
                )
            if not f.label.strip():
                add(error(f"factor '{f.id}' has no label", (*p, "factors", i, "label")))
        if case.verdicts and all(v.expected == "not_guilty" for v in case.verdicts):
            add(
                warning("a sentence is set but every expected verdict is not_guilty", p, "remove 'sentence:'")
            )

    # -- reasoning ------------------------------------------------------------------------------
    r = case.reasoning
    if r.min_words < 0:
        add(error(f"min_words {r.min_words} is negative", ("reasoning", "min_words")))
    if r.max_words < 1 or r.max_words > MAX_REASON_WORDS:
        add(error(f"max_words {r.max_words} is outside 1–{MAX_REASON_WORDS}", ("reasoning", "max_words")))
    if r.min_words > r.max_words:
        add(
            error(
                f"min_words {r.min_words} is more than max_words {r.max_words}",
                ("reasoning", "min_words"),
                "lower min_words or raise max_words",
            )
        )

    # -- rubric ---------------------------------------------------------------------------------
    rub = case.rubric
    if rub.self_assessment_weight < 0:
        add(
            error("self_assessment_weight is negative", ("rubric", "self_assessment_weight"), "use 0 or more")
        )
    if len(rub.criteria) > MAX_CRITERIA:
        add(error(f"{len(rub.criteria)} criteria; the limit is {MAX_CRITERIA}", ("rubric", "criteria")))
    unique([(c.name, ("rubric", "criteria", i, "name")) for i, c in enumerate(rub.criteria)], "criterion")
    measured: set[str] = set()
    for i, c in enumerate(rub.criteria):
        p = ("rubric", "criteria", i)
        check_id(c.name, (*p, "name"), f"criterion {i + 1}")
        if not c.label.strip():
            add(error(f"criterion '{c.name}' has no label", (*p, "label")))
        if c.source not in SOURCES:
            add(
                error(
                    f"criterion '{c.name}' has source '{c.source}', not one of {_choices(SOURCES)}",
                    (*p, "source"),
                )
            )
            continue
        if c.source == "auto":
            if c.measures not in AUTO_PARTS:
                add(
                    error(
                        f"auto criterion '{c.name}' measures '{c.measures}', not one of {_choices(AUTO_PARTS)}",
                        (*p, "measures"),
                        "say which auto-scored part it reports",
                    )
                )
            elif c.measures in measured:
                add(warning(f"part '{c.measures}' is reported by two auto criteria", (*p, "measures")))
            measured.add(c.measures)
            if c.options:
                add(
                    error(
                        f"auto criterion '{c.name}' has options; auto criteria are scored from the key",
                        (*p, "options"),
                        "remove the options or make it 'source: self'",
                    )
                )
            continue
        if len(c.options) < 2:
            add(error(f"criterion '{c.name}' needs at least 2 options", (*p, "options")))
        if len(c.options) > MAX_OPTIONS:
            add(
                error(
                    f"criterion '{c.name}' has {len(c.options)} options; the limit is {MAX_OPTIONS}",
                    (*p, "options"),
                )
            )
        unique(
            [(o.name, (*p, "options", j, "name")) for j, o in enumerate(c.options)], f"option of '{c.name}'"
        )
        for j, o in enumerate(c.options):
            if not o.name:
                add(error(f"option {j + 1} of criterion '{c.name}' has no name", (*p, "options", j, "name")))
            if not o.label.strip():
                add(
                    error(
                        f"option '{o.name}' of criterion '{c.name}' has no label", (*p, "options", j, "label")
                    )
                )
            if o.points < 0:
                add(
                    error(
                        f"option '{o.name}' of criterion '{c.name}' has negative points",
                        (*p, "options", j, "points"),
                    )
                )
        if c.options and c.max_points <= 0:
            add(error(f"criterion '{c.name}': no option is worth more than 0 points", (*p, "options")))
        points = [o.points for o in c.options]
        if len(set(points)) != len(points):
            add(
                warning(
                    f"criterion '{c.name}' has two options with the same points",
                    (*p, "options"),
                    "distinct points make the scale clear",
                )
            )
        if points != sorted(points):
            add(warning(f"options of criterion '{c.name}' are not in ascending points", (*p, "options")))
        if c.expert and c.option(c.expert) is None:
            add(
                error(
                    f"expert option '{c.expert}' of criterion '{c.name}': no such option "
                    f"({_known([o.name for o in c.options])})",
                    (*p, "expert"),
                    "name one of the criterion's options",
                )
            )
        if not c.prompt.strip():
            add(warning(f"criterion '{c.name}' has no prompt", (*p, "prompt"), "ask the question it judges"))
    if r.staff_graded and not case.self_criteria():
        add(
            error(
                "reasoning is staff graded but the rubric has no 'source: self' criterion for staff to use",
                ("reasoning", "staff_graded"),
                "add criteria with options, or set 'staff_graded: false'",
            )
        )
    if r.staff_graded:
        for i, c in enumerate(rub.criteria):
            for j, o in enumerate(c.options if c.source == "self" else []):
                if o.points != int(o.points):
                    add(
                        warning(
                            f"option '{o.name}' of criterion '{c.name}' has {o.points:g} points; "
                            "the staff-graded ORA rounds to whole points",
                            ("rubric", "criteria", i, "options", j, "points"),
                            "use whole points in staff-graded rubrics",
                        )
                    )
    if case.max_score() <= 0 and case.weight > 0:
        add(
            error(
                "the case is graded but worth 0 points",
                ("weight",),
                "give the key points, or set 'weight: 0'",
            )
        )
    return problems
