"""Files the course refers to, copied into ``static/`` under Studio-safe flat names.

Studio serves an uploaded file at ``/static/<name>`` where ``/`` and any character outside
``[A-Za-z0-9._-]`` became ``_`` (``StaticContent.compute_location``). A name with a folder or a space
in it would be renamed on import and every link to it would break, so the compiler flattens names
itself and rewrites every reference to match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics, Position
from ..load.paths import resolved

UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def flat_name(relative: str) -> str:
    relative = relative.removeprefix("static/")
    return UNSAFE.sub("_", relative.replace("/", "_"))


@dataclass
class Assets:
    """The course's files by published name; a language may override any of them.

    ``locale/<lang>/static/images/map.png`` replaces ``static/images/map.png`` in that language's
    build, under the same name, so the Markdown never changes.
    """

    course_folder: Path
    language: str = ""
    files: dict[str, Path] = field(default_factory=dict)  # flat name → source file

    def add(self, path: Path, where: Position | None, diagnostics: Diagnostics) -> str | None:
        """Register *path* (absolute); return its flat name, or None after reporting why not."""
        path = resolved(path)
        try:
            relative = path.relative_to(self.course_folder).as_posix()
        except ValueError:
            diagnostics.error(
                "file is outside the course folder",
                where,
                "copy it into the course's static/ folder and link to it from there",
            )
            return None
        if not path.is_file():
            diagnostics.error(
                f"file not found: {relative}",
                where,
                "check the path: it is relative to the file that mentions it",
            )
            return None
        name = flat_name(relative)
        if self.language:
            override = self.course_folder / "locale" / self.language / relative
            if override.is_file():
                path = override
        other = self.files.get(name)
        if other is not None and other != path:
            diagnostics.error(
                f"two files would both be published as /static/{name}",
                where,
                f"rename {relative} or {other.relative_to(self.course_folder).as_posix()}",
            )
            return None
        self.files[name] = path
        return name
