from pathlib import Path

from benchbook.authoring.diagnostics import Diagnostics
from benchbook.authoring.load.frontmatter import split_front_matter
from benchbook.authoring.load.lesson import parse_units, split_footnotes
from benchbook.authoring.model import Prose, Quiz, ScenarioRef

BODY = """Intro paragraph.

## First unit {#first}

Text[^a].

```quiz
id: q1
type: single
question: Q?
```

## Second *unit*

```python
## not a heading
```

```scenario port-seizure
```

[^a]: The note.
"""


def parse(body=BODY, body_line=5):
    diagnostics = Diagnostics()
    units, footnotes = parse_units(body, body_line, "lesson", "The lesson", Path("l.md"), diagnostics)
    return units, footnotes, diagnostics


def test_headings_start_units_with_explicit_or_derived_ids():
    units, _, _ = parse()
    assert [(u.id, u.title, u.explicit_id) for u in units] == [
        ("lesson-intro", "The lesson", False),
        ("first", "First unit", True),
        ("lesson-second-unit", "Second unit", False),
    ]


def test_components_keep_their_file_lines():
    units, _, _ = parse()
    first = units[1].components
    assert [type(c) for c in first] == [Prose, Quiz]
    assert [c.position.line for c in first] == [9, 11]
    assert first[1].source.at(("type",)).line == 13
    second = units[2].components
    assert isinstance(second[0], Prose) and "## not a heading" in second[0].markdown
    assert isinstance(second[1], ScenarioRef) and second[1].ref == "port-seizure"


def test_footnote_definitions_are_lifted_out_of_prose():
    units, footnotes, _ = parse()
    assert footnotes == {"a": "[^a]: The note."}
    assert all("The note" not in c.markdown for u in units for c in u.components if isinstance(c, Prose))
    taken, _ = split_footnotes(["x", "[^n]: one", "    two", "", "y"])
    assert taken == {1, 2}


def test_misspelt_component_is_an_error_but_code_is_not():
    _, _, diagnostics = parse("## U {#u}\n\n```quizz\nid: x\n```\n\n```yaml\na: 1\n```\n", 1)
    (error,) = diagnostics.errors
    assert error.message == "unknown component type 'quizz'"
    assert error.position.line == 3
    assert "did you mean 'quiz'" in error.hint


def test_front_matter_split():
    split = split_front_matter("---\nid: a\n---\nbody\n")
    assert (split.front_matter, split.front_matter_line, split.body, split.body_line) == (
        "id: a",
        2,
        "body\n",
        4,
    )
    assert split_front_matter("no front matter").front_matter is None
    assert split_front_matter("---\nid: a\n").unclosed


def test_plain_text_without_markup_skips_the_parser_and_gives_the_same_text():
    from benchbook.authoring.load import lesson
    from benchbook.authoring.render.markdown import render_inline

    def parsed(text):
        return lesson.html.unescape(lesson.TAGS.sub("", render_inline(text))).strip()

    plain = [
        "Unit 12: the seal",
        "  Résumé — 中文 (2024) 'quoted' \"double\" a  b - c # d % e + f = g @ h | i  ",
    ]
    marked = ["*Seal*", "a & b", "x < y", "[link](a.md)", "a\\*b", "`code`", "a{.x}", "a\nb", "H~2~O"]
    for text in plain:
        assert not lesson.INLINE_MARKUP.search(text)
        assert lesson.plain_text(text) == parsed(text) == text.strip()
    for text in marked:
        assert lesson.INLINE_MARKUP.search(text)  # these still go through markdown-it
        assert lesson.plain_text(text) == parsed(text)
