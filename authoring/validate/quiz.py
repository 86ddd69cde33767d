"""Quiz checks beyond the schema: a question a learner can actually answer correctly."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostics
from ..model import Quiz
from .schema import check, course_schema

TOLERANCE = re.compile(r"^\d+(\.\d+)?%?$")
CHOICE_TYPES = ("single", "multiple", "dropdown")


def check_quiz(quiz: Quiz, diagnostics: Diagnostics) -> None:
    source = quiz.source
    if not check(source, course_schema("quiz.schema.json"), diagnostics, "quiz"):
        return
    data = source.data
    kind = data["type"]
    name = f"quiz '{data['id']}'"
    choices = data.get("choices") or []
    if kind in CHOICE_TYPES:
        if len(choices) < 2:
            diagnostics.error(
                f"{name} needs at least two choices", source.at(("choices",)), "add choices under 'choices:'"
            )
            return
        correct = [c for c in choices if c.get("correct")]
        if not correct:
            diagnostics.error(
                f"{name} has no correct answer",
                source.at(("choices",)),
                "mark the right choice with 'correct: true'",
            )
        elif kind in ("single", "dropdown") and len(correct) > 1:
            diagnostics.error(
                f"{name} is '{kind}' but marks {len(correct)} choices correct",
                source.at(("choices",)),
                "use 'type: multiple' for several right answers, or keep one 'correct: true'",
            )
        texts = [c["text"].strip() for c in choices]
        for index, text in enumerate(texts):
            if texts.index(text) != index:
                diagnostics.error(
                    f"{name}: choice '{text}' appears twice",
                    source.at(("choices", index)),
                    "remove the repeated choice, or reword one of them",
                )
        for index, choice in enumerate(choices):
            if "feedback_unselected" in choice and kind != "multiple":
                diagnostics.error(
                    f"{name}: 'feedback_unselected' only applies to 'multiple' quizzes",
                    source.at(("choices", index, "feedback_unselected"), key=True),
                    "remove it, or make the quiz 'type: multiple'",
                )
        for key in ("answer", "tolerance", "also", "wrong"):
            if key in data:
                diagnostics.error(
                    f"{name}: '{key}' does not apply to a '{kind}' quiz",
                    source.at((key,), key=True),
                    "the correct answer of a choice quiz is marked with 'correct: true'",
                )
        if kind == "dropdown":
            for index, choice in enumerate(choices):
                if "\n" in choice["text"].strip():
                    diagnostics.error(
                        f"{name}: a dropdown option must be one line",
                        source.at(("choices", index, "text")),
                        "shorten the option to one line; put explanations in its 'feedback:'",
                    )
        return
    if choices:
        diagnostics.error(
            f"{name}: a '{kind}' quiz has no choices",
            source.at(("choices",), key=True),
            "give the expected answer with 'answer:' instead",
        )
    if "answer" not in data:
        diagnostics.error(f"{name} has no answer", source.at(()), "add 'answer: …' with the expected answer")
        return
    if kind == "numerical":
        answer = data["answer"]
        if isinstance(answer, str):
            try:
                float(answer)
            except ValueError:
                diagnostics.error(
                    f"{name}: answer '{answer}' is not a number",
                    source.at(("answer",)),
                    "write the number in digits with a decimal point (2.5); use 'type: text' for words",
                )
        tolerance = data.get("tolerance")
        if tolerance is not None and not TOLERANCE.match(str(tolerance)):
            diagnostics.error(
                f"{name}: tolerance '{tolerance}' is not understood",
                source.at(("tolerance",)),
                "write an absolute tolerance (0.5) or a relative one ('5%')",
            )
        for key in ("also", "wrong", "case_sensitive"):
            if key in data:
                diagnostics.error(
                    f"{name}: '{key}' applies to 'text' quizzes only",
                    source.at((key,), key=True),
                    "remove it: a numerical quiz accepts its 'answer' within its 'tolerance'",
                )
    elif kind == "text":
        if "tolerance" in data:
            diagnostics.error(
                f"{name}: 'tolerance' applies to 'numerical' quizzes only",
                source.at(("tolerance",), key=True),
                "remove it, or list other accepted answers under 'also:'",
            )
        if not str(data["answer"]).strip():
            diagnostics.error(
                f"{name}: the answer is empty",
                source.at(("answer",)),
                "write the expected answer after 'answer:'",
            )
