"""Scenarios as readable decision trees and cases as case files, from their YAML (``scenarios/``,
``cases/``) as the compiler localized it. Only the authoring shape is read: nothing is asked of the
XBlocks. Keys this module does not know are still printed (as a list of labelled values), so
nothing a trainer wrote is left out of the handbook.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

Markdown = Callable[[object], str]

STEP_TEXT = ("narrative", "text", "situation", "description", "prompt")
CHOICE_TEXT = ("text", "label", "title")
CHOICE_TARGET = ("goto", "next", "target", "leads_to")
COACHING = ("feedback", "coaching", "why")


def _first(data: dict, keys: tuple[str, ...], default=None):
    for key in keys:
        if isinstance(data, dict) and data.get(key) not in (None, ""):
            return data[key]
    return default


def _items(value, id_key: str = "id") -> list[dict]:
    """A list of mappings, whether written as a list or as a mapping keyed by id."""
    if isinstance(value, dict):
        return [
            {id_key: key, **(item if isinstance(item, dict) else {"text": item})}
            for key, item in value.items()
        ]
    if isinstance(value, list):
        return [item if isinstance(item, dict) else {"text": item} for item in value]
    return []


def generic(value, md: Markdown) -> str:
    if isinstance(value, dict):
        rows = "".join(
            f"<dt>{escape(str(k).replace('_', ' '))}</dt><dd>{generic(v, md)}</dd>" for k, v in value.items()
        )
        return f"<dl>{rows}</dl>"
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{generic(v, md)}</li>" for v in value) + "</ul>"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and ("\n" in value or "*" in value or "[" in value):
        return md(value)
    return escape(str(value))


def _rest(data: dict, known: set[str], md: Markdown) -> str:
    rest = {k: v for k, v in data.items() if k not in known}
    return f'<div class="more">{generic(rest, md)}</div>' if rest else ""


# Scenarios ---------------------------------------------------------------------------------------


def scenario_html(ref: str, data: dict, md: Markdown) -> str:
    data = data if isinstance(data, dict) else {}
    sid = f"scenario-{escape(ref)}"
    title = escape(str(data.get("title") or data.get("display_name") or ref))
    steps = _items(data.get("steps"))
    outcomes = _items(data.get("outcomes"))
    nodes = {str(item.get("id")): item for item in steps + outcomes}
    outcome_ids = {str(item.get("id")) for item in outcomes}
    competencies = {
        str(c.get("id")): str(c.get("label") or c.get("text") or c.get("id"))
        for c in _items(data.get("competencies"))
    }

    def anchor(node_id: str) -> str:
        return f"{sid}-{escape(node_id)}"

    def name(node_id: str) -> str:
        node = nodes.get(node_id, {})
        kind = "Outcome" if node_id in outcome_ids else "Step"
        label = node.get("title") or node.get("band") or node_id
        return f"{kind}: {label}"

    start = str(data.get("start") or (steps[0].get("id") if steps else ""))
    order: list[str] = []
    queue = [start] if start in nodes else []
    while queue:
        node_id = queue.pop(0)
        if node_id in order or node_id not in nodes:
            continue
        order.append(node_id)
        for choice in _items(nodes[node_id].get("choices")):
            target = _first(choice, CHOICE_TARGET)
            if target is not None:
                queue.append(str(target))
    order += [node_id for node_id in nodes if node_id not in order]

    parts = [f'<article class="scenario" id="{sid}" aria-labelledby="{sid}-h"><h3 id="{sid}-h">{title}</h3>']
    intro = _first(data, ("intro", "introduction", "brief", "description"))
    if intro:
        parts.append(f'<div class="intro">{md(intro)}</div>')
    if competencies:
        parts.append(
            "<p><strong>Competencies:</strong> "
            + ", ".join(escape(label) for label in competencies.values())
            + "</p>"
        )
    parts.append('<ol class="tree">')
    for node_id in order:
        node = nodes[node_id]
        is_outcome = node_id in outcome_ids
        heading = escape(name(node_id))
        parts.append(
            f'<li class="{"outcome" if is_outcome else "step"}" id="{anchor(node_id)}"><p class="node">{heading}'
            + (' <span class="start">(start)</span>' if node_id == start else "")
            + "</p>"
        )
        text = _first(node, (*STEP_TEXT, "debrief"))
        if text:
            parts.append(f'<div class="narrative">{md(text)}</div>')
        image = node.get("image")
        if isinstance(image, dict) and image.get("alt"):
            parts.append(f'<p class="image-note">[Image: {escape(str(image["alt"]))}]</p>')
        exhibit = node.get("exhibit")
        if isinstance(exhibit, dict):
            name_ = escape(str(exhibit.get("title") or ""))
            file_note = (
                f' <span class="file-name">[file: {escape(str(exhibit["file"]))}]</span>'
                if exhibit.get("file")
                else ""
            )
            parts.append(
                f'<div class="exhibit"><p class="label">Exhibit: {name_}{file_note}</p>{md(exhibit.get("body") or "")}</div>'
            )
        choices = _items(node.get("choices"))
        if choices:
            parts.append('<ol class="choices" type="a">')
            for choice in choices:
                target = _first(choice, CHOICE_TARGET)
                facts = []
                if choice.get("points") is not None:
                    facts.append(f"{choice['points']} point(s)")
                if choice.get("competency"):
                    facts.append(
                        escape(competencies.get(str(choice["competency"]), str(choice["competency"])))
                    )
                if choice.get("critical"):
                    facts.append('<strong class="critical">critical error</strong>')
                goes = (
                    f' → <a href="#{anchor(str(target))}">{escape(name(str(target)))}</a>'
                    if target is not None
                    else ""
                )
                parts.append(
                    f'<li><p>{md(_first(choice, CHOICE_TEXT, ""))}</p><p class="leads">{goes.lstrip(" ")}'
                    + (f" ({', '.join(facts)})" if facts else "")
                    + "</p>"
                )
                if choice.get("consequence"):
                    parts.append(
                        f'<div class="consequence"><strong>What happens:</strong> {md(choice["consequence"])}</div>'
                    )
                coaching = _first(choice, COACHING)
                if coaching:
                    parts.append(f'<div class="coaching"><strong>Why:</strong> {md(coaching)}</div>')
                parts.append("</li>")
            parts.append("</ol>")
        known = {"id", "title", "band", "choices", "image", "exhibit", *STEP_TEXT, "debrief"}
        parts.append(_rest(node, known, md))
        parts.append("</li>")
    parts.append("</ol>")
    known = {
        "id",
        "title",
        "display_name",
        "steps",
        "outcomes",
        "competencies",
        "start",
        "intro",
        "introduction",
        "brief",
        "description",
    }
    parts.append(_rest(data, known, md))
    parts.append("</article>")
    return "".join(parts)


# Cases -------------------------------------------------------------------------------------------


def case_html(ref: str, data: dict, md: Markdown) -> str:
    data = data if isinstance(data, dict) else {}
    cid = f"case-{escape(ref)}"
    title = escape(str(data.get("title") or ref))
    parts = [f'<article class="case" id="{cid}" aria-labelledby="{cid}-h"><h3 id="{cid}-h">{title}</h3>']
    facts = []
    if data.get("role"):
        facts.append(f"The learner sits as: {escape(str(data['role']))}")
    if data.get("standard_of_proof"):
        facts.append(f"Standard of proof: {escape(str(data['standard_of_proof']))}")
    if facts:
        parts.append("<p>" + " · ".join(facts) + "</p>")
    if data.get("brief"):
        parts.append(f'<h4>Case file</h4><div class="brief">{md(data["brief"])}</div>')
    counts = _items(data.get("counts"))
    if counts:
        parts.append("<h4>Charges and their elements</h4><ol>")
        for count in counts:
            elements = "".join(f"<li>{md(e.get('text', ''))}</li>" for e in _items(count.get("elements")))
            parts.append(
                f'<li><p><strong>{escape(str(count.get("label") or count.get("id")))}</strong></p><ol type="a">{elements}</ol></li>'
            )
        parts.append("</ol>")
    if data.get("law"):
        parts.append(f"<h4>Applicable law</h4>{md(data['law'])}")
    if data.get("agreed_facts"):
        parts.append(
            "<h4>Agreed facts</h4><ul>" + "".join(f"<li>{md(f)}</li>" for f in data["agreed_facts"]) + "</ul>"
        )
    exhibits = _items(data.get("exhibits"))
    labels = {str(x.get("id")): str(x.get("label") or x.get("id")) for x in exhibits}
    if exhibits:
        parts.append("<h4>Exhibits</h4>")
        for exhibit in exhibits:
            xid = escape(str(exhibit.get("id")))
            contested = " <em>(contested)</em>" if exhibit.get("contested") else ""
            kind = escape(str(exhibit.get("type", "")).replace("_", " "))
            media = exhibit.get("media") if isinstance(exhibit.get("media"), dict) else {}
            media_note = (
                f'<p class="image-note">[{escape(str(media.get("alt") or media.get("file") or media.get("src")))}]</p>'
                if media
                else ""
            )
            parts.append(
                f'<section class="exhibit" id="{cid}-{xid}" aria-label="Exhibit {escape(labels[str(exhibit.get("id"))])}">'
                f'<p class="label">Exhibit {escape(labels[str(exhibit.get("id"))])} — {kind}{contested}</p>'
                f"{md(exhibit.get('description', ''))}{media_note}</section>"
            )
    rulings = _items(data.get("rulings"))
    verdicts = _items(data.get("verdicts"))
    sentence = data.get("sentence") if isinstance(data.get("sentence"), dict) else None
    if rulings or verdicts or sentence:
        parts.append('<h4>Expected decisions</h4><ul class="expected">')
        for ruling in rulings:
            exhibit = str(ruling.get("exhibit"))
            feedback = ruling.get("feedback")
            note = ""
            if isinstance(feedback, dict):
                note = " ".join(
                    f"<em>If {escape(str(k))}:</em> {escape(str(v))}" for k, v in feedback.items()
                )
            parts.append(
                f"<li>Exhibit {escape(labels.get(exhibit, exhibit))}: <strong>{escape(str(ruling.get('expected', '')).replace('_', ' '))}</strong>. {note}</li>"
            )
        count_labels = {str(c.get("id")): str(c.get("label") or c.get("id")) for c in counts}
        for verdict in verdicts:
            count = str(verdict.get("count"))
            parts.append(
                f"<li>{escape(count_labels.get(count, count))}: verdict <strong>{escape(str(verdict.get('expected', '')).replace('_', ' '))}</strong></li>"
            )
        if sentence:
            factors = "".join(
                f"<li>{escape(str(f.get('label') or f.get('id')))} ({escape(str(f.get('kind', '')))})"
                + (" — applies" if f.get("expected") else " — does not apply")
                + "</li>"
                for f in _items(sentence.get("factors"))
            )
            parts.append(
                f"<li>Sentence between {escape(str(sentence.get('min')))} and {escape(str(sentence.get('max')))} "
                f"{escape(str(sentence.get('unit', '')))}"
                + (f"<ul>{factors}</ul>" if factors else "")
                + "</li>"
            )
        parts.append("</ul>")
    element_text = {
        str(e.get("id")): str(e.get("text") or e.get("id")) for c in counts for e in _items(c.get("elements"))
    }
    weighing = data.get("weighing") if isinstance(data.get("weighing"), dict) else None
    if weighing and weighing.get("supports"):
        parts.append(
            "<h4>Evidence for each element</h4><ul>"
            + "".join(
                f"<li>{escape(element_text.get(str(s.get('element')), str(s.get('element'))))} ← exhibit {escape(labels.get(str(s.get('exhibit')), str(s.get('exhibit'))))}</li>"
                for s in _items(weighing.get("supports"))
            )
            + "</ul>"
        )
    reasoning = data.get("reasoning") if isinstance(data.get("reasoning"), dict) else None
    if reasoning and reasoning.get("prompt"):
        parts.append(f"<h4>Written reasons</h4>{md(reasoning['prompt'])}")
    rubric = data.get("rubric") if isinstance(data.get("rubric"), dict) else None
    if rubric and rubric.get("criteria"):
        parts.append("<h4>Rubric</h4><ul>")
        for criterion in _items(rubric.get("criteria"), "name"):
            options = "; ".join(
                f"{escape(str(o.get('label') or o.get('name')))} ({escape(str(o.get('points', '')))})"
                for o in _items(criterion.get("options"), "name")
            )
            parts.append(
                f"<li><strong>{escape(str(criterion.get('label') or criterion.get('name')))}</strong>: {options}</li>"
            )
        parts.append("</ul>")
    model = _first(data, ("model_answer", "model_judgment", "judgment"))
    if model:
        parts.append(f'<h4>Model judgment</h4><div class="model-judgment">{md(model)}</div>')
    known = {
        "id",
        "title",
        "role",
        "standard_of_proof",
        "brief",
        "counts",
        "law",
        "agreed_facts",
        "exhibits",
        "rulings",
        "verdicts",
        "sentence",
        "weighing",
        "reasoning",
        "rubric",
        "model_answer",
        "model_judgment",
        "judgment",
        "weight",
        "max_attempts",
        "grading_policy",
    }
    parts.append(_rest(data, known, md))
    parts.append("</article>")
    return "".join(parts)
