"""The translation workflow on a fixture course: extract, update, status, and builds that use it."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from benchbook.authoring.cli import main
from benchbook.authoring.pipeline import compile_matrix
from tests.support.packages import extract

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "courses" / "multilingual"


@pytest.fixture
def course(multilingual_course) -> Path:
    return multilingual_course


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def read(path: Path):
    with path.open("rb") as stream:
        return read_po(stream)


def test_extract_writes_every_string_with_context_and_file_line(course):
    assert run("i18n", "extract", str(course)).exit_code == 0
    catalog = read(course / "locale" / "messages.pot")
    paragraph = catalog.get(
        "Trafficking is an offence under {{ jurisdiction.statute_name }}.", context="unit:offences-offence"
    )
    assert paragraph.locations == [("modules/01-law/01-offences.md", 8)]
    listing = catalog.get("- Import and export\n- Sale and distribution", context="unit:offences-offence")
    assert listing.locations == [("modules/01-law/01-offences.md", 10)]
    assert catalog.get("Import is listed.", context="quiz:offences-q1") is not None
    assert catalog.get("Procedure in Examplia", context="lesson:procedure") is not None  # variant strings too
    assert catalog.get("offences-q1") is None  # ids are never offered for translation
    # jurisdiction facts land inside sentences, so they are offered too, at their definition
    fact = catalog.get("the national drug control law", context="jurisdiction")
    assert fact.locations == [("course.yaml", 8)]
    variant_fact = catalog.get("the Examplia Drugs Act 2020", context="jurisdiction")
    assert variant_fact.locations == [("variants/examplia/variant.yaml", 3)]


def test_update_adds_marks_fuzzy_with_previous_and_obsoletes(course):
    lesson = course / "modules" / "01-law" / "01-offences.md"
    text = lesson.read_text()
    text = text.replace("Each country", "X")  # unrelated file: untouched
    text = text.replace("- Sale and distribution", "- Sale, supply and distribution")
    text = text.replace(
        "## Check {#offences-check}", "## Check {#offences-check}\n\nA brand new paragraph.\n"
    )
    lesson.write_text(text)
    procedure = course / "modules" / "01-law" / "02-procedure.md"
    procedure.write_text(procedure.read_text().replace("Each country sets its own procedure.\n", ""))
    result = run("i18n", "update", str(course))
    assert result.exit_code == 0, result.output
    catalog = read(course / "locale" / "fr.po")
    changed = catalog.get(
        "- Import and export\n- Sale, supply and distribution", context="unit:offences-offence"
    )
    assert changed.fuzzy
    entry = polib.pofile(str(course / "locale" / "fr.po")).find(
        "- Import and export\n- Sale, supply and distribution", msgctxt="unit:offences-offence"
    )
    assert entry.previous_msgid == "- Import and export\n- Sale and distribution"  # shown as #| msgid
    assert changed.string == "- Importation et exportation\n- Vente et distribution"
    new = catalog.get("A brand new paragraph.", context="unit:offences-check")
    assert new is not None and not new.string
    assert ("Each country sets its own procedure.", "unit:procedure-general") in {
        (m.id, m.context) for m in catalog.obsolete.values()
    }
    status = run("i18n", "status", str(course), "--strict")
    assert status.exit_code == 1
    assert "fr: 21 translated, 1 fuzzy, 1 missing" in status.output


def test_status_counts_per_language(course):
    result = run("i18n", "status", str(course))
    assert result.exit_code == 0
    assert "fr: 23 translated, 0 fuzzy, 0 missing" in result.output
    assert "ar: 4 translated, 0 fuzzy, 19 missing  (incomplete)" in result.output
    assert run("i18n", "status", str(course), "--strict").exit_code == 1


def test_each_language_is_its_own_run_with_the_same_url_names(course, tmp_path):
    compilation = compile_matrix(course)
    assert not compilation.diagnostics.errors
    runs = {run.language: run for run in compilation.runs}
    assert sorted(runs) == ["ar", "en", "fr"]
    assert [run.run_id for run in compilation.runs] == [
        "2026_T1_examplia_en",
        "2026_T1_examplia_fr",
        "2026_T1_examplia_ar",
    ]
    assert runs["fr"].archive_name == "BENCH-LANG101-2026_T1-examplia-fr.tar.gz"
    fr, ar, en = runs["fr"].tree.files, runs["ar"].tree.files, runs["en"].tree.files
    assert sorted(p for p in fr if not p.startswith(("course/", "policies/"))) == sorted(
        p for p in en if not p.startswith(("course/", "policies/"))
    )
    assert b'language="fr"' in fr["course/2026_T1_examplia_fr.xml"]
    body = fr["html/offences-offence-text.html"].decode()
    assert body.startswith('<div class="benchbook" lang="fr" style="overflow-wrap: break-word">')
    assert "Le trafic est une infraction au regard de la loi de 2020 d'Examplia sur les drogues." in body
    assert "<li>Vente et distribution</li>" in body
    assert (
        '<div class="benchbook" lang="ar" dir="rtl" style="overflow-wrap: break-word">'
        in ar["html/offences-offence-text.html"].decode()
    )
    assert '<choice correct="true">Oui' in fr["problem/offences-q1.xml"].decode()


def test_untranslated_strings_fall_back_with_a_warning_and_fail_under_strict(course, tmp_path):
    compilation = compile_matrix(course, languages=("ar",))
    (warning,) = [d for d in compilation.diagnostics.warnings if "untranslated" in d.message]
    assert warning.position.file.name == "ar.po"
    assert warning.message.startswith("ar: 15 string(s) untranslated or fuzzy, shown in en instead")
    body = (
        {r.language: r for r in compilation.runs}["ar"].tree.files["html/offences-offence-text.html"].decode()
    )
    assert "Trafficking is an offence" in body  # the source text stands in
    out = tmp_path / "dist"
    assert run("build", str(course), "--lang", "ar", "--out", str(out)).exit_code == 0
    assert (
        run("build", str(course), "--lang", "ar", "--strict", "--out", str(tmp_path / "strict")).exit_code
        == 1
    )
    assert not (tmp_path / "strict").exists()


def test_a_translation_that_loses_a_variable_is_an_error_at_its_po_line(course):
    po = course / "locale" / "fr.po"
    text = po.read_text()
    text = text.replace(
        'msgstr "Le trafic est une infraction au regard de {{ jurisdiction.statute_name }}."',
        'msgstr "Le trafic est une infraction."',
    )
    po.write_text(text)
    line = next(
        i for i, row in enumerate(text.split("\n"), 1) if row == 'msgstr "Le trafic est une infraction."'
    )
    compilation = compile_matrix(course, languages=("fr",))
    (error,) = compilation.diagnostics.errors
    assert error.position.file.name == "fr.po"
    assert error.position.line in (line - 1, line - 2)  # the entry's msgid line
    assert "lost the variable 'jurisdiction.statute_name'" in error.message


def test_full_matrix_build_writes_one_package_per_combination(course, tmp_path):
    out = tmp_path / "dist"
    result = run("build", str(course), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "BENCH-LANG101-2026_T1-examplia-ar.tar.gz",
        "BENCH-LANG101-2026_T1-examplia-en.tar.gz",
        "BENCH-LANG101-2026_T1-examplia-fr.tar.gz",
    ]
    root = extract(out / "BENCH-LANG101-2026_T1-examplia-fr.tar.gz", tmp_path / "x")
    assert (
        root / "course.xml"
    ).read_bytes() == b'<course url_name="2026_T1_examplia_fr" org="BENCH" course="LANG101"/>'


def test_assignment_types_are_translated_with_the_lessons_that_name_them(course):
    lesson = course / "modules" / "01-law" / "01-offences.md"
    lesson.write_text(
        lesson.read_text().replace(
            "title: Trafficking offences\n", "title: Trafficking offences\ngraded: Check\n"
        )
    )
    compilation = compile_matrix(course, languages=("fr",))
    assert not compilation.diagnostics.errors, compilation.diagnostics.format(course)
    (fr,) = compilation.runs
    policy = json.loads(fr.tree.files["policies/2026_T1_examplia_fr/grading_policy.json"])
    assert [kind["type"] for kind in policy["GRADER"]] == ["Contrôle"]  # the Progress page is French
    assert b'format="Contr\xc3\xb4le"' in fr.tree.files["sequential/offences.xml"]  # and still matches


def test_two_assignment_types_translated_alike_are_an_error(course):
    config = course / "course.yaml"
    config.write_text(
        config.read_text()
        .replace(
            "      min_count: 0\n",
            "      weight: 0.5\n      min_count: 0\n    - type: Test\n      weight: 0.5\n      min_count: 0\n",
        )
        .replace("      weight: 1.0\n", "")
    )
    po = course / "locale" / "fr.po"
    po.write_text(po.read_text() + '\nmsgctxt "grading"\nmsgid "Test"\nmsgstr "Contrôle"\n')
    compilation = compile_matrix(course, languages=("fr",))
    (error,) = compilation.diagnostics.errors
    assert error.position.file.name == "fr.po"
    assert "assignment types 'Check' and 'Test' are both translated as 'Contrôle'" in error.message
