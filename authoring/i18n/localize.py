"""The course as learners of one language (and one variant) read it.

Each string goes through the language's catalog (untranslated and fuzzy ones fall back to the
source text, reported once per language) and then through the variant's variables. A translation
that lost a link, footnote or variable is an error at its .po entry and the source text is used.
"""

from __future__ import annotations

import os
from collections import Counter

from ..diagnostics import Diagnostics, Position
from ..model import Course
from ..variants.templating import fill
from .catalogs import LOCALE_FOLDER, Translations
from .checks import translation_problems
from .walk import localize, localize_facts

SHOWN_FALLBACKS = 5


def localized_course(course: Course, language: str, diagnostics: Diagnostics) -> Course:
    translations = None
    if language != course.language:
        translations = Translations.load(course, language, diagnostics)

    def translated(text: str, context: str, where: Position) -> tuple[str, Position]:
        """The catalog's text for *text* (the source where there is none) and where it came from."""
        if translations is None:
            return text, where
        translation, po_position = translations.lookup(text, context, where)
        if po_position is None:
            return translation, where
        problems = translation_problems(text, translation)
        for problem in problems:
            diagnostics.error(
                f"{language} translation of '{_short(text)}': {problem}",
                po_position,
                "keep every link target, footnote mark and {{ variable }} of the source in the msgstr",
            )
        return (text, where) if problems else (translation, po_position)

    # The facts are phrases of the language too: translate them before they fill the texts.
    facts = localize_facts(course, lambda text, context, where: translated(text, context, where)[0])
    variables = {"jurisdiction": facts}

    def translate(text: str, context: str, where: Position) -> str:
        text, position = translated(text, context, where)
        return fill(text, variables, position, diagnostics)

    result = localize(course, translate, by_block=translations is not None, facts=facts)
    result.language = language
    if result.grading and translations is not None:
        _check_assignment_types(course, result, translations, diagnostics)
    if translations is not None and translations.entries is not None and translations.fallbacks:
        _report_fallbacks(course, translations, diagnostics)
    return result


def _check_assignment_types(
    course: Course, result: Course, translations: Translations, diagnostics: Diagnostics
) -> None:
    """Two assignment types translated alike would merge into one in Open edX's grader."""
    seen: dict[str, str] = {}
    for source, kind in zip(course.grading.assignment_types, result.grading.assignment_types, strict=True):
        if kind.type in seen:
            diagnostics.error(
                f"{translations.language}: assignment types '{seen[kind.type]}' and '{source.type}' are "
                f"both translated as '{kind.type}'",
                Position(translations.path),
                'give each assignment type its own name in this language (msgctxt "grading")',
            )
        seen[kind.type] = source.type


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _report_fallbacks(course: Course, translations: Translations, diagnostics: Diagnostics) -> None:
    unique = list(dict.fromkeys(translations.fallbacks))
    files = Counter(os.path.relpath(where.file, course.folder) for _, where in unique)
    first = ", ".join(f"{name} ({count})" for name, count in files.most_common(SHOWN_FALLBACKS))
    diagnostics.warning(
        f"{translations.language}: {len(unique)} string(s) untranslated or fuzzy, shown in "
        f"{course.language} instead — in {first}",
        Position(translations.path),
        f"translate them in {LOCALE_FOLDER}/{translations.language}.po (`benchbook i18n status` counts them)",
    )
