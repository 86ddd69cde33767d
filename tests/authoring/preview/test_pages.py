"""Preview pages rendered from the compiled OLX: outline, lessons, quizzes, media, errors, RTL."""

from __future__ import annotations

from lxml import html as lxml_html

from benchbook.authoring.preview.outline import read_outline, refresh_lessons
from benchbook.authoring.preview.pages import PageRenderer, PageState, Target, srt_text, srt_to_vtt

RUN = "2026_T1"


def renderer(files, state=None, target=None):
    outline = read_outline(files, RUN)
    return PageRenderer(
        files, outline, target or Target("en", "", ["en"], []), state or PageState(1, True, "")
    )


def parse(page: str):
    return lxml_html.fromstring(page)


def test_outline_read_back_from_olx(complete_olx):
    outline = read_outline(complete_olx, RUN)
    assert outline.title == "Fixture course"
    assert [m.id for m in outline.modules] == ["basics", "evidence"]
    assert [lesson.id for lesson in outline.lessons()] == ["prose", "quizzes", "final"]
    assert [u.id for u in outline.lesson("quizzes").units] == ["quizzes-choices", "quizzes-numbers"]
    assert outline.lesson_of["quizzes-numbers"] == "quizzes"
    assert outline.lesson_of["quizzes-text"] == "quizzes"
    assert [p.id for p in outline.pages] == ["glossary"]


def test_lesson_page_has_landmarks_outline_and_units(complete_olx):
    doc = parse(renderer(complete_olx).lesson("quizzes"))
    assert doc.get("lang") == "en" and doc.get("dir") is None
    assert doc.xpath("//a[@class='skip-link']/@href") == ["#main"]
    assert len(doc.xpath("//header")) == 1 and len(doc.xpath("//main[@id='main']")) == 1
    assert len(doc.xpath("//footer")) == 1
    nav = doc.xpath("//nav[@aria-label='Course outline']")[0]
    assert nav.xpath(".//a[@aria-current='page']/text()") == ["Every quiz type"]
    assert [a.text for a in nav.xpath(".//ol/li/ol/li/a")] == [
        "Prose and media",
        "Every quiz type",
        "Final assessment",
    ]
    assert doc.xpath("//main/h1/text()") == ["Every quiz type"]
    assert doc.xpath("//section[@class='unit']/h2/text()") == ["Choices", "Numbers and words"]
    # units are not landmarks: two units may share a title, and landmarks need unique names
    assert not doc.xpath("//section[@aria-labelledby or @aria-label]")
    assert doc.xpath("//nav[@class='pager']//a/@rel") == ["prev", "next"]


def test_quizzes_render_as_forms_without_their_answers(complete_olx):
    page = renderer(complete_olx).lesson("quizzes")
    doc = parse(page)
    forms = doc.xpath("//form[@class='capa']")
    assert [f.get("data-problem") for f in forms] == [
        "quizzes-single",
        "quizzes-multiple",
        "quizzes-dropdown",
        "quizzes-numerical",
        "quizzes-text",
    ]
    single = forms[0]
    assert single.xpath(".//legend/text()") == ["What does a positive colour test show?"]
    assert single.xpath(".//input/@type") == ["radio", "radio"]
    assert forms[1].xpath(".//input/@type") == ["checkbox", "checkbox"]
    assert forms[2].xpath(".//select/option/text()")[1:] == ["Category A", "Category C"]
    assert forms[3].xpath(".//input/@inputmode") == ["decimal"]
    for form in forms:  # every control has a label
        for control in form.xpath(".//input | .//select"):
            assert form.xpath(f".//label[@for='{control.get('id')}']") or control.xpath("ancestor::fieldset")
    for secret in ("correct=", "Right — it is presumptive only", "presumptive</strong>", 'chain of custody"'):
        assert secret not in page


def test_html_bodies_video_download_and_discussion(complete_olx):
    doc = parse(renderer(complete_olx).lesson("prose"))
    assert doc.xpath("//img/@src") == ["/static/images_seal.png"]
    assert "/jump_to_id/quizzes-numbers" in doc.xpath("//a/@href")
    video = doc.xpath("//div[contains(@class,'block-video')]")[0]
    assert video.xpath(".//h3/text()") == ["Sealing an exhibit"]
    assert not doc.xpath("//iframe")  # no YouTube embed: no request leaves the computer
    assert "Sealing an exhibit bag." in video.xpath("string(.//details)")
    assert doc.xpath("//a[@download]/@href")[0].startswith("/static/")
    assert doc.xpath("//div[contains(@class,'block-discussion')]/h3/text()") == ["Discuss sealing practice"]


def test_errors_show_over_the_last_good_render(complete_olx):
    message = (
        "modules/01-basics/02-quizzes.md:40:7: error: 'dropdwn' is not a quiz type\n  hint: use one of …"
    )
    doc = parse(renderer(complete_olx, PageState(3, False, message)).lesson("quizzes"))
    alert = doc.xpath("//*[@role='alert']")[0]
    assert alert.xpath("string(.//pre)") == message
    assert "last good render" in alert.text_content()
    assert doc.xpath("//main/h1/text()") == ["Every quiz type"]


def test_switcher_lists_languages_and_variants_and_arabic_is_rtl(complete_olx):
    target = Target("ar", "examplia", ["en", "fr", "ar"], ["examplia"])
    doc = parse(renderer(complete_olx, target=target).lesson("prose"))
    assert doc.get("lang") == "ar" and doc.get("dir") == "rtl"
    assert doc.xpath("//select[@name='lang']/option/@value") == ["en", "fr", "ar"]
    assert doc.xpath("//select[@name='lang']/option[@selected]/@value") == ["ar"]
    assert doc.xpath("//select[@name='variant']/option/@value") == ["", "examplia"]
    assert all(
        "lang=ar&variant=examplia" in href
        for href in doc.xpath("//nav[@aria-label='Course outline']//a/@href")
    )


def test_home_and_custom_page(complete_olx):
    pages = renderer(complete_olx)
    home = parse(pages.home())
    assert home.xpath("//main/h1/text()") == ["Fixture course"]
    assert len(home.xpath("//main/ol/li/a")) == 3
    glossary = parse(pages.static_page("glossary"))
    assert glossary.xpath("//main/h1/text()") == ["Glossary"]
    assert pages.static_page("nope") is None and pages.lesson("nope") is None


def test_transcripts():
    srt = b"1\n00:00:00,000 --> 00:00:02,000\nSealing an exhibit bag.\n\n2\n00:00:02,000 --> 00:00:04,500\nSign it.\n"
    assert srt_text(srt) == "Sealing an exhibit bag. Sign it."
    vtt = srt_to_vtt(srt).decode()
    assert vtt.startswith("WEBVTT\n\n") and "00:00:02.000 --> 00:00:04.500" in vtt


def test_refreshing_one_lesson_gives_the_outline_read_in_full(complete_olx):
    outline = read_outline(complete_olx, RUN)
    files = dict(complete_olx)
    files["sequential/quizzes.xml"] = files["sequential/quizzes.xml"].replace(
        b"Every quiz type", b"All quiz types"
    )
    refreshed = refresh_lessons(outline, files, {"quizzes"})
    assert refreshed == read_outline(files, RUN)
    assert refreshed.lesson("quizzes").title == "All quiz types"
    assert refreshed.lesson("prose") is outline.lesson("prose")
