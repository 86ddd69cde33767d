"""The handbook of the fixture courses: structure, answers in the annex, inlined images, RTL."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from benchbook.authoring.handbook.render import render_handbook
from benchbook.authoring.handbook.trees import case_html, scenario_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "courses"


def handbook(name: str, language: str | None = None, variant: str | None = None):
    result = render_handbook(FIXTURES / name, language, variant)
    assert result.html is not None, result.diagnostics.format()
    return lxml_html.fromstring(result.html), result.html


def test_table_of_contents_lists_every_module_lesson_page_and_the_annex():
    doc, _ = handbook("complete")
    toc = doc.xpath("//nav[@class='toc']")[0]
    assert toc.xpath("./ol/li/a/text()") == [
        "Basics",
        "Evidence",
        "Glossary",
        "Annex: answers to the questions",
    ]
    assert toc.xpath("./ol/li/ol/li/a/text()") == ["Prose and media", "Every quiz type", "Final assessment"]
    for href in toc.xpath(".//a/@href"):  # every entry leads somewhere in the file
        assert doc.xpath(f"//*[@id='{href[1:]}']"), href


def test_one_section_per_module_with_its_lessons_and_units():
    doc, _ = handbook("complete")
    modules = doc.xpath("//main/section[@class='module']")
    assert [m.get("id") for m in modules] == ["module-basics", "module-evidence"]
    assert modules[0].xpath("./article/h3/text()") == ["Prose and media", "Every quiz type"]
    assert modules[0].xpath("./article[@id='quizzes']/section/h4/text()") == ["Choices", "Numbers and words"]
    assert "Sealed exhibits show any later tampering." in modules[0].text_content()  # footnote
    assert "Sealing an exhibit bag." in modules[0].text_content()  # transcript


def test_questions_in_lessons_and_answers_with_explanations_in_the_annex():
    doc, _ = handbook("complete")
    questions = doc.xpath("//div[contains(@class,'question')]")
    assert len(questions) == 6
    single = doc.xpath("//div[@id='quizzes-single']")[0]
    assert single.xpath(".//ol[@class='options']/li/text()") == [
        "The identity of the substance",
        "That the substance may belong to a drug class",
    ]
    assert "Right — it is presumptive" not in single.text_content()
    annex = doc.xpath("//section[@id='annex']")[0]
    answers = annex.xpath("./ol/li")
    assert len(answers) == 6
    first = annex.xpath(".//li[@id='annex-quizzes-single']")[0].text_content()
    assert "Answer: That the substance may belong to a drug class" in first
    assert "Right — it is presumptive only." in first and "Think of false positives." in first
    assert "identification needs a confirmatory technique" in first
    text = annex.xpath(".//li[@id='annex-quizzes-text']")[0].text_content()
    assert "chain of custody" in text and "custody chain" in text and "Close — the log" in text
    assert "± 5%" in annex.xpath(".//li[@id='annex-quizzes-numerical']")[0].text_content()


def test_self_contained_images_inlined_no_server_links():
    doc, page = handbook("complete")
    sources = doc.xpath("//img/@src")
    assert sources and all(src.startswith("data:image/png;base64,") for src in sources)
    assert "/static/" not in page and "/jump_to_id/" not in page
    assert doc.xpath("//a[@href='#quizzes-numbers']")  # course links become anchors
    assert "[file: docs_Lab_report__2026_.pdf]" in page
    assert not doc.xpath("//link[@rel='stylesheet'] | //script[@src]")


def test_print_stylesheet_breaks_pages_per_module():
    _, page = handbook("complete")
    assert "@media print" in page and "break-before: page" in page


def test_arabic_handbook_is_right_to_left():
    doc, _ = handbook("multilingual", "ar", "examplia")
    assert doc.get("lang") == "ar" and doc.get("dir") == "rtl"


def test_a_broken_course_gives_no_handbook(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "course.yaml").write_text("org: X\n")
    result = render_handbook(folder)
    assert result.html is None and result.diagnostics.errors


def md(text) -> str:
    return f"<p>{text}</p>"


SCENARIO = {
    "title": "Garage seizure",
    "start": "arrival",
    "intro": "You are called to a garage.",
    "competencies": [{"id": "safety", "label": "Safe handling"}],
    "steps": [
        {
            "id": "arrival",
            "title": "Arrival",
            "narrative": "White powder on a bench.",
            "exhibit": {"title": "Seizure form", "body": "Signed at 10:40."},
            "choices": [
                {
                    "id": "ppe",
                    "text": "Wait for PPE",
                    "goto": "sealed",
                    "points": 2,
                    "competency": "safety",
                    "consequence": "Nobody is exposed.",
                    "feedback": "Treat unknown powders as hazardous.",
                },
                {"id": "open", "text": "Open a packet", "goto": "exposure", "points": 0, "critical": True},
            ],
        }
    ],
    "outcomes": [
        {"id": "sealed", "band": "pass", "narrative": "Sealed."},
        {"id": "exposure", "band": "fail"},
    ],
}


def test_a_scenario_reads_as_a_decision_tree():
    doc = lxml_html.fromstring(scenario_html("garage", SCENARIO, md))
    nodes = doc.xpath("//ol[@class='tree']/li")
    assert [n.get("id") for n in nodes] == [
        "scenario-garage-arrival",
        "scenario-garage-sealed",
        "scenario-garage-exposure",
    ]
    choices = nodes[0].xpath(".//ol[@class='choices']/li")
    assert choices[0].xpath(".//a/@href") == ["#scenario-garage-sealed"]
    text = doc.text_content()
    for expected in (
        "Wait for PPE",
        "2 point(s)",
        "Safe handling",
        "Nobody is exposed.",
        "Treat unknown powders",
        "critical error",
        "Exhibit: Seizure form",
        "Signed at 10:40.",
        "Outcome: pass",
    ):
        assert expected in text


CASE = {
    "title": "State v. Moreno",
    "role": "judge",
    "standard_of_proof": "beyond reasonable doubt",
    "brief": "Possession with intent.",
    "counts": [{"id": "c1", "label": "Possession", "elements": [{"id": "e1", "text": "Knowing possession"}]}],
    "agreed_facts": ["Arrested on 3 May."],
    "exhibits": [
        {
            "id": "lab",
            "type": "lab_report",
            "label": "P1",
            "description": "GC-MS: fentanyl.",
            "contested": True,
        }
    ],
    "rulings": [
        {
            "exhibit": "lab",
            "expected": "admit",
            "points": 2,
            "feedback": {"exclude": "The gap goes to weight."},
        }
    ],
    "verdicts": [{"count": "c1", "expected": "guilty", "points": 2}],
    "sentence": {
        "unit": "years",
        "min": 4,
        "max": 6,
        "factors": [{"id": "f", "kind": "aggravating", "label": "Quantity", "expected": True}],
    },
    "model_answer": "The court admits P1 and convicts.",
    "extra_notes": "Anything else the trainer wrote.",
}


def test_a_case_shows_its_file_exhibits_expected_decisions_and_model_judgment():
    doc = lxml_html.fromstring(case_html("moreno", CASE, md))
    text = doc.text_content()
    for expected in (
        "State v. Moreno",
        "Possession with intent.",
        "Knowing possession",
        "Arrested on 3 May.",
        "Exhibit P1 — lab report (contested)",
        "GC-MS: fentanyl.",
        "admit",
        "The gap goes to weight.",
        "verdict guilty",
        "between 4 and 6 years",
        "Quantity",
        "Model judgment",
        "The court admits P1 and convicts.",
        "Anything else the trainer wrote.",
    ):
        assert expected in text, expected


GARAGE = """\
title: Garage seizure
start: arrival
intro: You are the duty officer called to a rented garage.
competencies:
  - id: safety
    label: Safe handling
steps:
  - id: arrival
    title: Arrival at the scene
    narrative: White powder on a bench.
    choices:
      - id: ppe
        text: Withdraw and request PPE
        goto: sealed
        points: 2
        competency: safety
        consequence: Nobody is exposed.
        coaching: Treat unknown powders as hazardous.
      - id: open
        text: Open a packet
        goto: exposure
        points: 0
        competency: safety
        critical: true
        consequence: An officer needs naloxone.
        coaching: Never open unknown powders in the field.
outcomes:
  - id: sealed
    title: Exhibits admissible
    band: pass
    narrative: Sealed and logged.
  - id: exposure
    title: Exhibit compromised
    band: fail
    narrative: The exhibit is compromised.
"""


def test_placed_scenario_and_case_get_their_own_parts(tmp_path):
    import re
    import shutil

    import yaml

    from tests.xblocks.mock_adjudication.sample import SAMPLE

    folder = tmp_path / "complete"
    shutil.copytree(FIXTURES / "complete", folder)
    (folder / "scenarios").mkdir()
    (folder / "scenarios" / "garage.yaml").write_text(GARAGE)
    (folder / "cases").mkdir()
    case = yaml.safe_load(re.sub(r"<[^>]+>", "", yaml.safe_dump(SAMPLE, allow_unicode=True)))
    case["id"] = "orlen"
    (folder / "cases" / "orlen.yaml").write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False))
    (folder / "static" / "speaker.png").write_bytes((folder / "static" / "images" / "seal.png").read_bytes())
    with open(folder / "modules" / "02-evidence" / "final.md", "a") as lesson:
        lesson.write("\n## At the scene {#final-scene}\n\n```scenario garage\n```\n")
        lesson.write("\n## In court {#final-court}\n\n```adjudication orlen\n```\n")
    result = render_handbook(folder)
    assert result.html is not None, result.diagnostics.format()
    doc = lxml_html.fromstring(result.html)
    parts = [s.get("id") for s in doc.xpath("//main/section")]
    assert parts == ["module-basics", "module-evidence", "page-glossary", "scenarios", "cases", "annex"]
    assert doc.xpath("//nav[@class='toc']//a[@href='#scenarios'] and //nav[@class='toc']//a[@href='#cases']")
    placement = doc.xpath("//section[@id='final-scene']//a/@href")
    assert placement == ["#scenario-garage"]
    tree = doc.xpath("//article[@id='scenario-garage']//ol[@class='tree']/li/@id")
    assert tree == ["scenario-garage-arrival", "scenario-garage-sealed", "scenario-garage-exposure"]
    case_part = doc.xpath("//article[@id='case-orlen']")[0].text_content()
    assert "Exhibits" in case_part and "Model judgment" in case_part and "Laboratory certificate" in case_part
    assert "The substance is a controlled drug ← exhibit Laboratory certificate" in case_part
