"""Build a course the way `benchbook build` does, and look inside the packages with real tools."""

from __future__ import annotations

import tarfile
from pathlib import Path

from benchbook.authoring.pipeline import build_course

CUSTOM_XBLOCKS = ["evidence_scenario", "mock_adjudication", "openassessment", "discussion"]


def build(folder: Path, out: Path, strict: bool = False) -> list[Path]:
    compilation = build_course(folder, out, strict=strict)
    return [out / compiled.archive_name for compiled in compilation.runs]


def extract(archive: Path, destination: Path) -> Path:
    """Unpack an archive; return the folder holding course.xml (the archive's top folder)."""
    with tarfile.open(archive) as tar:
        tar.extractall(destination, filter="data")
    (course_xml,) = destination.glob("*/course.xml")
    return course_xml.parent


def tree_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def olxcleaner_report(course_dir: Path) -> list[tuple[str, str, str]]:
    """Every problem olxcleaner (Open edX's own course validator) finds: (level, name, description)."""
    from olxcleaner import validate

    _, errorstore, _ = validate(str(course_dir), steps=8, allowed_xblocks=CUSTOM_XBLOCKS)
    return [(error.level, type(error).__name__, error.description) for error in errorstore.errors]


def olxcleaner_errors(course_dir: Path) -> list[tuple[str, str, str]]:
    return [problem for problem in olxcleaner_report(course_dir) if problem[0] == "ERROR"]
