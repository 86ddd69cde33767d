"""The course, rendered, as the files of a Studio export (olx-facts §1–§10).

Returns ``{path inside the course/ folder: bytes}``; ``package`` turns that into the archive. The
layout: ``course.xml`` (pointer) → ``course/{run}.xml`` → ``chapter/`` → ``sequential/`` →
``vertical/`` → ``html/``, ``problem/``, ``video/`` (pointer tags); pure XBlocks (ours, discussion,
ORA) inline in their vertical; ``policies/{run}/``, ``about/``, ``tabs/``, ``static/``, ``assets/``.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field

from lxml import etree

from ..diagnostics import Diagnostics, Position
from ..i18n.languages import course_language, html_lang, is_rtl
from ..load.lesson import plain_text
from ..model import (
    CaseRef,
    Course,
    Discussion,
    Download,
    Lesson,
    Module,
    Prose,
    Quiz,
    Run,
    ScenarioRef,
    Unit,
    Video,
)
from ..render.capa import build_problem
from ..render.context import RenderCache, RenderContext
from ..render.store import RenderStore
from ..validate.ids import assign_unit_ids, reasons_id
from ..validate.xblocks import build_model, xblock_modules
from .studio_format import json_bytes, pointer_bytes, policy_settings, set_settings, xml_bytes

XBLOCK_FAMILY = "xblock.v1"
WRAP_LONG_WORDS = "overflow-wrap: break-word"  # on every HTML block: long URLs wrap on small screens
DEFAULT_TABS = [
    {"course_staff_only": False, "name": "Course", "type": "courseware"},
    {"course_staff_only": False, "name": "Home", "type": "course_info"},
]


@dataclass
class OlxTree:
    """The files of one course run, keyed by path inside the archive's ``course/`` folder."""

    files: dict[str, bytes] = field(default_factory=dict)
    advanced_modules: list[str] = field(default_factory=list)

    def add(self, path: str, data: bytes) -> None:
        self.files[path] = data


def write_course(
    course: Course,
    run: Run,
    diagnostics: Diagnostics,
    cache: RenderCache | None = None,
    store: RenderStore | None = None,
) -> OlxTree:
    context = RenderContext(course, diagnostics, course.language, cache if cache is not None else {}, store)
    writer = _Writer(course, run, context)
    return writer.write()


def write_lessons(course: Course, run: Run, lesson_ids: set[str], context: RenderContext) -> OlxTree:
    """The files of the given lessons only (sequential, verticals, components): for rebuilding one
    edited lesson in the preview. *context* resolves links against the whole course's outline,
    which may hold more lessons than *course*."""
    writer = _Writer(course, run, context)
    for lesson in course.lessons():
        if lesson.id in lesson_ids:
            writer.write_lesson(lesson)
    return writer.tree


class _Writer:
    def __init__(self, course: Course, run: Run, context: RenderContext):
        self.course = course
        self.run = run
        self.context = context
        self.tree = OlxTree()
        self.uses_discussion = False
        self.advanced: set[str] = set()
        lang = course.language
        self.wrapper_attributes = {"lang": html_lang(lang), **({"dir": "rtl"} if is_rtl(lang) else {})}

    # The whole course -------------------------------------------------------------------------

    def write(self) -> OlxTree:
        course_element = etree.Element("course")
        for module in self.course.modules:
            etree.SubElement(course_element, "chapter", url_name=module.id)
            self.write_module(module)
        settings = self.course_settings()
        set_settings(course_element, settings)
        etree.SubElement(course_element, "wiki", slug=f"{self.course.org}.{self.course.number}.{self.run.id}")
        self.tree.add(f"course/{self.run.id}.xml", xml_bytes(course_element))
        self.tree.add(
            "course.xml",
            pointer_bytes(
                etree.Element(
                    "course", {"url_name": self.run.id, "org": self.course.org, "course": self.course.number}
                )
            ),
        )
        # tabs and discussion_topics live only in the policy (Studio strips them from the XML)
        policy = {**policy_settings(settings), "tabs": self.tabs()}
        if self.discussion_enabled:
            policy["discussion_topics"] = {"General": {"id": f"{self.course.number}-general"}}
        self.tree.add(f"policies/{self.run.id}/policy.json", json_bytes({f"course/{self.run.id}": policy}))
        self.tree.add(f"policies/{self.run.id}/grading_policy.json", json_bytes(self.grading_policy()))
        self.tree.add("policies/assets.json", json_bytes({}))
        self.tree.add("assets/assets.xml", b"<assets/>")
        self.write_about()
        self.write_pages()
        self.write_static()
        self.tree.advanced_modules = sorted(self.advanced)
        return self.tree

    def course_settings(self) -> dict:
        course, run = self.course, self.run
        settings: dict = {
            "display_name": course.display_title,
            "language": course_language(course.language),
            "start": run.start,
            "end": run.end,
            "enrollment_start": run.enrollment_start,
            "enrollment_end": run.enrollment_end,
        }
        if course.self_paced:
            settings["self_paced"] = True
        if self.advanced:
            settings["advanced_modules"] = sorted(self.advanced)
        if course.course_image:
            name = self.context.asset(course.course_image, course.course_image_position)
            if name:
                settings["course_image"] = name
        if course.certificate:
            settings["cert_html_view_enabled"] = True
            settings["certificates"] = self.certificates()
        return settings

    def certificates(self) -> dict:
        certificate = self.course.certificate
        signatories = []
        for index, person in enumerate(certificate.signatories, start=1):
            image = ""
            if person.signature:
                where = self.course.source.at(("certificate", "signatories", index - 1, "signature"))
                name = self.context.asset(person.signature, where)
                image = f"/static/{name}" if name else ""
            signatories.append(
                {
                    "id": index,
                    "name": person.name,
                    "title": person.title,
                    "organization": person.organization,
                    "signature_image_path": image,
                }
            )
        return {
            "certificates": [
                {
                    "id": 1,
                    "version": 1,
                    "name": certificate.title,
                    "description": certificate.description or certificate.title,
                    "course_title": self.course.display_title,
                    "is_active": True,
                    "signatories": signatories,
                }
            ]
        }

    @property
    def discussion_enabled(self) -> bool:
        chosen = self.course.discussion_tab
        return self.uses_discussion if chosen is None else chosen

    def tabs(self) -> list[dict]:
        tabs = [dict(tab) for tab in DEFAULT_TABS]
        if self.discussion_enabled:
            tabs.append({"course_staff_only": False, "name": "Discussion", "type": "discussion"})
        tabs.append({"course_staff_only": False, "name": "Progress", "type": "progress"})
        for page in self.course.pages:
            tabs.append(
                {"course_staff_only": False, "name": page.title, "type": "static_tab", "url_slug": page.id}
            )
        return tabs

    def grading_policy(self) -> dict:
        grading = self.course.grading
        if grading is None:
            return {"GRADER": [], "GRADE_CUTOFFS": {"Pass": 0.5}}
        return {
            "GRADER": [
                {
                    "type": kind.type,
                    "short_label": kind.short_label or kind.type[:4],
                    "min_count": kind.min_count,
                    "drop_count": kind.drop_count,
                    "weight": kind.weight,
                }
                for kind in grading.assignment_types
            ],
            "GRADE_CUTOFFS": {"Pass": grading.pass_mark},
        }

    def write_about(self) -> None:
        about = self.course.about
        if about.overview:
            html = self.context.markdown(
                about.overview, about.overview_position or Position(self.course.folder)
            )
            self.tree.add("about/overview.html", self.wrap(html).encode("utf-8"))
        for name in ("short_description", "effort", "duration", "subtitle"):
            value = getattr(about, name)
            if value:
                self.tree.add(f"about/{name}.html", value.encode("utf-8"))
        self.tree.add("about/title.html", self.course.display_title.encode("utf-8"))

    def write_pages(self) -> None:
        for page in self.course.pages:
            html = self.context.markdown(page.markdown, page.position, doc_id=page.id)
            self.tree.add(f"tabs/{page.id}.html", self.wrap(html).encode("utf-8"))

    def write_static(self) -> None:
        for name, path in sorted(self.context.assets.files.items()):
            self.tree.add(f"static/{name}", path.read_bytes())

    def wrap(self, html: str) -> str:
        attributes = " ".join(f'{k}="{v}"' for k, v in self.wrapper_attributes.items())
        # A long URL must wrap rather than push the page sideways (WCAG 1.4.10 Reflow): course HTML
        # carries no stylesheet into the LMS, so the rule travels with the block.
        return f'<div class="benchbook" {attributes} style="{WRAP_LONG_WORDS}">\n{html}</div>\n'

    # The outline ------------------------------------------------------------------------------

    def write_module(self, module: Module) -> None:
        chapter = etree.Element("chapter")
        for lesson in module.lessons:
            etree.SubElement(chapter, "sequential", url_name=lesson.id)
            self.write_lesson(lesson)
        set_settings(chapter, {"display_name": module.title})
        self.tree.add(f"chapter/{module.id}.xml", xml_bytes(chapter))

    def write_lesson(self, lesson: Lesson) -> None:
        sequential = etree.Element("sequential")
        for unit in lesson.units:
            etree.SubElement(sequential, "vertical", url_name=unit.id)
            self.write_unit(unit, lesson)
        settings = {"display_name": lesson.title, "due": lesson.due}
        if lesson.graded:
            settings["graded"] = True
            settings["format"] = lesson.graded
        set_settings(sequential, settings)
        self.tree.add(f"sequential/{lesson.id}.xml", xml_bytes(sequential))

    def write_unit(self, unit: Unit, lesson: Lesson) -> None:
        vertical = etree.Element("vertical")
        set_settings(vertical, {"display_name": unit.title})
        assign_unit_ids(unit, self.course.folder)  # text blocks' and downloads' ids, as validated
        for component in unit.components:
            if isinstance(component, Prose):
                # footnote ids are prefixed with the block's id: unique on the page, and stable
                html = self.context.markdown(
                    component.markdown, component.position, component.id, lesson.footnotes
                )
                self.write_html(vertical, component.id, unit.title, html)
            elif isinstance(component, Quiz):
                self.write_quiz(vertical, component)
            elif isinstance(component, Video):
                self.write_video(vertical, component)
            elif isinstance(component, Discussion):
                self.write_discussion(vertical, component, unit)
            elif isinstance(component, Download):
                self.write_download(vertical, component)
            elif isinstance(component, ScenarioRef | CaseRef):
                self.write_xblock(vertical, component)
        self.tree.add(f"vertical/{unit.id}.xml", xml_bytes(vertical))

    # Components -------------------------------------------------------------------------------

    def write_html(self, vertical: etree._Element, block_id: str, title: str, html: str) -> None:
        etree.SubElement(vertical, "html", url_name=block_id)
        element = etree.Element("html", filename=block_id)
        set_settings(element, {"display_name": title, "editor": "raw"})
        self.tree.add(f"html/{block_id}.xml", xml_bytes(element))
        self.tree.add(f"html/{block_id}.html", self.wrap(html).encode("utf-8"))

    def write_quiz(self, vertical: etree._Element, quiz: Quiz) -> None:
        data = quiz.source.data

        def inline(text: str, path: tuple) -> str:
            return self.context.inline(text, quiz.source.at(path))

        def block(text: str, path: tuple) -> str:
            return self.context.markdown(text, quiz.source.at(path))

        problem = build_problem(data, inline, block, plain_text)
        settings: dict = {"display_name": data.get("title") or plain_text(data["question"])[:80]}
        if "points" in data:
            settings["weight"] = float(data["points"])
        if "max_attempts" in data:
            settings["max_attempts"] = int(data["max_attempts"])
        settings["showanswer"] = "finished"
        set_settings(problem, settings)
        etree.SubElement(vertical, "problem", url_name=quiz.id)
        self.tree.add(f"problem/{quiz.id}.xml", xml_bytes(problem))

    def write_video(self, vertical: etree._Element, video: Video) -> None:
        data = video.source.data
        where = video.source.at(())
        element = etree.Element("video")
        settings: dict = {
            "display_name": data["title"],
            "download_video": bool(data.get("download", False)),
            "download_track": True,
        }
        if data.get("youtube"):
            settings["youtube_id_1_0"] = data["youtube"]
            settings["youtube"] = f"1.00:{data['youtube']}"
        if data.get("file"):
            name = self.context.asset(data["file"], video.source.at(("file",)), where.file.parent)
            if name:
                settings["html5_sources"] = [f"/static/{name}"]
        declared = dict(data.get("transcripts") or {})
        for language, path in list(declared.items()):
            # sealing-en.srt beside a declared transcript gives sealing-fr.srt for French, and so on
            for other in self.course.languages:
                sibling = str(path).replace(f"-{language}.srt", f"-{other}.srt")
                if other not in declared and sibling != path and (where.file.parent / sibling).is_file():
                    declared[other] = sibling
        transcripts = {}
        for language, path in sorted(declared.items()):
            name = self.context.asset(path, video.source.at(("transcripts", language)), where.file.parent)
            if name:
                transcripts[language] = name
        if transcripts:
            settings["transcripts"] = transcripts
        set_settings(element, settings)
        for language, name in transcripts.items():
            etree.SubElement(element, "transcript", language=language, src=name)
        etree.SubElement(vertical, "video", url_name=video.id)
        self.tree.add(f"video/{video.id}.xml", xml_bytes(element))

    def write_discussion(self, vertical: etree._Element, discussion: Discussion, unit: Unit) -> None:
        data = discussion.source.data
        self.uses_discussion = True
        etree.SubElement(
            vertical,
            "discussion",
            {
                "url_name": discussion.id,
                "xblock-family": XBLOCK_FAMILY,
                "discussion_id": discussion.id,
                "display_name": data["title"],
                "discussion_category": data.get("category") or self.course.title,
                "discussion_target": data.get("topic") or unit.title,
            },
        )

    def write_download(self, vertical: etree._Element, download: Download) -> None:
        data = download.source.data
        where = download.source.at(())
        name = self.context.asset(data["file"], download.source.at(("file",)), where.file.parent)
        if not name:
            return
        path = self.context.assets.files[name]
        kind = (mimetypes.guess_type(name)[0] or "").split("/")[-1].upper() or path.suffix.lstrip(".").upper()
        size = _human_size(path.stat().st_size)
        title = self.context.inline(data["title"], where)
        html = f'<p><a href="/static/{name}" download="">{title}</a> ({kind}, {size})</p>\n'
        if data.get("description"):
            html += self.context.markdown(data["description"], where)
        self.write_html(vertical, download.id, plain_text(data["title"]), html)

    def write_xblock(self, vertical: etree._Element, component: ScenarioRef | CaseRef) -> None:
        kind = "scenario" if isinstance(component, ScenarioRef) else "case"
        document = (self.course.scenarios if kind == "scenario" else self.course.cases)[component.ref]
        model = build_model(
            kind, document, self.context.diagnostics, self.context.renderer_for(document.at(()))
        )
        if model is None:
            return
        _, _, olx = xblock_modules(kind)
        tag = "evidence_scenario" if kind == "scenario" else "mock_adjudication"
        element = etree.SubElement(vertical, tag, {"url_name": component.id, "xblock-family": XBLOCK_FAMILY})
        olx.write(model, element)
        self.advanced.add(tag)
        if kind == "case" and getattr(getattr(model, "reasoning", None), "staff_graded", False):
            # ORA opens and closes submissions itself: the run's dates (olxcleaner requires both)
            window = {"submission_start": self.run.start.isoformat()}
            if self.run.end:
                window["submission_due"] = self.run.end.isoformat()
            ora = etree.SubElement(
                vertical,
                "openassessment",
                {"url_name": reasons_id(component.id), "xblock-family": XBLOCK_FAMILY, **window},
            )
            olx.write_ora(model, ora)
            self.advanced.add("openassessment")


def _human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"  # pragma: no cover
