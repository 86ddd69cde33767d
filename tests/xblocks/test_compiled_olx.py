"""Our blocks as Open edX reads them: parsed by the XBlock runtime from the compiler's OLX.

Every ``evidence_scenario`` and ``mock_adjudication`` the real courses place is taken from the
built package, parsed through the XBlock runtime (the same ``parse_xml`` path Studio's import
uses for pure XBlocks) and exported again: the export must be the OLX the compiler wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from xblock.field_data import DictFieldData
from xblock.test.tools import TestRuntime

from benchbook.authoring.pipeline import compile_matrix

REPO = Path(__file__).resolve().parents[2]
CUSTOM_TAGS = ("evidence_scenario", "mock_adjudication")


def custom_blocks() -> list[tuple[str, str, bytes]]:
    """(course, vertical file, block XML) for every custom block in the real courses' packages."""
    found = []
    for course_yaml in sorted((REPO / "courses").glob("*/course.yaml")):
        compilation = compile_matrix(course_yaml.parent, languages=(), variants=())
        assert not compilation.diagnostics.errors, compilation.diagnostics.format(REPO)
        run = compilation.runs[0]
        for name, data in sorted(run.tree.files.items()):
            if name.startswith("vertical/"):
                for element in etree.fromstring(data):
                    if element.tag in CUSTOM_TAGS:
                        found.append((course_yaml.parent.name, name, etree.tostring(element)))
    return found


BLOCKS = custom_blocks()


def runtime() -> TestRuntime:
    return TestRuntime(services={"field-data": DictFieldData({})})


def canonical(xml: bytes) -> bytes:
    element = etree.fromstring(xml)
    element.attrib.pop("url_name", None)  # the exporter's caller writes it, not the block
    return etree.tostring(element, method="c14n")


def test_the_real_courses_place_both_custom_blocks():
    tags = {etree.fromstring(xml).tag for _, _, xml in BLOCKS}
    assert tags == set(CUSTOM_TAGS)


@pytest.mark.parametrize(("course", "vertical", "xml"), BLOCKS, ids=[f"{c}:{v}" for c, v, _ in BLOCKS])
def test_block_parses_from_compiled_olx_and_exports_the_same(course, vertical, xml):
    rt = runtime()
    usage_id = rt.parse_xml_string(xml)
    block = rt.get_block(usage_id)
    assert block.max_score() > 0
    exported = etree.Element("root")
    block.add_xml_to_node(etree.SubElement(exported, "placeholder"))
    assert canonical(etree.tostring(exported[0])) == canonical(xml)
