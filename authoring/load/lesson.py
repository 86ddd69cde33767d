"""A lesson's Markdown body → units (``##`` headings) → components (prose and fenced blocks).

Only the structure is read here; Markdown is rendered later. markdown-it's own parser finds the
headings and fences, so a ``##`` inside a code block or a list never starts a unit by accident.
"""

from __future__ import annotations

import difflib
import html
import re
from pathlib import Path

from ..diagnostics import Diagnostics, Position
from ..model import CaseRef, Component, Discussion, Download, Prose, Quiz, ScenarioRef, Unit, Video
from ..render.markdown import render_inline
from .yamlfile import load_yaml_text

COMPONENT_TYPES = ("quiz", "scenario", "adjudication", "video", "discussion", "download")
EXPLICIT_ID = re.compile(r"\s*\{#([^}\s]*)\}\s*$")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:")
TAGS = re.compile(r"<[^>]+>")
VALID_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Characters that start inline Markdown (emphasis, code, links, images, escapes, entities, HTML,
# attributes, footnotes, line breaks) or that markdown-it rewrites (NUL, CR): text without any of
# them renders to itself, so most titles need no parse.
INLINE_MARKUP = re.compile(r"[\n\r\0\\`*_~\[\]!<>&{}^]")


def slugify(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def plain_text(markdown_inline: str) -> str:
    """The text of an inline Markdown title, as Open edX shows display names."""
    if not INLINE_MARKUP.search(markdown_inline):
        return markdown_inline.strip()
    return html.unescape(TAGS.sub("", render_inline(markdown_inline))).strip()


def split_footnotes(lines: list[str]) -> tuple[set[int], dict[str, str]]:
    """Line indexes that hold footnote definitions, and each definition's text by label.

    A lesson's footnotes may be defined anywhere (usually at its end) while a unit's prose becomes
    its own HTML block, so each block gets the definitions of the footnotes it cites.
    """
    taken: set[int] = set()
    definitions: dict[str, str] = {}
    index = 0
    while index < len(lines):
        match = FOOTNOTE_DEFINITION.match(lines[index])
        if match:
            start = index
            taken.add(index)
            index += 1
            while index < len(lines) and (
                lines[index].startswith(("    ", "\t"))
                or (
                    not lines[index].strip()
                    and index + 1 < len(lines)
                    and lines[index + 1].startswith(("    ", "\t"))
                )
            ):
                taken.add(index)
                index += 1
            definitions[match.group(1)] = "\n".join(lines[start:index])
            continue
        index += 1
    return taken, definitions


def parse_units(
    body: str,
    body_line: int,
    lesson_id: str,
    lesson_title: str,
    file: Path,
    diagnostics: Diagnostics,
) -> tuple[list[Unit], dict[str, str]]:
    """Return the lesson's units and the footnote definitions every prose block must carry."""
    lines = body.split("\n")
    footnote_lines, footnotes = split_footnotes(lines)

    units: list[Unit] = []
    unit: Unit | None = None
    broken: set[int] = set()  # units holding a component that could not be read: not "empty"
    prose_from = 0  # first body line (0-based) not yet given to a component

    def position(line_index: int, col: int = 1) -> Position:
        return Position(file, body_line + line_index, col)

    def flush_prose(until: int) -> None:
        nonlocal prose_from
        chunk = [lines[i] for i in range(prose_from, until) if i not in footnote_lines]
        text = "\n".join(chunk).strip("\n")
        if text.strip():
            first = prose_from + next(i for i, line in enumerate(chunk) if line.strip())
            target = unit or start_intro(first)
            target.components.append(Prose(position(first), markdown=text))
        prose_from = until

    def start_intro(line_index: int) -> Unit:
        nonlocal unit
        unit = Unit(f"{lesson_id}-intro", plain_text(lesson_title), position(line_index), intro=True)
        units.append(unit)
        return unit

    for kind, start, end, content in _blocks(lines):
        if kind == "h2":
            flush_prose(start)
            unit = _new_unit(content, lesson_id, len(units), position(start), diagnostics)
            if not unit.title:  # already an error: "empty" would mislead
                broken.add(id(unit))
            units.append(unit)
            prose_from = end
        elif kind == "fence":
            info, text = content
            component_kind, _, rest = info.partition(" ")
            inner = next(
                (i for i, line in enumerate(text.split("\n")) if _opens_component(line)),
                None,
            )
            if component_kind in COMPONENT_TYPES and inner is not None:
                flush_prose(start)
                broken.add(id(unit or start_intro(start)))
                diagnostics.error(
                    f"this ```{component_kind} block is never closed: another component starts at line "
                    f"{body_line + start + 1 + inner}",
                    position(start),
                    "end it with a line holding only ``` before the next one begins",
                )
                prose_from = end
            elif component_kind in COMPONENT_TYPES:
                flush_prose(start)
                component = _component(component_kind, rest.strip(), text, position(start), diagnostics)
                target = unit or start_intro(start)
                if component is not None:
                    target.components.append(component)
                else:
                    broken.add(id(target))
                prose_from = end
            else:
                close = difflib.get_close_matches(component_kind, COMPONENT_TYPES, n=1, cutoff=0.75)
                if close:
                    diagnostics.error(
                        f"unknown component type '{component_kind}'",
                        position(start),
                        f"did you mean '{close[0]}'? (components: {', '.join(COMPONENT_TYPES)})",
                    )
        elif kind == "unclosed":
            component_kind = content.partition(" ")[0]
            if component_kind in COMPONENT_TYPES:
                flush_prose(start)
                broken.add(id(unit or start_intro(start)))
                diagnostics.error(
                    f"this ```{component_kind} block is never closed",
                    position(start),
                    "end it with a line holding only ``` (as many backticks as opened it)",
                )
                prose_from = end
        elif kind == "nested":
            component_kind = NESTED_COMPONENT.match(content).group(1)
            diagnostics.warning(
                f"this ```{component_kind} is inside a quote, a list or an indented block, so learners see code",
                position(start),
                "start the ``` fence at the beginning of the line, outside any quote or list",
            )
        elif kind == "setext":
            diagnostics.warning(
                "this underlined heading does not start a unit",
                position(start),
                "write units as '## Title {#id}'",
            )
    flush_prose(len(lines))
    for each in units:
        if not each.components and id(each) not in broken:
            diagnostics.warning(
                f"unit '{each.title}' is empty",
                each.position,
                "add text or a component under this heading, or remove the heading",
            )
    return units, footnotes


FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
ATX_H2 = re.compile(r"^ {0,3}##(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
NESTED_COMPONENT = re.compile(
    r"^(?:\s*(?:>\s*)+|\s*(?:[-*+]|\d+[.)])\s+| {4,}|\t)(?:`{3,}|~{3,})\s*"
    r"(quiz|scenario|adjudication|video|discussion|download)\b"
)
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
OTHER_BLOCK_START = re.compile(r"^ {0,3}(#{1,6}(\s|$)|[-*+] |\d+[.)] |>|\||`{3}|~{3})")


def _blocks(lines: list[str]):
    """The lesson's ``##`` headings and fenced blocks: (kind, first line, end line, content).

    A line scanner that follows CommonMark where it matters here (fences of ``` or ~~~ with up to
    three spaces of indent, closed by a fence at least as long; ATX headings outside fences) and
    is many times faster than a full parse, which matters for live preview of large courses.
    """
    index = 0
    previous_text = False  # the line before is paragraph text (a setext underline would apply)
    while index < len(lines):
        line = lines[index]
        fence = FENCE_OPEN.match(line)
        if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
            marker = fence.group(1)
            closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
            end = index + 1
            while end < len(lines) and not closing.match(lines[end]):
                end += 1
            if end >= len(lines):
                yield "unclosed", index, len(lines), fence.group(2).strip()
                return
            content = "\n".join(lines[index + 1 : end])
            yield (
                "fence",
                index,
                min(end + 1, len(lines)),
                (fence.group(2).strip(), content + "\n" if content else ""),
            )
            index = end + 1
            previous_text = False
            continue
        if NESTED_COMPONENT.match(line):
            yield "nested", index, index + 1, line
        heading = ATX_H2.match(line)
        if heading:
            title = heading.group(1) or ""
            yield "h2", index, index + 1, "" if set(title) == {"#"} else title  # '## ##': closing #s only
        elif previous_text and SETEXT_UNDERLINE.match(line):
            yield "setext", index - 1, index + 1, lines[index - 1]
        previous_text = bool(line.strip()) and not heading and not OTHER_BLOCK_START.match(line)
        index += 1


def _opens_component(line: str) -> bool:
    fence = FENCE_OPEN.match(line)
    return bool(fence) and fence.group(2).strip().partition(" ")[0] in COMPONENT_TYPES


def _new_unit(content: str, lesson_id: str, index: int, where: Position, diagnostics: Diagnostics) -> Unit:
    match = EXPLICIT_ID.search(content)
    title_source = content[: match.start()] if match else content
    title = plain_text(title_source)
    if not title:
        example = f"## Title {{#{match.group(1)}}}" if match else "## Title {#unit-id}"
        diagnostics.error(
            "this unit heading has no title",
            where,
            f"write the unit's title after ##, as in '{example}' (learners see it as the page's title)",
        )
    if match:
        unit_id = match.group(1)
        if not VALID_ID.match(unit_id):
            diagnostics.error(
                f"unit id '{unit_id}' has characters that cannot be used",
                where,
                "ids use lowercase letters, digits, '-' and '_'",
            )
        return Unit(unit_id, title, where, explicit_id=True)
    slug = slugify(title)
    unit_id = f"{lesson_id}-{slug}" if slug else f"{lesson_id}-unit-{index + 1}"
    return Unit(unit_id, title, where)


def _component(kind: str, argument: str, content: str, where: Position, diagnostics: Diagnostics):
    data_position_line = where.line + 1
    if kind in ("scenario", "adjudication"):
        if not argument:
            noun = "scenarios" if kind == "scenario" else "cases"
            diagnostics.error(
                f"```{kind} needs the id of the file to place",
                where,
                f"write ```{kind} ID where {noun}/ID.yaml exists",
            )
            return None
        options = None
        if content.strip():
            options = load_yaml_text(content, where.file, diagnostics, line_offset=data_position_line - 1)
            if options is None:
                return None
            if not isinstance(options.data, dict) or set(options.data) - {"id"}:
                diagnostics.error(
                    f"```{kind} {argument}: only 'id: …' may be given here",
                    where,
                    f"everything else belongs in the {kind} file itself",
                )
        placement_id = (
            str(options.data.get("id", argument)) if options and isinstance(options.data, dict) else argument
        )
        cls = ScenarioRef if kind == "scenario" else CaseRef
        return cls(where, ref=argument, id=placement_id)
    located = load_yaml_text(content, where.file, diagnostics, line_offset=data_position_line - 1)
    if located is None:
        return None
    if not isinstance(located.data, dict):
        diagnostics.error(
            f"```{kind} block must hold 'key: value' lines",
            where,
            f"see docs/source-format.md for a {kind} example",
        )
        return None
    cls: type[Component] = {"quiz": Quiz, "video": Video, "discussion": Discussion, "download": Download}[
        kind
    ]
    located.positions.setdefault((), where)
    return cls(where, source=located, id=str(located.data.get("id", "")))
