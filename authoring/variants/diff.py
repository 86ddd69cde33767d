"""What a variant changes against the base course, in words a legal reviewer can check.

Compares the two courses as learners would read them (variables filled in): the outline (modules,
lessons and units added, removed or replaced), the jurisdiction facts, and every text that differs.
"""

from __future__ import annotations

import difflib

from ..diagnostics import Diagnostics
from ..i18n.localize import localized_course
from ..i18n.walk import localize
from ..model import Course


def _texts(course: Course) -> dict[tuple[str, str], str]:
    """(context, position) → text, for every learner-visible string."""
    found: dict[tuple[str, str], str] = {}

    def record(text, context, where):
        key = (context, f"{where.file.name}:{where.line}")
        found[key] = (found[key] + "\n" + text) if key in found else text
        return text

    localize(course, record)
    return found


def _outline(course: Course) -> dict[str, str]:
    items = {}
    for module in course.modules:
        items[f"module {module.id}"] = module.title
        for lesson in module.lessons:
            items[f"lesson {lesson.id}"] = lesson.title
            for unit in lesson.units:
                items[f"unit {unit.id}"] = unit.title
    return items


def variant_report(base: Course, variant: Course, diagnostics: Diagnostics) -> str:
    base_read = localized_course(base, base.language, diagnostics)
    variant_read = localized_course(variant, variant.language, diagnostics)
    lines = [f"# Variant '{variant.variant}' of {base.title}", ""]
    lines += ["## Jurisdiction", "", "| fact | base | variant |", "|---|---|---|"]
    for key in sorted(set(base.jurisdiction) | set(variant.jurisdiction)):
        old, new = base.jurisdiction.get(key, "—"), variant.jurisdiction.get(key, "—")
        marker = "" if old == new else " (changed)"
        lines.append(f"| {key}{marker} | {old} | {new} |")
    before, after = _outline(base_read), _outline(variant_read)
    lines += ["", "## Outline", ""]
    changes = [f"- removed {key}: {title}" for key, title in before.items() if key not in after]
    changes += [f"- added {key}: {title}" for key, title in after.items() if key not in before]
    changes += [
        f"- retitled {key}: {before[key]} → {after[key]}"
        for key in before
        if key in after and before[key] != after[key]
    ]
    lines += changes or ["No change to the outline."]
    lines += ["", "## Texts", ""]
    old_texts, new_texts = _texts(base_read), _texts(variant_read)
    old_by_context: dict[str, list[str]] = {}
    new_by_context: dict[str, list[str]] = {}
    for (context, _), text in old_texts.items():
        old_by_context.setdefault(context, []).append(text)
    for (context, _), text in new_texts.items():
        new_by_context.setdefault(context, []).append(text)
    changed = 0
    for context in sorted(set(old_by_context) | set(new_by_context)):
        old = old_by_context.get(context, [])
        new = new_by_context.get(context, [])
        if old == new:
            continue
        changed += 1
        lines += [f"### {context}", "", "```diff"]
        lines += [
            line.rstrip("\n")
            for line in difflib.unified_diff(old, new, "base", variant.variant, lineterm="", n=1)
        ]
        lines += ["```", ""]
    if not changed:
        lines.append("No text differs.")
    return "\n".join(lines) + "\n"
