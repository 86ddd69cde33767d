"""Country variants: facts as variables, lessons replaced by id, diffs for legal reviewers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from benchbook.authoring.cli import main
from benchbook.authoring.pipeline import compile_course, compile_matrix

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "courses" / "multilingual"


@pytest.fixture
def course(multilingual_course) -> Path:
    return multilingual_course


def test_variant_replaces_a_lesson_by_id_and_fills_in_its_facts(course):
    compilation = compile_course(course, variant="examplia")
    assert not compilation.diagnostics.errors
    (run,) = compilation.runs
    files = run.tree.files
    assert run.run_id == "2026_T1_examplia_en"
    sequential = files["sequential/procedure.xml"].decode()
    assert 'display_name="Procedure in Examplia"' in sequential
    assert '<vertical url_name="procedure-examplia"/>' in sequential
    assert "vertical/procedure-general.xml" not in files
    assert "the Examplia Drugs Act 2020" in files["html/offences-offence-text.html"].decode()
    assert "the maximum penalty set by national law" in files["html/procedure-examplia-text.html"].decode()
    assert 'display_name="Drug law basics — Examplia"' in files["course/2026_T1_examplia_en.xml"].decode()


def test_base_course_uses_the_course_defaults(course):
    compilation = compile_course(course)
    (run,) = compilation.runs
    assert "the national drug control law" in run.tree.files["html/offences-offence-text.html"].decode()
    assert run.run_id == "2026_T1_en"


def test_unknown_variable_is_an_error_at_file_and_line(course):
    lesson = course / "modules" / "01-law" / "01-offences.md"
    lesson.write_text(
        lesson.read_text().replace("{{ jurisdiction.statute_name }}", "{{ jurisdiction.statute }}")
    )
    compilation = compile_course(course, variant="examplia")
    (error,) = [d for d in compilation.diagnostics.errors if "variable" in d.message]
    assert error.message == "unknown variable 'jurisdiction.statute'"
    assert (error.position.file.name, error.position.line, error.position.col) == ("01-offences.md", 8, 33)
    assert error.hint == "did you mean 'jurisdiction.statute_name'?"


def test_variant_naming_a_missing_lesson_is_reported_in_variant_yaml(course):
    variant = course / "variants" / "examplia" / "variant.yaml"
    variant.write_text(variant.read_text().replace("- id: procedure", "- id: procedures"))
    compilation = compile_course(course, variant="examplia")
    (error,) = compilation.diagnostics.errors
    assert error.message == "variant 'examplia': no lesson 'procedures' in the course"
    assert (error.position.file.name, error.position.line) == ("variant.yaml", 6)
    assert error.hint == "did you mean 'procedure'?"


def test_variant_can_add_and_remove_by_id(course):
    variant = course / "variants" / "examplia"
    (variant / "lessons" / "extra.md").write_text(
        "---\nid: extra\ntitle: Extra\n---\n\n## Extra {#extra-unit}\n\nMore.\n"
    )
    (variant / "variant.yaml").write_text(
        "title: Examplia\nadd:\n  lessons:\n    - {file: lessons/extra.md, module: law, after: offences}\n"
        "remove:\n  units: [offences-check]\n"
    )
    compilation = compile_course(course, variant="examplia")
    assert not compilation.diagnostics.errors
    chapter = compilation.runs[0].tree.files["chapter/law.xml"].decode()
    assert chapter.index('"offences"') < chapter.index('"extra"') < chapter.index('"procedure"')
    assert "vertical/offences-check.xml" not in compilation.runs[0].tree.files


def test_unknown_variant_is_a_clear_error(course):
    result = CliRunner().invoke(
        main, ["build", str(course), "--variant", "exemplia", "--out", str(course / "d")]
    )
    assert result.exit_code == 1
    assert "unknown variant 'exemplia'" in result.output
    assert "did you mean 'examplia'?" in result.output


def test_variant_diff_reports_facts_outline_and_texts(course, tmp_path):
    out = tmp_path / "diff.md"
    result = CliRunner().invoke(main, ["variant-diff", "examplia", str(course), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = out.read_text()
    assert (
        "| statute_name (changed) | the national drug control law | the Examplia Drugs Act 2020 |" in report
    )
    assert "- removed unit procedure-general: Procedure in general" in report
    assert "- added unit procedure-examplia: Procedure in Examplia" in report
    assert "+Trafficking is an offence under the Examplia Drugs Act 2020." in report


def test_base_in_the_variant_list_builds_the_course_as_written_too(course):
    course_yaml = course / "course.yaml"
    course_yaml.write_text(
        course_yaml.read_text().replace("variants: [examplia]", "variants: [base, examplia]")
    )
    compilation = compile_matrix(course, languages=("en",))
    assert [run.run_id for run in compilation.runs] == ["2026_T1_en", "2026_T1_examplia_en"]
    assert [run.archive_name for run in compilation.runs] == [
        "BENCH-LANG101-2026_T1-en.tar.gz",
        "BENCH-LANG101-2026_T1-examplia-en.tar.gz",
    ]
