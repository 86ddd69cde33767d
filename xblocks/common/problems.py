"""The one shape every validator in Benchbook reports in.

A problem names *where* it is as a key path into the authored data (the same shape as the YAML a
trainer writes, e.g. ``("steps", 2, "choices", 0, "goto")``). The compiler turns that path into
``file:line:col`` through the positions its YAML loader kept; Studio turns it into a per-field
error; the OLX importer joins it into a message naming the step and choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in authored content."""

    severity: str
    message: str
    path: Path = field(default_factory=tuple)
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def error(message: str, path: Path = (), hint: str = "") -> Problem:
    return Problem(ERROR, message, tuple(path), hint)


def warning(message: str, path: Path = (), hint: str = "") -> Problem:
    return Problem(WARNING, message, tuple(path), hint)


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


class ContentError(ValueError):
    """Raised where content cannot be accepted at all (OLX import, Studio save).

    Carries every problem found, so the caller can show them all rather than the first.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(p.message for p in self.problems if p.is_error) or "invalid content")
