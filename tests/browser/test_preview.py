"""`benchbook preview` and `benchbook handbook` in headless Chromium.

The test starts `benchbook preview` itself, as a subprocess on a free port of 127.0.0.1, against a
copy of a fixture course in a temporary folder, and stops it with Ctrl-C (SIGINT) at the end.
"""

from __future__ import annotations

import itertools
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, free_port, wait_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "courses"
BENCHBOOK = str(Path(sys.executable).parent / "benchbook")
QUIZ_LESSON = "modules/01-basics/02-quizzes.md"
PROSE_LESSON = "modules/01-basics/01-prose.md"


class Served:
    def __init__(self, folder: Path, base: str, process: subprocess.Popen, log: Path):
        self.folder = folder
        self.base = base
        self.process = process
        self.log = log

    def edit(self, relative: str, old: str, new: str) -> str:
        path = self.folder / relative
        before = path.read_text()
        assert old in before
        path.write_text(before.replace(old, new))
        return before


def start(tmp_path_factory, fixture: str, *args: str):
    workdir = tmp_path_factory.mktemp("preview")
    folder = workdir / fixture
    shutil.copytree(FIXTURES / fixture, folder)
    port = free_port()
    log = workdir / "server.log"
    stream = open(log, "wb")  # noqa: SIM115 - closed after the process ends
    process = subprocess.Popen(
        [BENCHBOOK, "preview", fixture, "--port", str(port), *args],
        cwd=workdir,
        stdout=stream,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", process, 90)
    return Served(folder, base, process, log), stream


def stop(served: Served, stream) -> int:
    served.process.send_signal(signal.SIGINT)  # what Ctrl-C sends
    try:
        code = served.process.wait(15)
    finally:
        if served.process.poll() is None:
            served.process.kill()
        stream.close()
    return code


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    served, stream = start(tmp_path_factory, "complete")
    yield served
    code = stop(served, stream)
    output = served.log.read_text()
    assert code == 0, output
    assert "Traceback" not in output
    assert "stopping the preview" in output


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory):
    served, stream = start(tmp_path_factory, "multilingual")
    yield served
    assert stop(served, stream) == 0


def test_navigate_the_outline_with_mouse_and_keyboard(preview, page, outside_requests):
    page.goto(preview.base + "/")
    outline = page.get_by_role("navigation", name="Course outline")
    outline.get_by_role("link", name="Every quiz type").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Every quiz type")
    expect(outline.get_by_role("link", name="Every quiz type")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name=re.compile("Final assessment →")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final assessment")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    link = outline.get_by_role("link", name="Prose and media")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Prose and media")
    page.get_by_role("link", name="its numerical unit").click()
    expect(page).to_have_url(re.compile(r"/lesson/quizzes\?lang=en#quizzes-numbers$"))
    assert outside_requests == []


def test_answer_quizzes_and_see_feedback_hints_and_explanation(preview, page, outside_requests):
    page.goto(preview.base + "/lesson/quizzes")
    page.get_by_role("button", name="Reset learner state").click()
    single = page.locator("form[data-problem=quizzes-single]")
    single.get_by_label("The identity of the substance").check()
    single.get_by_role("button", name="Check").click()
    feedback = single.locator(".capa-feedback")
    expect(feedback).to_contain_text("Incorrect")
    expect(feedback).to_contain_text("colour tests only point to a class of drugs")
    single.get_by_role("button", name=re.compile("Hint")).click()
    expect(feedback).to_contain_text("Think of false positives.")
    single.get_by_label("That the substance may belong to a drug class").check()
    single.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Correct")
    expect(feedback).to_contain_text("Right — it is presumptive only.")
    expect(feedback).to_contain_text("identification needs a confirmatory technique")

    text = page.locator("form[data-problem=quizzes-text]")
    text.get_by_label("What is the record of hand-overs called?").fill("custody log")
    text.get_by_label("What is the record of hand-overs called?").press("Enter")
    expect(text.locator(".capa-feedback")).to_contain_text("Close — the log is part of the chain of custody.")
    numerical = page.locator("form[data-problem=quizzes-numerical]")
    numerical.get_by_label("How many units would you test?").fill("30")
    numerical.get_by_role("button", name="Check").click()
    expect(numerical.locator(".capa-feedback")).to_contain_text("Correct")
    multiple = page.locator("form[data-problem=quizzes-multiple]")
    multiple.get_by_role("button", name="Show answer").click()
    expect(multiple.locator(".capa-feedback")).to_contain_text("Seal numbers")
    assert outside_requests == []


def test_a_saved_lesson_updates_the_open_page(preview, page, outside_requests):
    page.goto(preview.base + "/lesson/prose")
    expect(page.locator("main")).to_contain_text("An exhibit must be sealed")
    page.evaluate("window.notReloaded = true")
    before = preview.edit(PROSE_LESSON, "An exhibit must be sealed", "Every exhibit must be sealed at once")
    try:
        expect(page.locator("main")).to_contain_text("Every exhibit must be sealed at once", timeout=10_000)
        assert page.evaluate("window.notReloaded === true")  # updated in place, scroll position kept
    finally:
        (preview.folder / PROSE_LESSON).write_text(before)
    expect(page.locator("main")).to_contain_text("An exhibit must be sealed", timeout=10_000)
    assert outside_requests == []


def test_quizzes_still_answer_after_their_lesson_is_updated_in_place(preview, page, outside_requests):
    page.goto(preview.base + "/lesson/quizzes")
    page.get_by_role("button", name="Reset learner state").click()
    before = preview.edit(QUIZ_LESSON, "How many units would you test?", "How many units do you test?")
    try:
        numerical = page.locator("form[data-problem=quizzes-numerical]")
        expect(numerical).to_contain_text("How many units do you test?", timeout=10_000)
        numerical.get_by_label("How many units do you test?").fill("29")
        numerical.get_by_role("button", name="Check").click()
        expect(numerical.locator(".capa-feedback")).to_contain_text("Correct")
    finally:
        (preview.folder / QUIZ_LESSON).write_text(before)
    assert outside_requests == []


def test_a_source_error_shows_the_cli_diagnostic_over_the_last_good_render(preview, page, outside_requests):
    page.goto(preview.base + "/lesson/quizzes")
    before = preview.edit(QUIZ_LESSON, "type: dropdown", "type: dropdwn")
    try:
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("The course has errors", timeout=10_000)
        check = subprocess.run(
            [BENCHBOOK, "check", "complete"], cwd=preview.folder.parent, capture_output=True, text=True
        )
        assert check.returncode == 1
        printed = [line for line in check.stderr.splitlines() if ": error: " in line or "hint:" in line]
        assert printed and "02-quizzes.md:" in printed[0]
        shown = alert.locator("pre").inner_text()
        for line in printed:
            assert line in shown
        expect(page.get_by_role("heading", level=1)).to_have_text("Every quiz type")  # the last good render
        expect(page.locator("form[data-problem=quizzes-dropdown]")).to_be_visible()
    finally:
        (preview.folder / QUIZ_LESSON).write_text(before)
    expect(page.get_by_role("alert")).to_have_count(0, timeout=10_000)
    assert outside_requests == []


def test_no_accessibility_violations_on_lesson_pages(preview, page, outside_requests):
    for lesson in ("prose", "quizzes", "final"):
        page.goto(f"{preview.base}/lesson/{lesson}")
        assert axe_violations(page) == [], lesson
    page.goto(preview.base + "/")
    assert axe_violations(page) == []
    page.goto(preview.base + "/lesson/quizzes")
    form = page.locator("form[data-problem=quizzes-single]")
    form.get_by_label("The identity of the substance").check()
    form.get_by_role("button", name="Check").click()
    expect(form.locator(".capa-feedback")).not_to_be_empty()
    assert axe_violations(page) == []
    assert outside_requests == []


def test_focus_is_visible(preview, page):
    page.goto(preview.base + "/lesson/quizzes")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_right_to_left_pages_do_not_scroll_sideways(multilingual, page):
    """In Arabic nothing (an off-screen skip link, a long URL) widens the page past the window."""
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(multilingual.base + "/?lang=ar")
    page.get_by_role("navigation", name="Course outline").get_by_role("link").first.click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1024 and box["y"] >= 0


def test_switch_to_arabic_right_to_left(multilingual, page, outside_requests):
    page.goto(multilingual.base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    languages = page.get_by_label("Language")
    assert languages.locator("option").all_inner_texts() == [
        "English",
        "Français (French)",
        "العربية (Arabic)",
    ]
    assert page.get_by_label("Variant").locator("option").all_inner_texts() == ["Base course", "examplia"]
    languages.select_option("ar")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.get_by_role("navigation", name="Course outline").get_by_role("link").first.click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert "lang=ar" in page.url
    assert axe_violations(page) == []
    page.get_by_label("Variant").select_option("examplia")
    page.get_by_role("button", name="Switch").click()
    assert "variant=examplia" in page.url
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert outside_requests == []


# The handbook ------------------------------------------------------------------------------------

EXPECTED_LANDMARKS = ["banner", "navigation", "main", "contentinfo"]


def handbook_structure(page) -> dict:
    """Boxes of the landmarks and sections, in document order: the layout, not the pixels."""
    return page.evaluate(
        """() => {
        const box = (el) => { const r = el.getBoundingClientRect();
          return {top: r.top + scrollY, left: r.left, width: r.width, height: r.height}; };
        const roles = {HEADER: 'banner', NAV: 'navigation', MAIN: 'main', FOOTER: 'contentinfo'};
        return {
          landmarks: [...document.querySelectorAll('body > header, body > nav, body > main, body > footer')]
            .map(el => ({role: roles[el.tagName], ...box(el)})),
          sections: [...document.querySelectorAll('main > section')].map(el => ({id: el.id, ...box(el)})),
          images: [...document.querySelectorAll('img')].map(el => ({src: el.src.slice(0, 11), w: el.naturalWidth})),
          viewport: innerWidth,
        };
    }"""
    )


def test_handbook_page_structure_in_a_screenshot(tmp_path, page, outside_requests):
    out = tmp_path / "handbook.html"
    result = subprocess.run(
        [BENCHBOOK, "handbook", str(FIXTURES / "complete"), "-o", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    page.set_viewport_size({"width": 900, "height": 1200})
    page.set_content(out.read_text())
    shot = page.screenshot(full_page=True)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    structure = handbook_structure(page)
    assert [landmark["role"] for landmark in structure["landmarks"]] == EXPECTED_LANDMARKS
    tops = [landmark["top"] for landmark in structure["landmarks"]]
    assert tops == sorted(tops)  # banner, contents, main, footer one below the other
    for landmark in structure["landmarks"]:
        assert landmark["left"] >= 0 and landmark["left"] + landmark["width"] <= structure["viewport"]
        assert landmark["height"] > 0
    assert [s["id"] for s in structure["sections"]] == [
        "module-basics",
        "module-evidence",
        "page-glossary",
        "annex",
    ]
    sections = structure["sections"]
    for upper, lower in itertools.pairwise(sections):
        assert upper["top"] + upper["height"] <= lower["top"] + 1
    assert structure["images"] and all(i["src"] == "data:image/" and i["w"] > 0 for i in structure["images"])
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "[...document.querySelectorAll('main > section')].map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page"] * len(sections)
    assert outside_requests == []


# The custom XBlocks ------------------------------------------------------------------------------

SCENARIO_YAML = """\
title: Garage seizure
start: arrival
feedback_mode: immediate
intro: You are the duty officer called to a rented garage.
competencies:
  - id: safety
    label: Safe handling
steps:
  - id: arrival
    title: Arrival at the scene
    narrative: White powder on a bench; unlabelled containers.
    choices:
      - id: ppe
        text: Withdraw and request PPE before handling anything
        goto: sealing
        points: 2
        competency: safety
        consequence: The hazmat team arrives; nobody is exposed.
        coaching: Suspected synthetic opioids are treated as hazardous.
      - id: open
        text: Open a packet to run a colour test
        goto: exposure
        points: 0
        competency: safety
        critical: true
        consequence: An officer feels dizzy and needs naloxone.
        coaching: Never open unknown powders in the field.
  - id: sealing
    title: Packaging
    narrative: The exhibits are ready to be packaged.
    choices:
      - id: seal
        text: Seal, label and sign each bag
        goto: admissible
        points: 2
        competency: safety
        consequence: The bags are sealed and logged.
        coaching: Sealed and signed bags show any later tampering.
      - id: loose
        text: Put everything in one unsealed box
        goto: exposure
        points: 0
        competency: safety
        consequence: The box is opened twice before the laboratory.
        coaching: Unsealed exhibits cannot be shown to be intact.
outcomes:
  - id: admissible
    title: Exhibits admissible
    band: pass
    narrative: Sealed, labelled and logged; the laboratory confirms the analogue.
  - id: exposure
    title: Exhibit compromised
    band: fail
    narrative: The exhibit is compromised.
"""


def plain(value):
    """The sample case's HTML texts as plain text (course sources are Markdown)."""
    if isinstance(value, str):
        return re.sub(r"<[^>]+>", "", value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def xblock_course(tmp_path_factory, kind: str):
    """The fixture course with a scenario or a case placed in its last lesson, served."""
    import yaml

    workdir = tmp_path_factory.mktemp(kind)
    source = workdir / "complete"
    shutil.copytree(FIXTURES / "complete", source)
    with open(source / "course.yaml", "a") as course:
        course.write("languages: [en, ar]\n")  # untranslated: the source text, right to left
    if kind == "scenario":
        (source / "scenarios").mkdir()
        (source / "scenarios" / "garage.yaml").write_text(SCENARIO_YAML)
        placement = "\n## At the scene {#final-scene}\n\n```scenario garage\n```\n"
    else:
        from tests.xblocks.mock_adjudication.sample import SAMPLE

        (source / "cases").mkdir()
        case = {**plain(SAMPLE), "id": "orlen"}
        (source / "cases" / "orlen.yaml").write_text(
            yaml.safe_dump(case, allow_unicode=True, sort_keys=False)
        )
        # the sample case shows /static/speaker.png: the course must hold it
        shutil.copy(source / "static" / "images" / "seal.png", source / "static" / "speaker.png")
        placement = "\n## In court {#final-court}\n\n```adjudication orlen\n```\n"
    with open(source / "modules" / "02-evidence" / "final.md", "a") as lesson:
        lesson.write(placement)
    check = subprocess.run([BENCHBOOK, "check", "complete"], cwd=workdir, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    return start_in(source)


def start_in(folder: Path):
    port = free_port()
    log = folder.parent / "xblocks-server.log"
    stream = open(log, "wb")  # noqa: SIM115 - closed after the process ends
    process = subprocess.Popen(
        [BENCHBOOK, "preview", folder.name, "--port", str(port)],
        cwd=folder.parent,
        stdout=stream,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", process, 90)
    return Served(folder, base, process, log), stream


@pytest.fixture(scope="module")
def with_scenario(tmp_path_factory):
    served, stream = xblock_course(tmp_path_factory, "scenario")
    yield served
    assert stop(served, stream) == 0, served.log.read_text()


@pytest.fixture(scope="module")
def with_case(tmp_path_factory):
    served, stream = xblock_course(tmp_path_factory, "case")
    yield served
    assert stop(served, stream) == 0, served.log.read_text()


def test_play_a_scenario_to_an_outcome_and_reset(with_scenario, page, outside_requests):
    page.goto(with_scenario.base + "/lesson/final")
    block = page.locator(".xblock-v1[data-block-type=evidence_scenario]")
    expect(block).to_contain_text("Arrival at the scene")
    for choice in ("Withdraw and request PPE before handling anything", "Seal, label and sign each bag"):
        form = block.locator("[data-role=choice-form]")
        form.get_by_label(choice).check()
        form.locator("[data-role=submit-choice]").click()
    expect(block.locator("[data-role=score]")).to_be_visible()
    expect(block).to_contain_text("Exhibits admissible")
    assert axe_violations(page) == []
    page.reload()
    expect(page.locator(".xblock-v1[data-block-type=evidence_scenario] [data-role=score]")).to_be_visible()
    page.get_by_role("button", name="Reset learner state").click()
    block = page.locator(".xblock-v1[data-block-type=evidence_scenario]")
    expect(block.locator("[data-role=choice-form]")).to_be_visible()
    expect(block.locator("[data-role=score]")).to_have_count(0)
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    arabic = page.locator(".xblock-v1[data-block-type=evidence_scenario] .es-root")
    expect(arabic).to_have_attribute("dir", "rtl")
    expect(arabic).to_have_attribute("lang", "ar")
    assert outside_requests == []


def test_a_mock_adjudication_is_playable_and_resets(with_case, page, outside_requests):
    page.goto(with_case.base + "/lesson/final")
    block = page.locator(".xblock-v1[data-block-type=mock_adjudication]")
    heading = block.locator("[data-role=heading]")
    expect(heading).to_have_text("Step 1 of 6: Case file")
    expect(block).to_contain_text("Counts and elements")
    block.locator("[data-role=save]").click()
    expect(heading).to_have_text("Step 2 of 6: Admissibility")
    expect(block).to_contain_text("Ruling on exhibit")
    page.reload()  # the learner's progress is kept by the runtime
    expect(page.locator(".xblock-v1[data-block-type=mock_adjudication] [data-role=heading]")).to_have_text(
        "Step 2 of 6: Admissibility"
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Reset learner state").click()
    expect(page.locator(".xblock-v1[data-block-type=mock_adjudication] [data-role=heading]")).to_have_text(
        "Step 1 of 6: Case file"
    )
    assert outside_requests == []
