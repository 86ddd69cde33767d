"""Everything rendering needs to know about the course: assets, lessons, and where text came from."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostics, Position
from ..load.paths import resolved
from ..model import Course
from .assets import Assets, flat_name
from .markdown import RenderEnv, render_inline, render_markdown
from .store import Dependency, RenderStore

EMPTY_HEADER_CELL = re.compile(r"<th(?:\s[^>]*)?>\s*</th>")
HEADING = re.compile(r"<h([1-6])[\s>]")
CODE = re.compile(r"<code[^>]*>.*?</code>", re.S)
ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]]+)\]")
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")


@dataclass
class RenderedMarkdown:
    html: str
    files: tuple[Path, ...]  # the course files it links to, to publish with it


RenderCache = dict[tuple, RenderedMarkdown]
"""Markdown already rendered in this build, shared by its languages and variants.

Variants of one language share almost all their text, and untranslated text is the same in every
language: rendering each distinct text once keeps every extra combination cheaper than a build.
Only renders that reported nothing are kept, so every problem is still reported where it is.
"""


@dataclass
class RenderContext:
    course: Course
    diagnostics: Diagnostics
    language: str = ""
    cache: RenderCache = field(default_factory=dict)
    store: RenderStore | None = None  # renders kept between builds (see render/store.py)
    assets: Assets = field(init=False)
    lessons_by_file: dict[Path, str] = field(init=False)
    unit_ids: dict[Path, set[str]] = field(init=False)  # lesson file → its units' ids
    outline_key: int = field(init=False)
    _resolved: dict[tuple[str, str, Path], str] = field(init=False, default_factory=dict)
    _files: dict[tuple[str, str, Path], Path] = field(init=False, default_factory=dict)  # … and the file
    _static_names: dict[str, Path] | None = field(init=False, default=None)  # flat name → file in static/
    _linked: list[Path] = field(init=False, default_factory=list)  # files linked by the current render
    _source_lines: dict[Path, list[str]] = field(init=False, default_factory=dict)
    _dependencies: list[Dependency] = field(init=False, default_factory=list)  # of the current render
    _store_places: dict[Path, tuple[str, bool]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.assets = Assets(self.course.folder, self.language)
        self.lessons_by_file = {}
        self.unit_ids = {}
        for lesson in self.course.lessons():
            for path in (lesson.file, *lesson.replaces):  # a variant's lesson answers for the one it replaced
                self.lessons_by_file[resolved(path)] = lesson.id
                self.unit_ids[resolved(path)] = {unit.id for unit in lesson.units}
        # Links resolve against the outline: renders are shared only between outlines alike.
        self.outline_key = hash(
            tuple(
                (path, lesson_id, frozenset(self.unit_ids[path]))
                for path, lesson_id in self.lessons_by_file.items()
            )
        )

    # Markdown -------------------------------------------------------------------------------

    def markdown(
        self, text: str, where: Position, doc_id: str = "", footnotes: dict[str, str] | None = None
    ) -> str:
        source = text
        if footnotes and "[^" in text:
            cited = [footnotes[label] for label in FOOTNOTE_REFERENCE.findall(text) if label in footnotes]
            source = "\n\n".join([text, *dict.fromkeys(cited)])
        key = (source, doc_id, where.file, self.outline_key)
        cached = self.cache.get(key)
        if cached is not None:
            for path in cached.files:
                self.assets.add(path, where, self.diagnostics)
            return cached.html
        store_key = self._store_key("block", source, doc_id, where)
        if store_key is not None:
            html = self._from_store(store_key, where)
            if html is not None:
                self.cache[key] = RenderedMarkdown(html, tuple(self._linked))
                return html
        env = self._env(where)
        reported = len(self.diagnostics.items)
        self._linked = []
        self._dependencies = []
        html = render_markdown(source, env, doc_id=doc_id)
        self._check_images(env, where)
        self._check_structure(html, where)
        self._check_footnotes(html, where)
        if len(self.diagnostics.items) == reported:
            self.cache[key] = RenderedMarkdown(html, tuple(self._linked))
            if store_key is not None:
                self.store.put(store_key, html, self._dependencies)
        return html

    def inline(self, text: str, where: Position) -> str:
        store_key = self._store_key("inline", text, "", where)
        if store_key is not None:
            html = self._from_store(store_key, where)
            if html is not None:
                return html
        env = self._env(where)
        reported = len(self.diagnostics.items)
        self._dependencies = []
        html = render_inline(text, env)
        self._check_images(env, where)
        if store_key is not None and len(self.diagnostics.items) == reported:
            self.store.put(store_key, html, self._dependencies)
        return html

    def _store_key(self, kind: str, source: str, doc_id: str, where: Position) -> str | None:
        if self.store is None:
            return None
        place = self._store_places.get(where.file)
        if place is None:  # links start from the file's folder; headings are checked in lessons
            base = os.path.relpath(where.file.parent, self.course.folder)
            place = (base, self.unit_ids.get(resolved(where.file)) is not None)
            self._store_places[where.file] = place
        return self.store.key(kind, source, doc_id, *place)

    def _from_store(self, store_key: str, where: Position) -> str | None:
        """The stored HTML, if every link and image in it still resolves to the same URL here.

        The check resolves them for real (registering the files they publish); a target that no
        longer resolves is not reported here but by the render that follows.
        """
        found = self.store.get(store_key)
        if found is None:
            return None
        html, dependencies = found
        base = where.file.parent
        reporting, self.diagnostics = self.diagnostics, Diagnostics()
        self._linked = []
        try:
            for kind, target, url in dependencies:
                now = self.resolve(kind, target, Position(where.file, where.line or 1, 1), base)
                if now != url or self.diagnostics.items:
                    return None
        finally:
            self.diagnostics = reporting
        self.store.hit(store_key)
        return html

    def renderer_for(self, where: Position):
        """A Markdown → HTML function for XBlock content (``from_dict(data, render)``)."""
        return lambda text: self.markdown(text, where) if text else ""

    def _env(self, where: Position) -> RenderEnv:
        base = where.file.parent

        def resolve(kind: str, target: str, line: int) -> str | None:
            url = self.resolve(kind, target, Position(where.file, line, 1), base)
            if url is not None:
                self._dependencies.append((kind, target, url))
            return url

        return RenderEnv(resolver=resolve, line_offset=where.line - 1 if where.line else 0)

    def _check_structure(self, html: str, where: Position) -> None:
        """What screen-reader users rely on: headings that nest, tables whose columns have names."""
        if EMPTY_HEADER_CELL.search(html):
            self.diagnostics.warning(
                "a table has an empty header cell",
                where,
                "name every column in the table's first row: screen readers announce it with each cell",
            )
        levels = [int(level) for level in HEADING.findall(html)]
        previous = 2  # the unit's title is the page's h2
        lines = self._heading_lines(where, len(levels)) if levels else []
        for index, level in enumerate(levels):
            at = lines[index] if index < len(lines) else where
            if level <= 2 and self.unit_ids.get(resolved(where.file)) is not None:
                self.diagnostics.warning(
                    f"a level-{level} heading inside a unit",
                    at,
                    "inside a unit, start headings at ### (the unit's ## title is the page heading)",
                )
            elif level > previous + 1:
                self.diagnostics.warning(
                    f"heading levels jump from {previous} to {level}",
                    at,
                    "do not skip heading levels (### then ####), so the page outline stays navigable",
                )
            previous = level

    def _check_footnotes(self, html: str, where: Position) -> None:
        """A footnote mark left as text has no definition anywhere in its lesson."""
        if "[^" not in html:
            return
        for label in dict.fromkeys(FOOTNOTE_REFERENCE.findall(CODE.sub("", html))):
            self.diagnostics.error(
                f"footnote [^{label}] has no definition",
                self._mark_line(where, f"[^{label}]"),
                f"add a line '[^{label}]: the note' to the lesson (any place), or remove the mark",
            )

    def _mark_line(self, where: Position, mark: str) -> Position:
        lines = self._lines_of(where.file)
        for number in range(max(where.line, 1), len(lines) + 1):
            if mark in lines[number - 1]:
                return Position(where.file, number, lines[number - 1].index(mark) + 1)
        return where

    def _heading_lines(self, where: Position, count: int) -> list[Position]:
        """Where the first *count* ``#`` headings at or after *where* stand in its file (the
        block's own position is only its first line)."""
        lines = self._lines_of(where.file)
        found = []
        for number in range(max(where.line, 1), len(lines) + 1):
            if ATX_HEADING.match(lines[number - 1]):
                found.append(Position(where.file, number, 1))
                if len(found) == count:
                    break
        return found

    def _check_images(self, env: RenderEnv, where: Position) -> None:
        for target, line in env.unparsed:
            self.diagnostics.error(
                f"this link was not understood: its target '{target}' has a space in it",
                self._locate(Position(where.file, line, 1), target),
                f"put the target in angle brackets, ](<{target}>), or write each space as %20",
            )
        for src, alt, line, decorative in env.images:
            if not alt.strip() and not decorative:
                self.diagnostics.error(
                    f"image '{src}' has no alt text",
                    self._locate(Position(where.file, line, 1), src),
                    "describe the image: ![what it shows](path) — or mark it ![](path){.decorative}",
                )

    # Links ----------------------------------------------------------------------------------

    def _lines_of(self, file: Path) -> list[str]:
        lines = self._source_lines.get(file)
        if lines is None:
            try:
                lines = file.read_text("utf-8").split("\n")
            except (OSError, UnicodeDecodeError):
                lines = []
            self._source_lines[file] = lines
        return lines

    def _locate(self, where: Position, target: str) -> Position:
        """The line where *target* really stands in the source file.

        Markdown reaches the renderer with lines folded (YAML ``>`` scalars), cut out (quiz fields)
        or appended (footnotes), so the estimate is checked against the file: the nearest line at
        or after it that holds the link, else the nearest before it.
        """
        lines = self._lines_of(where.file)
        needle = f"({target}"
        start = min(max(where.line, 1), len(lines)) - 1
        for index in [*range(start, len(lines)), *range(start - 1, -1, -1)]:
            if needle in lines[index]:
                return Position(where.file, index + 1, where.col)
        return where

    def resolve(self, kind: str, target: str, where: Position, base: Path) -> str | None:
        key = (kind, target, base)
        url = self._resolved.get(key)
        if url is not None and key in self._files:
            self._linked.append(self._files[key])
        if url is None:
            linked = len(self._linked)
            url = self._resolve(kind, target, self._locate(where, target), base)
            if url is not None:  # broken targets are reported at every place they appear
                self._resolved[key] = url
                if len(self._linked) > linked:
                    self._files[key] = self._linked[-1]
        return url

    def _resolve(self, kind: str, target: str, where: Position, base: Path) -> str | None:
        parts = urlsplit(target)
        if target.startswith("/static/"):
            return self._static(target, where)
        if parts.scheme in EXTERNAL_SCHEMES or target.startswith(("#", "/jump_to_id/")):
            return target
        if parts.scheme or parts.netloc:
            self.diagnostics.error(
                f"link '{target}' uses an unsupported scheme",
                where,
                "use https:// links, or a relative path to a file in the course",
            )
            return None
        path = resolved(base / unquote(parts.path))
        if kind == "link" and path.suffix == ".md":
            lesson_id = self.lessons_by_file.get(path)
            if lesson_id is None and path in self.course.unreadable:
                return target  # that lesson could not be read: reported there, not here
            if lesson_id is None:
                self.diagnostics.error(
                    f"broken link: '{target}' is not a lesson of this course",
                    where,
                    "link to a lesson's .md file relative to this file, e.g. ../02-sampling/01-intro.md",
                )
                return None
            anchor = parts.fragment
            if anchor:
                if anchor not in self.unit_ids[path]:
                    self.diagnostics.error(
                        f"broken link: no unit '{anchor}' in {path.name}",
                        where,
                        "give the unit an explicit id ({#id} after its ## heading) and link to that",
                    )
                    return None
                return f"/jump_to_id/{anchor}"
            return f"/jump_to_id/{lesson_id}"
        name = self.assets.add(path, where, self.diagnostics)
        if name:
            self._linked.append(path)
        fragment = f"#{parts.fragment}" if parts.fragment else ""  # e.g. a page of a PDF: file.pdf#page=2
        return f"/static/{name}{fragment}" if name else None

    def _static(self, target: str, where: Position) -> str | None:
        """A Studio-style ``/static/NAME`` link: NAME is a file in the course's ``static/`` folder,
        as written (``/static/images/seal.png``) or under its published flat name
        (``/static/images_seal.png``). Checked and published like a relative link."""
        parts = urlsplit(target)
        name = unquote(parts.path).removeprefix("/static/")
        static = self.course.folder / "static"
        path = resolved(static / name)
        if not path.is_file() or not path.is_relative_to(resolved(static)):
            path = self._static_files().get(name)
        if path is None:
            self.diagnostics.error(
                f"file not found: {target}",
                where,
                f"a /static/ link names a file in the course's static/ folder: put {name} there, "
                "or link to the file by its path relative to this file",
            )
            return None
        published = self.assets.add(path, where, self.diagnostics)
        if not published:
            return None
        self._linked.append(path)
        return f"/static/{published}" + (f"#{parts.fragment}" if parts.fragment else "")

    def _static_files(self) -> dict[str, Path]:
        if self._static_names is None:
            static = self.course.folder / "static"
            files = sorted(path for path in static.rglob("*") if path.is_file()) if static.is_dir() else []
            self._static_names = {
                flat_name(path.relative_to(self.course.folder).as_posix()): path for path in files
            }
        return self._static_names

    def asset(self, relative: str, where: Position | None, base: Path | None = None) -> str | None:
        """Register a file named in YAML (relative to *base*, default the course folder)."""
        path = resolved((base or self.course.folder) / relative)
        return self.assets.add(path, where, self.diagnostics)
