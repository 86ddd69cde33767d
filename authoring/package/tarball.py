"""A byte-reproducible ``.tar.gz``, written so a failed build never harms the last good one.

Reproducible: entries sorted, every mtime fixed, uid/gid 0 with empty owner names, fixed modes,
gzip header without file name or time. Atomic: written to a temporary file in the same folder and
renamed over the target (``os.replace``), so readers see the old archive or the new one, never half.
"""

from __future__ import annotations

import gzip
import io
import os
import tarfile
import tempfile
from pathlib import Path

TOP_FOLDER = "course"  # Studio names the top folder after the course block's url_name: "course"
FIXED_MTIME = 946684800  # 2000-01-01T00:00:00Z: a constant, so the bytes never depend on the clock
COMPRESS_LEVEL = 6  # gzip's and tar czf's default; 9 is slower for a few bytes


def tar_bytes(files: dict[str, bytes]) -> bytes:
    """The archive for *files* (paths relative to the top folder)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name in _entries(files):
            if name in files:
                data = files[name]
                info = _info(f"{TOP_FOLDER}/{name}", tarfile.REGTYPE, 0o644, len(data))
                archive.addfile(info, io.BytesIO(data))
            else:
                path = f"{TOP_FOLDER}/{name}" if name else TOP_FOLDER
                archive.addfile(_info(path, tarfile.DIRTYPE, 0o755, 0))
    packed = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=packed, mtime=0, compresslevel=COMPRESS_LEVEL
    ) as stream:
        stream.write(raw.getvalue())
    return packed.getvalue()


def _entries(files: dict[str, bytes]) -> list[str]:
    """Every file and every folder above one (``""`` is the top folder), sorted."""
    names = set(files)
    for name in files:
        parts = name.split("/")[:-1]
        for depth in range(len(parts) + 1):
            names.add("/".join(parts[:depth]))
    return sorted(names)


def _info(name: str, kind: bytes, mode: int, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = mode
    info.size = size
    info.mtime = FIXED_MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
