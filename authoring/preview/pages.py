"""HTML pages of the preview, rendered from a course run's OLX.

Why from the OLX and not from the model: the preview must show exactly what the package holds —
the same HTML bodies, the same CAPA XML, the same ``/static/`` names and ``/jump_to_id/`` links
that Open edX will serve. Reading the OLX back costs a few milliseconds per lesson, and nothing in
the preview can drift from the compiler's renderers.

Pages are plain HTML with landmarks (banner, navigation, main, contentinfo), a skip link, native
form controls and no external request: the stylesheet and script are served by the preview
itself (``assets.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from lxml import etree

from ..i18n.languages import html_lang, is_rtl
from .assets import CSS, JS
from .capa import Problem, parse_problem
from .outline import LessonEntry, Outline

XBLOCK_TAGS = ("evidence_scenario", "mock_adjudication")
LANGUAGE_NAMES = {
    "ar": "العربية (Arabic)",
    "en": "English",
    "es": "Español (Spanish)",
    "fr": "Français (French)",
    "ru": "Русский (Russian)",
    "zh": "中文 (Chinese)",
}


@dataclass
class Target:
    """The language and variant a page shows, and the choices the switcher offers."""

    language: str
    variant: str = ""
    languages: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)

    def query(self, **extra: str) -> str:
        values = {"lang": self.language}
        if self.variant:
            values["variant"] = self.variant
        values.update(extra)
        return "?" + urlencode(values)


@dataclass
class PageState:
    """What every page needs besides the OLX: the build's version and its diagnostics."""

    version: int
    ok: bool
    diagnostics: str  # the text the CLI prints
    has_render: bool = True


class PageRenderer:
    """Renders the pages of one build. ``xblock`` renders an inline custom XBlock's element."""

    def __init__(
        self,
        files: dict[str, bytes],
        outline: Outline,
        target: Target,
        state: PageState,
        xblock=None,
        setup: str = "",
    ):
        self.files = files
        self.resources: list[str] = []  # the XBlocks' scripts and styles, once each
        self.setup = setup  # what the XBlock runtime's scripts need first
        self.outline = outline
        self.target = target
        self.state = state
        self.xblock = xblock or placeholder_xblock

    # Whole pages ------------------------------------------------------------------------------

    def home(self) -> str:
        overview = self._body("about/overview.html")
        lessons = "".join(
            f'<li><a href="/lesson/{escape(lesson.id)}{self.target.query()}">{escape(lesson.title)}</a></li>'
            for lesson in self.outline.lessons()
        )
        main = (
            f"<h1>{escape(self.outline.title)}</h1>\n{overview}\n"
            f'<h2 id="start-heading">Lessons</h2>\n<ol aria-labelledby="start-heading">{lessons}</ol>'
        )
        return self.page(self.outline.title, main, current="")

    def static_page(self, page_id: str) -> str | None:
        entry = next((p for p in self.outline.pages if p.id == page_id), None)
        if entry is None:
            return None
        main = f"<h1>{escape(entry.title)}</h1>\n{self._body(f'tabs/{page_id}.html')}"
        return self.page(entry.title, main, current=f"page:{page_id}")

    def lesson(self, lesson_id: str) -> str | None:
        lesson = self.outline.lesson(lesson_id)
        if lesson is None:
            return None
        parts = [f"<h1>{escape(lesson.title)}</h1>"]
        facts = []
        if lesson.graded:
            facts.append(f"Graded: {escape(lesson.graded)}")
        if lesson.due:
            facts.append(f"Due {escape(lesson.due[:10])}")
        if facts:
            parts.append(f'<p class="lesson-facts">{" · ".join(facts)}</p>')
        for unit in lesson.units:
            parts.append(self.unit(unit.id, unit.title))
        parts.append(self._pager(lesson))
        return self.page(lesson.title, "\n".join(parts), current=lesson.id, lesson_id=lesson.id)

    def page(self, title: str, main: str, current: str, lesson_id: str = "") -> str:
        language = self.target.language or self.outline.language
        direction = ' dir="rtl"' if is_rtl(language) else ""
        config = page_config(self.state.version, self.state.ok, lesson_id, self.target.query()[1:])
        return (
            f'<!DOCTYPE html>\n<html lang="{escape(html_lang(language))}"{direction}>\n<head>\n'
            '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)} — {escape(self.outline.title)} (preview)</title>\n"
            f"<style>{CSS}</style>\n"  # inline: a reload fetches nothing more
            f'<script type="application/json" id="benchbook-config">{config}</script>\n'
            "</head>\n<body>\n"
            '<a class="skip-link" href="#main">Skip to content</a>\n'
            f"{self._header()}\n"
            '<div class="layout">\n'
            f"{self._navigation(current)}\n"
            f'<main id="main" tabindex="-1">\n{self._diagnostics()}\n{main}\n</main>\n'
            "</div>\n"
            + (self.setup + "\n" + "\n".join(self.resources) + "\n" if self.resources else "")
            + f"<script>{JS}</script>\n"
            + "<footer><p>Benchbook preview — what learners will see once the package is imported. "
            "Discussions and grades live on Open edX only.</p></footer>\n"
            "</body>\n</html>\n"
        )

    # Page parts -------------------------------------------------------------------------------

    def _header(self) -> str:
        target = self.target
        languages = "".join(
            f'<option value="{escape(code)}"{" selected" if code == target.language else ""}>'
            f"{escape(LANGUAGE_NAMES.get(code, code))}</option>"
            for code in target.languages
        )
        variants = '<option value="">Base course</option>' + "".join(
            f'<option value="{escape(v)}"{" selected" if v == target.variant else ""}>{escape(v)}</option>'
            for v in target.variants
        )
        switcher = (
            '<form class="switcher" method="get" action="">'
            f'<label for="switch-lang">Language</label> <select id="switch-lang" name="lang">{languages}</select> '
            + (
                f'<label for="switch-variant">Variant</label> '
                f'<select id="switch-variant" name="variant">{variants}</select> '
                if target.variants
                else ""
            )
            + '<button type="submit">Switch</button></form>'
        )
        reset = (
            '<form class="reset" method="post" action="/_preview/reset">'
            '<button type="submit" data-action="reset">Reset learner state</button></form>'
        )
        return (
            '<header class="top">'
            f'<p class="course-title"><a href="/{target.query()}">{escape(self.outline.title)}</a> '
            '<span class="badge">Preview</span></p>'
            f"{switcher}{reset}</header>"
        )

    def _navigation(self, current: str) -> str:
        query = self.target.query()
        modules = []
        for module in self.outline.modules:
            items = []
            for lesson in module.lessons:
                here = ' aria-current="page"' if lesson.id == current else ""
                items.append(
                    f'<li><a href="/lesson/{escape(lesson.id)}{query}"{here}>{escape(lesson.title)}</a></li>'
                )
            heading_id = f"nav-{escape(module.id)}"
            modules.append(
                f'<li><span class="module-title" id="{heading_id}">{escape(module.title)}</span>'
                f'<ol aria-labelledby="{heading_id}">{"".join(items)}</ol></li>'
            )
        pages = "".join(
            f'<li><a href="/page/{escape(p.id)}{query}"'
            + (' aria-current="page"' if current == "page:" + p.id else "")
            + f">{escape(p.title)}</a></li>"
            for p in self.outline.pages
        )
        pages_list = f'<h2 class="nav-heading">Pages</h2><ul class="pages">{pages}</ul>' if pages else ""
        return (
            '<nav class="outline" aria-label="Course outline"><h2 class="nav-heading">Outline</h2>'
            f'<ol class="modules">{"".join(modules)}</ol>{pages_list}</nav>'
        )

    def _diagnostics(self) -> str:
        if self.state.ok:
            return ""
        kept = (
            "<p>The page below is the last good render.</p>"
            if self.state.has_render
            else "<p>Nothing could be rendered yet: fix the errors and save.</p>"
        )
        return (
            '<section class="diagnostics" role="alert" aria-labelledby="diagnostics-heading">'
            '<h2 id="diagnostics-heading">The course has errors</h2>'
            f'<pre class="diagnostic-text">{escape(self.state.diagnostics)}</pre>{kept}</section>'
        )

    def _pager(self, lesson: LessonEntry) -> str:
        lessons = self.outline.lessons()
        index = next(i for i, entry in enumerate(lessons) if entry.id == lesson.id)
        links = []
        query = self.target.query()
        if index > 0:
            previous = lessons[index - 1]
            links.append(
                f'<a rel="prev" href="/lesson/{escape(previous.id)}{query}">← {escape(previous.title)}</a>'
            )
        if index + 1 < len(lessons):
            following = lessons[index + 1]
            links.append(
                f'<a rel="next" href="/lesson/{escape(following.id)}{query}">{escape(following.title)} →</a>'
            )
        return f'<nav class="pager" aria-label="Previous and next lesson">{" ".join(links)}</nav>'

    # Units and their blocks -------------------------------------------------------------------

    def unit(self, unit_id: str, title: str) -> str:
        vertical = etree.fromstring(self.files[f"vertical/{unit_id}.xml"])
        blocks = [self.block(child) for child in vertical if isinstance(child.tag, str)]
        safe = escape(unit_id)
        return (
            f'<section class="unit" id="{safe}">'
            f'<h2 id="{safe}-heading">{escape(title)}</h2>\n' + "\n".join(blocks) + "</section>"
        )

    def block(self, element: etree._Element) -> str:
        tag, url_name = element.tag, element.get("url_name", "")
        if tag == "html":
            pointer = etree.fromstring(self.files[f"html/{url_name}.xml"])
            body = self._body(f"html/{pointer.get('filename', url_name)}.html")
            return f'<div class="block block-html" id="{escape(url_name)}">{body}</div>'
        if tag == "problem":
            return self.problem(url_name)
        if tag == "video":
            return self.video(url_name)
        if tag == "discussion":
            title = escape(element.get("display_name", "Discussion"))
            return (
                f'<div class="block block-discussion" id="{escape(url_name)}"><h3>{title}</h3>'
                "<p>A discussion forum appears here on Open edX (not in the preview).</p></div>"
            )
        if tag in XBLOCK_TAGS:
            body = self.xblock(element, url_name, self.resources)
            return f'<div class="block block-xblock" id="{escape(url_name)}">{body}</div>'
        if tag == "openassessment":
            title = escape(element.get("display_name") or "Written reasons")
            prompt = "".join(element.xpath(".//prompt//text()"))[:500]
            return (
                f'<div class="block block-ora" id="{escape(url_name)}"><h3>{title}</h3>'
                f"<p>{escape(prompt)}</p><p>Open Response Assessment: learners submit their reasons "
                "for staff grading on Open edX (not in the preview).</p></div>"
            )
        return f'<div class="block" id="{escape(url_name)}"><p>({escape(tag)} block)</p></div>'

    def problem(self, problem_id: str) -> str:
        problem = parse_problem(problem_id, self.files[f"problem/{problem_id}.xml"])
        return render_problem(problem, self.target.query()[1:])

    def video(self, video_id: str) -> str:
        element = etree.fromstring(self.files[f"video/{video_id}.xml"])
        safe = escape(video_id)
        title = escape(element.get("display_name", "Video"))
        parts = [f'<div class="block block-video" id="{safe}"><h3 id="{safe}-title">{title}</h3>']
        sources = json.loads(element.get("html5_sources", "[]") or "[]")
        tracks = [(t.get("language", ""), t.get("src", "")) for t in element.findall("transcript")]
        if sources:
            track_tags = "".join(
                f'<track kind="captions" srclang="{escape(lang)}" label="{escape(lang)}" '
                f'src="/_preview/transcript/{escape(src)}"{" default" if i == 0 else ""}>'
                for i, (lang, src) in enumerate(tracks)
            )
            parts.append(
                f'<video controls preload="none" aria-labelledby="{safe}-title" src="{escape(sources[0])}">'
                f"{track_tags}</video>"
            )
        youtube = element.get("youtube_id_1_0")
        if youtube:
            parts.append(
                '<p class="video-note">YouTube video <code>'
                f"{escape(youtube)}</code>: it plays on Open edX. The preview makes no request outside "
                f'this computer; <a href="https://www.youtube.com/watch?v={escape(youtube)}">open it on '
                "YouTube</a>.</p>"
            )
        for lang, src in tracks:
            text = srt_text(self.files.get(f"static/{src}", b""))
            parts.append(
                f'<details class="transcript"><summary>Transcript ({escape(lang)})</summary>'
                f"<p>{escape(text)}</p></details>"
            )
        parts.append("</div>")
        return "".join(parts)

    def _body(self, path: str) -> str:
        data = self.files.get(path)
        return data.decode("utf-8") if data is not None else ""


def page_config(version: int, ok: bool, lesson: str, query: str) -> str:
    """What the page's script needs, as JSON safe inside a <script> element."""
    data = {"version": version, "ok": ok, "lesson": lesson, "query": query}
    return json.dumps(data).replace("<", "\\u003c")


def render_problem(problem: Problem, query: str) -> str:
    """A quiz as a form the preview's script submits to ``/_preview/problem/<id>/check``."""
    pid = escape(problem.id)
    field_id = f"{pid}-answer"
    if problem.kind in ("single", "multiple"):
        kind = "radio" if problem.kind == "single" else "checkbox"
        options = "".join(
            f'<div class="choice"><input type="{kind}" name="answer" value="{index}" id="{pid}-choice-{index}">'
            f'<label for="{pid}-choice-{index}">{choice.html}</label></div>'
            for index, choice in enumerate(problem.choices)
        )
        control = f'<fieldset><legend class="question">{problem.question}</legend>{options}</fieldset>'
    elif problem.kind == "dropdown":
        options = '<option value="">Select an option</option>' + "".join(
            f'<option value="{index}">{escape(choice.html)}</option>'
            for index, choice in enumerate(problem.choices)
        )
        control = (
            f'<label class="question" for="{field_id}">{problem.question}</label>'
            f'<select id="{field_id}" name="answer">{options}</select>'
        )
    else:
        mode = ' inputmode="decimal"' if problem.kind == "numerical" else ""
        control = (
            f'<label class="question" for="{field_id}">{problem.question}</label>'
            f'<input type="text" id="{field_id}" name="answer" autocomplete="off"{mode}>'
        )
    facts = []
    if problem.weight is not None:
        facts.append(f"{problem.weight:g} point{'s' if problem.weight != 1 else ''}")
    if problem.max_attempts:
        facts.append(f"{problem.max_attempts} attempt{'s' if problem.max_attempts != 1 else ''}")
    facts_html = f'<p class="problem-facts">{" · ".join(facts)}</p>' if facts else ""
    hint_button = (
        f'<button type="button" data-action="hint">Hint ({len(problem.hints)})</button>'
        if problem.hints
        else ""
    )
    return (
        f'<div class="block block-problem" id="{pid}">'
        f'<h3 id="{pid}-title">{escape(problem.title)}</h3>{facts_html}'
        f'<form class="capa" data-problem="{pid}" data-query="{escape(query)}" aria-labelledby="{pid}-title">'
        f"{problem.context}{control}"
        f'<div class="capa-actions"><button type="submit" data-action="check">Check</button>{hint_button}'
        '<button type="button" data-action="answer">Show answer</button></div>'
        '<div class="capa-feedback" role="status" aria-live="polite"></div>'
        "</form></div>"
    )


def placeholder_xblock(element: etree._Element, url_name: str, resources: list[str] | None = None) -> str:
    title = escape(element.get("display_name") or url_name)
    kind = "Evidence-handling scenario" if element.tag == "evidence_scenario" else "Mock adjudication"
    return (
        f'<h3>{title}</h3><p class="xblock-placeholder">{kind} <code>{escape(url_name)}</code>: the '
        "XBlock is not installed or could not be loaded in this preview.</p>"
    )


TIMESTAMP = re.compile(r"^\d+$|^\d\d:\d\d:\d\d[,.]\d+\s*-->")


def srt_text(data: bytes) -> str:
    """The spoken text of an .srt transcript, without cue numbers and times."""
    lines = data.decode("utf-8", "replace").splitlines()
    return " ".join(line.strip() for line in lines if line.strip() and not TIMESTAMP.match(line.strip()))


def srt_to_vtt(data: bytes) -> bytes:
    """WebVTT (what ``<track>`` plays) from SubRip: a header, and dots in the times."""
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    text = re.sub(r"(\d\d:\d\d:\d\d),(\d\d\d)", r"\1.\2", text)
    return ("WEBVTT\n\n" + text).encode("utf-8")
