"""Read a course folder into the model: course.yaml, modules, lessons, scenarios and cases.

Everything that can be reported is reported (into ``diagnostics``) and loading carries on, so one
run shows every problem. Schema checks happen here, as each document is read, because the model can
only be built from documents of the right shape.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics, Position
from ..i18n.languages import UN_LANGUAGES, is_language_code
from ..model import (
    About,
    AssignmentType,
    Certificate,
    Course,
    Grading,
    Lesson,
    Module,
    Page,
    Run,
    Signatory,
)
from ..validate.schema import check, course_schema
from .dates import parse_date
from .frontmatter import split_front_matter
from .lesson import parse_units
from .located import Located
from .paths import resolved
from .text import read_text
from .yamlfile import load_yaml_file, load_yaml_text

COURSE_FILE = "course.yaml"
BASE = "base"
MODULE_FILE = "module.yaml"


def load_course(folder: Path, diagnostics: Diagnostics) -> Course | None:
    folder = resolved(folder)
    course_file = folder / COURSE_FILE
    if not course_file.is_file():
        diagnostics.error(
            f"no {COURSE_FILE} in {folder.name}/",
            Position(folder),
            "a course is a folder with a course.yaml; `benchbook new course NAME` makes one",
        )
        return None
    source = load_yaml_file(course_file, diagnostics)
    if source is None:
        return None
    if not isinstance(source.data, dict):
        diagnostics.error(
            "course.yaml is empty" if source.data is None else "course.yaml must hold 'key: value' lines",
            Position(course_file, 1, 1),
            "start from `benchbook new course NAME` or docs/source-format.md",
        )
        return None
    check(source, course_schema("course.schema.json"), diagnostics, "course.yaml")
    data = source.data

    course = Course(
        folder=folder,
        org=str(data.get("org", "")),
        number=str(data.get("number", "")),
        title=str(data.get("title", "")),
        language=str(data.get("language", "en")),
        self_paced=bool(data.get("self_paced", False)),
        runs=_runs(source, diagnostics),
        grading=_grading(source),
        certificate=_certificate(data.get("certificate")),
        about=_about(source, folder, diagnostics),
        course_image=str(data.get("course_image", "")),
        course_image_position=source.at(("course_image",)),
        pages=_pages(source, folder, diagnostics),
        modules=[],
        discussion_tab=data.get("discussion"),
        source=source,
    )
    course.languages = _languages(course.language, data.get("languages"))
    _check_language_codes(source, diagnostics)
    # "base" in the list builds the course without any variant, beside the variants
    course.variants = [
        ("" if v == BASE else str(v)) for v in data.get("variants") or [] if isinstance(v, str)
    ]
    course.jurisdiction = data.get("jurisdiction") if isinstance(data.get("jurisdiction"), dict) else {}
    course.jurisdiction_positions = {key: source.at(("jurisdiction", key)) for key in course.jurisdiction}
    outline = data.get("outline") or []
    if isinstance(outline, list):
        listed: set[str] = set()
        unreadable: set[Path] = set()
        for index, entry in enumerate(outline):
            if str(entry).rstrip("/") in listed:
                diagnostics.error(
                    f"module folder '{entry}' is listed twice in the outline",
                    source.at(("outline", index)),
                    "list each module once",
                )
                continue
            listed.add(str(entry).rstrip("/"))
            module = load_module(folder, str(entry), source.at(("outline", index)), diagnostics, unreadable)
            if module is not None:
                course.modules.append(module)
        course.unreadable = unreadable
    course.scenarios = _documents(folder / "scenarios", diagnostics)
    course.cases = _documents(folder / "cases", diagnostics)
    return course


def _check_language_codes(source: Located, diagnostics: Diagnostics) -> None:
    """A misspelt language code would become a course run Open edX cannot show: say so here."""
    declared = source.data.get("languages")
    places = [(("language",), source.data.get("language"))]
    if isinstance(declared, list):
        places += [(("languages", index), code) for index, code in enumerate(declared)]
    for path, code in places:
        if isinstance(code, str) and not is_language_code(code):
            diagnostics.error(
                f"unknown language code '{code}'",
                source.at(path),
                f"write a language code such as {', '.join(UN_LANGUAGES)} (the UN languages) or pt, sw",
            )


def _languages(source_language: str, declared) -> list[str]:
    """The languages built: the source language first, then the others declared."""
    languages = [source_language]
    for code in declared if isinstance(declared, list) else []:
        if str(code) not in languages:
            languages.append(str(code))
    return languages


def _items(value) -> list:
    """A list the schema requires; anything else (already reported by the schema check) is none."""
    return value if isinstance(value, list) else []


def _runs(source: Located, diagnostics: Diagnostics) -> list[Run]:
    runs = []
    for index, entry in enumerate(_items(source.get("runs"))):
        if not isinstance(entry, dict) or "id" not in entry:
            continue
        dates = {}
        for key in ("start", "end", "enrollment_start", "enrollment_end"):
            if key in entry:
                dates[key] = parse_date(entry[key], key, source.at(("runs", index, key)), diagnostics)
        if dates.get("start") is None:
            continue
        runs.append(
            Run(id=str(entry["id"]), position=source.at(("runs", index)), end_given="end" in entry, **dates)
        )
    return runs


def _grading(source: Located) -> Grading | None:
    grading = source.get("grading")
    if not isinstance(grading, dict):
        return None
    types = []
    for index, entry in enumerate(_items(grading.get("assignment_types"))):
        if not isinstance(entry, dict):
            continue
        weight = entry.get("weight")
        valid = isinstance(weight, int | float) and not isinstance(weight, bool)
        types.append(
            AssignmentType(
                type=str(entry.get("type", "")),
                weight=float(weight) if valid else 0.0,
                weight_valid=valid,
                short_label=str(entry.get("short_label", "")),
                min_count=_whole_number(entry.get("min_count"), 1),
                drop_count=_whole_number(entry.get("drop_count"), 0),
                position=source.at(("grading", "assignment_types", index)),
            )
        )
    pass_mark = grading.get("pass_mark")
    return Grading(types, float(pass_mark) if isinstance(pass_mark, int | float) else 0.5)


def _whole_number(value, default: int) -> int:
    """The value when it is a whole number (the schema reports it when it is not)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _certificate(data) -> Certificate | None:
    if not isinstance(data, dict):
        return None
    signatories = [
        Signatory(
            name=str(s.get("name", "")),
            title=str(s.get("title", "")),
            organization=str(s.get("organization", "")),
            signature=str(s.get("signature", "")),
        )
        for s in data.get("signatories") or []
        if isinstance(s, dict)
    ]
    return Certificate(str(data.get("title", "")), str(data.get("description", "")), signatories)


def _markdown_or_file(
    value: str, folder: Path, where: Position, diagnostics: Diagnostics
) -> tuple[str, Position]:
    """A text value that may instead name a .md file in the course."""
    if value.strip().endswith(".md") and "\n" not in value.strip():
        path = resolved(folder / value.strip())
        text = read_text(path, diagnostics) if path.is_file() else None
        if text is None:
            if not path.is_file():
                diagnostics.error(
                    f"file not found: {value.strip()}", where, "check the path (relative to course.yaml)"
                )
            return "", where
        return text, Position(path, 1, 1)
    return value, where


def _about(source: Located, folder: Path, diagnostics: Diagnostics) -> About:
    data = source.get("about") or {}
    if not isinstance(data, dict):
        return About()
    overview, where = _markdown_or_file(
        str(data.get("overview", "")), folder, source.at(("about", "overview")), diagnostics
    )
    return About(
        short_description=str(data.get("short_description", "")),
        overview=overview,
        overview_position=where,
        effort=str(data.get("effort", "")),
        duration=str(data.get("duration", "")),
        subtitle=str(data.get("subtitle", "")),
    )


def _pages(source: Located, folder: Path, diagnostics: Diagnostics) -> list[Page]:
    pages = []
    for index, entry in enumerate(_items(source.get("pages"))):
        if not isinstance(entry, dict) or not {"id", "title", "file"} <= set(entry):
            continue
        where = source.at(("pages", index, "file"))
        path = resolved(folder / str(entry["file"]))
        if not path.is_file():
            diagnostics.error(
                f"page file not found: {entry['file']}", where, "check the path (relative to course.yaml)"
            )
            continue
        text = read_text(path, diagnostics)
        if text is not None:
            pages.append(Page(str(entry["id"]), str(entry["title"]), text, Position(path, 1, 1)))
    return pages


def load_module(
    course_folder: Path, entry: str, where: Position, diagnostics: Diagnostics, unreadable: set | None = None
) -> Module | None:
    folder = resolved(course_folder / entry)
    if not folder.is_relative_to(resolved(course_folder)):
        diagnostics.error(
            f"module folder '{entry}' is outside the course folder",
            where,
            "keep modules inside the course and list them relative to course.yaml, e.g. modules/01-intro",
        )
        return None
    if not folder.is_dir():
        diagnostics.error(
            f"module folder not found: {entry}",
            where,
            "the outline lists module folders relative to course.yaml, e.g. modules/01-chain-of-custody",
        )
        return None
    module_file = folder / MODULE_FILE
    if not module_file.is_file():
        diagnostics.error(f"no {MODULE_FILE} in {entry}", where, "add a module.yaml with 'id:' and 'title:'")
        return None
    source = load_yaml_file(module_file, diagnostics)
    if source is None or not isinstance(source.data, dict):
        if source is not None:
            diagnostics.error(
                "module.yaml must hold 'id:' and 'title:'",
                Position(module_file, 1, 1),
                "write two lines, 'id: my-module' and 'title: My module', as keys (not a '- ' list)",
            )
        if unreadable is not None:  # its lessons exist: links to them are not broken, only unloaded
            unreadable.update(resolved(path) for path in folder.glob("*.md"))
        return None
    check(source, course_schema("module.schema.json"), diagnostics, "module.yaml")
    module = Module(
        id=str(source.get("id", "")),
        title=str(source.get("title", "")),
        folder=folder,
        position=source.at(("id",)),
    )
    listed = source.get("lessons")
    if isinstance(listed, list):
        named = {str(name) for name in listed}
        for path in sorted(folder.glob("*.md")):
            if path.name not in named:
                diagnostics.warning(
                    f"{path.name} is not listed under 'lessons' in module.yaml, so it is not in the course",
                    Position(path, 1, 1),
                    f"add {path.name} to the list, or move the file out of the module folder",
                )
        files = []
        for index, name in enumerate(listed):
            path = folder / str(name)
            if path in files:
                diagnostics.error(
                    f"lesson file '{name}' is listed twice",
                    source.at(("lessons", index)),
                    "list each lesson once",
                )
            elif not path.is_file():
                diagnostics.error(
                    f"lesson file not found: {name}",
                    source.at(("lessons", index)),
                    f"lessons are .md files in {entry}/",
                )
            else:
                files.append(path)
    else:
        files = sorted(folder.glob("*.md"))
    if not files:
        diagnostics.warning(
            f"module '{module.title}' has no lessons", module.position, "add a lesson .md file"
        )
    for path in files:
        lesson = load_lesson(path, diagnostics)
        if lesson is not None:
            module.lessons.append(lesson)
        elif unreadable is not None:
            unreadable.add(resolved(path))
    return module


def load_lesson(path: Path, diagnostics: Diagnostics) -> Lesson | None:
    text = read_text(path, diagnostics)
    if text is None:
        return None
    split = split_front_matter(text)
    if split.front_matter is None:
        diagnostics.error(
            "lesson has no front matter",
            Position(path, 1, 1),
            "start the file with ---, then 'id: …' and 'title: …', then ---",
        )
        return None
    if split.unclosed:
        diagnostics.error("front matter is not closed", Position(path, 1, 1), "add a line with --- after it")
        return None
    front = load_yaml_text(split.front_matter, path, diagnostics, line_offset=split.front_matter_line - 1)
    if front is None:
        return None
    if not isinstance(front.data, dict):
        diagnostics.error(
            "front matter must hold 'id:' and 'title:'",
            Position(path, 1, 1),
            "start the lesson with '---', 'id: my-lesson', 'title: My lesson', '---' on their own lines",
        )
        return None
    front.positions.setdefault((), Position(path, 1, 1))
    check(front, course_schema("lesson.schema.json"), diagnostics, "front matter")
    lesson_id = str(front.get("id", path.stem))
    title = str(front.get("title", path.stem))
    due = None
    if "due" in front.data:
        due = parse_date(front.data["due"], "due", front.at(("due",)), diagnostics)
    units, footnotes = parse_units(split.body, split.body_line, lesson_id, title, path, diagnostics)
    lesson = Lesson(
        id=lesson_id,
        title=title,
        file=path,
        position=front.at(("id",)),
        graded=str(front.get("graded", "")),
        graded_position=front.at(("graded",)),
        due=due,
        due_position=front.at(("due",)),
        units=units,
        footnotes=footnotes,
    )
    if not units:
        diagnostics.warning(f"lesson '{title}' is empty", lesson.position, "add ## units with content")
    return lesson


def _documents(folder: Path, diagnostics: Diagnostics) -> dict[str, Located]:
    """Every ``*.yaml`` in *folder*, by file stem (its id)."""
    documents: dict[str, Located] = {}
    if not folder.is_dir():
        return documents
    for path in sorted(folder.glob("*.yaml")):
        located = load_yaml_file(path, diagnostics)
        if located is not None:
            documents[path.stem] = located
    return documents
