"""Reading source text: UTF-8 only, with a message a trainer can act on."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics, Position


def read_text(path: Path, diagnostics: Diagnostics) -> str | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        diagnostics.error(f"file not found: {path.name}", Position(path))
        return None
    except OSError as exc:
        diagnostics.error(f"cannot read file: {exc.strerror}", Position(path))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diagnostics.error(
            "file is not valid UTF-8",
            Position(path, line, 1),
            "save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8)",
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")
