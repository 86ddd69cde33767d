"""The evidence_scenario block in headless Chromium against the xblock-sdk workbench on 127.0.0.1.

Each test uses a fresh ``?student=`` so their saved states never meet. The scenario is the packaged
``01-port-seizure-short.xml`` (three steps, undo allowed, two attempts, immediate feedback).
"""

from __future__ import annotations

import itertools
import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, csrf_token

SCENARIO = "evidence_scenario.0"
BEST = [("arrival", "ppe"), ("testing", "lab"), ("seal", "sealed")]
TEXT = {
    "ppe": re.compile("Step back, keep powder"),
    "sweep": re.compile("Sweep the spilled powder"),
    "lab": re.compile("Do not field-test"),
    "marquis": re.compile("Marquis colour test"),
    "sealed": re.compile("numbered tamper-evident bag"),
    "box": re.compile("one open box"),
}
_students = itertools.count()


def student() -> str:
    return f"es-{next(_students)}-{id(object())}"


def open_block(page, workbench, who, view="scenario"):
    page.goto(f"{workbench}/{view}/{SCENARIO}/?student={who}")
    block = page.locator(".xblock-v1[data-block-type=evidence_scenario]")
    expect(block.locator("[data-role=choice-form], [data-role=decisions]").first).to_be_visible()
    return block


def handler_url(page, workbench, block, name, who):
    usage = block.get_attribute("data-usage")
    return f"{workbench}/handler/{usage}/{name}/?student={who}"


def choose_with_mouse(block, choice):
    block.get_by_label(TEXT[choice]).check()
    block.get_by_role("button", name="Confirm decision").click()


def test_full_play_through_with_the_mouse(workbench, page, outside_requests):
    block = open_block(page, workbench, student())
    expect(block.get_by_role("heading", name="Step 1: The open container")).to_be_visible()
    choose_with_mouse(block, "ppe")
    live = block.locator("[data-role=live]")
    expect(live).to_contain_text("naloxone is at hand")  # consequence
    expect(live).to_contain_text("fitted respirator and eye protection")  # coaching (immediate mode)
    heading = block.get_by_role("heading", name="Step 2: What is it?")
    expect(heading).to_be_focused()
    choose_with_mouse(block, "marquis")
    expect(block.get_by_role("heading", name="Step 3: Packaging")).to_be_focused()
    choose_with_mouse(block, "sealed")
    expect(block.get_by_role("heading", name="Outcome: A sound exhibit")).to_be_focused()
    expect(block.locator("[data-role=score]")).to_have_text("Score for this attempt: 4 of 6")
    expect(block.locator("[data-role=grade]")).to_have_text("Score recorded: 4 of 6")
    competencies = block.locator("[data-role=competencies] li")
    expect(competencies).to_have_text(
        ["Safe handling 2/2", "Chain of custody 2/2", "Field test vs laboratory 0/2"]
    )
    decisions = block.locator("[data-role=decisions] > li")
    expect(decisions).to_have_count(3)
    expect(decisions.nth(1)).to_contain_text("A better choice: Do not field-test")
    expect(decisions.nth(1)).to_contain_text("presumptive and never an identification")
    expect(decisions.nth(0)).not_to_contain_text("A better choice")
    assert block.locator("[aria-live]").count() == 1  # one live region for every announcement
    ids = block.evaluate("b => [...b.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)) and all(i.startswith("es-") for i in ids)
    assert block.locator(".es-root").get_attribute("lang") and block.locator(".es-root").get_attribute("dir")
    assert outside_requests == []


def test_keyboard_only_play_through(workbench, page):
    block = open_block(page, workbench, student())
    for _ in range(60):  # Tab from the top of the page into the first radio group
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    assert page.evaluate("document.activeElement.closest('.es-root') !== null")
    for expected_heading in ("Step 2: What is it?", "Step 3: Packaging", "Outcome: A sound exhibit"):
        page.keyboard.press("Space")  # select the focused (first, best) option
        page.keyboard.press("Tab")  # to "Confirm decision"
        page.keyboard.press("Enter")
        heading = block.get_by_role("heading", name=expected_heading)
        expect(heading).to_be_focused()
        if expected_heading.startswith("Outcome"):
            break
        page.keyboard.press("Tab")  # from the heading into the radio group
        # narrative links could sit between; the radio group is reached before the buttons
        while page.evaluate("document.activeElement.type") != "radio":
            page.keyboard.press("Tab")
    expect(block.locator("[data-role=score]")).to_have_text("Score for this attempt: 6 of 6")


def test_undo_and_retry(workbench, page):
    block = open_block(page, workbench, student())
    choose_with_mouse(block, "sweep")
    expect(block.locator(".es-coaching").first).to_contain_text("airborne")
    block.get_by_role("button", name="Undo last decision").click()
    expect(block.get_by_role("heading", name="Step 1: The open container")).to_be_focused()
    for choice in ("ppe", "lab", "box"):
        choose_with_mouse(block, choice)
    expect(block.get_by_role("heading", name="Outcome: Integrity in question")).to_be_visible()
    expect(block.locator(".es-critical")).to_have_text(["Critical error"])
    expect(block.locator("[data-role=score]")).to_have_text("Score for this attempt: 4 of 6")
    block.get_by_role("button", name="Start a new attempt").click()
    expect(block.get_by_role("heading", name="Step 1: The open container")).to_be_focused()
    for choice in ("ppe", "lab", "sealed"):
        choose_with_mouse(block, choice)
    expect(block.locator("[data-role=grade]")).to_have_text("Score recorded: 6 of 6")
    expect(block.get_by_text("Attempt 2 of 2")).to_be_visible()
    expect(block.get_by_text("No attempts left.")).to_be_visible()
    expect(block.get_by_role("button", name="Start a new attempt")).to_have_count(0)


def test_progress_survives_a_reload(workbench, page):
    who = student()
    block = open_block(page, workbench, who)
    choose_with_mouse(block, "ppe")
    block = open_block(page, workbench, who)
    expect(block.get_by_role("heading", name="Step 2: What is it?")).to_be_visible()
    expect(block.locator("[data-role=history]")).to_contain_text("You chose: Step back")


def test_tampered_requests_are_refused(workbench, page):
    who = student()
    block = open_block(page, workbench, who)
    url = handler_url(page, workbench, block, "choose", who)
    headers = {"X-CSRFToken": csrf_token(page), "Content-Type": "application/json"}

    def post(body, extra=None):
        return page.request.post(url, data=json.dumps(body), headers={**headers, **(extra or {})})

    skip = post({"step_id": "seal", "choice_id": "sealed"})
    assert skip.status == 409 and "out of order" in skip.json()["error"]
    other = post({"step_id": "arrival", "choice_id": "sealed"})
    assert other.status == 400 and "has no choice" in other.json()["error"]
    forged = post({"step_id": "arrival", "choice_id": "ppe"}, {"X-CSRFToken": "forged" * 8})
    assert forged.status == 403
    huge = post({"step_id": "arrival", "choice_id": "x" * 10_000})
    assert huge.status == 413
    # none of it moved the learner: the page still shows step 1
    block = open_block(page, workbench, who)
    expect(block.get_by_role("heading", name="Step 1: The open container")).to_be_visible()
    ok = post({"step_id": "arrival", "choice_id": "ppe"})
    assert ok.status == 200 and "points" not in ok.text() and "goto" not in ok.text()


def test_axe_finds_no_violations_at_each_stage(workbench, page, outside_requests):
    who = student()
    block = open_block(page, workbench, who)
    assert axe_violations(page, ".xblock-v1") == []
    choose_with_mouse(block, "ppe")
    expect(block.locator("[data-role=live]")).not_to_be_empty()
    assert axe_violations(page, ".xblock-v1") == []
    choose_with_mouse(block, "lab")
    choose_with_mouse(block, "box")
    expect(block.locator("[data-role=decisions]")).to_be_visible()
    assert axe_violations(page, ".xblock-v1") == []
    assert outside_requests == []


def test_usable_at_320_pixels(workbench, page):
    """The /view/ page has no debug panel but its runtime cannot make handler URLs (xblock-sdk 0.15
    defines ``student_id`` there and reads ``studentId``), so the block is measured on /scenario/."""
    page.set_viewport_size({"width": 320, "height": 640})
    block = open_block(page, workbench, student())
    width = block.evaluate("b => b.scrollWidth")
    assert width <= 320, width
    button = block.get_by_role("button", name="Confirm decision")
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    choose_with_mouse(block, "ppe")
    expect(block.get_by_role("heading", name="Step 2: What is it?")).to_be_visible()
    assert block.evaluate("b => b.scrollWidth") <= 320
    assert block.evaluate("b => b.getBoundingClientRect().right") <= 320


def test_choosing_nothing_says_so(workbench, page):
    block = open_block(page, workbench, student())
    block.get_by_role("button", name="Confirm decision").click()
    # the native 'required' check or our message: either way no request moves the learner
    expect(block.get_by_role("heading", name="Step 1: The open container")).to_be_visible()


@pytest.mark.parametrize("view", ["studio_view", "author_view"])
def test_studio_views_render(workbench, page, view):
    page.goto(f"{workbench}/scenario/{SCENARIO}/{view}/?student={student()}")
    if view == "author_view":
        expect(page.get_by_text("Best-path score: 6")).to_be_visible()
    else:
        expect(page.get_by_label("Edit OLX")).to_be_visible()
    assert axe_violations(page, ".xblock-v1") == []


def test_studio_form_shows_errors_beside_the_field(workbench, page):
    page.goto(f"{workbench}/scenario/{SCENARIO}/studio_view/?student={student()}")
    field = page.locator('[data-path="steps.0.choices.1.goto"]')
    field.fill("nowhere")
    page.get_by_role("button", name="Save", exact=True).click()
    error = page.locator('[data-error-for="steps.0.choices.1.goto"]')
    expect(error).to_contain_text("step 'arrival', choice 'sweep': goto 'nowhere' does not exist")
    expect(field).to_have_attribute("aria-invalid", "true")


def test_real_scenario_in_debrief_mode_keeps_coaching_for_the_end(workbench, page, outside_requests):
    """The packaged clandestine-lab scenario (13 steps, feedback_mode: debrief), best path by keyboard."""
    page.goto(f"{workbench}/scenario/evidence_scenario.2/?student={student()}")
    block = page.locator(".xblock-v1[data-block-type=evidence_scenario]")
    expect(block.get_by_role("heading", name="Step 1: Briefing at the cordon")).to_be_visible()
    live = block.locator("[data-role=live]")
    for number in range(1, 12):
        heading = block.locator(".es-step-title")
        expect(heading).to_contain_text(f"Step {number}:")
        block.locator("input[type=radio]").first.check()  # the first choice is the best in this file
        block.get_by_role("button", name="Confirm decision").click()
        expect(live).to_contain_text("You chose:")
        expect(live.locator(".es-coaching")).to_have_count(0)  # debrief mode: no coaching yet
    expect(block.get_by_role("heading", name="Outcome: A case built on sound evidence")).to_be_focused()
    expect(block.locator("[data-role=score]")).to_have_text("Score for this attempt: 22 of 22")
    expect(block.locator("[data-role=decisions] > li")).to_have_count(11)
    expect(block.locator("[data-role=decisions] .es-coaching").first).to_contain_text("risk")
    expect(block.locator("[data-role=competencies] li").first).to_have_text("Safe handling 6/6")
    assert axe_violations(page, ".xblock-v1") == []
    assert outside_requests == []


def test_studio_form_saves_and_the_learner_sees_the_change(workbench, page):
    """Saves change the block for everyone, so this uses the last packaged scenario, which no other
    browser test plays, and puts the text back at the end."""
    page.goto(f"{workbench}/scenario/evidence_scenario.2/studio_view/?student={student()}")
    field = page.locator('[data-path="steps.0.title"]')
    original = field.input_value()
    field.fill("Briefing at the outer cordon")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("[data-role=status]")).to_have_text("Saved.")
    page.goto(f"{workbench}/scenario/evidence_scenario.2/?student={student()}")
    expect(page.get_by_role("heading", name="Step 1: Briefing at the outer cordon")).to_be_visible()
    page.goto(f"{workbench}/scenario/evidence_scenario.2/studio_view/?student={student()}")
    page.locator('[data-path="steps.0.title"]').fill(original)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("[data-role=status]")).to_have_text("Saved.")


def test_arabic_learner_gets_a_right_to_left_translated_block(workbench, browser):
    """The workbench (tests/browser/workbench_settings.py) takes the language from Accept-Language."""
    context = browser.new_context(locale="ar")
    page = context.new_page()
    try:
        page.goto(f"{workbench}/scenario/{SCENARIO}/?student={student()}")
        block = page.locator(".xblock-v1[data-block-type=evidence_scenario]")
        root = block.locator(".es-root")
        expect(root).to_have_attribute("dir", "rtl")
        expect(root).to_have_attribute("lang", re.compile("^ar"))
        expect(block.get_by_role("group", name="ماذا تفعل؟")).to_be_visible()
        block.get_by_label(TEXT["ppe"]).check()
        block.get_by_role("button", name="تأكيد القرار").click()
        expect(block.get_by_role("heading", name="الخطوة 2: What is it?")).to_be_focused()
        assert axe_violations(page, ".xblock-v1") == []
    finally:
        context.close()


def test_course_text_keeps_its_own_direction_in_an_arabic_ui(workbench, browser):
    """dir="auto" on past steps, consequence, coaching and choice labels; <bdi> around course text in
    the translated step heading and "You chose: …", so English text is not reordered in an RTL page."""
    context = browser.new_context(locale="ar")
    page = context.new_page()
    try:
        page.goto(f"{workbench}/scenario/{SCENARIO}/?student={student()}")
        block = page.locator(".xblock-v1[data-block-type=evidence_scenario]")
        expect(block.locator(".es-root")).to_have_attribute("dir", "rtl")
        heading = block.locator(".es-step-title")
        assert heading.evaluate("e => getComputedStyle(e).direction") == "rtl"
        title = heading.locator("bdi").last
        expect(title).to_have_text("The open container")
        assert title.evaluate("e => getComputedStyle(e).direction") == "ltr"
        label = block.get_by_label(TEXT["ppe"])
        choice = block.locator(f"label[for='{label.get_attribute('id')}']")
        expect(choice).to_have_attribute("dir", "auto")
        assert choice.evaluate("e => getComputedStyle(e).direction") == "ltr"
        label.check()
        block.get_by_role("button", name="تأكيد القرار").click()
        expect(block.get_by_role("heading", name="الخطوة 2: What is it?")).to_be_focused()
        live = block.locator("[data-role=live]")
        expect(live.locator(".es-past-choice bdi")).to_have_text(TEXT["ppe"])
        parts = live.locator(".es-consequence, .es-coaching").all()
        assert parts
        for part in parts:
            assert part.get_attribute("dir") == "auto"
            assert part.evaluate("e => getComputedStyle(e).direction") == "ltr"
        expect(block.locator(".es-title")).to_have_attribute("dir", "auto")
        assert axe_violations(page, ".xblock-v1") == []
    finally:
        context.close()
