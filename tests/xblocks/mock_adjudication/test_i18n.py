"""UI strings are translatable: one catalog holds them all, and the views translate at render time."""

from __future__ import annotations

import polib

from benchbook.xblocks.mock_adjudication.block import UI_STRINGS

from .i18n_catalog import CATALOG, strings
from .test_block import make


def test_catalog_is_in_sync_with_the_code():
    po = polib.pofile(str(CATALOG))
    assert [e.msgid for e in po] == strings()
    assert "Save and continue" in strings() and "Learner's role" in strings()


def test_views_use_the_i18n_service(monkeypatch):
    block, rt = make()

    class Shouting:
        def gettext(self, text):
            return text.upper()

    original = rt.service
    monkeypatch.setattr(
        rt, "service", lambda blk, name: Shouting() if name == "i18n" else original(blk, name)
    )
    import json

    payload = json.loads(block.student_view().json_init_args["payload"])
    assert payload["strings"]["next"] == UI_STRINGS["next"].upper()
    assert payload["strings"]["phases"]["weighing"] == "WEIGHING THE EVIDENCE"
    assert "LEARNER&#x27;S ROLE" in block.studio_view().content
