"""The distribution ships every package and data file it needs, under unique import names."""

from __future__ import annotations

import tomllib
from importlib.metadata import entry_points
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDERS = {"benchbook.authoring": REPO / "authoring", "benchbook.xblocks": REPO / "xblocks"}


def test_every_python_folder_is_listed_as_a_package():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = set()
    for name, folder in FOLDERS.items():
        for init in folder.rglob("__init__.py"):
            relative = init.parent.relative_to(folder).parts
            if "__pycache__" not in relative and "tests" not in relative:
                found.add(".".join((name, *relative)))
    assert found <= listed, f"add to pyproject [tool.setuptools] packages: {sorted(found - listed)}"
    assert listed <= found, f"listed but missing: {sorted(listed - found)}"


def test_xblocks_are_registered_under_xblock_v1():
    names = {ep.name: ep.value for ep in entry_points(group="xblock.v1")}
    assert names["evidence_scenario"] == "benchbook.xblocks.evidence_scenario.block:EvidenceScenarioBlock"
    assert names["mock_adjudication"] == "benchbook.xblocks.mock_adjudication.block:MockAdjudicationBlock"


def test_console_script():
    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "benchbook"]
    assert script.value == "benchbook.authoring.cli:run"


def test_the_wheel_ships_schemas_templates_assets_and_catalogs(tmp_path):
    """What `pip install benchbook` gives an Open edX instance: no build step, nothing left behind."""
    import subprocess
    import sys
    import zipfile

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            str(REPO),
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("benchbook-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for block in ("evidence_scenario", "mock_adjudication"):
        base = f"benchbook/xblocks/{block}"
        assert f"{base}/block.py" in names
        assert f"{base}/authoring.schema.json" in names
        assert f"{base}/public/{block}.js" in names and f"{base}/public/{block}.css" in names
        assert any(name.startswith(f"{base}/templates/") for name in names)
    assert "benchbook/authoring/schemas/course.schema.json" in names
    assert "benchbook/authoring/templates/new-course/course.yaml.j2" in names
    assert "benchbook/xblocks/evidence_scenario/translations/ar/LC_MESSAGES/text.mo" in names
