"""Extract, merge and compile the UI strings of every Benchbook XBlock (``make translations``).

    python -m benchbook.xblocks.common.translations            # extract + update + compile, every block
    python -m benchbook.xblocks.common.translations extract    # translations/text.pot, merged .po files
    python -m benchbook.xblocks.common.translations compile    # .mo files and packaged JS catalogs
    python -m benchbook.xblocks.common.translations status     # translated / fuzzy / missing per language

For each block package (``evidence_scenario``, ``mock_adjudication``) it writes, with Babel:

- ``translations/text.pot``: every UI string, found by Babel's extractors in the Python sources
  (``_()``, ``gettext()``, ``t()``), the JavaScript in ``public/*.js`` (``gettext()``, ``t()``) and the
  ``{{T:text}}`` markers of the HTML templates (``templates/*.html``, see ``block._translate_template``);
- ``translations/<lang>/LC_MESSAGES/text.po`` for ar, es, fr, ru and zh (simplified): created from the
  template when missing, else merged (new strings added untranslated, changed ones marked fuzzy with
  the previous text kept, removed ones dropped);
- ``translations/<lang>/LC_MESSAGES/text.mo``: the compiled catalog (fuzzy entries left out), in the
  gettext domain ``text`` where the LMS's i18n service and ``common.i18n.gettext_for`` look;
- ``public/js/translations/<lang>/text.js`` when the block's JavaScript has strings of its own: the
  JavaScript-side strings as ``window.<Namespace>[<lang>] = {msgid: msgstr}``, the shape the block's
  script reads (``EvidenceScenarioI18N`` for evidence_scenario). mock_adjudication's script has no
  strings of its own: the block translates them in Python and passes them in its payload.

The outputs are committed, so an installed package translates without any build step. The ``en``
catalog a block may keep (a blank copy for translators) is left alone: English is the source.
"""

from __future__ import annotations

import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

DOMAIN = "text"
LANGUAGES = ("ar", "es", "fr", "ru", "zh")
XBLOCKS = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "t": None}
TEMPLATE_MARKER = re.compile(r"\{\{T:(.*?)\}\}")
LOCALES = {"zh": "zh_Hans"}  # Babel's locale for a catalog folder, where the code alone is ambiguous


@dataclass(frozen=True)
class Block:
    name: str
    js_namespace: str | None = None  # window.<namespace>[lang] in public/js/translations/<lang>/text.js

    @property
    def folder(self) -> Path:
        return XBLOCKS / self.name

    @property
    def translations(self) -> Path:
        return self.folder / "translations"

    def po_path(self, language: str) -> Path:
        return self.translations / language / "LC_MESSAGES" / f"{DOMAIN}.po"

    def js_path(self, language: str) -> Path:
        return self.folder / "public" / "js" / "translations" / language / f"{DOMAIN}.js"


BLOCKS = (Block("evidence_scenario", "EvidenceScenarioI18N"), Block("mock_adjudication"))


def extract_template_markers(fileobj, keywords, comment_tags, options):
    """Babel extractor for the ``{{T:text}}`` markers of a block's HTML templates."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    for match in TEMPLATE_MARKER.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, "_", match.group(1), []


METHODS = [
    ("**.py", "python"),
    ("public/*.js", "javascript"),
    ("templates/*.html", f"{__name__}:extract_template_markers"),
]


def _extract(block: Block, method_map) -> Catalog:
    template = Catalog(project="benchbook", version=block.name, fuzzy=False, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(block.folder),
        method_map=method_map,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        if isinstance(message, tuple):  # a plural keyword; these blocks use none
            message = message[0]
        if not message:
            continue
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def template(block: Block) -> Catalog:
    """Every UI string of *block*, as Babel extracts it from the sources."""
    return _extract(block, METHODS)


def js_messages(block: Block) -> set[str]:
    """The strings the block's JavaScript translates itself (and so needs in its JS catalog)."""
    return {m.id for m in _extract(block, [("public/*.js", "javascript")]) if m.id}


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def _write_po(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, ignore_obsolete=True, include_previous=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def extract(block: Block) -> Catalog:
    """Write ``translations/text.pot`` and merge it into each language's ``.po``."""
    pot = template(block)
    pot_path = block.translations / f"{DOMAIN}.pot"
    if pot_path.exists():  # an unchanged template keeps its date: no churn in the committed files
        previous = _read(pot_path)
        if [(m.id, m.locations) for m in previous] == [(m.id, m.locations) for m in pot]:
            pot.creation_date = previous.creation_date
    _write_po(pot_path, pot)
    for language in LANGUAGES:
        path = block.po_path(language)
        locale = LOCALES.get(language, language)
        if path.exists():
            catalog = _read(path, locale)
            catalog.update(pot, update_header_comment=False)
        else:
            catalog = Catalog(locale=locale, domain=DOMAIN, charset="utf-8")
            catalog.update(pot)
        catalog.project, catalog.version = pot.project, pot.version
        catalog.fuzzy = False
        _write_po(path, catalog)
    return pot


def translated(catalog: Catalog) -> dict[str, str]:
    """msgid → msgstr of the entries that count as translated (not fuzzy, not empty)."""
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def js_catalog_text(block: Block, language: str, catalog: Catalog) -> str:
    js_ids = js_messages(block)
    messages = {k: v for k, v in translated(catalog).items() if k in js_ids}
    body = json.dumps(messages, ensure_ascii=False, sort_keys=True, indent=0)
    return (
        "/* Generated by `make translations` (benchbook.xblocks.common.translations) from translations/"
        f"{language}/LC_MESSAGES/{DOMAIN}.po: do not edit. */\n"
        f"(function (g) {{\n  g.{block.js_namespace} = g.{block.js_namespace} || {{}};\n"
        f"  g.{block.js_namespace}[{json.dumps(language)}] = {body};\n}})(window);\n"
    )


def compile_block(block: Block) -> list[Path]:
    """Write each language's ``.mo`` and, for blocks with JavaScript strings, its JS catalog."""
    written = []
    for language in LANGUAGES:
        path = block.po_path(language)
        if not path.exists():
            continue
        catalog = _read(path, LOCALES.get(language, language))
        mo = path.with_suffix(".mo")
        mo.write_bytes(mo_bytes(catalog))
        written.append(mo)
        if block.js_namespace:
            target = block.js_path(language)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(js_catalog_text(block, language, catalog), encoding="utf-8")
            written.append(target)
    return written


def status(block: Block) -> dict[str, tuple[int, int, int]]:
    """Per language: (translated, fuzzy, missing) against the block's template."""
    ids = {m.id for m in template(block) if m.id}
    result = {}
    for language in LANGUAGES:
        path = block.po_path(language)
        catalog = _read(path) if path.exists() else Catalog()
        done = set(translated(catalog)) & ids
        fuzzy = {m.id for m in catalog if m.id in ids and m.fuzzy}
        result[language] = (len(done), len(fuzzy), len(ids - done - fuzzy))
    return result


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command not in ("all", "extract", "compile", "status"):
        print(__doc__)
        return 2
    incomplete = False
    for block in BLOCKS:
        if command in ("all", "extract"):
            print(f"{block.name}: {len(extract(block))} strings in translations/{DOMAIN}.pot")
        if command in ("all", "compile"):
            for path in compile_block(block):
                print(f"{block.name}: wrote {path.relative_to(block.folder)}")
        if command in ("all", "status"):
            for language, (done, fuzzy, missing) in status(block).items():
                incomplete |= bool(fuzzy or missing)
                print(f"{block.name} {language}: {done} translated, {fuzzy} fuzzy, {missing} missing")
    return 1 if command == "status" and incomplete else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
