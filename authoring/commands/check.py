"""``benchbook check``: validate courses without writing anything."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..pipeline import compile_matrix
from .common import EXIT_CONTENT, courses_argument, find_courses, format_option, report, strict_option


@click.command("check")
@courses_argument
@strict_option
@format_option
def check_command(courses: tuple[Path, ...], strict: bool, output_format: str) -> None:
    """Report every problem in COURSES (default: every course in ./courses) in one pass.

    Every language × variant the course declares is checked.
    """
    everything = Diagnostics()
    for folder in find_courses(courses):
        everything.extend(compile_matrix(folder).diagnostics)
    report(everything, output_format, strict)
    if everything.has_errors(strict):
        raise SystemExit(EXIT_CONTENT)
    if output_format == "text":
        click.echo("ok: no problems found" if not everything.items else "ok (with warnings)")
