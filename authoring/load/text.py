"""Reading source text: UTF-8 only, with a message a trainer can act on."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Diagnostics, Position

# Characters XML cannot hold and no editor shows (tab, newline and carriage return are fine)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Line breaks YAML counts but editors and the compiler's line numbers do not
LINE_SEPARATORS = re.compile("[\u0085\u2028\u2029]")


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
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for found in CONTROL_CHARACTERS.finditer(text):
        diagnostics.error(
            f"the file contains a control character (U+{ord(found.group(0)):04X})",
            Position(path, text.count("\n", 0, found.start()) + 1, 1),
            "delete the invisible character on this line (often pasted from a PDF or a word processor)",
        )
    for found in LINE_SEPARATORS.finditer(text):
        diagnostics.error(
            f"the file contains a Unicode line separator (U+{ord(found.group(0)):04X})",
            Position(path, text.count("\n", 0, found.start()) + 1, 1),
            "replace it with an ordinary line break (it often comes from copying out of a PDF or a website)",
        )
    return LINE_SEPARATORS.sub(" ", CONTROL_CHARACTERS.sub("", text))
