"""``benchbook variant-diff ID``: what a country variant changes, for legal reviewers."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..load.course import load_course
from ..pipeline import course_for_variant
from ..variants.diff import variant_report
from .common import EXIT_CONTENT, find_courses, report


@click.command("variant-diff")
@click.argument("variant")
@click.argument("course", required=False, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path), help="Write the report here (Markdown).")
def variant_diff_command(variant: str, course: Path | None, out: Path | None) -> None:
    """Report everything VARIANT changes against the base COURSE (default: the only course)."""
    folders = find_courses((course,) if course else ())
    if len(folders) != 1:
        raise click.UsageError("several courses here: name the COURSE folder")
    diagnostics = Diagnostics()
    base = load_course(folders[0], diagnostics)
    changed = course_for_variant(base, variant, diagnostics) if base else None
    if base is None or changed is None or diagnostics.errors:
        report(diagnostics, "text", False)
        raise SystemExit(EXIT_CONTENT)
    text = variant_report(base, changed, diagnostics)
    if diagnostics.errors:
        report(diagnostics, "text", False)
        raise SystemExit(EXIT_CONTENT)
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)
