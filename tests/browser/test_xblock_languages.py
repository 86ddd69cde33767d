"""Both XBlocks in the learner's language: Arabic (right to left) and Chinese, in headless Chromium.

The workbench takes the language from Accept-Language (tests/browser/workbench_settings.py), so a
Playwright context with ``locale="ar"`` is an Arabic learner and ``locale="zh-CN"`` a Chinese one
(Django maps ``zh-cn`` to ``zh-hans``, whose catalog is ``translations/zh``). The expected texts
come from the shipped ``.po`` files, so a reworded translation does not break these tests, a missing
one does. Set ``BENCHBOOK_SCREENSHOTS=DIR`` to keep a screenshot of each block.
"""

from __future__ import annotations

import os
import re
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import polib
import pytest
from playwright.sync_api import expect

from benchbook.xblocks.common import translations as tr

from .conftest import axe_violations

LOCALES = {"ar": ("ar", "rtl", re.compile(r"^ar")), "zh-CN": ("zh", "ltr", re.compile(r"^zh"))}
ES_SCENARIO, MA_JUDGE = "evidence_scenario.0", "mock_adjudication.0"


def catalog(block: str, folder: str) -> dict[str, str]:
    path = next(b for b in tr.BLOCKS if b.name == block).po_path(folder)
    return {e.msgid: e.msgstr for e in polib.pofile(str(path)).translated_entries()}


@contextmanager
def learner(browser, locale: str):
    """A page whose browser asks for *locale*, and the list of requests it makes off 127.0.0.1."""
    context = browser.new_context(locale=locale)
    page = context.new_page()
    outside: list[str] = []

    def record(request):
        if not request.url.startswith(("data:", "blob:", "about:")) and urlparse(
            request.url
        ).hostname not in ("127.0.0.1", "localhost"):
            outside.append(request.url)

    page.on("request", record)
    try:
        yield page, outside
    finally:
        context.close()


def keep_screenshot(block, name: str) -> None:
    folder = os.environ.get("BENCHBOOK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        block.screenshot(path=str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("locale", LOCALES)
def test_evidence_scenario_in_the_learners_language(workbench, browser, locale):
    folder, direction, lang = LOCALES[locale]
    t = catalog("evidence_scenario", folder)
    with learner(browser, locale) as (page, outside):
        page.goto(f"{workbench}/scenario/{ES_SCENARIO}/?student=lang-{uuid.uuid4().hex[:10]}")
        block = page.locator(".xblock-v1[data-block-type=evidence_scenario]")
        root = block.locator(".es-root")
        expect(root).to_have_attribute("dir", direction)
        expect(root).to_have_attribute("lang", lang)
        expect(block.get_by_role("group", name=t["What do you do?"])).to_be_visible()
        expect(root).to_have_css("direction", direction)
        keep_screenshot(block, f"evidence_scenario-{folder}-step1")
        block.get_by_label(re.compile("Step back, keep powder")).check()  # authored text stays English
        block.get_by_role("button", name=t["Confirm decision"]).click()
        step2 = t["Step {n}: {title}"].format(n=2, title="What is it?")
        expect(block.get_by_role("heading", name=step2)).to_be_focused()
        expect(block.locator("[data-role=live]")).to_contain_text(t["You chose: {choice}"].split("{")[0])
        keep_screenshot(block, f"evidence_scenario-{folder}-step2")
        assert axe_violations(page, ".xblock-v1[data-block-type=evidence_scenario]") == []
        assert outside == []


@pytest.mark.parametrize("locale", LOCALES)
def test_mock_adjudication_in_the_learners_language(workbench, browser, locale):
    folder, direction, lang = LOCALES[locale]
    t = catalog("mock_adjudication", folder)
    with learner(browser, locale) as (page, outside):
        page.goto(f"{workbench}/scenario/{MA_JUDGE}/?student=lang-{uuid.uuid4().hex[:10]}")
        block = page.locator(".xblock-v1[data-block-type=mock_adjudication]")
        root = block.locator("[data-role=root]")
        expect(root).to_have_attribute("dir", direction)
        expect(root).to_have_attribute("lang", lang)
        expect(root).to_have_css("direction", direction)
        heading = block.locator("[data-role=heading]")
        step = t["Step {n} of {total}: {name}"]
        expect(heading).to_have_text(step.format(n=1, total=6, name=t["Case file"]))
        expect(block.locator(".ma-intro")).to_contain_text(
            t["You sit as the judge. Rule on the evidence, decide each count and give reasons."]
        )
        expect(block.get_by_role("navigation", name=t["Progress"])).to_be_visible()
        keep_screenshot(block, f"mock_adjudication-{folder}-case-file")
        assert axe_violations(page, ".xblock-v1[data-block-type=mock_adjudication]") == []
        block.get_by_role("button", name=t["Save and continue"]).click()
        expect(heading).to_have_text(step.format(n=2, total=6, name=t["Admissibility"]))
        expect(heading).to_be_focused()
        x2 = block.get_by_role("group", name=re.compile("x2"))
        x2.get_by_label(t["Admit with limited weight"], exact=True).check()
        expect(x2.get_by_label(t["Admit with limited weight"], exact=True)).to_be_checked()
        expect(x2.get_by_label(re.compile(re.escape(t["Reason (one or two sentences)"])))).to_be_visible()
        keep_screenshot(block, f"mock_adjudication-{folder}-admissibility")
        assert axe_violations(page, ".xblock-v1[data-block-type=mock_adjudication]") == []
        assert outside == []
