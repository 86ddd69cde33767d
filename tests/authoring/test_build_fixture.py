"""The complete fixture course compiles into exactly the OLX we expect, and real tools accept it.

The expected tree lives in tests/fixtures/expected/complete/ and was read line by line against
olx-facts.md; regenerate it after an intended change with BENCHBOOK_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from tests.support.packages import build, extract, olxcleaner_report, tree_files

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
COURSE = FIXTURES / "courses" / "complete"
EXPECTED = FIXTURES / "expected" / "complete"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    (archive,) = build(COURSE, out)
    assert archive.name == "BENCH-FIX101-2026_T1.tar.gz"
    return extract(archive, tmp_path_factory.mktemp("olx"))


def test_olx_tree_is_exactly_the_expected_one(built):
    actual = tree_files(built)
    if os.environ.get("BENCHBOOK_UPDATE_GOLDEN"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(built, EXPECTED)
    expected = tree_files(EXPECTED)
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert actual[name] == expected[name], f"{name} differs from the expected OLX"


def test_top_folder_and_pointer_are_what_studio_writes(built):
    assert built.name == "course"
    assert (built / "course.xml").read_bytes() == b'<course url_name="2026_T1" org="BENCH" course="FIX101"/>'


def test_olxcleaner_finds_no_error(built):
    report = olxcleaner_report(built)
    assert [problem for problem in report if problem[0] == "ERROR"] == []
    # Every Studio export triggers SettingOverride (policy.json repeats the course settings) and
    # the <wiki> element has no url_name in Studio's exports either: nothing else is acceptable.
    assert {name for _, name, _ in report} <= {"SettingOverride", "MissingURLName", "MissingDisplayName"}


ONE_LINE_FILES = {"course.xml", "assets/assets.xml"}  # written without pretty print or newline


def test_every_xml_file_parses_back_to_the_same_bytes(built):
    for path in sorted(built.rglob("*.xml")):
        original = path.read_bytes()
        pretty = path.relative_to(built).as_posix() not in ONE_LINE_FILES
        again = etree.tostring(etree.fromstring(original), encoding="utf-8", pretty_print=pretty)
        assert again == original, path


def test_json_policies_use_studio_format(built):
    policy = (built / "policies" / "2026_T1" / "policy.json").read_bytes()
    assert policy.startswith(b'{\n    "course/2026_T1": {')
    assert not policy.endswith(b"\n")


def test_no_xml_declaration_anywhere(built):
    for path in built.rglob("*.xml"):
        assert not path.read_bytes().startswith(b"<?xml"), path


def test_static_names_are_flat_and_safe(built):
    names = sorted(p.name for p in (built / "static").iterdir())
    assert names == [
        "docs_Lab_report__2026_.pdf",
        "images_course.png",
        "images_seal.png",
        "transcripts_sealing-en.srt",
    ]
    html = (built / "html" / "prose-text-text.html").read_text()
    assert '<img src="/static/images_seal.png"' in html
    assert 'href="/jump_to_id/quizzes"' in html and 'href="/jump_to_id/quizzes-numbers"' in html
