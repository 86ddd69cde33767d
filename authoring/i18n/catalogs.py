"""gettext catalogs with Babel: extract a template, merge it into each language, read it back.

``locale/messages.pot`` holds every learner-visible string; ``locale/<lang>.po`` its translation.
Babel does the merging (new strings added, changed ones marked fuzzy with the previous text kept,
removed ones made obsolete) exactly as ``pybabel update`` would.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from ..diagnostics import Diagnostics, Position
from ..load.text import read_text
from ..model import Course
from .walk import localize

PO_ERROR_LINE = re.compile(r"line (\d+)")
PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$')
LOCALE_FOLDER = "locale"
TEMPLATE = "messages.pot"


def template_path(course: Course) -> Path:
    return course.folder / LOCALE_FOLDER / TEMPLATE


def po_path(course: Course, language: str) -> Path:
    return course.folder / LOCALE_FOLDER / f"{language}.po"


def extract(course: Course, variants: list[Course] = ()) -> Catalog:
    """Every learner-visible string of *course* and of its *variants*, with context and locations."""
    catalog = Catalog(
        project=f"{course.org} {course.number}",
        version=None,
        locale=None,
        domain="messages",
        charset="utf-8",
        fuzzy=False,
    )

    def record(text: str, context: str, where: Position) -> str:
        if text.strip():
            location = (os.path.relpath(where.file, course.folder), where.line or 0)
            existing = catalog.get(text, context=context)
            if existing is None:
                catalog.add(text, locations=[location], context=context)
            elif location not in existing.locations:
                existing.locations.append(location)
        return text

    for each in (course, *variants):
        localize(each, record)
    return catalog


def catalog_bytes(catalog: Catalog, include_previous: bool = False) -> bytes:
    """A .po/.pot file, written by polib: Babel merges catalogs well but writes ``#| msgid`` for a
    multi-line previous text on one line that neither it nor gettext reads back. No dates in the
    header, so unchanged sources give an unchanged file.
    """
    po = polib.POFile(wrapwidth=100)
    po.metadata = {
        "Project-Id-Version": catalog.project or "",
        "Language": str(catalog.locale) if catalog.locale else "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for message in catalog:
        if message.id:
            po.append(_entry(message, include_previous))
    for message in catalog.obsolete.values():
        entry = _entry(message, False)
        entry.obsolete = True
        po.append(entry)
    return str(po).encode("utf-8")


def _entry(message, include_previous: bool) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=message.id,
        msgstr=message.string or "",
        msgctxt=message.context,
        occurrences=[(path, str(line)) for path, line in message.locations],
        flags=sorted(message.flags),
        comment="\n".join(message.auto_comments),
        tcomment="\n".join(message.user_comments),
    )
    if include_previous and message.previous_id:
        entry.previous_msgid = message.previous_id[0]
        entry.previous_msgctxt = message.context
    return entry


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """A .po file as a Babel catalog, for merging; raises on a broken file (never guesses)."""
    with path.open("rb") as stream:
        return read_po(stream, locale=locale, charset="utf-8", abort_invalid=True)


def update(template: Catalog, path: Path, language: str) -> tuple[Catalog, bool]:
    """Merge *template* into the catalog at *path* (created when absent)."""
    if path.exists():
        catalog = read_catalog(path, language)
        created = False
    else:
        catalog = Catalog(locale=language, domain="messages", charset="utf-8", fuzzy=False)
        created = True
    before = {(m.id, m.context): m for m in catalog if m.id}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    _keep_previous_ids(catalog, before)
    return catalog, created


def _keep_previous_ids(catalog: Catalog, before: dict) -> None:
    """Record, on each newly fuzzy message, the source text its translation was made for.

    Babel's merge copies the old translation onto a changed string and marks it fuzzy, but does not
    keep the old source text; gettext's ``#| msgid`` comment shows translators what changed.
    """
    now = {(m.id, m.context) for m in catalog if m.id}
    gone = [m for key, m in before.items() if key not in now]
    for message in catalog:
        if (
            message.id
            and message.fuzzy
            and not message.previous_id
            and (message.id, message.context) not in before
        ):
            for old in gone:
                if old.context == message.context and old.string == message.string:
                    message.previous_id = [old.id] if isinstance(old.id, str) else list(old.id)
                    gone.remove(old)
                    break


@dataclass
class Status:
    language: str
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.missing

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.missing == 0


def status(template: Catalog, catalog: PoEntries | None, language: str) -> Status:
    """Counts against the current template (strings the .po lacks count as missing)."""
    result = Status(language)
    for message in template:
        if not message.id:
            continue
        entry = catalog.get((message.context, message.id)) if catalog is not None else None
        if entry is None or not entry.msgstr:
            result.missing += 1
        elif entry.fuzzy:
            result.fuzzy += 1
        else:
            result.translated += 1
    return result


PoEntries = dict[tuple[str | None, str], polib.POEntry]


def read_entries(path: Path, diagnostics: Diagnostics) -> PoEntries | None:
    """A .po file's live entries by (context, source text); None (reported) when it is unreadable.

    polib reads strictly and says on which line a file is broken; Babel would guess past errors
    and print warnings to standard output.
    """
    text = read_text(path, diagnostics)
    if text is None:
        return None
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not PO_LINE.match(stripped):
            diagnostics.error(
                "this line of the translation file is broken",
                Position(path, number, 1),
                'every msgctxt, msgid and msgstr text is in double quotes, e.g. msgstr "Bienvenue" '
                '(a quote inside the text is written \\")',
            )
            return None
    try:
        po = polib.pofile(text, encoding="utf-8")
    except (OSError, ValueError) as exc:
        found = PO_ERROR_LINE.search(str(exc))
        diagnostics.error(
            f"cannot read translations: {str(exc).splitlines()[0]}",
            Position(path, int(found.group(1)) if found else 1, 1),
            "each entry is msgctxt/msgid/msgstr lines with text in double quotes; "
            "`benchbook i18n update` rewrites a valid file",
        )
        return None
    entries = {}
    for entry in po:
        if entry.obsolete:
            continue
        # polib numbers an entry from its first comment: point at its msgid line instead
        index = max(entry.linenum - 1, 0)
        while index < len(lines) and not lines[index].startswith("msgid"):
            index += 1
        entry.linenum = index + 1
        entries[(entry.msgctxt, entry.msgid)] = entry
    return entries


@dataclass
class Translations:
    """A language's translations as a build uses them, with what fell back to the source."""

    language: str
    path: Path
    entries: PoEntries | None
    fallbacks: list[tuple[str, Position]] = field(default_factory=list)

    @classmethod
    def load(cls, course: Course, language: str, diagnostics: Diagnostics) -> Translations:
        path = po_path(course, language)
        if not path.is_file():
            diagnostics.warning(
                f"no translations for '{language}' ({path.name} is missing): the source text is used",
                Position(path),
                f"run `benchbook i18n update {course.folder.name}` and translate {LOCALE_FOLDER}/{language}.po",
            )
            return cls(language, path, None)
        return cls(language, path, read_entries(path, diagnostics))

    def lookup(self, text: str, context: str, where: Position) -> tuple[str, Position | None]:
        """The translation and its place in the .po file, or the source text and None."""
        entry = self.entries.get((context, text)) if self.entries is not None else None
        if entry is None or not entry.msgstr or entry.fuzzy:
            self.fallbacks.append((text, where))
            return text, None
        return entry.msgstr, Position(self.path, entry.linenum or 0)
