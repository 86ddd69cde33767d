"""Bytes exactly as Studio writes them (olx-facts §2), so a re-export diffs cleanly against ours."""

from __future__ import annotations

import json
from datetime import datetime

from lxml import etree

from ..load.dates import olx_date


def xml_bytes(element: etree._Element) -> bytes:
    """A block file: 2-space pretty print, no XML declaration, trailing newline.

    ``pretty_print`` (not ``etree.indent``) like Studio: mixed content such as a problem's HTML is
    left exactly as written.
    """
    return etree.tostring(element, pretty_print=True, encoding="utf-8")


def pointer_bytes(element: etree._Element) -> bytes:
    """``course.xml``: no pretty print, no declaration, no trailing newline."""
    return etree.tostring(element, encoding="utf-8")


def json_bytes(value) -> bytes:
    """policy.json / grading_policy.json: sorted keys, indent 4, no trailing newline."""
    return json.dumps(value, sort_keys=True, indent=4, ensure_ascii=False).encode("utf-8")


def field_value(value) -> str:
    """An attribute value as ``XmlMixin`` serialises a field: strings verbatim, the rest JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return olx_date(value)
    return json.dumps(value, ensure_ascii=False)


def policy_settings(settings: dict) -> dict:
    """The same settings as JSON values, for policy.json (dates as strings, unset ones left out)."""
    return {
        key: olx_date(value) if isinstance(value, datetime) else value
        for key, value in settings.items()
        if value is not None
    }


def set_settings(element: etree._Element, settings: dict) -> None:
    """Settings fields in alphabetical order, as Studio writes XModule-style blocks."""
    for key in sorted(settings):
        value = settings[key]
        if value is not None:
            element.set(key, field_value(value))
