"""``benchbook build``: compile courses into Studio-importable packages."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..package.tarball import tar_bytes, write_atomically
from ..pipeline import compile_matrix, cyclic_gc_paused
from ..render.store import RenderStore
from .common import (
    EXIT_CONTENT,
    courses_argument,
    find_courses,
    format_option,
    is_tty,
    output_folder,
    progress,
    report,
    strict_option,
)


@click.command("build")
@courses_argument
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder the .tar.gz packages are written to.",
)
@click.option("--lang", "languages", multiple=True, help="Build only this language (repeatable).")
@click.option("--variant", "variants", multiple=True, help="Build only this country variant (repeatable).")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Render every Markdown block afresh, without reading or writing the course's .benchbook/cache/.",
)
@strict_option
@format_option
def build_command(
    courses: tuple[Path, ...],
    out: Path,
    languages: tuple[str, ...],
    variants: tuple[str, ...],
    no_cache: bool,
    strict: bool,
    output_format: str,
) -> None:
    """Compile COURSES (folders; default: every course in ./courses) into OLX packages.

    Without --lang or --variant, every language × variant the course declares is built, each into
    its own package. Nothing is written unless everything compiles: a failed build leaves dist/
    as it was. Rendered Markdown is kept in each course's .benchbook/cache/ (git-ignored), so a
    rebuild renders only what changed; the packages are the same byte for byte either way.
    """
    output_folder(out)
    started = time.perf_counter()
    everything = Diagnostics()
    archives: list[tuple[Path, dict[str, bytes]]] = []
    written_by: dict[Path, Path] = {}  # package → the course folder that writes it
    clashes: set[tuple[Path, Path]] = set()
    folders = find_courses(courses)
    with progress(output_format == "text" and is_tty()) as bar:
        task = bar.add_task("compiling", total=len(folders))
        for folder in folders:
            bar.update(task, description=f"compiling {folder.name}")
            store = None if no_cache else RenderStore.for_course(folder.resolve())
            compilation = compile_matrix(folder, languages, variants, store)
            if store is not None:
                store.save()
            everything.extend(compilation.diagnostics)
            for compiled in compilation.runs:
                target = out / compiled.archive_name
                if target in written_by:
                    if (folder, written_by[target]) not in clashes:  # once per pair of courses
                        clashes.add((folder, written_by[target]))
                        _same_package(everything, compilation, target, written_by[target])
                    continue
                written_by[target] = folder
                archives.append((target, compiled.tree.files))
            bar.advance(task)
    report(everything, output_format, strict)
    if everything.has_errors(strict):
        if output_format == "text":
            click.echo("build failed: nothing was written", err=True)
        raise SystemExit(EXIT_CONTENT)
    with cyclic_gc_paused():
        for target, files in archives:
            write_atomically(target, tar_bytes(files))
            if output_format == "text":
                click.echo(f"wrote {target}")
    if output_format == "text":
        click.echo(f"{len(archives)} package(s) in {time.perf_counter() - started:.2f}s")


def _same_package(diagnostics: Diagnostics, compilation, target: Path, first: Path) -> None:
    """Two courses with the same org, number and run would overwrite each other's package (a
    copied course folder, typically): refuse rather than keep whichever came last."""
    course = compilation.course
    diagnostics.error(
        f"this course and {first} would both be written to {target.name}",
        course.source.at(("number",)) if course and course.source else None,
        "give one of them another 'number' (or another run id) in its course.yaml",
    )
