"""Diagnostics: every problem a trainer must fix, with where it is and what to do.

Every stage reports into one :class:`Diagnostics` collector instead of raising, so a single run of
``benchbook check`` lists every problem at once. The text form is the one compilers use
(``path:line:col: error: message``) so editors and CI annotate it without configuration.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file; line and column count from 1 (0 = unknown)."""

    file: Path
    line: int = 0
    col: int = 0

    def shifted(self, lines: int) -> Position:
        return Position(self.file, self.line + lines if self.line else 0, self.col)


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    message: str
    position: Position | None = None
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def path(self, relative_to: Path | None = None) -> str:
        if self.position is None:
            return ""
        path = self.position.file
        if relative_to is not None:
            with contextlib.suppress(ValueError):  # another drive on Windows: keep it absolute
                path = Path(os.path.relpath(path, relative_to))
        return str(path)

    def location(self, relative_to: Path | None = None) -> str:
        if self.position is None:
            return ""
        parts = [self.path(relative_to)]
        if self.position.line:
            parts.append(str(self.position.line))
            if self.position.col:
                parts.append(str(self.position.col))
        return ":".join(parts)

    def format(self, relative_to: Path | None = None) -> str:
        where = self.location(relative_to)
        text = f"{where}: {self.severity}: {self.message}" if where else f"{self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_json(self, relative_to: Path | None = None) -> dict:
        data = asdict(self)
        data.pop("position")
        if self.position is not None:
            data["file"] = self.path(relative_to)
            data["line"] = self.position.line
            data["col"] = self.position.col
        return data


@dataclass
class Diagnostics:
    """Collects diagnostics from every stage; a build fails when it holds an error."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, message: str, position: Position | None = None, hint: str = "") -> None:
        self.items.append(Diagnostic(ERROR, message, position, hint))

    def warning(self, message: str, position: Position | None = None, hint: str = "") -> None:
        self.items.append(Diagnostic(WARNING, message, position, hint))

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Diagnostic]:
        """In file order, so a trainer can work down the list."""
        unknown = Position(Path(""))
        return sorted(self.items, key=lambda d: (d.position or unknown, d.severity, d.message))

    def format(self, relative_to: Path | None = None) -> str:
        return "\n".join(d.format(relative_to) for d in self.sorted())

    def to_json(self, relative_to: Path | None = None) -> str:
        return json.dumps([d.to_json(relative_to) for d in self.sorted()], indent=2, ensure_ascii=False)


class BuildFailed(Exception):
    """Raised by the pipeline when content errors stop a build; carries the diagnostics."""

    def __init__(self, diagnostics: Diagnostics):
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics.errors)} error(s)")
