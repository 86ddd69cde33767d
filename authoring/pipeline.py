"""The compiler pipeline: load → (variant) → validate → localize → render/write OLX → package.

``compile_course`` checks everything and renders every run of one language × variant in memory;
``compile_matrix`` does that for every combination the course declares. Nothing is written
unless the whole build is clean, so a failed build leaves ``dist/`` exactly as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostics
from .i18n.languages import UN_LANGUAGES
from .i18n.localize import localized_course
from .load.course import load_course
from .model import Course, copy_course
from .package.tarball import tar_bytes, write_atomically
from .render.context import RenderCache
from .render.store import RenderStore
from .validate.course import validate_course
from .variants.overlay import apply_variant, load_variant
from .write.olx import OlxTree, write_course


@dataclass
class CompiledRun:
    run_id: str
    tree: OlxTree
    archive_name: str
    language: str = ""
    variant: str = ""


@dataclass
class Compilation:
    course: Course | None
    diagnostics: Diagnostics
    runs: list[CompiledRun] = field(default_factory=list)


@dataclass(frozen=True)
class Target:
    """One course run to build: a language of a variant ("" = the base course)."""

    language: str
    variant: str = ""


_gc_lock = threading.Lock()
_gc_pause = {"depth": 0, "was_enabled": False}


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the length of a build.

    A build keeps the whole course (model, rendered files) alive and every full collection walks
    all of it, so collections made per-unit time grow with the size of the course. A build makes
    next to no reference cycles (its peak memory is the same either way) and reference counting
    still frees everything, so nothing is lost. Nested and concurrent builds (the preview's
    threads) share one pause; the collector comes back, if it was on, when the last one ends.
    """
    with _gc_lock:
        if _gc_pause["depth"] == 0:
            _gc_pause["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_pause["depth"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pause["depth"] -= 1
            if _gc_pause["depth"] == 0 and _gc_pause["was_enabled"]:
                gc.enable()


def matrix(course: Course) -> list[Target]:
    """Every combination the course declares: its variants (or the base) × its languages."""
    variants = course.variants or [""]
    return [Target(language, variant) for variant in variants for language in course.languages]


def run_suffix(course: Course, target: Target) -> str:
    """``_<variant>`` and, when the course has several languages, ``_<lang>``."""
    parts = [target.variant] if target.variant else []
    if len(course.languages) > 1:
        parts.append(target.language)
    return "".join(f"_{part}" for part in parts)


def archive_name(course: Course, run_id: str, target: Target | None = None) -> str:
    suffix = ""
    if target is not None:
        parts = [target.variant] if target.variant else []
        if len(course.languages) > 1:
            parts.append(target.language)
        suffix = "".join(f"-{part}" for part in parts)
    return f"{course.org}-{course.number}-{run_id}{suffix}.tar.gz"


def compile_course(
    folder: Path, language: str | None = None, variant: str | None = None, store: RenderStore | None = None
) -> Compilation:
    """Load, validate and render every run of one language of one variant; write nothing.

    With a *store*, Markdown rendered by earlier builds is taken from it (and new renders added).
    """
    with cyclic_gc_paused():
        return _compile_course(folder, language, variant, store)


def _compile_course(
    folder: Path, language: str | None, variant: str | None, store: RenderStore | None
) -> Compilation:
    diagnostics = Diagnostics()
    course = load_course(folder, diagnostics)
    compilation = Compilation(course, diagnostics)
    if course is None:
        return compilation
    target = Target(language or course.language, variant or "")
    _check_target(course, target, diagnostics)
    _compile_targets(course, [target], compilation, store)
    return compilation


def compile_matrix(
    folder: Path,
    languages: tuple[str, ...] = (),
    variants: tuple[str, ...] = (),
    store: RenderStore | None = None,
) -> Compilation:
    """Every declared language × variant (or the ones asked for) of the course in *folder*."""
    with cyclic_gc_paused():
        return _compile_matrix(folder, languages, variants, store)


def _compile_matrix(
    folder: Path, languages: tuple[str, ...], variants: tuple[str, ...], store: RenderStore | None
) -> Compilation:
    diagnostics = Diagnostics()
    course = load_course(folder, diagnostics)
    compilation = Compilation(course, diagnostics)
    if course is None:
        return compilation
    targets = [
        target
        for target in matrix(course)
        if (not languages or target.language in languages) and (not variants or target.variant in variants)
    ]
    if languages or variants:  # asked for explicitly: build them even when not declared
        asked = [
            Target(lang, var)
            for var in variants or course.variants or [""]
            for lang in languages or course.languages
        ]
        targets += [target for target in asked if target not in targets]
    for target in targets:
        _check_target(course, target, diagnostics)
    _compile_targets(course, targets, compilation, store)
    return compilation


def course_for_variant(course: Course, variant_id: str, diagnostics: Diagnostics) -> Course | None:
    """A copy of *course* with the variant applied (the course itself for the base)."""
    if not variant_id:
        return course
    variant = load_variant(course, variant_id, diagnostics)
    if variant is None:
        return None
    result = copy_course(course)
    apply_variant(result, variant, diagnostics)
    result.variant = variant_id
    return result


def _check_target(course: Course, target: Target, diagnostics: Diagnostics) -> None:
    if target.language not in course.languages:
        diagnostics.error(
            f"'{target.language}' is not one of the course's languages ({', '.join(course.languages)})",
            course.source.at(("languages",)) if course.source else None,
            f"add it under 'languages:' in course.yaml (UN languages: {', '.join(UN_LANGUAGES)})",
        )


def _compile_targets(
    course: Course, targets: list[Target], compilation: Compilation, store: RenderStore | None = None
) -> None:
    diagnostics = compilation.diagnostics
    cache: RenderCache = {}
    by_variant: dict[str, list[Target]] = {}
    for target in targets:
        by_variant.setdefault(target.variant, []).append(target)
    for variant_id, variant_targets in by_variant.items():
        variant_course = course_for_variant(course, variant_id, diagnostics)
        if variant_course is None:
            continue
        validate_course(variant_course, diagnostics)  # even after load errors: every problem in one pass
        if diagnostics.errors:
            _render_quietly(variant_course, diagnostics)
            continue
        for target in variant_targets:
            localized = localized_course(variant_course, target.language, diagnostics)
            if diagnostics.errors:
                continue
            suffix = run_suffix(course, target)
            for run in localized.runs:
                run_diagnostics = Diagnostics()
                target_run = dataclasses.replace(run, id=f"{run.id}{suffix}")
                tree = write_course(localized, target_run, run_diagnostics, cache, store)
                if run is localized.runs[0]:
                    _add_new(diagnostics, run_diagnostics)
                compilation.runs.append(
                    CompiledRun(
                        target_run.id,
                        tree,
                        archive_name(course, run.id, target),
                        target.language,
                        target.variant,
                    )
                )


def _add_new(diagnostics: Diagnostics, more: Diagnostics) -> None:
    """Add what *more* found that is not reported yet (each language renders the same links)."""
    known = {(d.severity, d.message, d.position) for d in diagnostics.items}
    diagnostics.items.extend(d for d in more.items if (d.severity, d.message, d.position) not in known)


def _render_quietly(course: Course, diagnostics: Diagnostics) -> None:
    """Render once anyway to find broken links and images too: every problem in one pass."""
    if not course.runs:
        return
    render_diagnostics = Diagnostics()
    try:
        write_course(course, course.runs[0], render_diagnostics)
    except Exception:
        return
    _add_new(diagnostics, render_diagnostics)


def build_course(folder: Path, out: Path, strict: bool = False, render_cache: bool = False) -> Compilation:
    """Compile the source language of the base course and write one archive per run into *out*.

    *render_cache*: keep rendered Markdown in ``<folder>/.benchbook/cache/`` between builds.
    """
    store = RenderStore.for_course(folder.resolve()) if render_cache else None
    with cyclic_gc_paused():
        compilation = compile_course(folder, store=store)
        if store is not None:
            store.save()
        if compilation.diagnostics.has_errors(strict) or not compilation.runs:
            raise BuildFailed(compilation.diagnostics)
        for compiled in compilation.runs:
            write_atomically(out / compiled.archive_name, tar_bytes(compiled.tree.files))
    return compilation
