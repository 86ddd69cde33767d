"""Apply ``variants/<id>/variant.yaml`` to a loaded course: replace, add and remove by id.

Everything a variant names is found by its stable id, never by position, so a variant keeps working
when the base course gains or reorders content. A replaced lesson or module keeps the id of what it
replaces, so learners' progress carries across a variant's updates too.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics, Position
from ..load.course import load_lesson, load_module
from ..load.lesson import parse_units
from ..load.located import Located
from ..load.text import read_text
from ..load.yamlfile import load_yaml_file
from ..model import Course, Lesson, Module, Unit
from ..validate.schema import check, course_schema

VARIANTS_FOLDER = "variants"
VARIANT_FILE = "variant.yaml"


@dataclass
class Variant:
    id: str
    folder: Path
    source: Located
    title: str = ""
    jurisdiction: dict[str, Any] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)


def variant_ids(course_folder: Path) -> list[str]:
    folder = course_folder / VARIANTS_FOLDER
    return sorted(p.parent.name for p in folder.glob(f"*/{VARIANT_FILE}")) if folder.is_dir() else []


def load_variant(course: Course, variant_id: str, diagnostics: Diagnostics) -> Variant | None:
    folder = course.folder / VARIANTS_FOLDER / variant_id
    path = folder / VARIANT_FILE
    if not path.is_file():
        known = variant_ids(course.folder)
        close = difflib.get_close_matches(variant_id, known, n=1)
        declared = course.source.get("variants") if course.source else None
        index = declared.index(variant_id) if isinstance(declared, list) and variant_id in declared else None
        diagnostics.error(
            f"unknown variant '{variant_id}' (no {VARIANTS_FOLDER}/{variant_id}/{VARIANT_FILE})",
            course.source.at(("variants", index) if index is not None else ("variants",))
            if course.source
            else Position(course.folder / "course.yaml"),
            f"did you mean '{close[0]}'?" if close else f"known variants: {', '.join(known) or 'none'}",
        )
        return None
    source = load_yaml_file(path, diagnostics)
    if source is None:
        return None
    if source.data is None:
        source.data = {}
    if not isinstance(source.data, dict):
        diagnostics.error("variant.yaml must hold 'key: value' lines", Position(path, 1, 1))
        return None
    if not check(source, course_schema("variant.schema.json"), diagnostics, "variant.yaml"):
        return None
    data = source.data
    return Variant(
        id=variant_id,
        folder=folder,
        source=source,
        title=str(data.get("title", "")),
        jurisdiction=dict(data.get("jurisdiction") or {}),
        languages=[str(code) for code in data.get("languages") or []],
    )


def apply_variant(course: Course, variant: Variant, diagnostics: Diagnostics) -> None:
    """Change *course* in place as *variant* says; report every id it cannot find."""
    data = variant.source.data
    course.variant_title = variant.title
    course.jurisdiction = {**course.jurisdiction, **variant.jurisdiction}
    course.jurisdiction_positions = {
        **course.jurisdiction_positions,
        **{key: variant.source.at(("jurisdiction", key)) for key in variant.jurisdiction},
    }
    overlay = _Overlay(course, variant, diagnostics)
    for verb in ("remove", "replace", "add"):
        section = data.get(verb) or {}
        for kind in ("modules", "lessons", "units", "scenarios", "cases"):
            for index, entry in enumerate(section.get(kind) or []):
                getattr(overlay, f"{verb}_{kind}")(entry, _Place(variant.source, (verb, kind, index)))


@dataclass(frozen=True)
class _Place:
    """Where an entry of variant.yaml is, and each of its keys: errors point at the key at fault."""

    source: Located
    path: tuple

    def __call__(self, key: str | None = None) -> Position:
        return self.source.at((*self.path, key) if key else self.path)


class _Overlay:
    def __init__(self, course: Course, variant: Variant, diagnostics: Diagnostics):
        self.course = course
        self.variant = variant
        self.diagnostics = diagnostics

    # Finding things ---------------------------------------------------------------------------

    def _unknown(self, kind: str, wanted: str, known: list[str], where: Position) -> None:
        close = difflib.get_close_matches(wanted, known, n=1)
        self.diagnostics.error(
            f"variant '{self.variant.id}': no {kind} '{wanted}' in the course",
            where,
            f"did you mean '{close[0]}'?" if close else f"known {kind}s: {', '.join(known[:12])}",
        )

    def _module(self, module_id: str, where: Position) -> Module | None:
        for module in self.course.modules:
            if module.id == module_id:
                return module
        self._unknown("module", module_id, [m.id for m in self.course.modules], where)
        return None

    def _lesson(self, lesson_id: str, where: Position) -> tuple[Module, int] | None:
        for module in self.course.modules:
            for index, lesson in enumerate(module.lessons):
                if lesson.id == lesson_id:
                    return module, index
        self._unknown("lesson", lesson_id, [lesson.id for lesson in self.course.lessons()], where)
        return None

    def _unit(self, unit_id: str, where: Position) -> tuple[Lesson, int] | None:
        for lesson in self.course.lessons():
            for index, unit in enumerate(lesson.units):
                if unit.id == unit_id:
                    return lesson, index
        self._unknown("unit", unit_id, [u.id for u in self.course.units()], where)
        return None

    def _path(self, entry: dict, key: str, at: _Place) -> Path | None:
        if key not in entry:
            self.diagnostics.error(
                f"'{key}' is missing", at(), f"give the {key} inside variants/{self.variant.id}/"
            )
            return None
        path = (self.variant.folder / str(entry[key])).resolve()
        if not path.exists():
            self.diagnostics.error(
                f"not found: {entry[key]}", at(key), f"paths are relative to variants/{self.variant.id}/"
            )
            return None
        return path

    def _load_units(self, path: Path, lesson: Lesson) -> list[Unit]:
        text = read_text(path, self.diagnostics)
        if text is None:
            return []
        units, footnotes = parse_units(text, 1, lesson.id, lesson.title, path, self.diagnostics)
        lesson.footnotes.update(footnotes)
        return units

    def _document(self, path: Path) -> Located | None:
        return load_yaml_file(path, self.diagnostics)

    # Remove -----------------------------------------------------------------------------------

    def remove_modules(self, module_id, at: _Place):
        module = self._module(str(module_id), at())
        if module:
            self.course.modules.remove(module)

    def remove_lessons(self, lesson_id, at: _Place):
        found = self._lesson(str(lesson_id), at())
        if found:
            module, index = found
            del module.lessons[index]

    def remove_units(self, unit_id, at: _Place):
        found = self._unit(str(unit_id), at())
        if found:
            lesson, index = found
            del lesson.units[index]

    def remove_scenarios(self, ref, at: _Place):
        self._remove_document(self.course.scenarios, "scenario", str(ref), at())

    def remove_cases(self, ref, at: _Place):
        self._remove_document(self.course.cases, "case", str(ref), at())

    def _remove_document(self, documents: dict, kind: str, ref: str, where: Position) -> None:
        if ref not in documents:
            self._unknown(kind, ref, sorted(documents), where)
            return
        del documents[ref]
        for unit in self.course.units():
            unit.components = [c for c in unit.components if getattr(c, "ref", None) != ref]

    # Replace ----------------------------------------------------------------------------------

    def replace_modules(self, entry, at: _Place):
        module = self._module(entry["id"], at("id"))
        path = self._path(entry, "folder", at)
        if module and path:
            replacement = load_module(self.variant.folder, str(path), at("folder"), self.diagnostics)
            if replacement:
                replacement.id = module.id
                self.course.modules[self.course.modules.index(module)] = replacement

    def replace_lessons(self, entry, at: _Place):
        found = self._lesson(entry["id"], at("id"))
        path = self._path(entry, "file", at)
        if found and path:
            module, index = found
            replacement = load_lesson(path, self.diagnostics)
            if replacement:
                replacement.id = entry["id"]
                # links to the replaced lesson's file now lead to its replacement
                replacement.replaces = [module.lessons[index].file, *module.lessons[index].replaces]
                module.lessons[index] = replacement

    def replace_units(self, entry, at: _Place):
        found = self._unit(entry["id"], at("id"))
        path = self._path(entry, "file", at)
        if found and path:
            lesson, index = found
            units = self._load_units(path, lesson)
            if units:
                units[0].id = entry["id"]
                lesson.units[index : index + 1] = units

    def replace_scenarios(self, entry, at: _Place):
        self._replace_document(self.course.scenarios, "scenario", entry, at)

    def replace_cases(self, entry, at: _Place):
        self._replace_document(self.course.cases, "case", entry, at)

    def _replace_document(self, documents: dict, kind: str, entry: dict, at: _Place) -> None:
        if entry["id"] not in documents:
            self._unknown(kind, entry["id"], sorted(documents), at("id"))
            return
        path = self._path(entry, "file", at)
        document = self._document(path) if path else None
        if document is not None:
            documents[entry["id"]] = document

    # Add --------------------------------------------------------------------------------------

    def add_modules(self, entry, at: _Place):
        path = self._path(entry, "folder", at)
        module = load_module(self.variant.folder, str(path), at("folder"), self.diagnostics) if path else None
        if module:
            self._insert(self.course.modules, module, entry.get("after"), "module", at("after"))

    def add_lessons(self, entry, at: _Place):
        module = self._module(str(entry.get("module", "")), at("module"))
        path = self._path(entry, "file", at)
        lesson = load_lesson(path, self.diagnostics) if path else None
        if module and lesson:
            self._insert(module.lessons, lesson, entry.get("after"), "lesson", at("after"))

    def add_units(self, entry, at: _Place):
        found = self._lesson(str(entry.get("lesson", "")), at("lesson"))
        path = self._path(entry, "file", at)
        if found and path:
            module, index = found
            lesson = module.lessons[index]
            for unit in reversed(self._load_units(path, lesson)):
                self._insert(lesson.units, unit, entry.get("after"), "unit", at("after"))

    def add_scenarios(self, entry, at: _Place):
        path = self._path(entry, "file", at)
        document = self._document(path) if path else None
        if document is not None:
            self.course.scenarios[path.stem] = document

    def add_cases(self, entry, at: _Place):
        path = self._path(entry, "file", at)
        document = self._document(path) if path else None
        if document is not None:
            self.course.cases[path.stem] = document

    def _insert(self, items: list, item, after: str | None, kind: str, where: Position) -> None:
        if after is None:
            items.append(item)
            return
        for index, existing in enumerate(items):
            if existing.id == after:
                items.insert(index + 1, item)
                return
        self._unknown(kind, str(after), [existing.id for existing in items], where)
