"""Refused requests answer in the requester's language, and every refusal message is translatable."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from unittest import mock

import polib
import pytest
from webob import Request

from benchbook.xblocks.common import i18n
from benchbook.xblocks.common import translations as tr
from benchbook.xblocks.common.refusals import Refusal

from .evidence_scenario.test_block import make as make_scenario
from .mock_adjudication.test_block import make as make_case

BLOCKS = {block.name: block for block in tr.BLOCKS}
REFUSING_CALLS = {"Refusal", "InputError", "_require"}


def call(block, handler: str, body: dict, language: str) -> tuple[int, dict]:
    request = Request.blank("/", method="POST", body=json.dumps(body).encode())
    with mock.patch.object(i18n, "language_of", return_value=language):
        response = block.handle(handler, request)
    return response.status_code, json.loads(response.body)


def catalog_text(block_name: str, language: str, msgid: str) -> str:
    entry = polib.pofile(str(BLOCKS[block_name].po_path(language))).find(msgid)
    assert entry is not None and entry.msgstr and not entry.fuzzy, f"{block_name} {language}: {msgid!r}"
    return entry.msgstr


def test_a_refusal_fills_its_template_after_translating_it():
    refusal = Refusal("no count '{count}'", 400, count="c1")
    assert str(refusal) == "no count 'c1'"
    assert refusal.translated(lambda text: "aucun chef « {count} »") == "aucun chef « c1 »"


def test_a_translation_with_other_placeholders_falls_back_to_english():
    refusal = Refusal("no count '{count}'", count="c1")
    assert refusal.translated(lambda text: "aucun chef « {compte} »") == "no count 'c1'"


@pytest.mark.parametrize("language", tr.LANGUAGES)
def test_the_scenario_refuses_in_the_learners_language(language):
    block, _ = make_scenario()
    assert call(block, "start", {}, language)[0] == 200
    before = list(block.path), block.attempts
    status, body = call(block, "undo", {}, language)
    assert status == 409
    assert body["error"] == catalog_text("evidence_scenario", language, "there is no decision to undo")
    assert (list(block.path), block.attempts) == before


@pytest.mark.parametrize("language", tr.LANGUAGES)
def test_the_case_refuses_in_the_learners_language_with_its_values(language):
    block, _ = make_case()
    status, body = call(block, "goto", {"phase": "verdict"}, language)
    assert status == 400
    template = catalog_text("mock_adjudication", language, "phase '{phase}' is not open yet")
    assert body == {"ok": False, "error": template.format(phase="verdict")}
    assert block.phase == "case_file"


def test_english_learners_get_the_source_text():
    block, _ = make_case()
    assert call(block, "retry", {}, "en")[1]["error"] == "finish this attempt first"


@pytest.mark.parametrize("name", BLOCKS)
def test_every_refusal_message_is_marked_for_translation(name):
    """A refusal's message must be a ``_("…")`` literal: a plain or f-string would stay English."""
    unmarked = []
    for path in sorted(Path(BLOCKS[name].folder).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or getattr(node.func, "id", None) not in REFUSING_CALLS:
                continue
            index = 1 if node.func.id == "_require" else 0
            message = node.args[index] if len(node.args) > index else None
            forwarded = isinstance(message, ast.Name) and message.id == "message"  # inside _require
            marked = forwarded or (
                isinstance(message, ast.Call)
                and getattr(message.func, "id", None) == "_"
                and isinstance(message.args[0], ast.Constant)
            )
            if message is not None and not marked:
                unmarked.append(f"{path.name}:{node.lineno}")
    assert not unmarked
