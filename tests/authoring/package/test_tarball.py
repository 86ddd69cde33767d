import gzip
import io
import tarfile

import pytest

from benchbook.authoring.package.tarball import tar_bytes, write_atomically


def test_entries_include_folders_sorted_under_course():
    data = tar_bytes({"b/x.xml": b"1", "a.xml": b"2"})
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        assert tar.getnames() == ["course", "course/a.xml", "course/b", "course/b/x.xml"]
        assert tar.extractfile("course/b/x.xml").read() == b"1"


def test_same_files_same_bytes_regardless_of_insertion_order():
    assert tar_bytes({"a": b"1", "b": b"2"}) == tar_bytes({"b": b"2", "a": b"1"})
    assert gzip.decompress(tar_bytes({"a": b"1"}))  # a valid gzip stream


def test_write_atomically_replaces_or_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "dist" / "c.tar.gz"
    write_atomically(target, b"old")
    import os

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["c.tar.gz"]


def _tarfile_archive(files: dict[str, bytes]) -> bytes:
    """The uncompressed archive as ``tarfile`` writes it in PAX format (what tar_bytes once used)."""
    from benchbook.authoring.package.tarball import FIXED_MTIME, TOP_FOLDER, _entries

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name in _entries(files):
            path = f"{TOP_FOLDER}/{name}" if name else TOP_FOLDER
            info = tarfile.TarInfo(path)
            info.mtime, info.uid, info.gid, info.uname, info.gname = FIXED_MTIME, 0, 0, "", ""
            if name in files:
                info.type, info.mode, info.size = tarfile.REGTYPE, 0o644, len(files[name])
                archive.addfile(info, io.BytesIO(files[name]))
            else:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                archive.addfile(info)
    return raw.getvalue()


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"empty.xml": b""},
        {"block.xml": b"x" * 512, "two/blocks.xml": b"y" * 513},
        {"static/carte-é.png": b"\x89PNG", "a/" + "long" * 30 + ".xml": b"1" * 1000},  # pax headers
        {"x" * 94 + ".xml": b"q", "y" * 95 + ".xml": b"q"},  # 100 bytes with course/, then 101
        {f"vertical/u{i:05d}.xml": bytes(range(i % 256)) * (i % 7) for i in range(300)},
    ],
)
def test_headers_are_byte_for_byte_those_tarfile_writes(files):
    assert gzip.decompress(tar_bytes(files)) == _tarfile_archive(files)
