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
LARGE = 1 << 16


def tar_bytes(files: dict[str, bytes]) -> bytes:
    """The archive for *files* (paths relative to the top folder).

    The bytes are exactly those ``tarfile`` writes in PAX format; the headers are built here
    because ``TarFile.addfile`` cost more than compressing the archive. A member name that ustar
    cannot hold (not ASCII, or over 100 bytes) gets its header from ``tarfile``. Members stream
    into the compressor, so the uncompressed archive is never held in memory.
    """
    packed = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=packed, mtime=0, compresslevel=COMPRESS_LEVEL
    ) as stream:
        size = 0
        for name in _entries(files):
            data = files.get(name)
            if data is not None:
                header = _header(f"{TOP_FOLDER}/{name}", tarfile.REGTYPE, 0o644, len(data))
                padding = b"\0" * (-len(data) % tarfile.BLOCKSIZE)
                if len(data) < LARGE:  # one write per member: most are a few hundred bytes
                    stream.write(header + data + padding)
                else:  # a large static file, not copied once more
                    stream.write(header)
                    stream.write(data)
                    stream.write(padding)
                size += len(header) + len(data) + len(padding)
            else:
                path = f"{TOP_FOLDER}/{name}/" if name else f"{TOP_FOLDER}/"
                header = _header(path, tarfile.DIRTYPE, 0o755, 0)
                stream.write(header)
                size += len(header)
        size += 2 * tarfile.BLOCKSIZE  # two zero blocks end the archive, then zeros to a record
        stream.write(b"\0" * (2 * tarfile.BLOCKSIZE + (-size % tarfile.RECORDSIZE)))  # like tar -b20
    return packed.getvalue()


def _header(name: str, kind: bytes, mode: int, size: int) -> bytes:
    """One member's header block, byte for byte as ``TarInfo.tobuf(PAX_FORMAT)`` makes it."""
    encoded = name.encode("utf-8")
    if len(encoded) > 100 or not name.isascii() or size >= 8**11:
        info = _info(name, kind, mode, size)
        return info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")
    block = bytearray(
        encoded.ljust(100, b"\0")
        + b"%07o\0" % mode
        + b"0000000\0" * 2  # uid, gid
        + b"%011o\0" % size
        + b"%011o\0" % FIXED_MTIME
        + b" " * 8  # the checksum counts its own field as spaces
        + kind
        + b"\0" * 100  # linkname
        + tarfile.POSIX_MAGIC
        + b"\0" * (32 + 32 + 8 + 8 + 155)  # uname, gname, devmajor, devminor, prefix
    ).ljust(tarfile.BLOCKSIZE, b"\0")
    block[148:155] = b"%06o\0" % sum(block)
    return bytes(block)


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
