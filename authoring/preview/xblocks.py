"""The custom XBlocks, playable in the preview through a real XBlock runtime.

xblock-sdk's workbench runtime runs in the preview's own process: Django is set up with the
workbench's settings (``workbench_settings.py``: a throwaway SQLite database in a temporary folder,
its routes under ``/_xblock/``), and the preview's HTTP server hands every ``/_xblock/…`` request
(the blocks' handlers, their JS/CSS resources, the workbench's JS runtime) to Django's WSGI
application. Each block placed in the course is registered as a workbench scenario from the very
XML its vertical holds in the package, then rendered in-process (``student_view``) into the lesson
page, so the block sits in the page like in the LMS and inherits its language and direction.

Learner state lives in the workbench's ``XBlockState`` table; "Reset learner state" empties it.
The block's XML fingerprint is part of its scenario id, so editing a scenario or case file gives
a fresh block, while reloading a page after an unrelated edit keeps the learner's progress.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import sys
import tempfile
import threading
from html import escape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from .pages import Target, placeholder_xblock

PREFIX = "/_xblock/"
STUDENT = "preview-learner"
XBLOCK_TAGS = ("evidence_scenario", "mock_adjudication")


class XBlockHost:
    """Django + the workbench runtime, set up once per preview."""

    PREFIX = PREFIX

    def __init__(self):
        self.workdir = tempfile.TemporaryDirectory(prefix="benchbook-preview-")
        os.environ["BENCHBOOK_PREVIEW_DB"] = str(Path(self.workdir.name) / "xblocks.sqlite3")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchbook.authoring.preview.workbench_settings")
        os.environ.setdefault("EXCLUDE_SAMPLE_XBLOCKS", "yes")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
        from django.core.wsgi import get_wsgi_application

        self.app = get_wsgi_application()
        from workbench.scenarios import get_scenarios

        # Only the course's blocks are registered; the workbench's own demo scenarios are never
        # loaded (loading them imports every installed XBlock, and one broken block fails them all).
        get_scenarios.initialized = True
        self.lock = threading.Lock()
        self.registered: dict[str, str] = {}  # scenario id → usage id
        self.available = self._available()

    @staticmethod
    def _available() -> dict[str, str]:
        """Which of our block types load, and why not for those that do not."""
        from xblock.core import XBlock

        status = {}
        for tag in XBLOCK_TAGS:
            try:
                XBlock.load_class(tag)
                status[tag] = ""
            except Exception as exc:  # a block that is not installed, or fails to import
                status[tag] = f"{type(exc).__name__}: {exc}"
        return status

    # Rendering into lesson pages --------------------------------------------------------------

    def renderer(self, target: Target):
        """A function rendering one block element of the OLX into HTML for *target*'s pages; the
        block's JS and CSS go to *resources*, which the page writes once, after its content."""
        return lambda element, url_name, resources: self.render(element, url_name, target, resources)

    def _usage(self, element: etree._Element, url_name: str, target: Target) -> str:
        from workbench.scenarios import SCENARIOS, add_xml_scenario

        xml = etree.tostring(element)
        digest = hashlib.sha256(xml).hexdigest()[:10]
        name = f"bb-{target.language}-{target.variant or 'base'}-{url_name}-{digest}"
        with self.lock:
            usage = self.registered.get(name)
            if usage is None:
                add_xml_scenario(name, name, xml.decode("utf-8"))
                usage = SCENARIOS[name].usage_id
                self.registered[name] = usage
            return usage

    def render(self, element: etree._Element, url_name: str, target: Target, resources: list[str]) -> str:
        if self.available.get(element.tag):
            note = f"(the block could not be loaded: {self.available[element.tag]})"
            return placeholder_xblock(element, url_name, resources) + f"<p>{escape(note)}</p>"
        from django.db import connections
        from django.utils import translation
        from workbench.runtime import WorkbenchRuntime

        try:
            usage = self._usage(element, url_name, target)
            with translation.override(target.language or "en"):
                block = WorkbenchRuntime(STUDENT).get_block(usage)
                fragment = block.render("student_view", {})
            for placement in ("head", "foot"):
                for resource in fragment.resources:
                    if resource.placement == placement:
                        html = fragment.resource_to_html(resource)
                        if html not in resources:
                            resources.append(html)
            return fragment.body_html()
        except Exception as exc:  # a broken block must not take the page down
            return placeholder_xblock(element, url_name, resources) + (
                f"<p>The block failed to render: {escape(type(exc).__name__)}: {escape(str(exc))}</p>"
            )
        finally:
            connections.close_all()

    def reset(self) -> None:
        from django.db import connections
        from workbench.runtime import WORKBENCH_KVS

        try:
            WORKBENCH_KVS.clear()
        finally:
            connections.close_all()

    # Requests under /_xblock/ -----------------------------------------------------------------

    def handle(self, handler, method: str, path: str, query: dict) -> None:
        """Run the request in *handler* (a ``BaseHTTPRequestHandler``) through Django."""
        from django.utils import translation

        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        raw_path = urlsplit(handler.path)
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": raw_path.query,
            "CONTENT_TYPE": handler.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": str(handler.server.server_address[1]),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": handler.client_address[0],
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        for name, value in handler.headers.items():
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                environ[key] = value
        language = _page_language(handler.headers.get("Referer", ""))
        result: dict = {}

        def start_response(status, headers, exc_info=None):
            result["status"] = status
            result["headers"] = headers
            return lambda data: None

        with translation.override(language):
            chunks = self.app(environ, start_response)
            try:
                data = b"".join(chunks)
            finally:
                if hasattr(chunks, "close"):
                    chunks.close()
        code, _, reason = result["status"].partition(" ")
        handler.send_response(int(code), reason)
        for name, value in result["headers"]:
            if name.lower() not in ("content-length", "connection"):
                handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if method != "HEAD":
            handler.wfile.write(data)

    def close(self) -> None:
        from django.db import connections

        connections.close_all()
        self.workdir.cleanup()


def _page_language(referer: str) -> str:
    values = parse_qs(urlsplit(referer).query).get("lang")
    return values[0] if values else "en"


def page_setup() -> str:
    """What the workbench's JS runtime expects on the page before the blocks' own scripts."""
    return (
        f"<script>var studentId = {STUDENT!r}; var student_id = studentId; "
        f"var handlerBaseUrl = '{PREFIX}handler/'; var asideBaseUrl = '{PREFIX}aside_handler/';</script>"
    )


def csrf_cookie(cookie_header: str | None) -> str | None:
    """A ``Set-Cookie`` value giving the page a CSRF token, when it has none yet."""
    cookies = SimpleCookie(cookie_header or "")
    if "csrftoken" in cookies and len(cookies["csrftoken"].value) in (32, 64):
        return None
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    token = "".join(secrets.choice(alphabet) for _ in range(32))
    return f"csrftoken={token}; Path=/; SameSite=Strict"


def start_xblock_host(folder: Path) -> XBlockHost | None:
    """The runtime, or None (placeholders) when xblock-sdk and Django are not installed."""
    try:
        import workbench  # noqa: F401
    except ImportError:
        return None
    return XBlockHost()
