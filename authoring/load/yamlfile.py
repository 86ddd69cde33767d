"""YAML with positions, strict about what trainers most often get wrong.

* duplicate keys are an error (PyYAML silently keeps the last one);
* dates stay strings, so the compiler can say *why* a date is wrong instead of YAML guessing;
* syntax errors come back as diagnostics with the line YAML stopped at (a tab is named as such);
* every scalar YAML did not read as plain text is remembered as it was written (:class:`Written`), so
  a message can quote ``0101`` rather than the ``65`` YAML made of it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostics, Position
from .located import KeyPath, Located
from .text import read_text

UNCLOSED = {
    "while scanning a quoted scalar": "this quoted text is never closed",
    "while parsing a flow sequence": "this [ list ] is never closed",
    "while parsing a flow mapping": "this { mapping } is never closed",
    "while parsing a flow node": "this { mapping } or [ list ] is never closed",
    "while scanning a simple key": "this line needs a ':' after its key (key: value)",
}
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
QUOTES = ("'", '"')
TEXT_TAG = "tag:yaml.org,2002:str"
LONGEST_SHOWN = 80  # a scalar's source text is quoted in messages up to this length


@dataclass(frozen=True)
class Written:
    """A scalar as the trainer wrote it, beside what YAML made of it."""

    text: str  # as in the source, quotes included (its content when it spans lines or is long)
    content: str  # inside the quotes, escapes resolved: PyYAML's ``node.value``
    quoted: bool
    value: Any  # what the loader made of it

    def matches(self, value: Any) -> bool:
        """Whether *value* is still the one read from this scalar (a variant may have replaced it)."""
        return type(value) is type(self.value) and value == self.value


class SourcePositions(dict):
    """A document's ``positions`` (key path → position), plus its scalars as written (``written``).

    Only scalars YAML did not read as unquoted text are kept: numbers, booleans, empty values and
    quoted text. They travel with the positions mapping because copies of a document share it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.written: dict[KeyPath, Written] = {}


def written_at(document: Located, path: KeyPath) -> Written | None:
    """The scalar at *path* as written in the source, when it still holds what YAML read there."""
    return getattr(document.positions, "written", {}).get(tuple(path))


try:  # libyaml is much faster; the pure-Python loader behaves the same
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):
    """SafeLoader without the implicit timestamp resolver (dates are validated by us)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.copy().items()
}


def load_yaml_text(text: str, file: Path, diagnostics: Diagnostics, line_offset: int = 0) -> Located | None:
    """Parse one YAML document; report problems into *diagnostics* and return None on failure."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        _reader_error(exc, text, file, diagnostics, line_offset)
        return None
    try:
        node = loader.get_single_node()
        located = Located(None, file, SourcePositions())
        if node is not None:
            located.data = _construct(node, (), located, loader, diagnostics, line_offset, set(), text)
        return located
    except yaml.reader.ReaderError as exc:
        _reader_error(exc, text, file, diagnostics, line_offset)
        return None
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, file, diagnostics, line_offset, text)
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - every YAML error we know of is marked
        diagnostics.error(f"YAML error: {exc}", Position(file, line_offset + 1, 1))
        return None
    finally:
        loader.dispose()


def _syntax_error(
    exc: yaml.MarkedYAMLError, file: Path, diagnostics: Diagnostics, offset: int, text: str
) -> None:
    tab = _tab_at(exc, text)
    if tab is not None:
        diagnostics.error(
            "a tab character: YAML indents with spaces only",
            Position(file, tab[0] + 1 + offset, tab[1] + 1),
            "replace the tab with spaces",
        )
        return
    lines = text.count("\n") + 1
    problem = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and ("end of stream" in problem or exc.context in UNCLOSED):
        # An unclosed quote or bracket is found at the end of the file: point where it was opened.
        mark = exc.context_mark
        problem = UNCLOSED.get(exc.context or "", f"{exc.context}: never closed")
    # YAML notices some mistakes only at the end of the text: never point past its last line
    line = min(mark.line + 1, lines) if mark else 1
    position = Position(file, line + offset, mark.column + 1 if mark else 1)
    if isinstance(exc, yaml.constructor.ConstructorError):
        diagnostics.error(
            f"YAML value not allowed: {problem}",
            position,
            "course files hold plain text, numbers, lists and mappings only: remove the '!' tag",
        )
        return
    diagnostics.error(
        f"YAML syntax error: {problem}",
        position,
        "check indentation and quoting on this line or the one above it; "
        "values containing ': ' or starting with a special character need quotes",
    )


def _tab_at(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int] | None:
    """The line and column (from 0) of the tab YAML stopped at, if a tab is what stopped it.

    libyaml says "found character that cannot start any token" (or "a tab character that violates
    indentation") and PyYAML "found character '\\t'…": either way the mark is on the tab, or at
    least on its line.
    """
    mark = exc.problem_mark
    if not isinstance(exc, yaml.scanner.ScannerError) or mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    if line[mark.column : mark.column + 1] == "\t":
        return mark.line, mark.column
    if "tab" in (exc.problem or "") and "\t" in line:
        return mark.line, line.index("\t")
    return None


def _reader_error(exc, text: str, file: Path, diagnostics: Diagnostics, offset: int) -> None:
    line = text.count("\n", 0, exc.position) + 1 + offset
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    diagnostics.error(
        f"the file contains a control character (U+{ord(character):04X})",
        Position(file, line, 1),
        "delete the invisible character on this line (often pasted from a PDF or a word processor)",
    )


def load_yaml_file(path: Path, diagnostics: Diagnostics) -> Located | None:
    text = read_text(path, diagnostics)
    if text is None:
        return None
    return load_yaml_text(text, path, diagnostics)


def _explicit_before(pairs, merged: int, index: int, key: str) -> bool:
    """Whether *key* was written earlier in the mapping itself (not brought in by a merge key)."""
    return any(str(getattr(k, "value", "")) == key for k, _ in pairs[merged:index])


def _construct(
    node,
    path: KeyPath,
    located: Located,
    loader,
    diagnostics: Diagnostics,
    offset: int,
    active: set,
    text: str,
):
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        line += 1  # a block scalar's text starts on the line after its '|' or '>'
    position = Position(located.file, line, node.start_mark.column + 1)
    located.positions[path] = position
    if id(node) in active:
        diagnostics.error(
            "this YAML alias refers to itself",
            position,
            "remove the '*' alias that points back to its own '&' anchor",
        )
        return None
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        active = active | {id(node)}
    if isinstance(node, yaml.MappingNode):
        explicit = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
        loader.flatten_mapping(node)  # apply '<<: *anchor' merge keys, as every YAML loader does
        merged = len(node.value) - explicit  # merged pairs come first; explicit keys may override them
        result: dict = {}
        for pair_index, (key_node, value_node) in enumerate(node.value):
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            key_position = Position(
                located.file, key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1
            )
            if (
                key in result
                and pair_index >= merged
                and _explicit_before(node.value, merged, pair_index, key)
            ):
                diagnostics.error(
                    f"duplicate key '{key}'",
                    key_position,
                    "YAML keeps only the last one; remove or rename one of them",
                )
            located.key_positions[(*path, key)] = key_position
            result[key] = _construct(
                value_node, (*path, key), located, loader, diagnostics, offset, active, text
            )
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, (*path, index), located, loader, diagnostics, offset, active, text)
            for index, item in enumerate(node.value)
        ]
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str):
        bad = CONTROL_CHARACTERS.search(value)
        if bad:
            diagnostics.error(
                f"text contains a control character (U+{ord(bad.group(0)):04X})",
                position,
                "remove the invisible character (or the \\x.. escape) from this value",
            )
            return CONTROL_CHARACTERS.sub("", value)
    elif isinstance(value, float) and not math.isfinite(value):
        # .nan and .inf are never meant: keep the text, so the check of that value explains it
        value = node.value
    if node.style in QUOTES or node.tag != TEXT_TAG:
        _remember(node, path, located, value, text)
    return value


def _remember(node, path: KeyPath, located: Located, value: Any, text: str) -> None:
    written = getattr(located.positions, "written", None)
    if written is None:
        return
    source = text[node.start_mark.index : node.end_mark.index]
    quoted = node.style in QUOTES
    as_expected = source[:1] == node.style if quoted else source == node.value
    if not as_expected or "\n" in source or len(source) > LONGEST_SHOWN:
        source = node.value
    written[path] = Written(source, node.value, quoted, value)
