"""``benchbook new course NAME``: a course that builds, to copy from."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path

import click
from jinja2 import Environment, PackageLoader, StrictUndefined

from .common import EXIT_USAGE

COURSE_FILES = {
    "course.yaml": "course.yaml.j2",
    "about.md": "about.md",
    "modules/01-introduction/module.yaml": "module.yaml",
    "modules/01-introduction/01-welcome.md": "01-welcome.md",
    "static/images/course-image.png": "course-image.png",
}
"""Target path → template; only ``.j2`` files are rendered, the rest are copied as they are."""


@click.group("new")
def new_group() -> None:
    """Scaffold new sources."""


@click.command("course")
@click.argument("name")
@click.option("--org", default="ORG", show_default=True, help="Organisation code.")
@click.option("--number", default=None, help="Course number (default: from NAME).")
@click.option("--title", default=None, help="Course title (default: from NAME).")
@click.option(
    "--into",
    type=click.Path(path_type=Path),
    default=Path("courses"),
    show_default=True,
    help="Folder the course folder is created in.",
)
def new_course(name: str, org: str, number: str | None, title: str | None, into: Path) -> None:
    """Create courses/NAME with a course.yaml, a module and a lesson with a quiz."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        click.echo("error: NAME uses lowercase letters, digits and '-', e.g. chain-of-custody", err=True)
        raise SystemExit(EXIT_USAGE)
    target = into / name
    if target.exists():
        click.echo(f"error: {target} already exists; choose another name", err=True)
        raise SystemExit(EXIT_USAGE)
    env = Environment(
        loader=PackageLoader("benchbook.authoring", "templates/new-course"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    values = {
        "org": org,
        "number": number or re.sub(r"[^A-Z0-9]", "", name.upper())[:12] or "COURSE1",
        "title": title or name.replace("-", " ").capitalize(),
        "year": date.today().year + 1,
    }
    for relative, template in COURSE_FILES.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if template.endswith(".j2"):
            path.write_text(env.get_template(template).render(**values), encoding="utf-8")
        else:
            path.write_bytes(
                resources.files("benchbook.authoring").joinpath("templates/new-course", template).read_bytes()
            )
    click.echo(f"created {target}/ — build it with: benchbook build {target}")


new_group.add_command(new_course)
