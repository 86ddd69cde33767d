"""``benchbook new course NAME``: a course that builds, to copy from.

Every value given on the command line is checked before anything is written, against the same
schema ``benchbook check`` uses (a value that cannot be valid is a usage error, exit 2), and is
written into ``course.yaml`` as a YAML scalar that reads back as exactly that text: quoted when YAML
would otherwise read it as something else (``Evidence: a primer #1``, ``12345``, ``No``).
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from importlib import resources
from pathlib import Path

import click
import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..diagnostics import Diagnostics
from ..load.text import CONTROL_CHARACTERS, LINE_SEPARATORS
from ..load.yamlfile import load_yaml_text
from ..validate.schema import PATTERN_HINTS, course_schema
from .common import EXIT_USAGE
from .schema import SOURCES, TARGET_NAMES

COURSE_FILES = {
    "course.yaml": "course.yaml.j2",
    "about.md": "about.md",
    "modules/01-introduction/module.yaml": "module.yaml",
    "modules/01-introduction/01-welcome.md": "01-welcome.md",
    "static/images/course-image.png": "course-image.png",
}
"""Target path → template; only ``.j2`` files are rendered, the rest are copied as they are."""

NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
SCHEMAS = Path(".benchbook") / "schemas"
"""Where ``benchbook schema`` writes the editors' schemas by default (relative to the working folder)."""


def yaml_scalar(value: str) -> str:
    """*value* as one YAML scalar that reads back as this very text, quoted only when it must be."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=float("inf"))
    text = dumped.removesuffix("\n").removesuffix("\n...").removesuffix("\n")
    diagnostics = Diagnostics()
    back = load_yaml_text(f"key: {text}\n", Path("course.yaml"), diagnostics)
    if "\n" in text or diagnostics.items or back is None or back.data != {"key": value}:
        # never seen, but the file must build: JSON's quoted string is YAML's double-quoted scalar
        return json.dumps(value, ensure_ascii=False)
    return text


def _check_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not NAME.fullmatch(value):
        raise click.BadParameter(
            f"'{value}': use lowercase letters, digits and '-', starting with a letter or digit "
            "(e.g. chain-of-custody)"
        )
    return value


def _check_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--org and --number: what course.schema.json allows (Open edX puts them in the course key)."""
    if value is None:
        return None
    if not course_schema("course.schema.json", f"/properties/{param.name}").is_valid(value):
        raise click.BadParameter(f"'{value}': {PATTERN_HINTS[param.name]}")
    return value


def _check_title(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("the title cannot be empty")
    if "\n" in value or "\r" in value or LINE_SEPARATORS.search(value):
        raise click.BadParameter("write the title on one line")
    if "{{" in value or "{%" in value:
        raise click.BadParameter(
            "'{{' and '{%' start a variable: the new course defines none "
            "(add the title's variables later, under 'jurisdiction:' in course.yaml)"
        )
    bad = CONTROL_CHARACTERS.search(value)
    if bad:
        raise click.BadParameter(
            f"the title contains a control character (U+{ord(bad.group(0)):04X}); remove it"
        )
    return value


@click.group("new")
def new_group() -> None:
    """Scaffold new sources."""


@click.command("course")
@click.argument("name", callback=_check_name)
@click.option(
    "--org",
    default="ORG",
    show_default=True,
    callback=_check_code,
    help="Organisation code: letters, digits and '_ - . ~' (e.g. UNODC).",
)
@click.option(
    "--number",
    default=None,
    callback=_check_code,
    help="Course number: letters, digits and '_ - . ~' (default: from NAME).",
)
@click.option("--title", default=None, callback=_check_title, help="Course title (default: from NAME).")
@click.option(
    "--into",
    type=click.Path(path_type=Path),
    default=Path("courses"),
    show_default=True,
    help="Folder the course folder is created in.",
)
def new_course(name: str, org: str, number: str | None, title: str | None, into: Path) -> None:
    """Create courses/NAME with a course.yaml, a module and a lesson with a quiz.

    NAME is the course folder's name: lowercase letters, digits and '-'. The editors' JSON Schemas
    are written to .benchbook/schemas (as `benchbook schema` does) and course.yaml points to them.
    """
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
    env.filters["yaml"] = yaml_scalar
    schemas, modeline = _schemas_for(target)
    values = {
        "org": org,
        "number": number or re.sub(r"[^A-Z0-9]", "", name.upper())[:12] or "COURSE1",
        "title": title or name.replace("-", " ").capitalize(),
        "year": date.today().year + 1,
        "schema": f"{modeline}/course.schema.json",
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
    _write_schemas(schemas)
    click.echo(f"created {target}/ — build it with: benchbook build {target}")


def _schemas_for(target: Path) -> tuple[Path, str]:
    """Where the editors' schemas go, and that folder as course.yaml's modeline names it.

    A course created inside the working folder (``courses/NAME`` run from the repository, as every
    command here is) points to the working folder's ``.benchbook/schemas``, where ``benchbook
    schema`` writes them: one copy for every course, refreshed by one command after a clone. A
    course created elsewhere keeps its own copy in its ``.benchbook/schemas``.
    """
    cwd = Path.cwd().resolve()
    course = target.resolve()
    if course.is_relative_to(cwd):
        schemas = cwd / SCHEMAS
        return schemas, Path(os.path.relpath(schemas, course)).as_posix()
    return course / SCHEMAS, SCHEMAS.as_posix()


def _write_schemas(folder: Path) -> None:
    """The schemas ``benchbook schema`` writes; files already up to date are left alone."""
    folder.mkdir(parents=True, exist_ok=True)
    for package, names in SOURCES.items():
        for name in names:
            text = resources.files(package).joinpath(name).read_text("utf-8")
            path = folder / TARGET_NAMES.get(package, name)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                partial.write_text(text, encoding="utf-8")
                partial.replace(path)  # an editor (or another `new`) never reads half a file


new_group.add_command(new_course)
