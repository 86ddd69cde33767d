"""What every command shares: finding courses, printing diagnostics, exit codes.

Exit codes: 0 success, 1 content errors (the trainer fixes the course), 2 usage errors (the command
line itself is wrong; click uses 2 for its own usage errors too).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

from ..diagnostics import Diagnostics

EXIT_CONTENT = 1
EXIT_USAGE = 2


def find_courses(paths: tuple[Path, ...]) -> list[Path]:
    """The course folders named, or every folder with a course.yaml under ./courses."""
    if paths:
        folders = []
        for path in paths:
            if path.is_file() and path.name == "course.yaml":
                path = path.parent
            if not path.is_dir():
                raise click.UsageError(f"'{path}' is not a course folder")
            if not (path / "course.yaml").is_file():
                if any(path.glob("*/course.yaml")):
                    folders.extend(sorted(p.parent for p in path.glob("*/course.yaml")))
                    continue
                raise click.UsageError(f"'{path}' has no course.yaml")
            folders.append(path)
        return folders
    default = Path("courses")
    folders = sorted(p.parent for p in default.glob("*/course.yaml"))
    if not folders:
        raise click.UsageError("no course given, and no courses/*/course.yaml here")
    return folders


def output_folder(path: Path, option: str = "--out") -> Path:
    """Check now that *path* can become the folder a command writes into, so an unusable one is a
    usage error before any work is done; nothing is created until there is something to write."""
    if path.exists() and not path.is_dir():
        raise click.UsageError(f"{option} '{path}' is a file, not a folder")
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing != path and not existing.is_dir():
        raise click.UsageError(f"{option} '{path}' cannot be used as a folder: '{existing}' is a file")
    if not os.access(existing, os.W_OK):
        raise click.UsageError(f"{option} '{path}' is not writable")
    return path


def report(diagnostics: Diagnostics, output_format: str, strict: bool) -> None:
    """Print diagnostics to stderr (text) or stdout (json), paths relative to the working dir."""
    cwd = Path.cwd()
    if output_format == "json":
        click.echo(diagnostics.to_json(cwd))
        return
    if diagnostics.items:
        click.echo(diagnostics.format(cwd), err=True)
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    if errors or warnings:
        summary = f"{errors} error(s), {warnings} warning(s)"
        if strict and warnings:
            summary += " — --strict: warnings fail the build"
        failed = errors or (strict and warnings)
        click.echo(click.style(summary, fg="red" if failed else "yellow"), err=True)


def is_tty() -> bool:
    return sys.stderr.isatty()


def progress(enabled: bool):
    """A progress bar on stderr for long builds; silent (and free) when not on a terminal."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=Console(stderr=True),
        transient=True,
        disable=not enabled,
    )


strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="How to print problems (json for CI annotations).",
)
courses_argument = click.argument("courses", nargs=-1, type=click.Path(path_type=Path))
