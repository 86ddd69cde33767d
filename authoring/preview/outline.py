"""The outline of a course run, read back from its OLX (course → chapter → sequential → vertical)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

POINTER_TAGS = ("html", "problem", "video")


@dataclass
class UnitEntry:
    id: str
    title: str


@dataclass
class LessonEntry:
    id: str
    title: str
    module: str
    graded: str = ""
    due: str = ""
    units: list[UnitEntry] = field(default_factory=list)


@dataclass
class ModuleEntry:
    id: str
    title: str
    lessons: list[LessonEntry] = field(default_factory=list)


@dataclass
class PageEntry:
    id: str
    title: str


@dataclass
class Outline:
    title: str
    language: str
    modules: list[ModuleEntry]
    pages: list[PageEntry]
    lesson_of: dict[str, str]  # any block, unit or lesson id → the lesson id showing it

    def lessons(self) -> list[LessonEntry]:
        return [lesson for module in self.modules for lesson in module.lessons]

    def lesson(self, lesson_id: str) -> LessonEntry | None:
        return next((lesson for lesson in self.lessons() if lesson.id == lesson_id), None)


def xml(files: dict[str, bytes], path: str) -> etree._Element:
    return etree.fromstring(files[path])


def _read_lesson(
    files: dict[str, bytes], lesson_id: str, module_id: str, lesson_of: dict[str, str]
) -> LessonEntry:
    sequential = xml(files, f"sequential/{lesson_id}.xml")
    lesson = LessonEntry(
        lesson_id,
        sequential.get("display_name", lesson_id),
        module_id,
        sequential.get("format", "") if sequential.get("graded") == "true" else "",
        sequential.get("due", ""),
    )
    lesson_of[lesson_id] = lesson_id
    for vertical_pointer in sequential.findall("vertical"):
        unit_id = vertical_pointer.get("url_name")
        vertical = xml(files, f"vertical/{unit_id}.xml")
        lesson.units.append(UnitEntry(unit_id, vertical.get("display_name", unit_id)))
        lesson_of[unit_id] = lesson_id
        for child in vertical:
            if isinstance(child.tag, str) and child.get("url_name"):
                lesson_of[child.get("url_name")] = lesson_id
    return lesson


def refresh_lessons(outline: Outline, files: dict[str, bytes], lesson_ids: set[str]) -> Outline:
    """The outline with only *lesson_ids* read again (after a one-lesson rebuild)."""
    lesson_of = dict(outline.lesson_of)
    modules = []
    for module in outline.modules:
        lessons = [
            _read_lesson(files, lesson.id, module.id, lesson_of) if lesson.id in lesson_ids else lesson
            for lesson in module.lessons
        ]
        modules.append(ModuleEntry(module.id, module.title, lessons))
    return Outline(outline.title, outline.language, modules, outline.pages, lesson_of)


def read_outline(files: dict[str, bytes], run_id: str) -> Outline:
    import json

    course = xml(files, f"course/{run_id}.xml")
    lesson_of: dict[str, str] = {}
    modules = []
    for chapter_pointer in course.findall("chapter"):
        chapter_id = chapter_pointer.get("url_name")
        chapter = xml(files, f"chapter/{chapter_id}.xml")
        module = ModuleEntry(chapter_id, chapter.get("display_name", chapter_id))
        for sequential_pointer in chapter.findall("sequential"):
            module.lessons.append(
                _read_lesson(files, sequential_pointer.get("url_name"), chapter_id, lesson_of)
            )
        modules.append(module)
    pages = []
    policy_path = f"policies/{run_id}/policy.json"
    if policy_path in files:
        policy = json.loads(files[policy_path]).get(f"course/{run_id}", {})
        for tab in policy.get("tabs", []):
            if tab.get("type") == "static_tab" and f"tabs/{tab['url_slug']}.html" in files:
                pages.append(PageEntry(tab["url_slug"], tab["name"]))
    return Outline(course.get("display_name", ""), course.get("language", ""), modules, pages, lesson_of)
