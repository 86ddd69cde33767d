"""``benchbook i18n extract|update|status``: the translation workflow, with gettext catalogs."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..i18n.catalogs import catalog_bytes, extract, po_path, read_entries, status, template_path, update
from ..load.course import load_course
from ..package.tarball import write_atomically
from ..pipeline import course_for_variant
from ..variants.overlay import variant_ids
from .common import EXIT_CONTENT, find_courses, report


def _courses(paths: tuple[Path, ...]):
    """Each course with the copies of it its variants make (their strings are translated too)."""
    for folder in find_courses(paths):
        diagnostics = Diagnostics()
        course = load_course(folder, diagnostics)
        variants = []
        if course is not None:
            for variant_id in variant_ids(course.folder):
                variant = course_for_variant(course, variant_id, diagnostics)
                if variant is not None:
                    variants.append(variant)
        if course is None or diagnostics.errors:
            report(diagnostics, "text", False)
            raise SystemExit(EXIT_CONTENT)
        yield course, variants


@click.group("i18n")
def i18n_group() -> None:
    """Translate courses: extract strings, update .po files, see what is left."""


@i18n_group.command("extract")
@click.argument("courses", nargs=-1, type=click.Path(path_type=Path))
def extract_command(courses: tuple[Path, ...]) -> None:
    """Write locale/messages.pot with every learner-visible string of each course."""
    for course, variants in _courses(courses):
        catalog = extract(course, variants)
        path = template_path(course)
        write_atomically(path, catalog_bytes(catalog))
        click.echo(f"wrote {path} ({len(catalog)} strings)")


@i18n_group.command("update")
@click.argument("courses", nargs=-1, type=click.Path(path_type=Path))
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
def update_command(courses: tuple[Path, ...], languages: tuple[str, ...]) -> None:
    """Merge the strings of each course into locale/<lang>.po for every other course language.

    New strings are added, changed ones marked fuzzy with the previous text kept for the
    translator, removed ones made obsolete.
    """
    for course, variants in _courses(courses):
        template = extract(course, variants)
        write_atomically(template_path(course), catalog_bytes(template))
        for language in languages or course.languages[1:]:
            path = po_path(course, language)
            try:
                catalog, created = update(template, path, language)
            except Exception as exc:
                click.echo(f"{path}: error: cannot read translations: {exc}", err=True)
                click.echo(
                    "  hint: fix the file (or delete it to start over), then run update again", err=True
                )
                raise SystemExit(EXIT_CONTENT) from None
            write_atomically(path, catalog_bytes(catalog, include_previous=True))
            click.echo(f"{'created' if created else 'updated'} {path}")


@i18n_group.command("status")
@click.argument("courses", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Exit 1 when a language is incomplete.")
def status_command(courses: tuple[Path, ...], strict: bool) -> None:
    """Per language: translated, fuzzy and missing strings."""
    incomplete = False
    for course, variants in _courses(courses):
        template = extract(course, variants)
        click.echo(f"{course.folder.name} ({len(template)} strings, source {course.language})")
        for language in course.languages[1:]:
            path = po_path(course, language)
            diagnostics = Diagnostics()
            entries = read_entries(path, diagnostics) if path.is_file() else None
            if diagnostics.errors:
                report(diagnostics, "text", False)
                raise SystemExit(EXIT_CONTENT)
            result = status(template, entries, language)
            incomplete = incomplete or not result.complete
            click.echo(
                f"  {language}: {result.translated} translated, {result.fuzzy} fuzzy, {result.missing} missing"
                + ("" if result.complete else "  (incomplete)")
            )
    if strict and incomplete:
        raise SystemExit(EXIT_CONTENT)
