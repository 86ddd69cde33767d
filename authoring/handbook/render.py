"""``benchbook handbook``: the course as one self-contained HTML file, to read offline or print.

Built from the same compiled OLX as the package (so the text is exactly what learners read online),
plus the scenario and case files of the course as the compiler localized them:

* a table of contents, then one ``<section class="module">`` per module (a page break before each
  when printed), each lesson and unit in order;
* quizzes with their questions and options in the lesson, and their answers, feedback, hints and
  explanations in an annex (so the lesson pages can be used as an exercise on paper);
* each evidence-handling scenario as a decision tree: every step with its choices, where each
  leads (a link), the points, critical errors, consequences and coaching, then the outcomes;
* each mock-adjudication case with its counts and elements, agreed facts, exhibits, the expected
  rulings, verdicts and sentence, and the model judgment.

Images are inlined as ``data:`` URIs; links to other files of the package become plain text with
the file name. No PDF: no PDF engine is among the project's dependencies (print to PDF from any
browser: the print stylesheet gives page breaks and page margins).
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostics
from ..i18n.languages import html_lang, is_rtl
from ..i18n.localize import localized_course
from ..model import CaseRef, Course, ScenarioRef
from ..pipeline import compile_course, course_for_variant
from ..preview.capa import Problem, parse_problem
from ..preview.outline import Outline, read_outline
from ..preview.pages import srt_text
from ..render.markdown import render_markdown
from .style import CSS

STATIC_SRC = re.compile(r'(src|poster)="/static/([^"]+)"')
STATIC_LINK = re.compile(r'<a href="/static/([^"]+)"[^>]*>(.*?)</a>', re.S)
JUMP_LINK = re.compile(r'href="/jump_to_id/([^"#]+)(?:#([^"]*))?"')


@dataclass
class Handbook:
    html: str | None
    diagnostics: Diagnostics
    name: str  # a file name stem: <org>-<number>[-<variant>][-<lang>]


def render_handbook(folder: Path, language: str | None = None, variant: str | None = None) -> Handbook:
    compilation = compile_course(folder, language, variant)
    course = compilation.course
    stem = "handbook"
    if course is not None:
        stem = "-".join(p for p in (course.org, course.number, variant or "", language or "") if p)
    if compilation.diagnostics.errors or not compilation.runs or course is None:
        return Handbook(None, compilation.diagnostics, stem)
    run = compilation.runs[0]
    quiet = Diagnostics()
    variant_course = course_for_variant(course, variant or "", quiet) or course
    localized = localized_course(variant_course, run.language or course.language, quiet)
    writer = _HandbookWriter(
        run.tree.files, read_outline(run.tree.files, run.run_id), localized, run.language
    )
    return Handbook(writer.document(), compilation.diagnostics, stem)


class _HandbookWriter:
    def __init__(self, files: dict[str, bytes], outline: Outline, course: Course, language: str):
        self.files = files
        self.outline = outline
        self.course = course
        self.language = language or course.language
        self.quizzes: list[tuple[Problem, str]] = []  # (problem, lesson title), in reading order
        self.refs: dict[str, tuple[str, str]] = {}  # block id → (kind, scenario/case id)
        for component in course.components():
            if isinstance(component, ScenarioRef):
                self.refs[component.id] = ("scenario", component.ref)
            elif isinstance(component, CaseRef):
                self.refs[component.id] = ("case", component.ref)
        self.scenarios = sorted({ref for kind, ref in self.refs.values() if kind == "scenario"})
        self.cases = sorted({ref for kind, ref in self.refs.values() if kind == "case"})

    # The document -----------------------------------------------------------------------------

    def document(self) -> str:
        modules = [self.module(module) for module in self.outline.modules]
        parts_after = [self.page(page.id, page.title) for page in self.outline.pages]
        if self.scenarios:
            parts_after.append(self.scenario_part())
        if self.cases:
            parts_after.append(self.case_part())
        annex = self.annex()
        direction = ' dir="rtl"' if is_rtl(self.language) else ""
        course = self.course
        run = course.runs[0] if course.runs else None
        subtitle = " · ".join(
            part
            for part in (
                f"{course.org} {course.number}",
                run.id if run else "",
                f"{run.start:%Y-%m-%d} – {run.end:%Y-%m-%d}" if run and run.end else "",
            )
            if part
        )
        return (
            f'<!DOCTYPE html>\n<html lang="{escape(html_lang(self.language))}"{direction}>\n<head>\n'
            '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(self.outline.title)} — handbook</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            '<a class="skip-link" href="#main">Skip to content</a>\n'
            f'<header class="cover"><p class="kind">Course handbook</p><h1>{escape(self.outline.title)}</h1>'
            f'<p class="subtitle">{escape(subtitle)}</p></header>\n'
            f"{self.toc()}\n"
            '<main id="main" tabindex="-1">\n' + "\n".join([*modules, *parts_after, annex]) + "\n</main>\n"
            f"<footer><p>{escape(self.outline.title)} — generated by Benchbook from the course sources.</p></footer>\n"
            "</body>\n</html>\n"
        )

    def toc(self) -> str:
        items = []
        for module in self.outline.modules:
            lessons = "".join(
                f'<li><a href="#{escape(lesson.id)}">{escape(lesson.title)}</a></li>'
                for lesson in module.lessons
            )
            items.append(
                f'<li><a href="#module-{escape(module.id)}">{escape(module.title)}</a><ol>{lessons}</ol></li>'
            )
        items += [
            f'<li><a href="#page-{escape(p.id)}">{escape(p.title)}</a></li>' for p in self.outline.pages
        ]
        if self.scenarios:
            items.append('<li><a href="#scenarios">Scenarios: decision trees</a></li>')
        if self.cases:
            items.append('<li><a href="#cases">Cases: files, exhibits and model judgments</a></li>')
        items.append('<li><a href="#annex">Annex: answers to the questions</a></li>')
        return (
            '<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">Contents</h2>'
            f"<ol>{''.join(items)}</ol></nav>"
        )

    def module(self, module) -> str:
        lessons = []
        for lesson in module.lessons:
            units = "".join(self.unit(unit.id, unit.title, lesson.title) for unit in lesson.units)
            lessons.append(
                f'<article class="lesson" id="{escape(lesson.id)}" aria-labelledby="{escape(lesson.id)}-h">'
                f'<h3 id="{escape(lesson.id)}-h">{escape(lesson.title)}</h3>{units}</article>'
            )
        mid = f"module-{escape(module.id)}"
        return (
            f'<section class="module" id="{mid}" aria-labelledby="{mid}-h">'
            f'<h2 id="{mid}-h">{escape(module.title)}</h2>{"".join(lessons)}</section>'
        )

    def page(self, page_id: str, title: str) -> str:
        body = self.files.get(f"tabs/{page_id}.html", b"").decode("utf-8")
        pid = f"page-{escape(page_id)}"
        return (
            f'<section class="part page" id="{pid}" aria-labelledby="{pid}-h">'
            f'<h2 id="{pid}-h">{escape(title)}</h2>{self.inline_files(body)}</section>'
        )

    def unit(self, unit_id: str, title: str, lesson_title: str) -> str:
        vertical = etree.fromstring(self.files[f"vertical/{unit_id}.xml"])
        blocks = [self.block(child, lesson_title) for child in vertical if isinstance(child.tag, str)]
        return (
            f'<section class="unit" id="{escape(unit_id)}">'
            f'<h4 id="{escape(unit_id)}-h">{escape(title)}</h4>{"".join(blocks)}</section>'
        )

    # Blocks -----------------------------------------------------------------------------------

    def block(self, element: etree._Element, lesson_title: str) -> str:
        tag, url_name = element.tag, element.get("url_name", "")
        bid = escape(url_name)
        if tag == "html":
            pointer = etree.fromstring(self.files[f"html/{url_name}.xml"])
            body = self.files.get(f"html/{pointer.get('filename', url_name)}.html", b"").decode("utf-8")
            return f'<div class="block html" id="{bid}">{self.inline_files(body)}</div>'
        if tag == "problem":
            problem = parse_problem(url_name, self.files[f"problem/{url_name}.xml"])
            self.quizzes.append((problem, lesson_title))
            return self.question(problem, len(self.quizzes))
        if tag == "video":
            video = etree.fromstring(self.files[f"video/{url_name}.xml"])
            transcripts = "".join(
                f'<p class="transcript"><span class="label">Transcript ({escape(t.get("language", ""))}):</span> '
                f"{escape(srt_text(self.files.get('static/' + t.get('src', ''), b'')))}</p>"
                for t in video.findall("transcript")
            )
            youtube = video.get("youtube_id_1_0")
            where = f" — https://www.youtube.com/watch?v={escape(youtube)}" if youtube else ""
            return (
                f'<div class="block video" id="{bid}"><p class="label">Video: '
                f"{escape(video.get('display_name', ''))}{where}</p>{transcripts}</div>"
            )
        if tag in ("evidence_scenario", "mock_adjudication"):
            kind, ref = self.refs.get(
                url_name, ("scenario" if tag == "evidence_scenario" else "case", url_name)
            )
            title = escape(element.get("display_name") or ref)
            label = "Scenario" if kind == "scenario" else "Case"
            return (
                f'<div class="block xblock" id="{bid}"><p class="label">{label}: '
                f'<a href="#{kind}-{escape(ref)}">{title}</a> (see the {label.lower()}s part)</p></div>'
            )
        if tag == "discussion":
            return (
                f'<div class="block discussion" id="{bid}"><p class="label">Discussion: '
                f"{escape(element.get('display_name', ''))} (online only)</p></div>"
            )
        if tag == "openassessment":
            return (
                f'<div class="block ora" id="{bid}"><p class="label">Written reasons, graded by staff '
                "(online only)</p></div>"
            )
        return ""

    def question(self, problem: Problem, number: int) -> str:
        pid = escape(problem.id)
        options = ""
        if problem.choices:
            kind = "Choose all that apply" if problem.kind == "multiple" else "Choose one"
            options = (
                f'<p class="instruction">{kind}:</p><ol class="options" type="A">'
                + "".join(f"<li>{choice.html}</li>" for choice in problem.choices)
                + "</ol>"
            )
        else:
            options = '<p class="instruction">Answer: ____________________</p>'
        return (
            f'<div class="block question" id="{pid}"><p class="label">Question {number}</p>'
            f'{self.inline_files(problem.context)}<div class="prompt">{problem.question}</div>{options}'
            f'<p class="see-annex"><a href="#annex-{pid}">Answer: annex, question {number}</a></p></div>'
        )

    def annex(self) -> str:
        entries = []
        for number, (problem, lesson_title) in enumerate(self.quizzes, start=1):
            pid = escape(problem.id)
            feedback = ""
            if problem.choices:
                rows = []
                for index, choice in enumerate(problem.choices):
                    mark = "✔ correct" if choice.correct else "✘"
                    notes = " ".join(
                        n
                        for n in (
                            choice.hint,
                            choice.hint_unselected and f"(if not chosen: {choice.hint_unselected})",
                        )
                        if n
                    )
                    rows.append(
                        f"<li><strong>{chr(65 + index)}.</strong> {choice.html} — {mark}. {notes}</li>"
                    )
                feedback = f'<ul class="choices">{"".join(rows)}</ul>'
            elif problem.wrong:
                feedback = (
                    "<ul>"
                    + "".join(
                        f"<li>“{escape(answer)}”: {text}</li>" for answer, text in problem.wrong.items()
                    )
                    + "</ul>"
                )
            also = f" (also accepted: {escape(', '.join(problem.also))})" if problem.also else ""
            hints = "".join(f"<li>{hint}</li>" for hint in problem.hints)
            entries.append(
                f'<li class="answer" id="annex-{pid}"><p class="label">Question {number} '
                f'<span class="from">({escape(lesson_title)})</span></p><div class="prompt">{problem.question}</div>'
                f"<p><strong>Answer:</strong> {problem.correct_answer}{also}</p>{feedback}"
                + (f"<p><strong>Hints:</strong></p><ul>{hints}</ul>" if hints else "")
                + (
                    f'<div class="explanation"><p><strong>Explanation:</strong></p>{self.inline_files(problem.explanation)}</div>'
                    if problem.explanation
                    else ""
                )
                + f'<p class="back"><a href="#{pid}">Back to question {number}</a></p></li>'
            )
        body = (
            f'<ol class="answers">{"".join(entries)}</ol>'
            if entries
            else "<p>This course has no questions.</p>"
        )
        return (
            '<section class="annex" id="annex" aria-labelledby="annex-h">'
            f'<h2 id="annex-h">Annex: answers to the questions</h2>{body}</section>'
        )

    # Scenarios and cases ----------------------------------------------------------------------

    def scenario_part(self) -> str:
        from .trees import scenario_html

        parts = [
            scenario_html(ref, self.course.scenarios[ref].data, self.markdown)
            for ref in self.scenarios
            if ref in self.course.scenarios
        ]
        return (
            '<section class="part scenarios" id="scenarios" aria-labelledby="scenarios-h">'
            f'<h2 id="scenarios-h">Scenarios: decision trees</h2>{"".join(parts)}</section>'
        )

    def case_part(self) -> str:
        from .trees import case_html

        parts = [
            case_html(ref, self.course.cases[ref].data, self.markdown)
            for ref in self.cases
            if ref in self.course.cases
        ]
        return (
            '<section class="part cases" id="cases" aria-labelledby="cases-h">'
            f'<h2 id="cases-h">Cases: files, exhibits and model judgments</h2>{"".join(parts)}</section>'
        )

    def markdown(self, text) -> str:
        if text is None or text == "":
            return ""
        return render_markdown(str(text))

    # Files ------------------------------------------------------------------------------------

    def inline_files(self, html: str) -> str:
        """Images as data: URIs; links to package files as their name; course links as anchors."""

        def data_uri(match: re.Match) -> str:
            name = match.group(2)
            data = self.files.get(f"static/{name}")
            if data is None:
                return match.group(0)
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return f'{match.group(1)}="data:{kind};base64,{base64.b64encode(data).decode()}"'

        def file_link(match: re.Match) -> str:
            return f'<span class="file">{match.group(2)}</span> <span class="file-name">[file: {escape(match.group(1))}]</span>'

        def anchor(match: re.Match) -> str:
            return f'href="#{match.group(2) or match.group(1)}"'

        html = STATIC_SRC.sub(data_uri, html)
        html = STATIC_LINK.sub(file_link, html)
        return JUMP_LINK.sub(anchor, html)
