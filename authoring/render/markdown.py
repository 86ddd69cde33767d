"""Markdown → HTML with markdown-it-py, with every link and image resolved for Open edX.

CommonMark plus tables, strikethrough, footnotes and ``{.class}`` attributes. Raw HTML is escaped,
not passed through: course HTML is imported into Studio as-is (``editor="raw"``) and shown to every
learner, so it must come from Markdown we control. Links and images go through a *resolver* that the
compiler supplies: files become ``/static/<flat name>``, links to other lessons become
``/jump_to_id/<url_name>`` (the only intra-course link form that survives export and import).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

# resolve(kind, target, line) -> new URL, or None when the target is broken (already reported)
Resolver = Callable[[str, str, int], "str | None"]


@dataclass
class RenderEnv:
    """What one render call needs to know and what it found."""

    resolver: Resolver | None = None
    line_offset: int = 0  # added to markdown-it's 0-based line numbers → file line
    images: list[tuple[str, str, int, bool]] = field(default_factory=list)  # (src, alt, line, decorative)
    unparsed: list[tuple[str, int]] = field(default_factory=list)  # (target, line): links left as text


# What is left of a link or image that markdown-it could not read: "[text](a target with spaces)"
UNPARSED_LINK = re.compile(r"\[[^\]]*\]\(((?:[^()<>]|\([^()<>]*\))*\s(?:[^()<>]|\([^()<>]*\))*)\)")


def _line_of(content: str, target: str, first_line: int) -> int:
    """The line of a paragraph on which a link or image target stands (markdown-it keeps only the
    paragraph's first line)."""
    found = content.find(f"({target}")
    return first_line + content.count("\n", 0, found) if found > 0 else first_line


def _resolve_urls(state: StateCore) -> None:
    env: RenderEnv | None = state.env.get("benchbook") if isinstance(state.env, dict) else None
    if env is None:
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        line = (block.map[0] if block.map else 0) + 1 + env.line_offset
        for token in block.children:
            if token.type == "text" and "](" in token.content:
                for found in UNPARSED_LINK.finditer(token.content):
                    target = found.group(1).split('"')[0].strip()
                    env.unparsed.append((target, _line_of(block.content, target, line)))
            elif token.type == "link_open":
                href = str(token.attrGet("href") or "")
                if env.resolver and href:
                    new = env.resolver("link", href, _line_of(block.content, href, line))
                    if new is not None:
                        token.attrSet("href", new)
            elif token.type == "image":
                src = str(token.attrGet("src") or "")
                alt = "".join(child.content for child in token.children or [])
                classes = str(token.attrGet("class") or "").split()
                decorative = "decorative" in classes
                env.images.append((src, alt, _line_of(block.content, src, line), decorative))
                if decorative:
                    token.attrSet("alt", "")
                    token.attrSet("role", "presentation")
                    token.children = []
                    classes.remove("decorative")
                    if classes:
                        token.attrSet("class", " ".join(classes))
                    else:
                        token.attrs.pop("class", None)
                if env.resolver and src:
                    new = env.resolver("image", src, _line_of(block.content, src, line))
                    if new is not None:
                        token.attrSet("src", new)


def make_markdown() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": False, "typographer": False})
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)
        .use(attrs_plugin)
    )
    md.core.ruler.push("benchbook_urls", _resolve_urls)
    return md


_MD = make_markdown()


def markdown_engine() -> MarkdownIt:
    return _MD


def render_markdown(text: str, env: RenderEnv | None = None, doc_id: str = "") -> str:
    """Render a block of Markdown; *doc_id* prefixes footnote ids so blocks on one page never clash."""
    context: dict = {"benchbook": env} if env else {}
    if doc_id:
        context["docId"] = doc_id
    return _MD.render(text, context)


def render_inline(text: str, env: RenderEnv | None = None) -> str:
    """One paragraph's worth of Markdown without the surrounding <p> (labels, choices, titles)."""
    return _MD.renderInline(text, {"benchbook": env} if env else {})
