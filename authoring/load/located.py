"""Plain data (dicts, lists, strings) plus the source position of every value in it.

Values stay ordinary Python objects so the rest of the compiler (and JSON Schema) can use them
as they are; positions live beside them, keyed by the value's key path (``("runs", 0, "start")``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Position

KeyPath = tuple[str | int, ...]


@dataclass
class Located:
    """A document's data and the position of each value (and of each mapping key)."""

    data: Any
    file: Path
    positions: dict[KeyPath, Position] = field(default_factory=dict)
    key_positions: dict[KeyPath, Position] = field(default_factory=dict)

    def at(self, path: KeyPath = (), key: bool = False) -> Position:
        """The position of *path*, or of its nearest ancestor we know (never nothing)."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Position(self.file, 1, 1))

    def sub(self, path: KeyPath) -> Located:
        """The part of this document under *path*, positions re-keyed from there."""
        path = tuple(path)
        value: Any = self.data
        for step in path:
            value = value[step]
        n = len(path)
        return Located(
            value,
            self.file,
            {k[n:]: v for k, v in self.positions.items() if k[:n] == path},
            {k[n:]: v for k, v in self.key_positions.items() if k[:n] == path},
        )

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default) if isinstance(self.data, dict) else default
