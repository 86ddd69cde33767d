"""``benchbook handbook``: the whole course as one printable, self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from ..package.tarball import write_atomically
from .common import EXIT_CONTENT, find_courses, report


@click.command("handbook")
@click.argument("course", type=click.Path(path_type=Path), required=False)
@click.option("--lang", "language", default="", help="Language (default: the source language).")
@click.option("--variant", default="", help="Country variant (default: the base course).")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None, help="HTML file to write.")
def handbook_command(course: Path | None, language: str, variant: str, out: Path | None) -> None:
    """Write COURSE as one HTML file to read offline or print: every lesson, the scenarios as
    decision trees, the cases with their exhibits and model judgment, and an annex of quiz answers.

    Images are inlined, so the file can be mailed or copied on its own. No PDF is written: the
    project has no PDF engine; print the file to PDF from a browser (it has a print stylesheet).
    """
    from ..handbook.render import render_handbook

    folders = find_courses((course,) if course else ())
    if len(folders) != 1:
        raise click.UsageError("name one course folder")
    folder = folders[0]
    result = render_handbook(folder, language or None, variant or None)
    report(result.diagnostics, "text", False)
    if result.html is None:
        click.echo("handbook not written: fix the errors above", err=True)
        raise SystemExit(EXIT_CONTENT)
    target = out or Path(f"{result.name}.html")
    write_atomically(target, result.html.encode("utf-8"))
    click.echo(f"wrote {target}")
