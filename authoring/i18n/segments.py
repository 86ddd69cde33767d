"""Markdown split into translatable blocks: one message per paragraph, list, table or heading.

Translators get whole blocks with their inline Markdown (links, emphasis, footnote marks) so they
can reorder words freely; code blocks and rules are not offered. Extraction and translation use the
same split, so a block's text is the key of its translation.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..render.markdown import markdown_engine

TRANSLATABLE_OPENERS = {
    "paragraph_open",
    "bullet_list_open",
    "ordered_list_open",
    "table_open",
    "heading_open",
    "blockquote_open",
}


@dataclass(frozen=True)
class Segment:
    start: int  # first line (0-based, within the text)
    end: int  # one past the last line
    text: str


def segments(text: str) -> list[Segment]:
    engine = markdown_engine()
    tokens: list = []
    engine.block.parse(text, engine, {}, tokens)
    lines = text.split("\n")
    found = []
    for token in tokens:
        if token.level == 0 and token.map and token.type in TRANSLATABLE_OPENERS:
            start, end = token.map
            block = "\n".join(lines[start:end]).strip("\n")
            if block.strip():
                found.append(Segment(start, end, block))
    return found


def replace_segments(text: str, translate) -> str:
    """*text* with each translatable block replaced by ``translate(block, line)``."""
    parts = segments(text)
    if not parts:
        return text
    translations = [translate(part.text, part.start) for part in parts]  # in reading order
    lines = text.split("\n")
    for part, translated in reversed(list(zip(parts, translations, strict=True))):
        if translated != part.text:
            lines[part.start : part.end] = translated.split("\n")
    return "\n".join(lines)
