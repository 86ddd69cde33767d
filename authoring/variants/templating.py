"""``{{ jurisdiction.statute_name }}`` in any learner-visible text, filled in per variant.

Jinja2's sandbox with StrictUndefined: a text cannot reach Python internals, and an unknown name is
an error at the text's ``file:line`` (checked before rendering, so the message can list the names
that do exist). Comment and statement syntax are moved out of the way: ``{#id}`` after a heading
is Markdown, not a Jinja comment.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..diagnostics import Diagnostics, Position

EXPRESSION = re.compile(r"\{\{\s*(.*?)\s*\}\}")
STATEMENT = re.compile(r"\{%")
NAME_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")

_ENV = SandboxedEnvironment(
    undefined=StrictUndefined,
    autoescape=False,
    keep_trailing_newline=True,
    comment_start_string="{#!",
    comment_end_string="!#}",
    block_start_string="{%",
    block_end_string="%}",
)


def _names(variables: dict[str, Any], prefix: str = "") -> list[str]:
    names = []
    for key, value in variables.items():
        name = f"{prefix}{key}"
        names.append(name)
        if isinstance(value, dict):
            names += _names(value, f"{name}.")
    return names


def _resolves(path: str, variables: dict[str, Any]) -> bool:
    value: Any = variables
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


def _at(text: str, offset: int, where: Position) -> Position:
    """The file position of *offset* in *text*, which starts at *where*."""
    line_start = text.rfind("\n", 0, offset) + 1
    first_column = max(where.col, 1) if line_start == 0 else 1
    shifted = where.shifted(text.count("\n", 0, offset))
    return Position(shifted.file, shifted.line, first_column + offset - line_start)


def fill(text: str, variables: dict[str, Any], where: Position, diagnostics: Diagnostics) -> str:
    if "{{" not in text and "{%" not in text:
        return text
    bad = False
    for found in STATEMENT.finditer(text):
        diagnostics.error(
            "'{%' starts a template statement, which course text does not use",
            _at(text, found.start(), where),
            "only variables are filled in, written {{ jurisdiction.name }}; to show the characters, write '{ %'",
        )
        bad = True
    for found in EXPRESSION.finditer(text):
        match = NAME_PATH.match(found.group(1))
        if not match:
            diagnostics.error(
                f"'{found.group(0)}' is not a variable",
                _at(text, found.start(), where),
                "only a variable's name may stand between {{ and }}, e.g. {{ jurisdiction.statute_name }}",
            )
            bad = True
        elif not _resolves(match.group(0), variables):
            line = _at(text, found.start(), where)
            known = [name for name in _names(variables) if "." in name]  # facts, not the namespace
            close = difflib.get_close_matches(match.group(0), known, n=1, cutoff=0.8)
            if close:
                hint = f"did you mean '{close[0]}'?"
            elif known:
                hint = f"known: {', '.join(known)}; or define it under 'jurisdiction:' in course.yaml"
            else:
                hint = "define it under 'jurisdiction:' in course.yaml (and per country in variant.yaml)"
            diagnostics.error(f"unknown variable '{match.group(0)}'", line, hint)
            bad = True
    if bad:
        return text
    try:
        return _ENV.from_string(text).render(**variables)
    except TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        diagnostics.error(
            f"cannot fill in variables: {exc.message or exc}",
            where.shifted(lineno - 1) if lineno else where,
            "write variables as {{ jurisdiction.name }}",
        )
        return text
