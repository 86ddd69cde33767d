"""A translation must keep what the build needs: links, images, footnotes, variables, structure.

A lost link target or ``{{ variable }}`` would break the course silently in one language only, so
these are errors that point at the .po entry.
"""

from __future__ import annotations

import re
from collections import Counter

LINK_TARGET = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FOOTNOTE = re.compile(r"\[\^([^\]]+)\]")
VARIABLE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
UNIT_ID = re.compile(r"\{#([^}]+)\}")
BLOCK_MARKERS = (
    ("heading", re.compile(r"^#{1,6}\s")),
    ("list", re.compile(r"^(\s*[-*+]\s|\s*\d+[.)]\s)")),
    ("table", re.compile(r"^\|")),
    ("quote", re.compile(r"^>")),
)
WHAT = {
    "link": "link or image target",
    "footnote": "footnote mark",
    "variable": "variable",
}


def _kinds(text: str) -> dict[str, Counter]:
    return {
        "link": Counter(LINK_TARGET.findall(text)),
        "footnote": Counter(FOOTNOTE.findall(text)),
        "variable": Counter(VARIABLE.findall(text)),
    }


def _structure(text: str) -> str:
    first = text.lstrip("\n").split("\n", 1)[0]
    return next((name for name, pattern in BLOCK_MARKERS if pattern.match(first)), "paragraph")


def translation_problems(source: str, translation: str) -> list[str]:
    """What *translation* lost or added compared with *source* (empty when it is sound)."""
    problems = []
    wanted, found = _kinds(source), _kinds(translation)
    for kind in ("link", "footnote", "variable"):
        missing = wanted[kind] - found[kind]
        extra = found[kind] - wanted[kind]
        for item in missing:
            problems.append(f"the translation lost the {WHAT[kind]} '{item}'")
        for item in extra:
            problems.append(f"the translation has a {WHAT[kind]} '{item}' that the source does not")
    if _structure(source) != _structure(translation):
        problems.append(
            f"the source is a {_structure(source)} but the translation is a {_structure(translation)}"
        )
    return problems
