"""`make bench`: performance figures, printed, never asserted in tests.

Every ``bench/bench_*.py`` module exposes ``run() -> list[Figure]``; ``python -m bench`` runs them
all and prints one table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure beside the target the issues set for it."""

    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None
