from benchbook.authoring.render.markdown import RenderEnv, render_inline, render_markdown


def test_links_and_images_go_through_the_resolver_with_file_lines():
    seen = []

    def resolver(kind, target, line):
        seen.append((kind, target, line))
        return f"/static/{target}"

    env = RenderEnv(resolver=resolver, line_offset=10)
    html = render_markdown("Text\n\n![A map](map.png) and [doc](a.pdf)\n", env)
    assert '<img src="/static/map.png" alt="A map" />' in html
    assert '<a href="/static/a.pdf">doc</a>' in html
    assert seen == [("image", "map.png", 13), ("link", "a.pdf", 13)]
    assert env.images == [("map.png", "A map", 13, False)]


def test_decorative_images_get_empty_alt_and_presentation_role():
    env = RenderEnv()
    html = render_markdown("![](line.png){.decorative}", env)
    assert '<img src="line.png" alt="" role="presentation" />' in html
    assert env.images[0][3] is True


def test_raw_html_is_escaped_and_tables_have_headers():
    html = render_markdown("<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<th>a</th>" in html


def test_footnote_ids_are_prefixed_per_block():
    html = render_markdown("x[^1]\n\n[^1]: note\n", doc_id="unit-text")
    assert 'id="fn-unit-text-1"' in html and 'href="#fn-unit-text-1"' in html


def test_inline_has_no_paragraph():
    assert render_inline("**bold**") == "<strong>bold</strong>"
