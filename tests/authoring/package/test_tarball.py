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
