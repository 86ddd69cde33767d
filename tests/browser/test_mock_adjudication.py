"""The mock_adjudication block in the workbench, driven by headless Chromium (mouse and keyboard only)."""

from __future__ import annotations

import json
import re
import uuid

from playwright.sync_api import Page, expect

from .conftest import axe_violations, csrf_token

JUDGE, PROSECUTOR = 0, 1
REASONS = (
    "The colour test is presumptive only and is admitted for the grounds of the search. The GC-MS "
    "certificate proves identity and the messages prove knowledge, so both counts are proved."
)


def open_case(
    page: Page, workbench: str, scenario: int = JUDGE, student: str | None = None, route="scenario"
):
    """Open a scenario for a fresh learner; ``route="view"`` is the page without the workbench's debug panel."""
    student = student or f"s-{uuid.uuid4().hex[:10]}"
    page.goto(f"{workbench}/{route}/mock_adjudication.{scenario}/?student={student}")
    block = page.locator(".xblock-v1[data-block-type=mock_adjudication]")
    expect(block.locator("[data-role=heading]")).to_be_visible()
    return block, student


def heading(block):
    return block.locator("[data-role=heading]")


def save(block):
    block.locator("[data-role=save]").click()


def group(block, name):
    return block.get_by_role("group", name=re.compile(re.escape(name)))


def answer_judge_with_mouse(block, page, role=JUDGE):
    """Play every phase with clicks, giving the key's answers; returns nothing, asserts each step."""
    words = LABELS[role]
    expect(heading(block)).to_have_text("Step 1 of 6: Case file")
    expect(block.get_by_role("img", name=re.compile("loudspeaker"))).to_have_count(1)
    save(block)
    expect(heading(block)).to_have_text("Step 2 of 6: Admissibility")
    expect(heading(block)).to_be_focused()
    group(block, "x2").get_by_label(words["admit_limited"], exact=True).check()
    group(block, "x2").get_by_label("Reason").fill("Presumptive only; grounds for the search.")
    group(block, "x3").get_by_label(words["admit"], exact=True).check()
    group(block, "x6").get_by_label(words["admit"], exact=True).check()
    save(block)
    expect(heading(block)).to_have_text("Step 3 of 6: Weighing the evidence")
    for element, exhibit in SUPPORTS:
        block.locator(f"[data-element={element}][data-exhibit={exhibit}]").check()
    group(block, "count: Importation").get_by_label("Yes").check()
    group(block, "count: Possession").get_by_label("Yes").check()
    save(block)
    expect(heading(block)).to_have_text("Step 4 of 6: Verdict and sentence")
    group(block, "count: Importation").get_by_label(words["guilty"], exact=True).check()
    group(block, "count: Possession").get_by_label(words["guilty"], exact=True).check()
    block.get_by_label("Sentence (months)").fill("72")
    for label in ("Many doses", "Sophisticated concealment", "No previous convictions"):
        block.get_by_label(re.compile(label)).check()
    save(block)
    expect(heading(block)).to_have_text("Step 5 of 6: Written reasons")
    expect(block.locator(".ma-rubric")).to_contain_text(
        "Structure of reasons"
    )  # rubric visible while writing
    block.get_by_label("Your reasons").fill(REASONS)
    expect(block.locator(".ma-count")).to_contain_text("30 words")
    save(block)
    expect(heading(block)).to_have_text("Step 6 of 6: Assessment")
    expect(block.locator(".ma-compare")).to_contain_text("Model judgment")
    expect(block.locator(".ma-learner")).to_have_text(REASONS)
    group(block, "Structure of reasons").get_by_label(re.compile("^Complete")).check()
    group(block, "Knowledge of the substance").get_by_label(re.compile("^Reasoned")).check()
    save(block)
    expect(block.locator("[data-role=score]")).to_have_text("Score: 32 of 32")
    expect(block.locator(".ma-calibration")).to_contain_text("matches the expert")


LABELS = {
    JUDGE: {"admit": "Admit", "admit_limited": "Admit with limited weight", "guilty": "Guilty"},
    PROSECUTOR: {
        "admit": "Tender",
        "admit_limited": "Tender for a limited purpose",
        "guilty": "Proceed on this count",
    },
}
SUPPORTS = [("c1e1", "x1"), ("c1e2", "x4"), ("c1e2", "x5"), ("c1e3", "x6"), ("c2e1", "x4"), ("c2e2", "x6")]


def test_full_judge_run_with_the_mouse(workbench, page, outside_requests):
    block, _ = open_case(page, workbench)
    expect(block.locator(".ma-intro")).to_contain_text("You sit as the judge")
    answer_judge_with_mouse(block, page)
    assert outside_requests == []


def test_full_prosecutor_run_with_the_mouse(workbench, page, outside_requests):
    block, _ = open_case(page, workbench, PROSECUTOR)
    expect(block.locator(".ma-intro")).to_contain_text("You act for the prosecution")
    answer_judge_with_mouse(block, page, PROSECUTOR)
    assert outside_requests == []


def focus_next(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until document.activeElement satisfies the JS *predicate* (of `e`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!({predicate}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


def radio(name_part: str, value: str) -> str:
    return f"e.type === 'radio' && e.name.includes('{name_part}') && e.value === '{value}'"


def choose(page, name_part: str, value: str) -> None:
    """Keyboard-only radio choice: Tab into the group, arrow to the value (arrows select)."""
    focus_next(page, f"e.type === 'radio' && e.name.includes('{name_part}')")
    for _ in range(6):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked && document.activeElement.value") == value


def press_save(page) -> None:
    focus_next(page, "e.dataset && e.dataset.role === 'save'")
    page.keyboard.press("Enter")


def test_full_judge_run_keyboard_only(workbench, page, outside_requests):
    block, _ = open_case(page, workbench)
    press_save(page)
    expect(heading(block)).to_be_focused()
    expect(heading(block)).to_have_text("Step 2 of 6: Admissibility")
    choose(page, "r-x2", "admit_limited")
    page.keyboard.press("Tab")
    page.keyboard.type("Presumptive only.")
    choose(page, "r-x3", "admit")
    choose(page, "r-x6", "admit")
    press_save(page)
    expect(heading(block)).to_have_text("Step 3 of 6: Weighing the evidence")
    expect(heading(block)).to_be_focused()
    for element, exhibit in SUPPORTS:
        focus_next(
            page, f"e.dataset && e.dataset.element === '{element}' && e.dataset.exhibit === '{exhibit}'"
        )
        page.keyboard.press("Space")
    choose(page, "p-c1", "yes")
    choose(page, "p-c2", "yes")
    press_save(page)
    expect(heading(block)).to_have_text("Step 4 of 6: Verdict and sentence")
    choose(page, "v-c1", "guilty")
    choose(page, "v-c2", "guilty")
    focus_next(page, "e.type === 'number'")
    page.keyboard.type("72")
    for factor in ("agg_quantity", "agg_concealment", "mit_record"):
        focus_next(page, f"e.dataset && e.dataset.factor === '{factor}'")
        page.keyboard.press("Space")
    press_save(page)
    expect(heading(block)).to_have_text("Step 5 of 6: Written reasons")
    focus_next(page, "e.tagName === 'TEXTAREA'")
    page.keyboard.type(REASONS)
    press_save(page)
    expect(heading(block)).to_have_text("Step 6 of 6: Assessment")
    expect(heading(block)).to_be_focused()
    choose(page, "c-structure", "complete")
    choose(page, "c-knowledge", "reasoned")
    press_save(page)
    expect(block.locator("[data-role=score]")).to_have_text("Score: 32 of 32")
    assert outside_requests == []


def test_full_prosecutor_run_keyboard_only(workbench, page, outside_requests):
    block, _ = open_case(page, workbench, PROSECUTOR)
    press_save(page)
    choose(page, "r-x2", "exclude")
    choose(page, "r-x3", "admit")
    choose(page, "r-x6", "admit_limited")
    press_save(page)
    expect(heading(block)).to_have_text("Step 3 of 6: Weighing the evidence")
    # x2 was withdrawn: its column is gone from the matrix
    expect(block.locator("[data-exhibit=x2]")).to_have_count(0)
    focus_next(page, "e.dataset && e.dataset.element === 'c1e1' && e.dataset.exhibit === 'x1'")
    page.keyboard.press("Space")
    choose(page, "p-c1", "yes")
    choose(page, "p-c2", "no")
    press_save(page)
    choose(page, "v-c1", "guilty")
    choose(page, "v-c2", "not_guilty")
    focus_next(page, "e.type === 'number'")
    page.keyboard.type("60")
    press_save(page)
    expect(heading(block)).to_have_text("Step 5 of 6: Written reasons")
    expect(block.locator(".ma-step[data-phase=verdict]")).to_be_enabled()
    focus_next(page, "e.tagName === 'TEXTAREA'")
    page.keyboard.type(REASONS)
    press_save(page)
    expect(heading(block)).to_have_text("Step 6 of 6: Assessment")
    expect(block.locator(".ma-debrief")).to_contain_text(
        "Your choice: Withdraw; Expected: Tender for a limited purpose"
    )
    choose(page, "c-structure", "partial")
    choose(page, "c-knowledge", "asserted")
    press_save(page)
    # rulings 2 of 6, weighing 2 of 8 (one support of six, the proof answer on c1), verdicts 2 of 4,
    # sentence 3 of 6 (in range, one factor right), self-assessment 2 + 2
    expect(block.locator("[data-role=score]")).to_have_text("Score: 13 of 32")
    expect(block.locator(".ma-calibration")).to_contain_text("lower than the expert")
    assert outside_requests == []


def test_back_and_resume_after_reload(workbench, page):
    block, _ = open_case(page, workbench)
    save(block)
    group(block, "x2").get_by_label("Exclude").check()
    group(block, "x3").get_by_label("Admit", exact=True).check()
    group(block, "x6").get_by_label("Admit", exact=True).check()
    save(block)
    block.locator("[data-element=c1e1][data-exhibit=x1]").check()
    group(block, "count: Importation").get_by_label("Yes").check()
    group(block, "count: Possession").get_by_label("No").check()
    save(block)
    expect(heading(block)).to_have_text("Step 4 of 6: Verdict and sentence")
    page.reload()
    block = page.locator(".xblock-v1[data-block-type=mock_adjudication]")
    expect(heading(block)).to_have_text("Step 4 of 6: Verdict and sentence")
    block.locator("[data-role=back]").click()
    expect(heading(block)).to_have_text("Step 3 of 6: Weighing the evidence")
    expect(block.locator("[data-element=c1e1][data-exhibit=x1]")).to_be_checked()
    expect(group(block, "count: Possession").get_by_label("No")).to_be_checked()
    block.locator(".ma-step[data-phase=admissibility]").click()
    expect(group(block, "x2").get_by_label("Exclude")).to_be_checked()
    # phases not reached yet cannot be opened
    expect(block.locator(".ma-step[data-phase=reasons]")).to_be_disabled()


def test_reasons_with_markup_are_shown_as_text(workbench, page):
    attack = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script></script><b>bold</b> '
    block, _ = open_case(page, workbench)
    save(block)
    expect(heading(block)).to_have_text("Step 2 of 6: Admissibility")
    for x, label in (("x2", "Admit with limited weight"), ("x3", "Admit"), ("x6", "Admit")):
        group(block, x).get_by_label(label, exact=True).check()
    group(block, "x2").get_by_label("Reason").fill(attack)
    save(block)
    group(block, "count: Importation").get_by_label("Yes").check()
    group(block, "count: Possession").get_by_label("Yes").check()
    save(block)
    group(block, "count: Importation").get_by_label("Guilty", exact=True).check()
    group(block, "count: Possession").get_by_label("Guilty", exact=True).check()
    block.get_by_label("Sentence (months)").fill("70")
    save(block)
    block.get_by_label("Your reasons").fill(attack + REASONS)
    save(block)
    expect(block.locator(".ma-learner")).to_have_text(attack + REASONS)
    expect(block.locator(".ma-learner img, .ma-learner script, .ma-learner b")).to_have_count(0)
    page.reload()
    block = page.locator(".xblock-v1[data-block-type=mock_adjudication]")
    expect(block.locator(".ma-learner")).to_have_text(attack + REASONS)
    assert page.evaluate("window.__xss") is None


def test_refused_input_keeps_the_page_and_says_why(workbench, page):
    block, _ = open_case(page, workbench)
    save(block)
    expect(heading(block)).to_have_text("Step 2 of 6: Admissibility")
    group(block, "x2").get_by_label("Reason").fill("kept after the refusal")
    save(block)  # no ruling chosen
    expect(block.locator("[data-role=live]")).to_contain_text("Not saved")
    expect(heading(block)).to_have_text("Step 2 of 6: Admissibility")
    expect(group(block, "x2").get_by_label("Reason")).to_have_value("kept after the refusal")


def test_handlers_need_csrf_and_refuse_hostile_input(workbench, page):
    block, student = open_case(page, workbench)
    usage = block.get_attribute("data-usage")
    url = f"{workbench}/handler/{usage}/save_phase/?student={student}"
    assert page.request.post(url, data="{}").status == 403
    headers = {"X-CSRFToken": csrf_token(page), "Content-Type": "application/json"}
    reply = page.request.post(url, data=b"{not json", headers=headers)
    assert reply.status == 400 and reply.json()["error"] == "Invalid JSON"
    reply = page.request.post(url, data='{"phase": "reasons", "answers": {"text": "x"}}', headers=headers)
    assert reply.status == 400 and "not open yet" in reply.json()["error"]
    page.reload()
    expect(heading(block)).to_have_text("Step 1 of 6: Case file")


def test_axe_finds_nothing_in_any_phase(workbench, page):
    block, _ = open_case(page, workbench)
    assert axe_violations(page, ".xblock-v1") == []
    save(block)
    expect(heading(block)).to_contain_text("Step 2 of 6")
    assert axe_violations(page, ".xblock-v1") == []
    for x, label in (("x2", "Admit with limited weight"), ("x3", "Admit"), ("x6", "Admit")):
        group(block, x).get_by_label(label, exact=True).check()
    save(block)
    expect(heading(block)).to_contain_text("Step 3 of 6")
    assert axe_violations(page, ".xblock-v1") == []
    group(block, "count: Importation").get_by_label("Yes").check()
    group(block, "count: Possession").get_by_label("Yes").check()
    save(block)
    expect(heading(block)).to_contain_text("Step 4 of 6")
    assert axe_violations(page, ".xblock-v1") == []
    group(block, "count: Importation").get_by_label("Guilty", exact=True).check()
    group(block, "count: Possession").get_by_label("Guilty", exact=True).check()
    block.get_by_label("Sentence (months)").fill("70")
    save(block)
    expect(heading(block)).to_contain_text("Step 5 of 6")
    assert axe_violations(page, ".xblock-v1") == []
    block.get_by_label("Your reasons").fill(REASONS)
    save(block)
    expect(heading(block)).to_contain_text("Step 6 of 6")
    assert axe_violations(page, ".xblock-v1") == []
    group(block, "Structure of reasons").get_by_label(re.compile("^Partial")).check()
    group(block, "Knowledge of the substance").get_by_label(re.compile("^Reasoned")).check()
    save(block)
    expect(block.locator("[data-role=score]")).to_be_visible()
    assert axe_violations(page, ".xblock-v1") == []


def test_usable_at_320_pixels(workbench, page):
    page.set_viewport_size({"width": 320, "height": 640})
    block, _ = open_case(page, workbench)
    save(block)
    expect(heading(block)).to_have_text("Step 2 of 6: Admissibility")
    for x, label in (("x2", "Admit with limited weight"), ("x3", "Admit"), ("x6", "Admit")):
        group(block, x).get_by_label(label, exact=True).check()
    save(block)
    expect(heading(block)).to_have_text("Step 3 of 6: Weighing the evidence")
    # the workbench's own debug panel is wider than 320px; the block itself must not be
    width, scroll, client = block.locator(".ma").evaluate(
        "e => [e.getBoundingClientRect().right, e.scrollWidth, e.clientWidth]"
    )
    assert width <= 320 and scroll <= client
    block.locator("[data-element=c2e2][data-exhibit=x6]").check()  # reachable inside the scroll region


def studio(page, workbench, scenario=JUDGE):
    page.goto(
        f"{workbench}/scenario/mock_adjudication.{scenario}/studio_view/?student=staff-{uuid.uuid4().hex[:6]}"
    )
    form = page.locator("[data-role=studio-form]")
    expect(form).to_be_visible()
    return form


def field(form, path):
    return form.locator(f'[data-path="{path}"][data-key]')


def test_studio_view_reports_errors_by_field(workbench, page):
    form = studio(page, workbench)
    assert axe_violations(page, ".ma-studio") == []
    form.get_by_label("Reasons: minimum words").fill("5000")
    form.locator("[data-role=studio-save]").click()
    expect(form.locator('[data-error-for="reasoning.min_words"]')).to_contain_text("is more than max_words")
    expect(form.get_by_label("Reasons: minimum words")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("Reasons: minimum words")).to_be_focused()


def test_studio_form_holds_the_whole_case_every_input_labelled(workbench, page):
    form = studio(page, workbench)
    unlabelled = form.evaluate(
        "f => Array.from(f.querySelectorAll('input, select, textarea'))"
        ".filter(e => !e.labels || e.labels.length === 0).map(e => e.outerHTML.slice(0, 80))"
    )
    assert unlabelled == []
    for path, value in (
        ("counts.0.label", "Importation of a controlled drug (s. 5)"),
        ("counts.1.elements.1.text", "The accused intended to supply it"),
        ("exhibits.1.type", "field_test"),
        ("rulings.0.expected", "admit_limited"),
        ("weighing.supports.5.exhibit", "x6"),
        ("verdicts.1.proven", "true"),
        ("sentence.max", "96"),
        ("rubric.criteria.4.options.2.name", "complete"),
    ):
        expect(field(form, path)).to_have_value(value)
    # keyboard only: add a row, fill it, move and remove rows; paths and legends follow
    exhibits = form.locator('[data-list="exhibits"]')
    exhibits.locator("> [data-action=add]").focus()
    page.keyboard.press("Enter")
    expect(field(form, "exhibits.6.id")).to_be_focused()
    expect(exhibits.locator("> [data-items] > [data-item]").last.locator("> legend")).to_have_text(
        "Exhibit 7"
    )
    page.keyboard.type("x9")
    exhibits.locator("> [data-items] > [data-item]").nth(1).locator("[data-action=up]").first.focus()
    page.keyboard.press("Enter")
    expect(field(form, "exhibits.0.id")).to_have_value("x2")
    expect(field(form, "exhibits.1.id")).to_have_value("x1")
    expect(page.locator("[data-role=studio-status]")).to_contain_text("moved to position 1")
    exhibits.locator("> [data-items] > [data-item]").last.locator("[data-action=remove]").first.focus()
    page.keyboard.press("Enter")
    expect(field(form, "exhibits.6.id")).to_have_count(0)
    sentence = form.get_by_label("The learner gives a sentence")
    expect(sentence).to_be_checked()
    assert axe_violations(page, ".ma-studio") == []


def test_studio_form_save_reaches_the_learner(workbench, page):
    """Saves change the block for everyone: the original OLX is put back at the end, whatever happens."""
    form = studio(page, workbench)
    original = page.locator("[data-role=olx-form] textarea").input_value()
    usage = page.locator(".xblock-v1[data-block-type=mock_adjudication]").get_attribute("data-usage")
    try:
        field(form, "counts.0.label").fill("Importing a controlled drug (section 5)")
        field(form, "exhibits.0.label").fill("Laboratory certificate (GC-MS), amended")
        field(form, "rubric.criteria.4.label").fill("Order of the reasons")
        facts = form.locator('[data-list="agreed_facts"]')
        facts.locator("> [data-action=add]").click()
        new_fact = facts.locator("> [data-items] > [data-item]").last.locator("textarea")
        expect(new_fact).to_be_focused()
        new_fact.fill("The parcel was addressed to the accused.")
        form.locator("[data-role=studio-save]").click()
        expect(page.locator("[data-role=studio-status]")).to_have_text("Saved.")
        expect(page.locator("[data-role=olx-form] textarea")).to_have_value(
            re.compile("Order of the reasons")
        )
        block, _ = open_case(page, workbench)
        expect(block).to_contain_text("Importing a controlled drug (section 5)")
        expect(block).to_contain_text("Laboratory certificate (GC-MS), amended")
        expect(block).to_contain_text("The parcel was addressed to the accused.")
        save(block)
        for x, label in (("x2", "Admit with limited weight"), ("x3", "Admit"), ("x6", "Admit")):
            group(block, x).get_by_label(label, exact=True).check()
        save(block)
        group(block, "count: Importing").get_by_label("Yes").check()
        group(block, "count: Possession").get_by_label("Yes").check()
        save(block)
        group(block, "count: Importing").get_by_label("Guilty", exact=True).check()
        group(block, "count: Possession").get_by_label("Guilty", exact=True).check()
        block.get_by_label("Sentence (months)").fill("70")
        save(block)
        expect(block.locator(".ma-rubric")).to_contain_text("Order of the reasons")
    finally:
        reply = page.request.post(
            f"{workbench}/handler/{usage}/studio_submit/?student=staff",
            data=json.dumps({"olx": original}),
            headers={"X-CSRFToken": csrf_token(page), "Content-Type": "application/json"},
        )
        assert reply.ok, reply.text()


def test_refused_studio_save_keeps_what_was_typed(workbench, page):
    form = studio(page, workbench)
    field(form, "counts.0.elements.0.id").fill("bad id!")
    counts = form.locator('[data-list="counts"]')
    counts.locator("> [data-action=add]").click()
    field(form, "counts.2.label").fill("A third count, not yet finished")
    field(form, "rubric.criteria.4.options.0.points").fill("-1")
    form.locator("[data-role=studio-save]").click()
    expect(page.locator("[data-role=studio-status]")).to_contain_text("Not saved")
    error = form.locator('[data-error-for="counts.0.elements.0.id"]')
    expect(error).to_contain_text("may use only letters")
    expect(field(form, "counts.0.elements.0.id")).to_have_attribute("aria-invalid", "true")
    expect(field(form, "counts.0.elements.0.id")).to_be_focused()
    expect(form.locator('[data-error-for="counts.2.id"]')).to_contain_text("empty id")
    expect(form.locator('[data-error-for="rubric.criteria.4.options.0.points"]')).to_contain_text("negative")
    # what the author typed is all still there
    expect(field(form, "counts.0.elements.0.id")).to_have_value("bad id!")
    expect(field(form, "counts.2.label")).to_have_value("A third count, not yet finished")
    expect(field(form, "rubric.criteria.4.options.0.points")).to_have_value("-1")
    assert axe_violations(page, ".ma-studio") == []
    # and nothing was saved
    form = studio(page, workbench)
    expect(field(form, "counts.0.elements.0.id")).to_have_value("c1e1")
    expect(field(form, "counts.2.label")).to_have_count(0)


def test_author_view_shows_the_key(workbench, page):
    page.goto(f"{workbench}/scenario/mock_adjudication.0/author_view/")
    expect(page.locator(".ma-author")).to_contain_text("ruling key: admit_limited")
    expect(page.locator(".ma-author")).to_contain_text("No problems found.")


def test_course_text_keeps_its_own_direction_in_an_arabic_ui(workbench, browser):
    """English course text in a right-to-left page: dir="auto" on what holds it, <bdi> inside UI strings,
    so the bidi algorithm does not move its full stops and brackets to the wrong side."""
    context = browser.new_context(locale="ar")
    page = context.new_page()
    try:
        block, _ = open_case(page, workbench)
        expect(block.locator(".ma")).to_have_attribute("dir", "rtl")
        brief = block.locator(".ma-html").first
        expect(brief).to_have_attribute("dir", "auto")
        assert brief.evaluate("e => getComputedStyle(e).direction") == "ltr"
        label = block.locator(".ma-counts > li > strong").first
        expect(label).to_have_attribute("dir", "auto")
        assert label.evaluate("e => getComputedStyle(e).direction") == "ltr"
        heading = block.locator(".ma-exhibit h5").first
        assert heading.evaluate("e => getComputedStyle(e).direction") == "rtl"  # the UI's own text
        expect(heading.locator("bdi")).to_have_text("Laboratory certificate (GC-MS)")
        assert heading.locator("bdi").evaluate("e => getComputedStyle(e).direction") == "ltr"
        save(block)
        legend = block.locator("fieldset.ma-radios > legend").first
        expect(legend.locator("bdi")).to_have_text(["x2", "Presumptive colour test"])
        expect(block.locator("input[data-exhibit=x2]")).to_have_attribute("dir", "auto")
        assert axe_violations(page, ".xblock-v1") == []
    finally:
        context.close()
