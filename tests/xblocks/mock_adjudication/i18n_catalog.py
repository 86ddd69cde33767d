"""Every translatable UI string of the block, and the gettext template built from them.

``python -m tests.xblocks.mock_adjudication.i18n_catalog`` rewrites
``translations/en/LC_MESSAGES/text.po`` (the source catalog translators copy per language);
``test_i18n.py`` keeps it in sync.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from benchbook.xblocks.mock_adjudication import block, editor

PACKAGE = Path(block.__file__).parent
CATALOG = PACKAGE / "translations" / "en" / "LC_MESSAGES" / "text.po"


def strings() -> list[str]:
    found: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, str) and value not in found:
            found.append(value)

    walk(block.UI_STRINGS)
    for field in block.MockAdjudicationBlock.fields.values():
        for text in (field.display_name, field.help):
            if (
                isinstance(text, str)
                and text
                and field.name not in ("parent", "children", "tags")
                and text not in found
            ):
                found.append(text)
    for text in re.findall(r"\{\{T:(.*?)\}\}", (PACKAGE / "templates" / "studio.html").read_text("utf-8")):
        if text not in found:
            found.append(text)
    for text in editor.strings():
        if text not in found:
            found.append(text)
    for text in ("Loading the case file…", "This exercise needs JavaScript."):
        if text not in found:
            found.append(text)
    return found


def catalog() -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "benchbook mock_adjudication",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for text in strings():
        po.append(polib.POEntry(msgid=text, msgstr=""))
    return po


if __name__ == "__main__":
    CATALOG.parent.mkdir(parents=True, exist_ok=True)
    catalog().save(str(CATALOG))
