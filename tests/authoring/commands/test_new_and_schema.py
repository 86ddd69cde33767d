import json

from click.testing import CliRunner
from jsonschema import Draft202012Validator

from benchbook.authoring.cli import main
from benchbook.authoring.pipeline import compile_matrix


def test_new_course_builds_without_a_single_warning(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        main, ["new", "course", "chain-of-custody", "--org", "UNODC", "--into", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    compilation = compile_matrix(tmp_path / "chain-of-custody")
    assert compilation.diagnostics.items == []
    (run,) = compilation.runs
    assert "problem/welcome-q1.xml" in run.tree.files
    assert run.archive_name.startswith("UNODC-CHAINOFCUSTO-")


def test_new_course_refuses_bad_names_and_existing_folders(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["new", "course", "Bad Name", "--into", str(tmp_path)]).exit_code == 2
    (tmp_path / "taken").mkdir()
    result = runner.invoke(main, ["new", "course", "taken", "--into", str(tmp_path)])
    assert result.exit_code == 2
    assert "already exists" in result.output


def test_schema_command_writes_valid_schemas_for_editors(tmp_path):
    result = CliRunner().invoke(main, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert {
        "course.schema.json",
        "lesson.schema.json",
        "quiz.schema.json",
        "scenario.schema.json",
        "case.schema.json",
    } <= set(names)
    for path in tmp_path.iterdir():
        Draft202012Validator.check_schema(json.loads(path.read_text()))


def test_usage_errors_exit_2_without_traceback(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
