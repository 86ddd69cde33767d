"""JSON Schema checks, reported the way a trainer reads them.

The schemas in ``benchbook/authoring/schemas`` (and each XBlock's ``authoring.schema.json``) are the
same files editors use for autocompletion; here their errors are turned into one diagnostic each,
at the line of the offending value, with a "did you mean" for misspelt keys.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..diagnostics import Diagnostics
from ..load.located import Located

PATTERN_HINTS = {
    "youtube": "a YouTube id is the 11 characters after 'v=' in the video's address",
    "org": "use letters, digits and '_ - . ~' only (e.g. UNODC)",
    "number": "use letters, digits and '_ - . ~' only (e.g. JUST101)",
}
TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "empty",
}


@cache
def load_schema(package: str, name: str) -> dict:
    return json.loads(resources.files(package).joinpath(name).read_text("utf-8"))


@cache
def validator_for(package: str, name: str, pointer: str = "") -> Draft202012Validator:
    schema = load_schema(package, name)
    if pointer:
        for part in pointer.strip("/").split("/"):
            schema = schema[part]
    return Draft202012Validator(schema)


def course_schema(name: str, pointer: str = "") -> Draft202012Validator:
    return validator_for("benchbook.authoring.schemas", name, pointer)


def check(document: Located, validator: Draft202012Validator, diagnostics: Diagnostics, what: str) -> bool:
    """Report every schema error in *document*; True when there were none."""
    errors = sorted(validator.iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in _leaves(errors):
        _report(error, document, diagnostics, what)
    return not errors


def _leaves(errors: list[ValidationError]) -> list[ValidationError]:
    """For ``anyOf``/``oneOf`` errors report the most specific sub-error, not the umbrella."""
    result = []
    for error in errors:
        if error.context:
            best = max(error.context, key=lambda e: len(e.absolute_path))
            result.append(best)
        else:
            result.append(error)
    return result


def _describe_type(value: Any) -> str:
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _report(error: ValidationError, document: Located, diagnostics: Diagnostics, what: str) -> None:
    path = tuple(error.absolute_path)
    field = ".".join(str(p) for p in path) or what
    keyword = error.validator
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in error.schema.get("properties", {})]
        for key in extras:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(allowed)}"
            where = f" in {field}" if path else ""
            diagnostics.error(f"unknown key '{key}'{where}", document.at((*path, key), key=True), hint)
        return
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        where = f" in {field}" if path else f" in {what}"
        diagnostics.error(
            f"missing required key '{missing}'{where}",
            document.at(path),
            f"add '{missing}: …' here",
        )
        return
    position = document.at(path)
    if keyword == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(TYPE_NAMES.get(n, n) for n in names)
        diagnostics.error(
            f"'{field}' must be {wanted}, not {_describe_type(error.instance)}",
            position,
            "quote text values; write numbers without quotes",
        )
    elif keyword in ("enum", "const"):
        options = error.validator_value if keyword == "enum" else [error.validator_value]
        close = difflib.get_close_matches(str(error.instance), [str(o) for o in options], n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(map(str, options))}"
        diagnostics.error(
            f"'{field}' is {_describe_type(error.instance)}, which is not allowed", position, hint
        )
    elif keyword == "pattern":
        key = str(path[-1]) if path else ""
        diagnostics.error(
            f"'{field}' value {_describe_type(error.instance)} has characters that cannot be used here",
            position,
            PATTERN_HINTS.get(key, "ids use lowercase letters, digits, '-' and '_' (e.g. chain-of-custody)"),
        )
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        diagnostics.error(f"'{field}' is {error.instance}: {error.message.split(' is ', 1)[-1]}", position)
    elif keyword in ("minItems", "minLength"):
        diagnostics.error(f"'{field}' must not be empty", position)
    else:
        diagnostics.error(f"'{field}': {error.message}", position)
