"""Resolving the paths a trainer writes, without letting a broken symbolic link crash a build."""

from __future__ import annotations

import os
from pathlib import Path


def resolved(path: Path) -> Path:
    """``path.resolve()``, except that a symbolic-link loop gives the plain absolute path.

    ``Path.resolve`` raises on a loop (``RuntimeError`` before Python 3.13, ``OSError`` since); the
    absolute path instead is simply not a file, so the caller reports "file not found" where the
    trainer wrote it.
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))
