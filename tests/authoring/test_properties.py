"""Property tests: whatever a course folder holds, the compiler answers with diagnostics, never a crash.

Generators:

* ``courses()`` builds whole courses of random shape (modules → lessons → units → quizzes, videos,
  discussions, downloads, prose with links, images, tables and footnotes; pages, about page,
  certificate), drawing each value from a good or a bad pool at a rate chosen per course — so some
  courses are entirely valid and reach rendering, others are broken in many places: duplicate or
  malformed ids, wrong types, bad dates, unknown keys, YAML special characters, unicode, control
  characters, unquoted text that breaks the YAML;
* ``mutations()`` takes a valid course (the one of :mod:`tests.authoring.coursefactory`, or the same
  course as a bilingual country variant) and edits its files at random: lines inserted, deleted,
  duplicated, re-indented or cut short, characters replaced, files re-encoded.

Properties: ``compile_course`` / ``compile_matrix`` return (no exception escapes); every diagnostic
names a file of the course and a line inside it; a course without errors gives well-formed OLX (XML
parses, JSON is strict — no NaN — every pointer, ``/static/`` file and ``/jump_to_id/`` target exists,
url_names are unique) that olxcleaner accepts; compiling twice gives the same bytes; a stray line in
YAML is reported at that line. All examples are derandomized: a failure is a bug, never bad luck.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from benchbook.authoring.pipeline import Compilation, compile_course, compile_matrix
from tests.support.packages import olxcleaner_errors

from .coursefactory import BASE, COURSE, PNG, Edit, course_files, write_files

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure here is a bug, never bad luck
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# Text a trainer might type, including what YAML and Markdown give a meaning to.
YAML_SPECIALS = ":#-?[]{}&*!|>'\"%@`,"
ALPHABET = st.one_of(
    st.sampled_from("abcdefghij ABC0123456789"),
    st.sampled_from(YAML_SPECIALS),
    st.sampled_from("éüçñ中文العربيةкириллица🙂\u200f\u00a0"),
    st.sampled_from(["\n", "\t", "\\", "\r", "\x00", "\x01", "\x0c", "\u2028", "\ufeff"]),
)
TEXT = st.text(ALPHABET, max_size=24)
WORDS = st.sampled_from(
    [
        "Chain of custody",
        "Seal the bag",
        "yes",
        "no",
        "null",
        "~",
        "2027-01-15",
        "1e3",
        "0x1F",
        ".nan",
        "- item",
        "key: value",
        "# not a comment",
        "&anchor",
        "*alias",
        "!!str x",
        "[a, b]",
        "{a: 1}",
        "'single'",
        '"double"',
        "| block",
        "> folded",
        "@at",
        "`tick`",
        "Ünïcödé",
        "",
    ]
)
ANY_TEXT = st.one_of(WORDS, TEXT)
IDS = st.one_of(
    st.sampled_from(
        ["intro", "intro", "q1", "q1", "basics", "a", "Bad Id", "x.y", "-lead", "é", "", "UPPER"]
    ),
    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True),
)
DATES = st.one_of(
    st.sampled_from(
        ["2027-01-15", "2027-06-30", "2026-12-01", "2027-02-30", "2027-01-15T09:00", "tomorrow", ""]
    ),
    st.dates().map(str),
)
NUMBERS = st.one_of(
    st.integers(-3, 5),
    st.floats(allow_nan=True, allow_infinity=True, width=32),
    st.sampled_from([0.4, 0.6, 1, 0.5]),
)
SCALARS = st.one_of(ANY_TEXT, NUMBERS, st.booleans(), st.none(), DATES)


def yaml_text(value, raw: bool) -> str:
    """A value as YAML: quoted (always valid YAML) or raw (may be anything, even broken YAML)."""
    if isinstance(value, str):
        return value.replace("\n", " ") if raw else json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value != value:
        return ".nan"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    return json.dumps(value)


class Maker:
    """Draws one course's values; *rate* (0–100) is how often a value is drawn from the bad pool.

    Each course draws its own rate, so some courses are entirely valid (and reach rendering, where
    text meets Markdown and XML) while others are broken in many places at once.
    """

    def __init__(self, draw, rate: int):
        self.draw = draw
        self.rate = rate
        self.count = 0

    def bad(self) -> bool:
        return self.rate > 0 and self.draw(st.integers(0, 99)) < self.rate

    def text(self, required: bool = True) -> str:
        """Quoted random text (never blank when *required*), or, when bad, anything at all, raw."""
        if self.bad():
            return yaml_text(self.draw(SCALARS), raw=self.draw(st.booleans()))
        value = self.draw(ANY_TEXT)
        if required and not value.strip():
            value = f"Text {value}"
        return yaml_text(value, raw=False)

    def id(self, prefix: str) -> str:
        self.count += 1
        if self.bad():
            return yaml_text(self.draw(IDS), raw=self.draw(st.booleans()))
        return f"{prefix}-{self.count}"

    def pick(self, good, bad) -> str:
        """A good value (a strategy of YAML text), or a bad one."""
        return self.draw(bad) if self.bad() else self.draw(good)

    def keys(self, lines: list[str], indent: str = "") -> list[str]:
        """*lines*, sometimes with one dropped and sometimes with an unknown key added."""
        if lines and self.bad():
            lines = lines[:]
            del lines[self.draw(st.integers(0, len(lines) - 1))]
        if self.bad():
            lines = [
                *lines,
                f"{indent}{self.draw(st.sampled_from(['titel', 'self_pace', 'corect', 'x']))}: 1",
            ]
        return lines


BAD_VALUE = SCALARS.flatmap(lambda v: st.booleans().map(lambda raw: yaml_text(v, raw)))


def quiz(m: Maker) -> str:
    kind = m.pick(st.sampled_from(["single", "multiple", "dropdown", "numerical", "text"]), BAD_VALUE)
    lines = [f"id: {m.id('q')}", f"type: {kind}", f"question: {m.text()}"]
    if m.draw(st.booleans()):
        lines.append(f"explanation: {m.text()}")
    if m.draw(st.booleans()):
        lines.append(f"hints: [{m.text()}, {m.text()}]")
    if m.draw(st.booleans()):
        lines.append(f"points: {m.pick(st.sampled_from(['1', '2.5']), BAD_VALUE)}")
    if m.draw(st.booleans()):
        lines.append(f"max_attempts: {m.pick(st.sampled_from(['1', '3']), BAD_VALUE)}")
    if kind in ("single", "multiple", "dropdown") or m.bad():
        count = m.pick(st.integers(2, 4), st.integers(0, 4))
        right = m.draw(st.integers(0, count - 1)) if count else 0
        lines.append("choices:")
        for index in range(count):
            text = (
                m.text() if m.bad() else yaml_text(f"{m.draw(ANY_TEXT).strip()} {index}".strip(), raw=False)
            )
            if kind == "dropdown":
                text = text.replace("\\n", " ").replace("\\r", " ").replace("\\u2028", " ")
            lines.append(f"  - text: {text}")
            correct = index == right or (kind == "multiple" and m.draw(st.booleans()))
            if correct or m.bad():
                lines.append(f"    correct: {m.pick(st.just('true'), BAD_VALUE)}")
            if m.draw(st.booleans()):
                lines.append(f"    feedback: {m.text()}")
    if kind == "numerical" or m.bad():
        answer = st.one_of(st.integers(-100, 100).map(str), st.floats(-1e6, 1e6).map(repr))
        lines.append(f"answer: {m.pick(answer, BAD_VALUE)}")
        if m.draw(st.booleans()):
            tolerance = m.pick(st.sampled_from(["0.5", "0", '"5%"']), BAD_VALUE)
            lines.append(f"tolerance: {tolerance}")
    if kind == "text" or m.bad():
        lines.append(f"answer: {m.text()}")
    return "```quiz\n" + "\n".join(m.keys(lines)) + "\n```"


def component(m: Maker) -> str:
    kind = m.draw(
        st.sampled_from(["prose", "prose", "quiz", "quiz", "video", "discussion", "download", "other"])
    )
    if kind == "quiz":
        return quiz(m)
    if kind == "video":
        source = m.pick(
            st.sampled_from(["youtube: dQw4w9WgXcQ", "file: ../../static/files/clip.mp4"]),
            st.sampled_from(["youtube: short", "file: missing.mp4", "youtube: https://youtu.be/x", ""]),
        )
        lines = [f"id: {m.id('video')}", f"title: {m.text()}", source]
        if m.draw(st.booleans()):
            lines.append(
                f"transcripts:\n  en: {m.pick(st.just('../../static/files/t.srt'), st.just('nope.srt'))}"
            )
        return "```video\n" + "\n".join(m.keys(lines)) + "\n```"
    if kind == "discussion":
        return "```discussion\n" + "\n".join(m.keys([f"id: {m.id('talk')}", f"title: {m.text()}"])) + "\n```"
    if kind == "download":
        file = m.pick(st.just("../../static/files/a.pdf"), st.sampled_from(["nope.pdf", "../../../x.pdf"]))
        lines = [f"id: {m.id('file')}", f"title: {m.text()}", f"file: {file}"]
        if m.draw(st.booleans()):
            lines.append(f"description: {m.text()}")
        return "```download\n" + "\n".join(m.keys(lines)) + "\n```"
    if kind == "other":
        info = m.pick(
            st.sampled_from(["python", "", "text"]),
            st.sampled_from(["quizz", "scenario", "scenario lab", "adjudication x", "vidoe"]),
        )
        return f"```{info}\n{m.draw(ANY_TEXT)}\n```"
    good_targets = ["../../static/images/pic.png", "01-lesson.md", "https://example.org", "#top"]
    bad_targets = [
        "../../static/images/missing.png",
        "02-lesson.md#intro",
        "../m2/01-lesson.md#unit-1",
        "ftp://x",
        "../../../outside.png",
        "../../static/images_pic.png",  # flattens to the same /static name as static/images/pic.png
    ]
    target = m.pick(st.sampled_from(good_targets), st.sampled_from(bad_targets))
    alt = m.pick(st.sampled_from(["A picture", "Ünïcödé [x]"]), st.just(""))
    extra = m.draw(
        st.sampled_from(
            [
                f"![{alt}]({target})",
                f"[a link]({target})",
                "| a | b |\n|---|---|\n| 1 | 2 |",
                "A note[^1].\n\n[^1]: Note.",
                "> quoted\n\n- item\n- item",
                "",
            ]
        )
    )
    return f"{m.draw(ANY_TEXT)}\n\n{extra}".strip("\n") or "Text."


def lesson(m: Maker, types: list[str]) -> str:
    lines = [f"id: {m.id('lesson')}", f"title: {m.text()}"]
    if types and m.draw(st.booleans()):
        lines.append(f"graded: {m.pick(st.sampled_from(types), st.just('Unknown type'))}")
    if m.draw(st.booleans()):
        lines.append(f"due: {m.pick(st.sampled_from(['2027-03-01', '2027-03-01T09:00']), DATES)}")
    units = []
    for _ in range(m.draw(st.integers(1, 3)) if not m.bad() else m.draw(st.integers(0, 3))):
        heading = m.draw(ANY_TEXT).replace("\n", " ").replace("\r", " ")
        if m.draw(st.booleans()):
            heading += f" {{#{m.pick(st.just(f'unit-{m.count}'), IDS)}}}"
            m.count += 1
        parts = [component(m) for _ in range(m.draw(st.integers(1, 3)))]
        units.append("\n\n".join([f"## {heading}", *parts]))
    body = "\n\n".join(units)
    front = "\n".join(m.keys(lines))
    shape = m.pick(st.just("normal"), st.sampled_from(["normal", "none", "unclosed"]))
    if shape == "none":
        return body
    if shape == "unclosed":
        return f"---\n{front}\n{body}"
    return f"---\n{front}\n---\n\n{body}\n"


@st.composite
def courses(draw, rates: tuple[int, ...] = (0, 0, 2, 5, 20)) -> dict[str, str | bytes]:
    m = Maker(draw, draw(st.sampled_from(rates)))
    types = draw(st.lists(st.sampled_from(["Quiz", "Exam", "Homework"]), max_size=3, unique=True))
    files: dict[str, str | bytes] = {
        "static/images/pic.png": PNG,
        "static/images_pic.png": PNG,
        "static/files/a.pdf": b"%PDF-1.4\n",
        "static/files/clip.mp4": b"\x00\x00\x00\x18ftypmp42",
        "static/files/t.srt": "1\n00:00:00,000 --> 00:00:01,000\nHi\n",
    }
    outline = []
    for number in range(m.pick(st.integers(1, 3), st.integers(0, 3))):
        folder = f"modules/m{number + 1}"
        outline.append(m.pick(st.just(folder), st.just(f"{folder}-missing")))
        module = m.keys([f"id: {m.id('module')}", f"title: {m.text()}"])
        names = [f"{n + 1:02d}-lesson.md" for n in range(m.pick(st.integers(1, 3), st.integers(0, 3)))]
        if draw(st.booleans()):
            listed = [*names, *(["99-missing.md"] if m.bad() else [])]
            module.append("lessons:\n" + "".join(f"  - {name}\n" for name in listed))
        if not m.bad():
            files[f"{folder}/module.yaml"] = "\n".join(module) + "\n"
        for name in names:
            files[f"{folder}/{name}"] = lesson(m, types)
    runs = []
    for index in range(m.pick(st.integers(1, 2), st.integers(0, 2))):
        dates = {
            "start": m.pick(st.just("2027-01-15"), DATES),
            "end": m.pick(st.just("2027-06-30"), DATES),
            "enrollment_start": m.pick(st.just("2026-12-01"), DATES),
            "enrollment_end": m.pick(st.just("2027-01-31"), DATES),
        }
        lines = [
            f"    {key}: {value}"
            for key, value in dates.items()
            if key in ("start", "end") or draw(st.booleans())
        ]
        run_id = m.pick(st.just(f"2027_T{index + 1}"), st.sampled_from(["2027_T1", "bad id", "''"]))
        runs.append(f"  - id: {run_id}\n" + "\n".join(m.keys(lines, "    ")))
    grading = ""
    if types or m.bad():
        weights = [round(1 / len(types), 6)] * len(types) if types else []
        if weights:
            weights[-1] = round(1 - sum(weights[:-1]), 6)
        entries = "".join(
            f"    - type: {t}\n      weight: {m.pick(st.just(str(w)), BAD_VALUE)}\n"
            f"      min_count: {m.pick(st.just('1'), BAD_VALUE)}\n"
            f"      drop_count: {m.pick(st.just('0'), BAD_VALUE)}\n"
            for t, w in zip(types, weights, strict=True)
        )
        grading = (
            f"grading:\n  pass_mark: {m.pick(st.just('0.5'), BAD_VALUE)}\n  assignment_types:\n{entries}"
        )
    head = m.keys(
        [
            f"org: {m.pick(st.just('UNODC'), st.sampled_from(['UN ODC', 'é', '1']))}",
            f"number: {m.pick(st.just('CC101'), st.sampled_from(['101', 'a/b']))}",
            f"title: {m.text()}",
            f"language: {m.pick(st.just('en'), st.sampled_from(['fr', 'xx', '']))}",
            f"self_paced: {m.pick(st.sampled_from(['true', 'false']), BAD_VALUE)}",
            f"course_image: {m.pick(st.just('static/images/pic.png'), st.just('static/missing.png'))}",
        ]
    )
    extras = ""
    if draw(st.booleans()):  # custom pages (tabs), each a Markdown file
        extras += "pages:\n"
        for index in range(m.pick(st.integers(1, 2), st.integers(0, 3))):
            page_id = m.pick(st.just(f"page-{index}"), st.sampled_from(["page-0", "Bad Page", "progress"]))
            name = m.pick(st.just(f"pages/p{index}.md"), st.just("pages/missing.md"))
            extras += f"  - id: {page_id}\n    title: {m.text()}\n    file: {name}\n"
            files[f"pages/p{index}.md"] = "# Page\n\n" + component(m) + "\n"
    if draw(st.booleans()):  # the about page: inline Markdown or a file
        overview = m.pick(
            st.sampled_from(["about.md", "About this course."]), st.sampled_from(["nope.md", "''"])
        )
        files["about.md"] = "## About\n\n" + component(m).replace("../../", "") + "\n"
        extras += f"about:\n  short_description: {m.text()}\n  overview: {overview}\n"
    if draw(st.booleans()):  # a certificate, maybe with a signature image
        signature = m.pick(st.just("static/images/pic.png"), st.sampled_from(["static/nope.png", "../x.png"]))
        extras += (
            f"certificate:\n  title: {m.text()}\n  signatories:\n"
            f"    - name: {m.text()}\n      title: {m.text()}\n      signature: {signature}\n"
        )
    course = "\n".join(head) + "\nruns:\n" + "".join(f"{r}\n" for r in runs) + grading + extras
    course += "outline:\n" + "".join(f"  - {folder}\n" for folder in outline)
    files["course.yaml"] = course if not m.bad() else draw(st.sampled_from([course, "", "- a\n", "{"]))
    return files


@st.composite
def mutations(draw, base: dict | None = None, prefixes: tuple[str, ...] = ("",)) -> dict[str, str | bytes]:
    """A valid course (default: the base course) with one to three random edits to its text files
    whose names start with one of *prefixes*: a line inserted, deleted, duplicated, re-indented or
    cut short, a character replaced, or the whole file re-encoded."""
    files = dict(BASE if base is None else base)
    names = sorted(n for n, c in files.items() if isinstance(c, str) and n.startswith(prefixes))
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(names))
        lines = files[name].split("\n")
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(
            st.sampled_from(["insert", "insert", "delete", "duplicate", "indent", "cut", "char"])
        )
        if operation == "insert":
            snippets = st.sampled_from(
                ["---", "```", "```quiz", "## {#x}", "  - x", "![](x.png)", "[a](b.md#c)"]
            )
            lines.insert(at, draw(st.one_of(ANY_TEXT, BAD_VALUE, snippets)))
        elif operation == "delete":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation == "indent":
            lines[at] = draw(st.sampled_from(["  ", " ", "\t", "    "])) + lines[at]
        elif operation == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif lines[at]:
            index = draw(st.integers(0, len(lines[at]) - 1))
            lines[at] = (
                lines[at][:index] + draw(st.sampled_from(YAML_SPECIALS + "é\t ")) + lines[at][index + 1 :]
            )
        files[name] = "\n".join(lines)
    if draw(st.integers(0, 9)) == 0:
        name = draw(st.sampled_from(names))
        files[name] = files[name].encode(draw(st.sampled_from(["utf-16", "latin-1", "cp1252"])), "replace")
    return files


def check_compilation(folder: Path, compilation: Compilation) -> None:
    shown = compilation.diagnostics.format(folder)
    for diagnostic in compilation.diagnostics.items:
        position = diagnostic.position
        assert position is not None, f"diagnostic without a position:\n{shown}"
        assert position.file.is_relative_to(folder), f"diagnostic about a file elsewhere:\n{shown}"
        assert diagnostic.message.strip(), f"empty message:\n{shown}"
        if position.line and position.file.is_file():
            lines = position.file.read_bytes().count(b"\n") + 1
            assert position.line <= lines, f"line {position.line} is past the end ({lines} lines):\n{shown}"
            if position.col:
                text = position.file.read_bytes().decode("utf-8", "replace").split("\n")[position.line - 1]
                assert position.col <= len(text) + 1, (
                    f"column {position.col} is past the end of its line:\n{shown}"
                )
    if compilation.diagnostics.errors:
        return
    assert compilation.runs, f"no errors, yet nothing to build:\n{shown}"
    for run in compilation.runs:
        check_olx(run.tree.files)


POINTER_TAGS = {"chapter", "sequential", "vertical", "html", "problem", "video"}
# Only URLs in attribute values or JSON strings: the same text inside a code block is just text.
STATIC = re.compile(r"(?:\"|'|&quot;)/static/([^\s\"'<>&)]+)")
JUMP = re.compile(r"(?:\"|'|&quot;)/jump_to_id/([^\s\"'<>&)#]+)")


def check_olx(files: dict[str, bytes]) -> None:
    """Well-formed XML and strict JSON; every pointer, /static/ file and /jump_to_id/ target exists."""
    url_names: list[str] = []
    for path, data in files.items():
        if path.endswith(".xml"):
            root = etree.fromstring(data)  # raises on malformed XML
            if path.split("/")[0] in {"course", "chapter", "sequential", "vertical"}:
                for child in root:
                    name = child.get("url_name")
                    if name is None:
                        continue
                    url_names.append(name)
                    if set(child.attrib) == {"url_name"} and child.tag in POINTER_TAGS:
                        assert f"{child.tag}/{name}.xml" in files, (
                            f"{path} points to a missing {child.tag}/{name}.xml"
                        )
        elif path.endswith(".json"):
            json.loads(data, parse_constant=_reject_constant)
    duplicates = {name for name in url_names if url_names.count(name) > 1}
    assert not duplicates, f"url_names used twice: {sorted(duplicates)}"
    known = set(url_names)
    for path, data in files.items():
        if path.startswith("static/") or not path.endswith((".xml", ".html", ".json")):
            continue
        text = data.decode("utf-8")
        for name in STATIC.findall(text):
            assert f"static/{name}" in files, f"{path} links to /static/{name}, which is not in the package"
        for name in JUMP.findall(text):
            assert name in known, f"{path} jumps to '{name}', which is no block of the course"


def _reject_constant(name: str):
    raise AssertionError(f"JSON holds {name}, which is not JSON")


def compile_files(files: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_files(Path(tmp) / "course", files).resolve()
        check_compilation(folder, compile_course(folder))


@SETTINGS
@given(courses())
def test_generated_courses_compile_or_fail_with_diagnostics(files):
    compile_files(files)


@SETTINGS
@given(mutations())
def test_any_edit_to_a_valid_course_gives_diagnostics_not_exceptions(files):
    compile_files(files)


def test_the_base_course_passes_the_same_checks():
    compile_files(dict(BASE))


@settings(SETTINGS, max_examples=30)
@given(courses())
def test_compiling_twice_gives_the_same_result(files):
    """Same sources, same diagnostics and same OLX bytes: nothing depends on dict or set order."""
    results = []
    for _ in range(2):
        with tempfile.TemporaryDirectory() as tmp:
            folder = write_files(Path(tmp) / "course", files).resolve()
            compilation = compile_course(folder)
            diagnostics = compilation.diagnostics.format(folder)
            trees = [(run.run_id, sorted(run.tree.files.items())) for run in compilation.runs]
            results.append((diagnostics, trees))
    assert results[0] == results[1]


YAML_PLACES = {
    # file → lines where a stray line lands in YAML (course.yaml and module.yaml: anywhere but the end;
    # lessons: before a front-matter or quiz key)
    "course.yaml": None,
    "modules/01-basics/module.yaml": None,
    "modules/01-basics/01-welcome.md": (
        "id:",
        "title:",
        "graded:",
        "type:",
        "question:",
        "choices:",
        "explanation:",
    ),
    "modules/01-basics/02-seizure.md": ("id:", "title:", "type:", "question:", "answer:", "tolerance:"),
}
ONE_LINE = st.one_of(ANY_TEXT, BAD_VALUE).map(lambda text: text.replace("\n", " ").replace("\r", " "))


@SETTINGS
@given(st.sampled_from(sorted(YAML_PLACES)), st.data())
def test_a_yaml_syntax_error_from_one_stray_line_is_reported_at_that_line(name, data):
    """Insert one line of junk into YAML: a syntax error, if any, is on that line or the next one."""
    files = dict(BASE)
    lines = files[name].split("\n")
    starts = YAML_PLACES[name]
    if starts is None:
        at = data.draw(st.integers(0, len(lines) - 2), label="at")
    else:
        at = data.draw(
            st.sampled_from([i for i, line in enumerate(lines) if line.startswith(starts)]), label="at"
        )
    lines.insert(at, data.draw(ONE_LINE, label="line"))
    files[name] = "\n".join(lines)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_files(Path(tmp) / "course", files).resolve()
        compilation = compile_course(folder)
        for diagnostic in compilation.diagnostics.items:
            if "YAML" in diagnostic.message and diagnostic.position.file == folder / name:
                assert at + 1 <= diagnostic.position.line <= at + 2, compilation.diagnostics.format(folder)


@settings(SETTINGS, max_examples=25)
@given(courses(rates=(0,)))
def test_valid_generated_courses_pass_olxcleaner(files):
    """Courses drawn from valid values only: when they compile clean, Open edX's validator agrees."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_files(Path(tmp) / "course", files).resolve()
        compilation = compile_course(folder)
        if compilation.diagnostics.errors:
            return  # valid values can still combine into an error (e.g. a control character): not this test's business
        for run in compilation.runs:
            olx = write_files(Path(tmp) / "olx" / run.run_id, run.tree.files)
            assert olxcleaner_errors(olx) == [], compilation.diagnostics.format(folder)


# The base course, built in English and French, as a country variant that replaces, adds and removes.
MULTILINGUAL_VARIANT = course_files(
    {
        COURSE: Edit(
            "language: en\n",
            "language: en\nlanguages: [en, fr]\nvariants: [examplia]\njurisdiction:\n  country: Base\n"
            "  statute: the Act\n",
        ),
        "variants/examplia/variant.yaml": (
            "title: Examplia\njurisdiction:\n  country: Examplia\nlanguages: [en, fr]\n"
            "replace:\n  lessons:\n    - id: welcome\n      file: lessons/welcome.md\n"
            "  modules: [{id: practice, folder: modules/practice}]\n"
            "add:\n  lessons:\n    - file: lessons/local.md\n      module: basics\n      after: welcome\n"
            "  units: [{file: units/form.md, lesson: seizure, after: seizure-sealing}]\n"
            "remove:\n  units: [seizure-naming]\n"
        ),
        "variants/examplia/lessons/welcome.md": (
            "---\nid: welcome\ntitle: Welcome to {{ jurisdiction.country }}\ngraded: Knowledge check\n---\n\n"
            "## Scope {#welcome-scope}\n\nUnder {{ jurisdiction.statute }}: see "
            "[seizure](../../../modules/01-basics/02-seizure.md).\n\n"
            "```quiz\nid: welcome-q1\ntype: single\nquestion: Who signs in {{ jurisdiction.country }}?\n"
            "choices:\n  - text: The officer\n    correct: true\n  - text: Nobody\n```\n"
        ),
        "variants/examplia/lessons/local.md": "---\nid: local\ntitle: Local practice\n---\n\n## Local {#local-main}\n\nText.\n",
        "variants/examplia/units/form.md": "## The form {#seizure-form}\n\nFill in the form.\n",
        "variants/examplia/modules/practice/module.yaml": "id: practice\ntitle: Practice in Examplia\n",
        "variants/examplia/modules/practice/01-exam.md": (
            "---\nid: exam\ntitle: Final exam\ngraded: Final exam\n---\n\n## Exam {#exam-main}\n\n"
            "```quiz\nid: exam-q1\ntype: text\nquestion: Prefix?\nanswer: EX\n```\n"
        ),
        "locale/fr.po": (
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgctxt "lesson:welcome"\nmsgid "Welcome"\nmsgstr "Bienvenue"\n\n'
            'msgctxt "unit:seizure-sealing"\nmsgid "Sealing the bag"\nmsgstr "Sceller le sac"\n'
        ),
        "locale/fr/static/images/diagram.png": PNG,
    }
)


def test_the_multilingual_variant_course_compiles_without_errors():
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_files(Path(tmp) / "course", MULTILINGUAL_VARIANT).resolve()
        compilation = compile_matrix(folder)
        assert not compilation.diagnostics.errors, compilation.diagnostics.format(folder)
        assert len(compilation.runs) == 2  # examplia in en and fr
        check_compilation(folder, compilation)


@settings(SETTINGS, max_examples=40)
@given(mutations(MULTILINGUAL_VARIANT, ("course.yaml", "variants/", "locale/")))
def test_edits_to_variants_and_translations_give_diagnostics_not_exceptions(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_files(Path(tmp) / "course", files).resolve()
        check_compilation(folder, compile_matrix(folder))
