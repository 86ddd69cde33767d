"""A structured Studio form generated from a block's authoring shape. No XBlock imports.

The approach is evidence_scenario's editor (``evidence_scenario/editor.py``): every input carries
``data-path``, the key path into the authoring shape (``counts.0.elements.1.text``), which is exactly
the path the one validator puts on each problem, so an error is shown beside the field it concerns.
On top of that this module describes the shape with a small *spec*, so lists become rows the author
can add, remove and reorder (each list holds a ``<template>`` for a new row), optional mappings get
an "include" checkbox, and every label and choice is a marked, translatable string.

The browser side (``collect`` the shape back, renumber paths after a row moves, show errors by path)
is in each block's ``public/studio.js``; it reads only the ``data-*`` attributes written here:

- ``data-key`` (+ ``data-kind``) on a field's input; ``data-path`` is its full key path;
- ``data-object`` on a fieldset for a mapping, ``data-include`` on its optional checkbox;
- ``data-list`` on a fieldset of rows, ``data-item`` on each row, ``data-items`` on their holder;
- ``data-err`` on the error line of a field, row, mapping or list (``data-error-for`` = its path).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Field:
    """One input. ``kind``: text | textarea | number | checkbox | select | tri (unset/true/false)."""

    key: str
    label: str
    kind: str = "text"
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for select; labels translatable
    default: Any = ""
    omit_empty: bool = False  # left out of the shape when empty (so "missing" stays missing)
    help: str = ""


@dataclass(frozen=True)
class Group:
    """A mapping. With ``include`` it is optional: a checkbox says whether it is in the shape."""

    key: str
    legend: str
    fields: tuple = ()
    include: str = ""


@dataclass(frozen=True)
class Rows:
    """A list of rows (mappings of ``fields``, or plain values when ``value`` is given)."""

    key: str
    legend: str
    item: str  # the legend of one row, with {n}
    add: str  # the add button
    fields: tuple = ()
    value: Field | None = None


@dataclass
class Strings:
    """The row buttons' labels (translated)."""

    up: str = "Move up"
    down: str = "Move down"
    remove: str = "Remove"


@dataclass
class _Ctx:
    uid: str
    t: Gettext
    strings: Strings
    out: list[str] = field(default_factory=list)


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def _fid(ctx: _Ctx, path: tuple) -> str:
    return f"{ctx.uid}-f-" + "-".join(str(p) for p in path).replace(".", "_")


def _err(ctx: _Ctx, path: tuple) -> str:
    dotted = escape(_dotted(path))
    return f'<p class="ma-err" id="{_fid(ctx, path)}-err" data-err data-error-for="{dotted}" hidden></p>'


def _value_html(ctx: _Ctx, f: Field, path: tuple, value: Any) -> str:
    fid = _fid(ctx, path)
    t = ctx.t
    attrs = (
        f'id="{fid}" data-key="{escape(f.key)}" data-kind="{f.kind}" data-path="{escape(_dotted(path))}"'
        f' aria-describedby="{fid}-err"' + (' data-omit-empty="true"' if f.omit_empty else "")
    )
    label = escape(t(f.label))
    err = _err(ctx, path)
    if f.kind == "checkbox":
        checked = " checked" if value is True else ""
        return (
            f'<div class="ma-f ma-check"><input type="checkbox" {attrs}{checked}>'
            f'<label for="{fid}">{label}</label>{err}</div>'
        )
    if f.kind in ("select", "tri"):
        if f.kind == "tri":
            current = "" if value is None or value == "" else ("true" if value else "false")
        else:
            current = "" if value is None else str(value)
        values = [v for v, _ in f.choices]
        options = []
        if current not in values:  # an unknown value is kept (the validator names it), not lost
            options.append(f'<option value="{escape(current)}" selected>{escape(current)}</option>')
        for v, text in f.choices:
            sel = " selected" if v == current else ""
            options.append(f'<option value="{escape(v)}"{sel}>{escape(t(text))}</option>')
        return (
            f'<div class="ma-f"><label for="{fid}">{label}</label>'
            f"<select {attrs}>{''.join(options)}</select>{err}</div>"
        )
    if f.kind == "number":
        shown = "" if value is None or value == "" else _num(value)
        return (
            f'<div class="ma-f"><label for="{fid}">{label}</label>'
            f'<input type="number" step="any" inputmode="decimal" value="{escape(shown)}" {attrs}>{err}</div>'
        )
    text = "" if value is None else str(value)
    if f.kind == "textarea":
        return (
            f'<div class="ma-f"><label for="{fid}">{label}</label>'
            f'<textarea rows="3" {attrs}>{escape(text)}</textarea>{err}</div>'
        )
    return (
        f'<div class="ma-f"><label for="{fid}">{label}</label>'
        f'<input type="text" value="{escape(text)}" {attrs}>{err}</div>'
    )


def _num(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _blank(spec) -> Any:
    """The value of a new, empty row."""
    if isinstance(spec, Rows):
        return []
    if isinstance(spec, Group):
        out: dict = {}
        for s in spec.fields:
            if isinstance(s, Group) and not s.key:
                out.update(_blank(s))
            else:
                out[s.key] = _blank(s)
        return out
    return spec.default


def _members(ctx: _Ctx, specs: tuple, data: dict, path: tuple) -> None:
    for spec in specs:
        if isinstance(spec, Group) and not spec.key:  # a fieldset around keys of the same mapping
            ctx.out.append(f'<fieldset class="ma-group"><legend>{escape(ctx.t(spec.legend))}</legend>')
            _members(ctx, spec.fields, data, path)
            ctx.out.append("</fieldset>")
            continue
        value = data.get(spec.key) if isinstance(data, dict) else None
        _member(ctx, spec, value, (*path, spec.key))


def _member(ctx: _Ctx, spec, value: Any, path: tuple) -> None:
    t, out = ctx.t, ctx.out
    dotted = escape(_dotted(path))
    if isinstance(spec, Field):
        out.append(_value_html(ctx, spec, path, spec.default if value is None else value))
    elif isinstance(spec, Group):
        present = isinstance(value, dict)
        out.append(
            f'<fieldset class="ma-group" data-object="{escape(spec.key)}"><legend>{escape(t(spec.legend))}</legend>'
        )
        out.append(_err(ctx, path))
        if spec.include:
            fid = _fid(ctx, (*path, "include"))
            checked = " checked" if present else ""
            out.append(
                f'<div class="ma-f ma-check"><input type="checkbox" id="{fid}" data-include'
                f' data-path="{dotted}" aria-controls="{_fid(ctx, path)}-body"{checked}>'
                f'<label for="{fid}">{escape(t(spec.include))}</label></div>'
            )
        hidden = " hidden" if spec.include and not present else ""
        out.append(f'<div class="ma-body" id="{_fid(ctx, path)}-body"{hidden}>')
        _members(ctx, spec.fields, value if present else _blank(spec), path)
        out.append("</div></fieldset>")
    elif isinstance(spec, Rows):
        rows = value if isinstance(value, list) else []
        item = escape(t(spec.item))
        out.append(
            f'<fieldset class="ma-rows" data-list="{escape(spec.key)}" data-item-legend="{item}">'
            f"<legend>{escape(t(spec.legend))}</legend>"
        )
        out.append(_err(ctx, path))
        out.append('<div data-items class="ma-items">')
        for i, row in enumerate(rows):
            _row(ctx, spec, row, (*path, i), i)
        out.append("</div>")
        # a new row: rendered once with index 0, renumbered by the script when added
        saved, ctx.out = ctx.out, []
        _row(
            ctx, spec, _blank(spec.value) if spec.value else _blank(Group("", "", spec.fields)), (*path, 0), 0
        )
        template, ctx.out = "".join(ctx.out), saved
        out.append(f"<template data-template>{template}</template>")
        out.append(
            f'<button type="button" class="ma-add" data-action="add">{escape(t(spec.add))}</button></fieldset>'
        )


def _row(ctx: _Ctx, spec: Rows, row: Any, path: tuple, index: int) -> None:
    t, s, out = ctx.t, ctx.strings, ctx.out
    legend = escape(t(spec.item).replace("{n}", str(index + 1)))
    out.append(f'<fieldset class="ma-item" data-item><legend>{legend}</legend>')
    out.append(
        '<div class="ma-tools">'
        f'<button type="button" data-action="up">{escape(s.up)}</button>'
        f'<button type="button" data-action="down">{escape(s.down)}</button>'
        f'<button type="button" data-action="remove">{escape(s.remove)}</button></div>'
    )
    if spec.value is not None:  # a plain value: its field's error line is the row's
        out.append(_value_html(ctx, spec.value, path, spec.value.default if row is None else row))
    else:
        out.append(_err(ctx, path))
        _members(ctx, spec.fields, row if isinstance(row, dict) else {}, path)
    out.append("</fieldset>")


def render(specs: tuple, data: dict, gettext: Gettext, uid: str, strings: Strings | None = None) -> str:
    """The form's inputs for *data* (the authoring shape), laid out by *specs*."""
    ctx = _Ctx(uid=uid, t=gettext, strings=strings or Strings())
    _members(ctx, specs, data, ())
    return "".join(ctx.out)


def labels(specs: tuple) -> list[str]:
    """Every translatable string in *specs* (for the catalogs' tests)."""
    out: list[str] = []

    def add(text: str) -> None:
        if text and text not in out:
            out.append(text)

    def walk(spec) -> None:
        if isinstance(spec, Field):
            add(spec.label)
            for _, text in spec.choices:
                add(text)
        elif isinstance(spec, Group):
            add(spec.legend)
            add(spec.include)
            for s in spec.fields:
                walk(s)
        elif isinstance(spec, Rows):
            add(spec.legend)
            add(spec.item)
            add(spec.add)
            if spec.value:
                walk(spec.value)
            for s in spec.fields:
                walk(s)

    for spec in specs:
        walk(spec)
    return out
