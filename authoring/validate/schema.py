"""JSON Schema checks, reported the way a trainer reads them.

The schemas in ``benchbook/authoring/schemas`` (and each XBlock's ``authoring.schema.json``) are the
same files editors use for autocompletion; here their errors are turned into one diagnostic each,
at the line of the offending value, with a "did you mean" for misspelt keys. A value of the wrong
type is quoted as the trainer wrote it (``0101``, not the ``65`` YAML read), with what YAML made of
it and the fix for that case: quotes to add or remove, a whole number, ``0.4`` for ``40%``…
"""

from __future__ import annotations

import difflib
import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..diagnostics import Diagnostics
from ..load.located import KeyPath, Located
from ..load.yamlfile import Written, written_at

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
YES = {"yes", "y", "on", "true", "oui", "si", "sí", "да"}
NO = {"no", "n", "off", "false", "non", "нет"}
NOT_FINITE = {".inf", ".nan", "inf", "nan", "infinity"}
PERCENT = re.compile(r"^([-+]?\d+(?:[.,]\d+)?)\s*%$")
DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")


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


def _describe_type(value: Any, written: Written | None = None) -> str:
    if written is not None and not written.quoted:
        return f"'{written.text}'" if written.content else "nothing"
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
    written = written_at(document, path)
    if written is not None and not written.matches(error.instance):
        written = None  # the value was replaced after loading (a variant): it is not the one written
    if keyword == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        message, hint = _wrong_type(field, path, error.instance, names, written)
        diagnostics.error(message, position, hint)
    elif keyword in ("enum", "const"):
        options = error.validator_value if keyword == "enum" else [error.validator_value]
        shown = written.content if written is not None else str(error.instance)
        close = difflib.get_close_matches(shown, [str(o) for o in options], n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(map(str, options))}"
        diagnostics.error(
            f"'{field}' is {_describe_type(error.instance, written)}, which is not allowed", position, hint
        )
    elif keyword == "pattern":
        key = str(path[-1]) if path else ""
        diagnostics.error(
            f"'{field}' value {_describe_type(error.instance, written)} has characters that cannot be used here",
            position,
            PATTERN_HINTS.get(key, "ids use lowercase letters, digits, '-' and '_' (e.g. chain-of-custody)"),
        )
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        diagnostics.error(
            f"'{field}' is {error.instance}: {error.message.split(' is ', 1)[-1]}",
            position,
            _range_hint(error.schema),
        )
    elif keyword in ("minItems", "minLength"):
        what = "at least one item" if keyword == "minItems" else "some text"
        diagnostics.error(f"'{field}' must not be empty", position, f"give it {what}, or remove the key")
    else:
        diagnostics.error(f"'{field}': {error.message}", position, "see docs/source-format.md for this key")


def _range_hint(schema: dict) -> str:
    """What values the schema allows, said as a trainer would (a share of 1 is a decimal)."""
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    if low is not None and high is not None:
        example = " (a share: write 0.6 for 60 %)" if high == 1 else ""
        return f"use a value from {low:g} to {high:g}{example}"
    if low is not None:
        return f"use a value of at least {low:g}" if "minimum" in schema else f"use a value above {low:g}"
    return f"use a value of at most {high:g}" if "maximum" in schema else f"use a value below {high:g}"


# Values of the wrong type -------------------------------------------------------------------------


def _wrong_type(
    field: str, path: KeyPath, value: Any, names: list[str], written: Written | None
) -> tuple[str, str]:
    """The message and hint for *value* where the schema wants one of *names*."""
    wanted = " or ".join(TYPE_NAMES.get(n, n) for n in names)
    if written is not None and written.quoted:
        shown = f"the quoted text {written.text}"
    else:
        shown = _describe_type(value, written)
    message = f"'{field}' must be {wanted}, not {shown}"
    reading = _reading(written)
    key = path[-1] if path and isinstance(path[-1], str) else None
    if "string" in names:
        hint = _text_hint(key, value, written)
    elif "number" in names or "integer" in names:
        whole = "number" not in names
        if isinstance(value, str):
            reading, hint = _number_hint(key, value, written, whole)
        else:
            hint = _number_hint_for(key, value, whole)
    elif "boolean" in names:
        hint = _boolean_hint(key, value, written)
    elif "array" in names:
        hint = f"write a list under '{key}:', one '- …' line per item" if key else "write a list here"
    elif "object" in names:
        hint = (
            f"write 'key: value' lines, indented under '{key}:'" if key else "write 'key: value' lines here"
        )
    else:  # pragma: no cover - every type our schemas use is handled above
        hint = ""
    return (f"{message} ({reading})" if reading else message), hint


def _with_key(key: str | None, text: str) -> str:
    return f"{key}: {text}" if key else text


def _after(key: str | None) -> str:
    return f" after '{key}:'" if key else ""


def _reading(written: Written | None) -> str:
    """What YAML read an unquoted value as, when that is not what the trainer wrote."""
    if written is None or written.quoted or not written.content:
        return ""
    value, content = written.value, written.content
    if value is None:
        return f"YAML reads {content} as an empty value"
    if isinstance(value, bool):
        canonical = str(value).lower()
        return "" if content.lower() == canonical else f"YAML reads {content} as {canonical}"
    if isinstance(value, int | float):
        canonical = repr(value)
        return "" if content == canonical else f"YAML reads {content} as the number {canonical}"
    return ""


def _text_hint(key: str | None, value: Any, written: Written | None) -> str:
    if isinstance(value, dict | list):
        return "write the text on one line after its key, not a list or 'key: value' lines"
    if written is not None:
        if not written.content:
            return f"write the text{_after(key)}"
        text = written.content
    elif isinstance(value, bool):
        text = str(value).lower()
    elif value is None:
        return f"write the text{_after(key)}"
    else:
        text = str(value)
    return f"put it in quotes: {_with_key(key, json.dumps(text, ensure_ascii=False))}"


def _number_text(number: float) -> str:
    """*number* in plain digits: no exponent, no needless '.0'."""
    if number == int(number):
        return str(int(number))
    return f"{number:.15f}".rstrip("0").rstrip(".")


def _example(whole: bool) -> str:
    return "e.g. 3" if whole else "e.g. 2 or 0.5"


def _number_hint(key: str | None, text: str, written: Written | None, whole: bool) -> tuple[str, str]:
    """The reading and hint for text where a number is wanted."""
    content = (written.content if written is not None else text).strip()
    kind = "a whole number" if whole else "a number"
    percent = PERCENT.match(content)
    if percent:
        share = float(percent.group(1).replace(",", ".")) / 100
        if whole:
            return "", f"write {kind} here, not a percentage"
        return "", f"write {_number_text(share)} for {percent.group(1)} %"
    if content.lower().lstrip("+-") in NOT_FINITE:
        return "", f"write an ordinary number in digits, {_example(whole)}"
    try:
        number = float(content.replace(",", ".") if DECIMAL_COMMA.match(content) else content)
    except ValueError:
        return "", f"write {kind} in digits, {_example(whole)}"
    if not math.isfinite(number):
        return (
            f"{content} is too large to be a number",
            f"write an ordinary number in digits, {_example(whole)}",
        )
    if whole and number != int(number):
        return "", _whole_hint(number)
    digits = _number_text(number)
    if written is not None and written.quoted:
        return "", f"remove the quotes: {_with_key(key, digits)}"
    if DECIMAL_COMMA.match(content):
        return "", f"write decimals with a point: {_with_key(key, digits)}"
    # 1e5: YAML reads a number with an exponent only when it has a decimal point (1.0e+5)
    return f"YAML reads {content} as text", f"write it in digits: {_with_key(key, digits)}"


def _whole_hint(number: float) -> str:
    low, high = math.floor(number), math.ceil(number)
    return f"write a whole number, e.g. {low} or {high}"


def _number_hint_for(key: str | None, value: Any, whole: bool) -> str:
    """The hint for a value that is not text where a number is wanted."""
    kind = "a whole number" if whole else "a number"
    if isinstance(value, float) and whole:
        return _whole_hint(value)
    if value is None:
        return f"write {kind}{_after(key)}"
    if isinstance(value, dict | list):
        return f"write one number here, {_example(whole)}"
    return f"write {kind} in digits, {_example(whole)}"


def _boolean_hint(key: str | None, value: Any, written: Written | None) -> str:
    if value is None:
        return f"write true or false{_after(key)}"
    if not isinstance(value, str):
        return "write true or false, without quotes"
    word = (written.content if written is not None else value).strip().lower()
    quoted = written is not None and written.quoted
    if word in YES or word in NO:
        answer = "true" if word in YES else "false"
        how = "remove the quotes" if quoted and word == answer else f"write {answer} without quotes"
        return f"{how}: {_with_key(key, answer)}"
    return "write true or false, without quotes"
