"""The compiler pipeline: load → model → validate → render/write OLX → package.

``check_course`` stops after validation (plus a dry render, which finds broken links and images);
``build_course`` writes one package per run. Nothing is written unless the whole course is clean,
so a failed build leaves ``dist/`` exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostics
from .load.course import load_course
from .model import Course
from .package.tarball import tar_bytes, write_atomically
from .validate.course import validate_course
from .write.olx import OlxTree, write_course


@dataclass
class CompiledRun:
    run_id: str
    tree: OlxTree
    archive_name: str


@dataclass
class Compilation:
    course: Course | None
    diagnostics: Diagnostics
    runs: list[CompiledRun] = field(default_factory=list)


def archive_name(course: Course, run_id: str) -> str:
    return f"{course.org}-{course.number}-{run_id}.tar.gz"


def compile_course(folder: Path) -> Compilation:
    """Load, validate and render every run of the course in *folder*; write nothing."""
    diagnostics = Diagnostics()
    course = load_course(folder, diagnostics)
    compilation = Compilation(course, diagnostics)
    if course is None:
        return compilation
    validate_course(course, diagnostics)
    if diagnostics.errors:
        # Still render once to find broken links and images: every problem in one pass.
        if course.runs:
            _render_quietly(course, diagnostics)
        return compilation
    for run in course.runs:
        render_diagnostics = Diagnostics()
        tree = write_course(course, run, render_diagnostics)
        if run is course.runs[0]:
            diagnostics.extend(render_diagnostics)
        compilation.runs.append(CompiledRun(run.id, tree, archive_name(course, run.id)))
    return compilation


def _render_quietly(course: Course, diagnostics: Diagnostics) -> None:
    render_diagnostics = Diagnostics()
    try:
        write_course(course, course.runs[0], render_diagnostics)
    except Exception:
        return
    known = {(d.message, d.position) for d in diagnostics.items}
    diagnostics.items.extend(d for d in render_diagnostics.items if (d.message, d.position) not in known)


def build_course(folder: Path, out: Path, strict: bool = False) -> Compilation:
    """Compile and, only if nothing is wrong, write one archive per run into *out*."""
    compilation = compile_course(folder)
    if compilation.diagnostics.has_errors(strict) or not compilation.runs:
        raise BuildFailed(compilation.diagnostics)
    for compiled in compilation.runs:
        write_atomically(out / compiled.archive_name, tar_bytes(compiled.tree.files))
    return compilation
