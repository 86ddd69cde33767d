"""Helpers both blocks' readable OLX shares (each block keeps its own element layout)."""

from __future__ import annotations

from typing import Any


def scalar(value: str | None) -> Any:
    """An attribute as the YAML loader would give it: numbers and booleans typed, text as text.

    Reading OLX back into the authoring shape must give the values a trainer's YAML gives, so the
    same ``from_dict`` and validator serve both.
    """
    if value is None:
        return None
    if value in ("true", "false"):
        return value == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            continue
    return value
