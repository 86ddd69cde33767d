"""Media paths in authored content (an image's ``src``, an exhibit's file), resolved by the renderer.

The blocks' readers take a Markdown renderer: in the compiler it checks every link, copies the file
into the package and rewrites the path to ``/static/<flat name>``; at OLX import and in Studio it is
the identity (the content is HTML already). A media path is resolved by rendering it as a Markdown
image or link and reading the attribute back, so it gets exactly the treatment a link in the prose
gets, with the same error messages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable


def markdown_label(text: str) -> str:
    """Text safe inside Markdown link or image brackets."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def _attribute(render: Callable[[str], str], markdown: str, attribute: str, value: str) -> str:
    match = re.search(rf'{attribute}="([^"]*)"', render(markdown))
    return html.unescape(match.group(1)) if match else value


def image_url(render: Callable[[str], str], src: str, alt: str, decorative: bool = False) -> str:
    """*src* as the renderer resolves it (kept as written when the renderer leaves it alone)."""
    if not src:
        return src
    markdown = f"![{markdown_label(alt)}](<{src}>)" + ("{.decorative}" if decorative else "")
    return _attribute(render, markdown, "src", src)


def file_url(render: Callable[[str], str], path: str, label: str) -> str:
    """A linked file's *path* as the renderer resolves it."""
    if not path:
        return path
    return _attribute(render, f"[{markdown_label(label)}](<{path}>)", "href", path)
