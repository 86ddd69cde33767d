"""Studio HTML: the structured editing form, the OLX box, and the author's outline with warnings.

The form is generated from :meth:`Scenario.to_dict`: every input's ``data-path`` is the key path into
the authoring shape (``steps.0.choices.1.goto``), which is exactly what the validator's problems carry,
so each error is shown beside its field. Structural edits (adding a step or an image) go through the
OLX box, which is validated the same way. No XBlock imports.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..common.i18n import _
from ..common.problems import Problem
from .model import FEEDBACK_MODES, GRADING_POLICIES, Scenario

# Python 3.11's tokenizer (which Babel's extractor uses) does not look inside f-strings, where the
# editor's labels are translated; marking them here keeps `make translations` the same on 3.11 and
# 3.12. ``_`` only marks: the translation happens through ``t`` at render time.
_F_STRING_LABELS = (
    _("Scenario"),
    _(
        "Edit texts, targets and points here. To add or remove steps, choices, images or exhibits, use the OLX editor below."
    ),
    _("Save"),
    _("Edit OLX"),
    _("Save OLX"),
    _("Problems"),
    _("Competencies"),
    _("Steps"),
    _("start"),
    _("Image"),
    _("Exhibit"),
    _("pts"),
    _("Outcomes"),
)

HTML_KEYS = {"intro", "narrative", "consequence", "coaching", "body"}
CHOICES = {"grading_policy": GRADING_POLICIES, "feedback_mode": FEEDBACK_MODES}
SINGULAR = {"steps": "Step", "choices": "Choice", "outcomes": "Outcome", "competencies": "Competency"}


def _field(uid: str, path: tuple, value: Any, gettext) -> str:
    key = path[-1]
    dotted = ".".join(str(p) for p in path)
    fid = f"{uid}-f-{dotted.replace('.', '-')}"
    label = escape(gettext(str(key).replace("_", " ").capitalize()))
    err = f'<p class="es-field-error" id="{fid}-err" data-error-for="{escape(dotted)}" hidden></p>'
    common = f'id="{fid}" data-path="{escape(dotted)}" aria-describedby="{fid}-err"'
    if isinstance(value, bool):
        checked = " checked" if value else ""
        return (
            f'<div class="es-field es-check"><input type="checkbox" {common}{checked}>'
            f'<label for="{fid}">{label}</label>{err}</div>'
        )
    if key in CHOICES:
        options = "".join(
            f'<option value="{v}"{" selected" if v == value else ""}>{escape(v)}</option>'
            for v in CHOICES[key]
        )
        return f'<div class="es-field"><label for="{fid}">{label}</label><select {common}>{options}</select>{err}</div>'
    if isinstance(value, (int, float)):
        return (
            f'<div class="es-field"><label for="{fid}">{label}</label>'
            f'<input type="number" min="0" step="any" value="{escape(str(value))}" {common}>{err}</div>'
        )
    if key in HTML_KEYS:
        return (
            f'<div class="es-field"><label for="{fid}">{label} (HTML)</label>'
            f'<textarea rows="4" {common}>{escape(str(value))}</textarea>{err}</div>'
        )
    return (
        f'<div class="es-field"><label for="{fid}">{label}</label>'
        f'<input type="text" value="{escape(str(value))}" {common}>{err}</div>'
    )


def _fields(uid: str, data: dict, path: tuple, gettext) -> str:
    out = []
    for key, value in data.items():
        here = (*path, key)
        if isinstance(value, list):
            dotted = ".".join(str(p) for p in here)
            out.append(
                f'<fieldset class="es-group" data-list="{escape(dotted)}"><legend>{escape(gettext(key.capitalize()))}'
                f'</legend><p class="es-field-error" data-error-for="{escape(dotted)}" hidden></p>'
            )
            for i, item in enumerate(value):
                name = gettext(SINGULAR.get(key, key))
                ident = f" “{escape(str(item.get('id', '')))}”" if isinstance(item, dict) else ""
                out.append(f'<fieldset class="es-item"><legend>{escape(name)} {i + 1}{ident}</legend>')
                out.append(_fields(uid, item, (*here, i), gettext))
                out.append("</fieldset>")
            out.append("</fieldset>")
        elif isinstance(value, dict):
            dotted = ".".join(str(p) for p in here)
            out.append(
                f'<fieldset class="es-item" data-object="{escape(dotted)}"><legend>{escape(gettext(key.capitalize()))}'
                "</legend>"
            )
            out.append(_fields(uid, value, here, gettext))
            out.append("</fieldset>")
        else:
            out.append(_field(uid, here, value, gettext))
    return "".join(out)


def form(scenario: Scenario, olx_text: str, gettext, uid: str) -> str:
    """The studio_view body: structured form and the OLX box, each with its own save button."""
    t = gettext
    return (
        f'<div class="es-studio" id="{uid}-studio">'
        f'<p class="es-studio-status" role="status" aria-live="polite" data-role="status"></p>'
        f'<form class="es-structured" data-role="structured" novalidate><h2>{escape(t("Scenario"))}</h2>'
        f"<p>{escape(t('Edit texts, targets and points here. To add or remove steps, choices, images or exhibits, use the OLX editor below.'))}</p>"
        f"{_fields(uid, scenario.to_dict(), (), t)}"
        f'<button type="submit">{escape(t("Save"))}</button></form>'
        f'<form class="es-olx" data-role="olx"><h2><label for="{uid}-olx">{escape(t("Edit OLX"))}</label></h2>'
        f'<textarea id="{uid}-olx" rows="24" spellcheck="false" aria-describedby="{uid}-olx-err">'
        f"{escape(olx_text)}</textarea>"
        f'<ul class="es-field-error" id="{uid}-olx-err" data-role="olx-errors" hidden></ul>'
        f'<button type="submit">{escape(t("Save OLX"))}</button></form>'
        "</div>"
    )


def outline(scenario: Scenario, problems: list[Problem], gettext, uid: str) -> str:
    """The author_view: the graph as an outline (targets, points, competencies) and its warnings."""
    t = gettext
    s = scenario
    parts = [f'<div class="es-outline" id="{uid}-outline"><h2>{escape(s.title)}</h2>']
    parts.append(
        "<p>"
        + escape(
            t("Best-path score: {points}. Feedback: {mode}. Attempts: {attempts}. Policy: {policy}.").format(
                points=_n(s.max_score()),
                mode=s.feedback_mode,
                attempts=s.max_attempts or t("unlimited"),
                policy=s.grading_policy,
            )
        )
        + "</p>"
    )
    if problems:
        parts.append(f"<h3>{escape(t('Problems'))}</h3><ul class='es-problems'>")
        for p in problems:
            label = t("Error") if p.is_error else t("Warning")
            hint = f" — {escape(p.hint)}" if p.hint else ""
            parts.append(f"<li><strong>{escape(label)}:</strong> {escape(p.message)}{hint}</li>")
        parts.append("</ul>")
    if s.competencies:
        parts.append(f"<h3>{escape(t('Competencies'))}</h3><ul>")
        parts.extend(f"<li>{escape(c.label)} ({escape(c.id)})</li>" for c in s.competencies)
        parts.append("</ul>")
    parts.append(f"<h3>{escape(t('Steps'))}</h3><ol class='es-steps'>")
    for step in s.steps:
        start = f" — {escape(t('start'))}" if step.id == s.start else ""
        parts.append(f"<li><strong>{escape(step.title)}</strong> <code>{escape(step.id)}</code>{start}<ul>")
        if step.image is not None:
            alt = t("decorative") if step.image.decorative else step.image.alt or t("NO ALT TEXT")
            parts.append(f"<li>{escape(t('Image'))}: {escape(step.image.src)} ({escape(alt)})</li>")
        if step.exhibit is not None:
            parts.append(f"<li>{escape(t('Exhibit'))}: {escape(step.exhibit.title)}</li>")
        for c in step.choices:
            flags = [f"{_n(c.points)} {t('pts')}"]
            if c.competency:
                flags.append(c.competency)
            if c.critical:
                flags.append(t("critical"))
            parts.append(
                f"<li>{escape(c.text)} → <code>{escape(c.goto)}</code> ({escape(', '.join(flags))})</li>"
            )
        parts.append("</ul></li>")
    parts.append(f"</ol><h3>{escape(t('Outcomes'))}</h3><ul>")
    for o in s.outcomes:
        band = f" [{escape(o.band)}]" if o.band else ""
        parts.append(f"<li><strong>{escape(o.title)}</strong> <code>{escape(o.id)}</code>{band}</li>")
    parts.append("</ul></div>")
    return "".join(parts)


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
