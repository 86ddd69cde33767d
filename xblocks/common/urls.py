"""``/static/…`` links in author content, made to work in the LMS.

Course files are written ``/static/name`` in OLX (the only form that survives export, import and
reruns); the platform rewrites them to the course's asset URLs through its ``replace_urls`` service
(older runtimes: ``runtime.replace_urls``). The workbench has neither, so links stay as written.
Blocks that use this must declare ``@XBlock.wants("replace_urls")``.
"""

from __future__ import annotations


def _replacer(block):
    try:
        service = block.runtime.service(block, "replace_urls")
    except Exception:  # NoSuchServiceError when the block did not declare it, or a runtime without it
        service = None
    if service is not None and hasattr(service, "replace_urls"):
        return service.replace_urls
    return getattr(block.runtime, "replace_urls", None)


def replace_static_urls(block, html: str) -> str:
    """*html* with ``"/static/…"`` attribute values rewritten by the platform, when it can."""
    replace = _replacer(block)
    if not html or replace is None or "/static/" not in html:
        return html
    try:
        return replace(html)
    except Exception:  # a runtime that cannot resolve the course (Studio preview of a library)
        return html


def expand_static_url(block, url: str) -> str:
    """One ``/static/…`` URL (an image src, a file link) rewritten by the platform, when it can."""
    if not url or not url.startswith("/static/"):
        return url
    return replace_static_urls(block, f'"{url}"')[1:-1]
