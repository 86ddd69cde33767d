"""``benchbook new course``: whatever it accepts builds; what could never build is refused up front."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from benchbook.authoring.cli import main
from benchbook.authoring.commands.new import yaml_scalar
from benchbook.authoring.diagnostics import Diagnostics
from benchbook.authoring.load.course import load_course

AWKWARD_TITLES = [
    "Evidence: a primer #1",
    "#1 evidence",
    "- a list?",
    "[draft] custody",
    "{custody}",
    "Custody & care",
    "*starred*",
    "!important",
    "%YAML",
    "@home",
    "`code`",
    "'single' quotes",
    '"double" quotes',
    'It\'s "both"',
    "> folded",
    "| literal",
    "? question",
    "yes",
    "No",
    "null",
    "~",
    "123",
    "0101",
    "1.5",
    "2:00",
    "2027-01-15",
    "Trailing colon:",
    " leading and trailing spaces ",
    "tab\tinside",
    "back\\slash",
    "Chaîne de possession — 证据 — سلسلة العهدة",
    "{#custody}",
    "{#! not a comment",
    "50% off",
    "<b>bold</b> & <script>",
    "a } b { c",
    "Custody " * 40,
]
AWKWARD_CODES = ["123", "0101", "12345", "0x1F", "2026_01", "1e5", "No", "null", "A.B~C-D_E", "1.0"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def new_course(*args: str) -> Path:
    result = run("new", "course", *args)
    assert result.exit_code == 0, result.output
    into = args[args.index("--into") + 1] if "--into" in args else "courses"
    return Path(into) / args[0]


def assert_checks(folder: Path) -> None:
    result = run("check", str(folder))
    assert result.exit_code == 0, result.output
    assert "ok: no problems found" in result.output


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # `new` writes the editors' schemas under the working folder


@pytest.mark.parametrize("title", AWKWARD_TITLES, ids=range(len(AWKWARD_TITLES)))
def test_any_one_line_title_is_written_so_that_it_builds(title: str):
    folder = new_course("c1", "--into", "nn", "--title", title)
    assert_checks(folder)
    diagnostics = Diagnostics()
    assert load_course(folder, diagnostics).title == title
    assert not diagnostics.items


@pytest.mark.parametrize("code", AWKWARD_CODES)
def test_orgs_and_numbers_yaml_would_read_as_something_else_are_written_as_text(code: str):
    folder = new_course("c1", "--into", "nn", "--org", code, "--number", code)
    assert_checks(folder)
    course = load_course(folder, Diagnostics())
    assert (course.org, course.number) == (code, code)


@pytest.mark.parametrize("name", ["123", "0101", "2026", "no", "a", "x-1"])
def test_names_that_look_like_numbers_or_booleans_give_a_course_that_builds(name: str):
    folder = new_course(name)
    assert folder == Path("courses") / name
    assert_checks(folder)


def test_values_yaml_reads_as_text_stay_unquoted():
    text = new_course("chain-of-custody", "--org", "UNODC", "--title", "Chain of custody")
    lines = (text / "course.yaml").read_text().splitlines()
    assert "org: UNODC" in lines
    assert "number: CHAINOFCUSTO" in lines
    assert "title: Chain of custody" in lines


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["UN-ODC-course", "--org", "UNODC"],
            "Invalid value for 'NAME': 'UN-ODC-course': use lowercase letters",
        ),
        (["my course"], "Invalid value for 'NAME'"),
        (["-x"], ""),  # an option click does not know
        (["../escape"], "Invalid value for 'NAME'"),
        (
            ["c1", "--org", "UN ODC"],
            "Invalid value for '--org': 'UN ODC': use letters, digits and '_ - . ~' only",
        ),
        (["c1", "--org", ""], "Invalid value for '--org'"),
        (["c1", "--org", "UNODC/HQ"], "Invalid value for '--org'"),
        (["c1", "--number", "JUST 101"], "Invalid value for '--number': 'JUST 101': use letters, digits"),
        (["c1", "--number", ""], "Invalid value for '--number'"),
        (["c1", "--number", "101+"], "Invalid value for '--number'"),
        (["c1", "--title", ""], "Invalid value for '--title': the title cannot be empty"),
        (["c1", "--title", "   "], "the title cannot be empty"),
        (["c1", "--title", "two\nlines"], "Invalid value for '--title': write the title on one line"),
        (["c1", "--title", "line\u2028separator"], "write the title on one line"),
        (["c1", "--title", "bell\x07"], "control character (U+0007)"),
        (["c1", "--title", "Under {{ jurisdiction.statute_name }}"], "'{{' and '{%' start a variable"),
        (["c1", "--title", "{% if x %}"], "'{{' and '{%' start a variable"),
    ],
)
def test_values_that_cannot_build_are_usage_errors_and_nothing_is_written(args: list[str], expected: str):
    result = run("new", "course", *args)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not Path("courses").exists()


def test_the_schema_modeline_points_to_the_schemas_from_wherever_the_course_is_created():
    for folder in [
        new_course("top"),
        new_course("nested", "--into", "nn"),
        new_course("deep", "--into", "a/b/c"),
        new_course("here", "--into", "."),
    ]:
        first = (folder / "course.yaml").read_text().splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix)
        schema = folder / first.removeprefix(prefix)
        assert schema.resolve() == (Path.cwd() / ".benchbook/schemas/course.schema.json").resolve()
        assert schema.is_file()
    assert (
        (folder / "course.yaml").read_text().startswith(f"{prefix}../.benchbook/schemas/course.schema.json\n")
    )
    assert {p.name for p in Path(".benchbook/schemas").iterdir()} >= {
        "course.schema.json",
        "quiz.schema.json",
        "scenario.schema.json",
        "case.schema.json",
    }


def test_a_course_created_outside_the_working_folder_keeps_its_own_schemas(tmp_path: Path, monkeypatch):
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    folder = new_course("elsewhere", "--into", str(tmp_path / "other"))
    first = (folder / "course.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=.benchbook/schemas/course.schema.json"
    assert (folder / ".benchbook/schemas/course.schema.json").is_file()
    assert not (tmp_path / "work" / ".benchbook").exists()
    assert_checks(folder)


@pytest.mark.parametrize("value", [*AWKWARD_TITLES, *AWKWARD_CODES, "", "a\nb", "\u00e9", "x" * 200])
def test_yaml_scalar_reads_back_as_the_same_text(value: str):
    from benchbook.authoring.load.yamlfile import load_yaml_text

    diagnostics = Diagnostics()
    text = yaml_scalar(value)
    assert "\n" not in text
    assert load_yaml_text(f"key: {text}\n", Path("x.yaml"), diagnostics).data == {"key": value}
    assert not diagnostics.items
