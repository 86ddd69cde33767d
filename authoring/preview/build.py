"""What the preview shows, kept up to date as source files change.

A :class:`PreviewBuild` holds the OLX of one course run (one language × variant) and the
diagnostics of the last build. Its pages are rendered from that OLX (``pages.py``), so the preview
shows exactly what the package would contain.

On a change, :func:`plan` decides what to rebuild:

* a lesson file the outline already holds (its id and unit ids unchanged) → only that lesson is
  loaded and rendered again; the course is re-validated (ids and links are course-wide), and only
  that lesson's page is reloaded. This is what keeps a one-lesson edit in a 1,000-unit course well
  under the 300 ms target (a full build of that course takes over a second);
* anything else (course.yaml, module.yaml, scenarios, cases, static files, translations, variants,
  a lesson added, removed or whose ids changed) → the whole course is compiled again with
  ``compile_course``, exactly as ``benchbook build`` does.

Whenever a fast rebuild finds an error, or the last build had one, the whole course is compiled
again, so the diagnostics shown are always the very ones the CLI prints. A build with errors
never replaces the OLX: the last good render stays available.
"""

from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..i18n.localize import localized_course
from ..load.course import load_lesson
from ..model import Course, Lesson
from ..pipeline import Compilation, compile_course, course_for_variant
from ..render.context import RenderCache, RenderContext
from ..validate.course import validate_course
from ..write.olx import write_lessons

ALL = "*"  # every page changed
MAX_CACHE = 100_000  # rendered Markdown texts kept between fast rebuilds
IGNORED_PARTS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "dist", ".benchbook"}
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".part", ".crdownload")


@dataclass
class Plan:
    """What a set of changed files asks for: nothing, some lessons again, or the whole course."""

    full: bool = False
    lessons: list[Path] = field(default_factory=list)  # lesson files to load and render again

    @property
    def empty(self) -> bool:
        return not self.full and not self.lessons


def ignored(path: Path, root: Path) -> bool:
    """Editor swap files, version-control folders and build output never trigger a rebuild."""
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        return True
    name = path.name
    return (
        any(part in IGNORED_PARTS for part in parts)
        or name.startswith((".#", "#"))
        or name.endswith(IGNORED_SUFFIXES)
        or (name.startswith(".") and name != ".benchbook.yaml")
    )


def plan(course: Course | None, root: Path, changed: set[Path]) -> Plan:
    """Map changed files to the rebuild they need (see the module docstring)."""
    # a file gone already with no extension is an editor's probe (vim writes and deletes "4913")
    relevant = {
        path.resolve() for path in changed if not ignored(path, root) and (path.suffix or path.exists())
    }
    if not relevant:
        return Plan()
    if course is None:
        return Plan(full=True)
    lesson_files = {lesson.file.resolve() for lesson in course.lessons()}
    lessons = sorted(path for path in relevant if path in lesson_files and path.is_file())
    if len(lessons) != len(relevant):
        return Plan(full=True)
    return Plan(lessons=lessons)


@dataclass
class Update:
    """What one rebuild changed: the build's new version and the lesson pages to reload."""

    version: int
    pages: set[str]  # lesson ids, or {ALL}
    ok: bool
    seconds: float
    full: bool


class PreviewBuild:
    """The OLX and diagnostics of one language × variant of a course, rebuilt on change."""

    def __init__(self, folder: Path, language: str = "", variant: str = ""):
        self.folder = folder
        self.language = language
        self.variant = variant
        self.lock = threading.RLock()
        self.version = 0
        self.files: dict[str, bytes] = {}  # the last good OLX
        self.run_id = ""
        self.course: Course | None = None  # the loaded source model of the last good build
        self.diagnostics = Diagnostics()  # of the last build, good or not
        self.cache: RenderCache = {}
        self.changed = threading.Condition(self.lock)
        self.last_update: Update | None = None

    @property
    def ok(self) -> bool:
        return not self.diagnostics.errors

    # Rebuilds ---------------------------------------------------------------------------------

    def build(self) -> Update:
        """Compile the whole course (as ``benchbook build`` does) and keep it if it has no error."""
        started = time.perf_counter()
        try:
            compilation = compile_course(self.folder, self.language or None, self.variant or None)
        except Exception as exc:  # a bug in Benchbook: say so in the page, keep the last good render
            failed = Diagnostics()
            failed.error(
                f"internal error: {type(exc).__name__}: {exc}",
                hint="this is a bug in Benchbook, not in your course: `benchbook check` with "
                "BENCHBOOK_DEBUG=1 shows the traceback to report",
            )
            compilation = Compilation(None, failed)
        with self.lock:
            self.diagnostics = compilation.diagnostics
            if not compilation.diagnostics.errors and compilation.runs:
                run = compilation.runs[0]
                self.files = dict(run.tree.files)
                self.run_id = run.run_id
                self.course = compilation.course
                self.language = self.language or run.language
            return self._updated({ALL}, started, full=True)

    def apply(self, changed: set[Path]) -> Update | None:
        """Rebuild what *changed* asks for; None when nothing relevant changed."""
        with self.lock:
            todo = plan(self.course, self.folder, changed)
            if todo.empty:
                return None
            if todo.full or not self.ok or not self.files:
                return self.build()
            started = time.perf_counter()
            try:
                pages = self._rebuild_lessons(todo.lessons)
            except Exception:  # whatever went wrong, the full build reports it as the CLI does
                pages = None
            if pages is None:
                return self.build()
            return self._updated(pages, started, full=False)

    def _updated(self, pages: set[str], started: float, full: bool) -> Update:
        self.version += 1
        update = Update(self.version, pages, self.ok, time.perf_counter() - started, full)
        self.last_update = update
        self.changed.notify_all()
        return update

    def _rebuild_lessons(self, paths: list[Path]) -> set[str] | None:
        """Load, check and render only the lessons in *paths*; None when a full build is needed."""
        assert self.course is not None
        course = copy.copy(self.course)
        course.modules = []
        found: dict[Path, Lesson] = {}
        loading = Diagnostics()
        for module in self.course.modules:
            module_copy = copy.copy(module)
            module_copy.lessons = []
            for lesson in module.lessons:
                if lesson.file.resolve() in paths:
                    fresh = load_lesson(lesson.file, loading)
                    if fresh is None or not _same_ids(lesson, fresh):
                        return None  # the outline or its link targets changed: build everything
                    found[lesson.file.resolve()] = fresh
                    lesson = fresh
                module_copy.lessons.append(lesson)
            course.modules.append(module_copy)
        if loading.errors or len(found) != len(paths):
            return None
        checking = Diagnostics()
        variant_course = course_for_variant(course, self.variant, checking)
        if variant_course is None:
            return None
        validate_course(variant_course, checking)
        if checking.errors:
            return None
        # Only the changed lessons are localized (their modules otherwise empty); links still
        # resolve against the whole outline, which the render context takes from the full course.
        lesson_ids = {found[path].id for path in paths}
        changed_only = copy.copy(variant_course)
        changed_only.modules = []
        for module in variant_course.modules:
            lessons = [lesson for lesson in module.lessons if lesson.id in lesson_ids]
            if lessons:
                module_copy = copy.copy(module)
                module_copy.lessons = lessons
                changed_only.modules.append(module_copy)
        localizing = Diagnostics()  # its warnings count the changed lessons only: the full build's stay
        rendered = localized_course(changed_only, self.language or course.language, localizing)
        if localizing.errors:
            return None
        rendering = Diagnostics()
        if len(self.cache) > MAX_CACHE:  # renders of every past edit: start afresh now and then
            self.cache.clear()
        run = copy.copy(rendered.runs[0])  # the preview shows the first run, as compile_course's first
        run.id = self.run_id
        context = RenderContext(variant_course, rendering, rendered.language, self.cache)
        tree = write_lessons(rendered, run, lesson_ids, context)
        if rendering.errors:
            return None
        files = dict(self.files)
        files.update(tree.files)
        for name, path in context.assets.files.items():
            files.setdefault(f"static/{name}", path.read_bytes())
        changed_files = set(paths)
        kept = [
            d
            for d in self.diagnostics.items
            if d.position is None or d.position.file.resolve() not in changed_files
        ]
        fresh = Diagnostics(kept)
        known = {(d.severity, d.message, d.position) for d in kept}
        for diagnostic in loading.items + checking.items + rendering.items:
            key = (diagnostic.severity, diagnostic.message, diagnostic.position)
            if key not in known:
                known.add(key)
                fresh.items.append(diagnostic)
        self.files = files
        self.course = course
        self.diagnostics = fresh
        return lesson_ids

    # Waiting for changes (server-sent events) -------------------------------------------------

    def wait(self, version: int, timeout: float) -> int:
        """Block until the build is newer than *version* (or *timeout* seconds pass)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > version, timeout)
            return self.version


def _same_ids(old: Lesson, new: Lesson) -> bool:
    """Same lesson id and unit ids: nothing outside the lesson can see the change."""
    return old.id == new.id and [u.id for u in old.units] == [u.id for u in new.units]
