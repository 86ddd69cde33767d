"""UI strings: extracted, catalogs compiled and in step with their .po files, loaded by language."""

from __future__ import annotations

import json
import re
from unittest import mock

import polib
import pytest

from benchbook.xblocks.common import translations
from benchbook.xblocks.evidence_scenario import block as block_module

from .test_block import make

BLOCK = next(block for block in translations.BLOCKS if block.name == "evidence_scenario")
HERE = BLOCK.folder
LANGUAGES = sorted(p.parent.parent.name for p in HERE.glob("translations/*/LC_MESSAGES/text.po"))


def js_catalog(language: str) -> dict:
    text = (HERE / "public" / "js" / "translations" / language / "text.js").read_text("utf-8")
    return json.loads(re.search(r"= (\{.*\});", text, re.S).group(1))


def test_the_un_languages_ship():
    assert {"ar", "es", "fr", "ru", "zh"} <= set(LANGUAGES)  # the UN languages besides English


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogs_match_the_po(language):
    po = polib.pofile(str(HERE / "translations" / language / "LC_MESSAGES" / "text.po"))
    mo = polib.mofile(str(HERE / "translations" / language / "LC_MESSAGES" / "text.mo"))
    translated = {e.msgid: e.msgstr for e in po.translated_entries()}
    assert {e.msgid: e.msgstr for e in mo if e.msgid} == translated
    js_ids = translations.js_messages(BLOCK)
    assert js_catalog(language) == {k: v for k, v in translated.items() if k in js_ids}
    assert js_ids <= set(translated), f"{language}: untranslated learner strings {js_ids - set(translated)}"


@pytest.mark.parametrize(
    ("language", "direction"),
    [("fr", "ltr"), ("ar", "rtl"), ("es-419", "ltr"), ("zh-hans", "ltr"), ("en", "ltr")],
)
def test_student_view_loads_the_catalog_and_sets_lang_and_dir(language, direction):
    blk, _ = make()
    with mock.patch.object(block_module, "language_of", return_value=language):
        fragment = blk.student_view()
    assert f'lang="{language}" dir="{direction}"' in fragment.content
    scripts = " ".join(
        r.data for r in fragment.resources if r.kind == "text" and r.mimetype == "application/javascript"
    )
    base = language.split("-")[0]
    if base in LANGUAGES:
        assert f'EvidenceScenarioI18N["{base}"]' in scripts
    else:
        assert "EvidenceScenarioI18N[" not in scripts
    assert fragment.json_init_args["lang"] == language
