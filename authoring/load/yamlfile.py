"""YAML with positions, strict about what trainers most often get wrong.

* duplicate keys are an error (PyYAML silently keeps the last one);
* dates stay strings, so the compiler can say *why* a date is wrong instead of YAML guessing;
* syntax errors come back as diagnostics with the line YAML stopped at.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..diagnostics import Diagnostics, Position
from .located import KeyPath, Located
from .text import read_text

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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = Position(file, mark.line + 1 + line_offset, mark.column + 1) if mark else Position(file)
        problem = exc.problem or exc.context or "invalid YAML"
        diagnostics.error(
            f"YAML syntax error: {problem}",
            position,
            "check indentation and quoting on this line or the one above it; "
            "values containing ': ' or starting with a special character need quotes",
        )
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        diagnostics.error(f"YAML error: {exc}", Position(file))
        return None
    finally:
        loader.dispose()
    located = Located(None, file)
    if node is None:
        return located
    located.data = _construct(node, (), located, loader, diagnostics, line_offset)
    return located


def load_yaml_file(path: Path, diagnostics: Diagnostics) -> Located | None:
    text = read_text(path, diagnostics)
    if text is None:
        return None
    return load_yaml_text(text, path, diagnostics)


def _construct(node, path: KeyPath, located: Located, loader, diagnostics: Diagnostics, offset: int):
    position = Position(located.file, node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    located.positions[path] = position
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            key_position = Position(
                located.file, key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1
            )
            if key in result:
                diagnostics.error(
                    f"duplicate key '{key}'",
                    key_position,
                    "YAML keeps only the last one; remove or rename one of them",
                )
            located.key_positions[(*path, key)] = key_position
            result[key] = _construct(value_node, (*path, key), located, loader, diagnostics, offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, (*path, index), located, loader, diagnostics, offset)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)
