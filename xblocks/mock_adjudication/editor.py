"""The Studio form for a case: the whole authoring shape as fieldsets of native controls.

Laid out by a spec for :mod:`..common.form` (the evidence_scenario editor's approach: every input's
``data-path`` is the validator's key path), so settings, case file, counts and elements, exhibits,
the key (rulings, supports, verdicts with the standard-of-proof answer, sentence and factors) and
the rubric with its options are all editable here, with rows to add, remove and reorder. The OLX box
beside it edits the same case. No XBlock imports.
"""

from __future__ import annotations

from ..common.form import Field, Group, Rows, Strings, labels, render
from ..common.i18n import _
from .model import Case

EXHIBIT_TYPES = (
    ("lab_report", _("Laboratory report")),
    ("field_test", _("Field test")),
    ("custody_log", _("Custody log")),
    ("expert_statement", _("Expert statement")),
    ("witness_statement", _("Witness statement")),
    ("photograph", _("Photograph")),
    ("physical", _("Physical exhibit")),
    ("document", _("Document")),
)
RULING_CHOICES = (
    ("admit", _("Admit")),
    ("exclude", _("Exclude")),
    ("admit_limited", _("Admit with limited weight")),
)
VERDICT_CHOICES = (("guilty", _("Guilty")), ("not_guilty", _("Not guilty")))
PROVEN_CHOICES = (
    ("", _("Not stated: derived from the expected verdict")),
    ("true", _("Yes, the standard is met")),
    ("false", _("No, the standard is not met")),
)
KIND_CHOICES = (("aggravating", _("Aggravating")), ("mitigating", _("Mitigating")))
SOURCE_CHOICES = (("self", _("Self-assessed by the learner")), ("auto", _("Scored automatically")))
MEASURES_CHOICES = (
    ("", _("Nothing (self-assessed criterion)")),
    ("rulings", _("Rulings on admissibility")),
    ("weighing", _("Weighing (matrix and standard of proof)")),
    ("verdicts", _("Verdicts")),
    ("sentence", _("Sentence and factors")),
)

ID = Field("id", _("Id (a stable key: letters, digits, _ - .)"))
POINTS = Field("points", _("Points"), "number", default=1)

SPEC = (
    Group(
        "",
        _("Settings"),
        (
            Field("title", _("Title")),
            Field("id", _("Case id")),
            Field(
                "role",
                _("Learner's role"),
                "select",
                (("judge", _("Judge")), ("prosecutor", _("Prosecutor"))),
            ),
            Field("weight", _("Weight"), "number", default=1),
            Field("max_attempts", _("Maximum attempts (0 = no limit)"), "number", default=1),
            Field(
                "grading_policy",
                _("Attempt that counts"),
                "select",
                (("best", _("Best")), ("last", _("Last"))),
            ),
            Field("standard_of_proof", _("Standard of proof")),
        ),
    ),
    Group(
        "",
        _("Case file"),
        (
            Field("brief", _("Brief (HTML)"), "textarea"),
            Field("law", _("Applicable law (HTML)"), "textarea"),
            Rows(
                "agreed_facts",
                _("Agreed facts"),
                _("Agreed fact {n}"),
                _("Add an agreed fact"),
                value=Field("", _("Fact (HTML)"), "textarea"),
            ),
        ),
    ),
    Rows(
        "counts",
        _("Counts"),
        _("Count {n}"),
        _("Add a count"),
        (
            ID,
            Field("label", _("Label")),
            Rows(
                "elements",
                _("Elements of the offence"),
                _("Element {n}"),
                _("Add an element"),
                (ID, Field("text", _("What must be proved"))),
            ),
        ),
    ),
    Rows(
        "exhibits",
        _("Exhibits"),
        _("Exhibit {n}"),
        _("Add an exhibit"),
        (
            ID,
            Field("type", _("Type"), "select", EXHIBIT_TYPES, default="document"),
            Field("label", _("Label")),
            Field("description", _("Description (HTML)"), "textarea"),
            Field("contested", _("Contested: the learner rules on it"), "checkbox", default=False),
            Group(
                "media",
                _("Media"),
                (
                    Field("src", _("Image address"), omit_empty=True),
                    Field("alt", _("Alternative text of the image"), omit_empty=True),
                    Field(
                        "decorative",
                        _("The image is decorative (no alternative text)"),
                        "checkbox",
                        default=False,
                    ),
                    Field("file", _("File address (a PDF)"), omit_empty=True),
                ),
                include=_("This exhibit shows an image or links a file"),
            ),
        ),
    ),
    Rows(
        "rulings",
        _("Key: rulings on contested exhibits"),
        _("Ruling {n}"),
        _("Add a ruling"),
        (
            Field("exhibit", _("Exhibit id")),
            Field("expected", _("Expected ruling"), "select", RULING_CHOICES, default="admit"),
            POINTS,
            Group(
                "feedback",
                _("Feedback for each ruling the learner may choose (HTML)"),
                (
                    Field("admit", _("If admitted"), "textarea", omit_empty=True),
                    Field("exclude", _("If excluded"), "textarea", omit_empty=True),
                    Field("admit_limited", _("If admitted with limited weight"), "textarea", omit_empty=True),
                ),
            ),
        ),
    ),
    Group(
        "weighing",
        _("Key: weighing"),
        (
            Field("points", _("Points for the whole matrix"), "number", default=0),
            Rows(
                "supports",
                _("Exhibits that support an element"),
                _("Support {n}"),
                _("Add a support"),
                (Field("element", _("Element id")), Field("exhibit", _("Exhibit id"))),
            ),
        ),
    ),
    Rows(
        "verdicts",
        _("Key: verdicts and the standard of proof"),
        _("Verdict {n}"),
        _("Add a verdict"),
        (
            Field("count", _("Count id")),
            Field("expected", _("Expected verdict"), "select", VERDICT_CHOICES, default="guilty"),
            POINTS,
            Field(
                "proven",
                _("Is the standard of proof met on this count?"),
                "tri",
                PROVEN_CHOICES,
                default=None,
            ),
            Field("proof_points", _("Points for that answer"), "number", default=1),
        ),
    ),
    Group(
        "sentence",
        _("Key: sentence"),
        (
            Field("unit", _("Unit (e.g. months)")),
            Field("min", _("Lowest accepted sentence"), "number"),
            Field("max", _("Highest accepted sentence"), "number"),
            Field("points", _("Points for a sentence in the range"), "number", default=1),
            Field("factor_points", _("Points for each factor decided right"), "number", default=1),
            Rows(
                "factors",
                _("Aggravating and mitigating factors"),
                _("Factor {n}"),
                _("Add a factor"),
                (
                    ID,
                    Field("kind", _("Kind"), "select", KIND_CHOICES, default="aggravating"),
                    Field("label", _("Label")),
                    Field(
                        "expected",
                        _("Present in this case (the learner should choose it)"),
                        "checkbox",
                        default=False,
                    ),
                ),
            ),
        ),
        include=_("The learner gives a sentence"),
    ),
    Group(
        "reasoning",
        _("Written reasons"),
        (
            Field("min_words", _("Reasons: minimum words"), "number", default=0),
            Field("max_words", _("Reasons: maximum words"), "number", default=1000),
            Field(
                "staff_graded",
                _("Staff grade the reasons (an ORA is placed beside the block)"),
                "checkbox",
                default=False,
            ),
            Field("prompt", _("Prompt (HTML)"), "textarea"),
        ),
    ),
    Group(
        "rubric",
        _("Rubric"),
        (
            Field(
                "self_assessment_weight",
                _("Weight of self-assessed criteria (0 = formative only)"),
                "number",
                default=1,
            ),
            Rows(
                "criteria",
                _("Criteria"),
                _("Criterion {n}"),
                _("Add a criterion"),
                (
                    Field("name", _("Name (a stable key: never reword it once learners have answered)")),
                    Field("label", _("Label")),
                    Field("source", _("Source"), "select", SOURCE_CHOICES, default="self"),
                    Field(
                        "measures",
                        _("Part it reports (automatic criteria)"),
                        "select",
                        MEASURES_CHOICES,
                        omit_empty=True,
                    ),
                    Field("prompt", _("Prompt (HTML)"), "textarea"),
                    Field("expert", _("Expert's option (its name)"), omit_empty=True),
                    Rows(
                        "options",
                        _("Options, in ascending points"),
                        _("Option {n}"),
                        _("Add an option"),
                        (
                            Field("name", _("Name (a stable key)")),
                            Field("label", _("Label")),
                            Field("points", _("Points"), "number", default=0),
                            Field("explanation", _("Explanation (HTML)"), "textarea"),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Group("", _("Model judgment"), (Field("model_answer", _("Model judgment (HTML)"), "textarea"),)),
)

ROW_STRINGS = (_("Move up"), _("Move down"), _("Remove"))
# what the script says (translated in the block and passed to it)
SCRIPT_STRINGS = {
    "saving": _("Saving…"),
    "saved": _("Saved."),
    "saved_warnings": _("Saved, with {n} warning(s)."),
    "problems": _("Not saved: {n} problem(s). What you typed is kept."),
    "refused": _("Not saved: {message}"),
    "network": _("Not saved: the server could not be reached. What you typed is kept."),
    "warning": _("Warning: {message}"),
    "added": _("{item} added."),
    "removed": _("{item} removed."),
    "moved": _("{item} moved to position {n}."),
    "edge": _("{item} cannot move further."),
}


def form_body(case: Case, gettext, uid: str) -> str:
    """The structured form's inputs for *case* (the Studio template holds the form around them)."""
    strings = Strings(*(gettext(s) for s in ROW_STRINGS))
    return render(SPEC, case.to_dict(), gettext, uid, strings)


def script_strings(gettext) -> dict[str, str]:
    return {key: gettext(text) for key, text in SCRIPT_STRINGS.items()}


def strings() -> list[str]:
    """Every string of the form, for the catalog tests."""
    out = labels(SPEC)
    for text in (*ROW_STRINGS, *SCRIPT_STRINGS.values()):
        if text not in out:
            out.append(text)
    return out
