"""``benchbook schema``: write the JSON Schemas where an editor can find them."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from .common import output_folder

SOURCES = {
    "benchbook.authoring.schemas": [
        "course.schema.json",
        "module.schema.json",
        "lesson.schema.json",
        "quiz.schema.json",
        "components.schema.json",
        "variant.schema.json",
    ],
    "benchbook.xblocks.evidence_scenario": ["authoring.schema.json"],
    "benchbook.xblocks.mock_adjudication": ["authoring.schema.json"],
}
TARGET_NAMES = {
    "benchbook.xblocks.evidence_scenario": "scenario.schema.json",
    "benchbook.xblocks.mock_adjudication": "case.schema.json",
}


@click.command("schema")
@click.option(
    "--out", "-o", type=click.Path(path_type=Path), default=Path(".benchbook/schemas"), show_default=True
)
def schema_command(out: Path) -> None:
    """Write the JSON Schemas for course.yaml, lessons, quizzes, scenarios and cases into OUT.

    Point your editor at them (VS Code's YAML extension: `yaml.schemas`) for completion and checks.
    """
    output_folder(out).mkdir(parents=True, exist_ok=True)
    for package, names in SOURCES.items():
        for name in names:
            text = resources.files(package).joinpath(name).read_text("utf-8")
            target = out / TARGET_NAMES.get(package, name)
            target.write_text(text, encoding="utf-8")
            click.echo(f"wrote {target}")
