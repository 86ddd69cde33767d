"""The XBlocks' UI catalogs (``make translations``): complete, in step with the code, compiled and loadable."""

from __future__ import annotations

import gettext
import io
import json
import re

import polib
import pytest
from babel.messages.mofile import read_mo

from benchbook.xblocks.common import i18n
from benchbook.xblocks.common import translations as tr

BLOCKS = {block.name: block for block in tr.BLOCKS}
CASES = [(name, language) for name in BLOCKS for language in tr.LANGUAGES]
PLACEHOLDER = re.compile(r"\{\w*\}")


def po(block_name: str, language: str) -> polib.POFile:
    return polib.pofile(str(BLOCKS[block_name].po_path(language)))


def test_the_five_un_languages_besides_english():
    assert tr.LANGUAGES == ("ar", "es", "fr", "ru", "zh")


@pytest.mark.parametrize("name", BLOCKS)
def test_the_committed_template_holds_every_string_in_the_code(name):
    block = BLOCKS[name]
    extracted = {m.id for m in tr.template(block) if m.id}
    committed = {e.msgid for e in polib.pofile(str(block.translations / "text.pot"))}
    assert extracted == committed, "run: make translations"
    assert len(extracted) > 50


def test_the_extractors_reach_python_javascript_and_templates():
    ids = {m.id for m in tr.template(BLOCKS["mock_adjudication"])}
    assert {"Save and continue", "Loading the case file…", "Learner's role", "Cancel"} <= ids  # py, template
    assert "Confirm decision" in tr.js_messages(BLOCKS["evidence_scenario"])  # JavaScript t("…")
    assert not tr.js_messages(BLOCKS["mock_adjudication"])  # its script gets its strings from Python


@pytest.mark.parametrize(("name", "language"), CASES)
def test_every_catalog_is_complete(name, language):
    catalog = po(name, language)
    code = {m.id for m in tr.template(BLOCKS[name]) if m.id}
    assert not [e.msgid for e in catalog if e.fuzzy and not e.obsolete], f"{name} {language}: fuzzy"
    assert not [e.msgid for e in catalog.untranslated_entries()], f"{name} {language}: untranslated"
    assert code <= {e.msgid for e in catalog.translated_entries()}, f"{name} {language}: missing strings"


@pytest.mark.parametrize(("name", "language"), CASES)
def test_placeholders_survive_translation(name, language):
    for entry in po(name, language).translated_entries():
        assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(entry.msgstr)), (
            f"{name} {language}: {entry.msgid!r} → {entry.msgstr!r}"
        )
        entry.msgstr.format(**{k[1:-1]: "x" for k in PLACEHOLDER.findall(entry.msgid)})  # still formats


@pytest.mark.parametrize(("name", "language"), CASES)
def test_the_compiled_catalog_is_up_to_date(name, language):
    block = BLOCKS[name]
    source = tr._read(block.po_path(language))
    fresh = read_mo(io.BytesIO(tr.mo_bytes(source)))
    with block.po_path(language).with_suffix(".mo").open("rb") as handle:
        shipped = read_mo(handle)
    assert {m.id: m.string for m in shipped if m.id} == {m.id: m.string for m in fresh if m.id}, (
        "run: make translations"
    )
    assert {m.id: m.string for m in shipped if m.id} == {
        e.msgid: e.msgstr for e in po(name, language).translated_entries()
    }


@pytest.mark.parametrize("language", tr.LANGUAGES)
def test_the_javascript_catalog_matches_the_po(language):
    block = BLOCKS["evidence_scenario"]
    shipped = block.js_path(language).read_text("utf-8")
    fresh = tr.js_catalog_text(block, language, tr._read(block.po_path(language)))
    catalog = json.loads(re.search(r"= (\{.*\});", shipped, re.S).group(1))
    assert catalog == json.loads(re.search(r"= (\{.*\});", fresh, re.S).group(1)), "run: make translations"
    assert set(catalog) == tr.js_messages(block)
    assert f'EvidenceScenarioI18N["{language}"]' in shipped


@pytest.mark.parametrize(
    ("django_language", "folder"),
    [("ar", "ar"), ("es-419", "es"), ("fr", "fr"), ("ru", "ru"), ("zh-hans", "zh"), ("zh-cn", "zh")],
)
@pytest.mark.parametrize("name", BLOCKS)
def test_the_runtime_loads_the_catalog_for_the_learners_language(name, django_language, folder):
    catalog = i18n.package_catalog(f"benchbook.xblocks.{name}", django_language)
    assert isinstance(catalog, gettext.GNUTranslations)
    expected = {e.msgid: e.msgstr for e in po(name, folder).translated_entries()}
    msgid = "Save" if name == "mock_adjudication" else "Start a new attempt"
    assert catalog.gettext(msgid) == expected[msgid] != msgid


def test_arabic_is_right_to_left_and_the_others_are_not():
    assert i18n.text_direction("ar") == "rtl"
    assert {i18n.text_direction(code) for code in ("es", "fr", "ru", "zh-hans", "zh-cn", "en")} == {"ltr"}


@pytest.mark.parametrize("name", BLOCKS)
def test_a_block_mixed_by_the_runtime_still_finds_its_own_catalog(name, monkeypatch):
    """The LMS and the workbench instantiate ``<Block>WithMixins``, a class defined in xblock.runtime."""
    import importlib

    from xblock.runtime import Mixologist

    module = importlib.import_module(f"benchbook.xblocks.{name}.block")
    cls = next(
        v
        for v in vars(module).values()
        if isinstance(v, type) and v.__module__ == module.__name__ and hasattr(v, "student_view")
    )
    mixed = Mixologist([type("SomeMixin", (), {})]).mix(cls)
    assert mixed.__module__ != cls.__module__
    block = mixed.__new__(mixed)
    monkeypatch.setattr(i18n, "language_of", lambda b: "fr")
    assert i18n.block_package(block) == f"benchbook.xblocks.{name}"
    assert i18n.gettext_for(block)("Save") == "Enregistrer"


def test_reasons_in_chinese_count_each_character_as_a_word():
    """Chinese has no spaces: the reasons' word limits count characters (字数), punctuation excluded."""
    from benchbook.xblocks.mock_adjudication.model import word_count

    assert word_count("颜色测试只是推定性的，证据确凿。") == 14
    assert word_count("GC-MS 证书") == 3
    assert word_count("The colour test is presumptive only.") == 6
    assert word_count("  ") == 0
