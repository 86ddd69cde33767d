"""Rendered Markdown kept between builds, so a rebuild renders only the blocks that changed.

Content-addressed: an entry's key is a hash of the renderer's version, what is rendered (block or
inline), the Markdown exactly as it reaches markdown-it (with its cited footnotes), the footnote
id prefix, the folder its relative links start from, and whether it stands in a lesson. The entry
holds the HTML and the links and images it resolved, each with what it resolved to; a hit counts
only when every one of them still resolves to the same URL in this build's outline and assets
(so a renamed lesson, a removed unit or a moved file sends the block back to markdown-it, which
reports the problem where it is). Only renders that reported nothing are stored, so every
diagnostic of a build still comes from a real render.

One JSON file per course, ``<course>/.benchbook/cache/render.json``, written atomically after a
build; a missing, corrupt or older-version file is an empty cache. Delete the folder to clear it,
or build with ``--no-cache``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..package.tarball import write_atomically
from . import markdown as markdown_module

CACHE_FOLDER = Path(".benchbook") / "cache"
CACHE_FILE = "render.json"
FORMAT = 1
KEEP_UNUSED = 2  # unused entries are kept while they number at most this × the ones used


def renderer_version() -> str:
    """What the HTML depends on besides the source: our renderer's code and markdown-it's."""
    code = Path(markdown_module.__file__).read_bytes() + Path(__file__).with_name("context.py").read_bytes()
    packages = ":".join(metadata.version(name) for name in ("markdown-it-py", "mdit-py-plugins"))
    return f"{FORMAT}:{__version__}:{packages}:{hashlib.sha256(code).hexdigest()[:16]}"


# (kind "link"/"image", target as written, what it resolved to)
Dependency = tuple[str, str, str]


@dataclass
class RenderStore:
    path: Path
    version: str = field(default_factory=renderer_version)
    entries: dict[str, list] = field(default_factory=dict)  # key → [html, [[kind, target, url], …]]
    used: set[str] = field(default_factory=set)
    hits: int = 0
    misses: int = 0
    _added: bool = False

    @classmethod
    def for_course(cls, folder: Path) -> RenderStore:
        return cls.open(folder / CACHE_FOLDER / CACHE_FILE)

    @classmethod
    def open(cls, path: Path) -> RenderStore:
        store = cls(path)
        try:
            saved = json.loads(path.read_bytes())
            if isinstance(saved, dict) and saved.get("version") == store.version:
                entries = saved.get("entries")
                if isinstance(entries, dict):
                    store.entries = entries
        except (OSError, ValueError):
            pass  # no cache yet, or one we cannot read: start empty
        return store

    def key(self, kind: str, source: str, doc_id: str, base: str, in_lesson: bool) -> str:
        text = "\0".join((self.version, kind, source, doc_id, base, "1" if in_lesson else "0"))
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def get(self, key: str) -> tuple[str, list[Dependency]] | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        return entry[0], [tuple(dependency) for dependency in entry[1]]

    def hit(self, key: str) -> None:
        self.used.add(key)
        self.hits += 1

    def put(self, key: str, html: str, dependencies: list[Dependency]) -> None:
        self.misses += 1
        self.used.add(key)
        self.entries[key] = [html, [list(dependency) for dependency in dependencies]]
        self._added = True

    def save(self) -> None:
        """Write the entries back if anything was added (old unused ones dropped when too many)."""
        unused = len(self.entries) - len(self.used)
        if not self._added and unused <= KEEP_UNUSED * len(self.used):
            return
        if unused > KEEP_UNUSED * len(self.used):
            self.entries = {key: value for key, value in self.entries.items() if key in self.used}
        data = json.dumps({"version": self.version, "entries": self.entries}, ensure_ascii=False)
        with contextlib.suppress(OSError):  # a cache not written only makes the next build slower
            write_atomically(self.path, data.encode("utf-8", "surrogatepass"))
        self._added = False
