"""``benchbook preview``: a local web server (127.0.0.1 only) showing a course as learners see it.

One :class:`PreviewBuild` per language × variant asked for (built on first request), rebuilt by a
``watchfiles`` thread when sources change. Open pages hold a server-sent-events connection
(``/_preview/events``) and, when their lesson or the whole course changed, fetch the page again and
swap its content in (a page with XBlocks reloads in full).

Routes:
    /                          the course home: overview and lessons
    /lesson/<id>               a lesson, its units one after another
    /page/<id>                 a custom page (static tab)
    /static/<name>             the package's static files
    /jump_to_id/<id>           Open edX's link form: redirected to the lesson showing <id>
    /_preview/…                the preview's own stylesheet, script, events, quiz checks, reset
    /_xblock/…                 the custom XBlocks, through the XBlock runtime (``xblocks.py``)
Every page takes ``?lang=`` and ``?variant=``.
"""

from __future__ import annotations

import json
import mimetypes
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..diagnostics import Diagnostics
from ..load.course import load_course
from .assets import CSS, JS
from .build import ALL, PreviewBuild
from .capa import check, parse_problem
from .outline import Outline, read_outline, refresh_lessons
from .pages import PageRenderer, PageState, Target, page_config, srt_to_vtt

HOST = "127.0.0.1"
DEFAULT_PORT = 8470
EVENT_WAIT = 1.0  # seconds between checks for shutdown while a page listens for changes
KEEPALIVE = 15.0


@dataclass
class Learner:
    """The preview learner's state: quiz attempts (the XBlocks keep theirs in their runtime)."""

    attempts: dict[tuple, int] = field(default_factory=dict)


class Preview:
    """The state shared by every request: the course folder, its builds and the learner."""

    def __init__(self, folder: Path, language: str = "", variant: str = "", xblocks=None):
        self.folder = folder.resolve()
        self.default_language = language
        self.default_variant = variant
        self.builds: dict[tuple[str, str], PreviewBuild] = {}
        self.lock = threading.Lock()
        self.learner = Learner()
        self.stopping = threading.Event()
        self.xblocks = xblocks  # an XBlockHost, or None (placeholders)
        self._outlines: dict[tuple[str, str], tuple[int, Outline]] = {}
        self._declared: tuple[list[str], list[str]] | None = None
        self.source_language = ""
        self.last_used: dict[tuple[str, str], float] = {}

    # Builds -----------------------------------------------------------------------------------

    def declared(self) -> tuple[list[str], list[str]]:
        """The languages course.yaml lists, and its variants (declared, or folders in variants/)."""
        if self._declared is None:
            course = load_course(self.folder, Diagnostics())
            languages = list(course.languages) if course else []
            variants = [v for v in course.variants if v] if course else []  # "" is the base course
            if course is not None:
                self.source_language = course.language
                if not languages:
                    languages = [course.language]
            folder = self.folder / "variants"
            if folder.is_dir():
                variants += sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name not in variants)
            self._declared = (languages, variants)
        return self._declared

    def target(self, query: dict[str, list[str]]) -> Target:
        languages, variants = self.declared()
        language = (query.get("lang") or [self.default_language or self.source_language or ""])[0]
        variant = (query.get("variant") or [self.default_variant])[0]
        if language and language not in languages:
            languages = [*languages, language]
        return Target(language, variant, languages, variants)

    def build_for(self, target: Target) -> PreviewBuild:
        key = (target.language, target.variant)
        self.last_used[key] = time.monotonic()
        with self.lock:
            build = self.builds.get(key)
            if build is None:
                build = PreviewBuild(self.folder, target.language, target.variant)
                self.builds[key] = build
                build.build()
            return build

    def outline(self, build: PreviewBuild) -> Outline:
        key = (build.language, build.variant)
        with build.lock:
            cached = self._outlines.get(key)
            if cached and cached[0] == build.version:
                return cached[1]
            update = build.last_update
            if cached and update and cached[0] == build.version - 1 and not update.full:
                outline = refresh_lessons(cached[1], build.files, update.pages)  # the lesson edited only
            else:
                outline = read_outline(build.files, build.run_id)
            self._outlines[key] = (build.version, outline)
            return outline

    def on_change(self, changed: set[Path]) -> list:
        """Called by the watcher: rebuild every build that exists."""
        self._declared = None if any(p.name == "course.yaml" for p in changed) else self._declared
        with self.lock:  # the language and variant looked at last first: its page reloads soonest
            builds = sorted(
                self.builds.values(), key=lambda b: -self.last_used.get((b.language, b.variant), 0)
            )
        return [update for build in builds if (update := build.apply(changed)) is not None]

    def renderer(self, target: Target) -> tuple[PreviewBuild, PageRenderer | None]:
        build = self.build_for(target)
        with build.lock:
            state = PageState(
                build.version, build.ok, build.diagnostics.format(Path.cwd()), has_render=bool(build.files)
            )
            if not build.files:
                return build, None
            files = build.files
            outline = self.outline(build)
        if self.xblocks:
            from .xblocks import page_setup

            return build, PageRenderer(
                files, outline, target, state, self.xblocks.renderer(target), page_setup()
            )
        return build, PageRenderer(files, outline, target, state)

    def reset(self) -> None:
        self.learner = Learner()
        if self.xblocks:
            self.xblocks.reset()


def watch(preview: Preview, ready: threading.Event | None = None, on_update=None) -> None:
    """Rebuild on every change under the course folder until ``preview.stopping`` is set."""
    import watchfiles

    if ready:
        ready.set()
    for changes in watchfiles.watch(
        preview.folder,
        stop_event=preview.stopping,
        debounce=400,
        step=10,
        rust_timeout=500,
        raise_interrupt=False,
    ):
        paths = {Path(path) for _, path in changes}
        try:
            updates = preview.on_change(paths)
        except Exception as exc:  # never let one bad rebuild stop the watching
            print(f"benchbook preview: rebuild failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if on_update:
            on_update(updates)


class Handler(BaseHTTPRequestHandler):
    server_version = "BenchbookPreview"
    protocol_version = "HTTP/1.1"
    preview: Preview  # set on the subclass made by make_server

    def log_message(self, format, *args):
        pass

    # Dispatch ---------------------------------------------------------------------------------

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        if not self._same_origin():
            self._send(HTTPStatus.FORBIDDEN, b"cross-origin request refused", "text/plain")
            return
        self._dispatch("POST")

    def _same_origin(self) -> bool:
        origin = self.headers.get("Origin")
        return origin is None or origin == f"http://{self.headers.get('Host', '')}"

    def _dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query)
        try:
            if self.preview.xblocks and path.startswith(self.preview.xblocks.PREFIX):
                self.preview.xblocks.handle(self, method, path, query)
                return
            if method == "GET":
                self._get(path, query)
            else:
                self._post(path, query)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _get(self, path: str, query: dict) -> None:
        preview = self.preview
        if path == "/_preview/preview.css":
            self._send(HTTPStatus.OK, CSS.encode(), "text/css; charset=utf-8")
            return
        if path == "/_preview/preview.js":
            self._send(HTTPStatus.OK, JS.encode(), "text/javascript; charset=utf-8")
            return
        if path == "/_preview/events":
            self._events(query)
            return
        if path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
            return
        target = preview.target(query)
        build, renderer = preview.renderer(target)
        if path.startswith("/static/"):
            data = build.files.get(path[1:])
            if data is None:
                self._not_found()
            else:
                kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
                self._send(HTTPStatus.OK, data, kind)
            return
        if path.startswith("/_preview/transcript/"):
            data = build.files.get("static/" + path.rsplit("/", 1)[1])
            if data is None:
                self._not_found()
            else:
                self._send(HTTPStatus.OK, srt_to_vtt(data), "text/vtt; charset=utf-8")
            return
        if path.startswith("/jump_to_id/"):
            block = path.split("/", 2)[2].strip("/")
            lesson = preview.outline(build).lesson_of.get(block) if renderer else None
            if lesson is None:
                self._not_found()
                return
            anchor = "" if block == lesson else f"#{block}"
            self._redirect(f"/lesson/{lesson}{target.query()}{anchor}")
            return
        if renderer is None:  # nothing good built yet: show the diagnostics alone
            self._send_html(HTTPStatus.OK, error_page(build))
            return
        html = None
        if path == "/":
            html = renderer.home()
        elif path.startswith("/lesson/"):
            html = renderer.lesson(path.split("/", 2)[2].strip("/"))
        elif path.startswith("/page/"):
            html = renderer.static_page(path.split("/", 2)[2].strip("/"))
        if html is None:
            self._not_found()
        else:
            self._send_html(HTTPStatus.OK, html)

    def _post(self, path: str, query: dict) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if path == "/_preview/reset":
            self.preview.reset()
            referer = self.headers.get("Referer") or "/"
            self._redirect(urlsplit(referer)._replace(scheme="", netloc="").geturl() or "/", see_other=True)
            return
        if path.startswith("/_preview/problem/"):
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {}
            _, _, _, problem_id, action = path.split("/", 4)
            self._problem(problem_id, action, body, self.preview.target(query))
            return
        self._not_found()

    # Quizzes ----------------------------------------------------------------------------------

    def _problem(self, problem_id: str, action: str, body: dict, target: Target) -> None:
        build = self.preview.build_for(target)
        data = build.files.get(f"problem/{problem_id}.xml")
        if data is None:
            self._not_found()
            return
        problem = parse_problem(problem_id, data)
        key = (target.language, target.variant, problem_id)
        attempts = self.preview.learner.attempts
        if action == "check":
            used = attempts.get(key, 0)
            if problem.max_attempts and used >= problem.max_attempts:
                reply = {
                    "correct": False,
                    "feedback": [],
                    "message": f"You have used all {problem.max_attempts} attempts. Reset learner state to try again.",
                    "explanation": problem.explanation,
                }
            else:
                result = check(problem, body.get("answer"))
                if not result.message:
                    used += 1
                    attempts[key] = used
                reply = result.to_json()
                if problem.max_attempts:
                    reply["attempts_text"] = f"Attempt {used} of {problem.max_attempts}."
                finished = result.correct or (problem.max_attempts and used >= problem.max_attempts)
                reply["explanation"] = problem.explanation if finished else ""
            self._send_json(reply)
        elif action == "hint":
            if not problem.hints:
                self._not_found()
                return
            index = int(body.get("index") or 0) % len(problem.hints)
            self._send_json(
                {
                    "hint": problem.hints[index],
                    "number": index + 1,
                    "total": len(problem.hints),
                    "next": (index + 1) % len(problem.hints),
                }
            )
        elif action == "answer":
            self._send_json({"answer": problem.correct_answer, "explanation": problem.explanation})
        else:
            self._not_found()

    # Live reload ------------------------------------------------------------------------------

    def _events(self, query: dict) -> None:
        target = self.preview.target(query)
        build = self.preview.build_for(target)
        try:
            version = int((query.get("version") or ["0"])[0])
        except ValueError:
            version = 0
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        self.wfile.write(b"retry: 500\n\n")
        self.wfile.flush()
        idle = 0.0
        while not self.preview.stopping.is_set():
            current = build.wait(version, EVENT_WAIT)
            if current > version:
                update = build.last_update
                # only the last update's pages are known: after several, every page may have changed
                one_update = update is not None and update.version == current == version + 1
                pages = sorted(update.pages) if one_update else [ALL]
                message = {"version": current, "pages": pages, "ok": build.ok}
                self.wfile.write(f"data: {json.dumps(message)}\n\n".encode())
                self.wfile.flush()
                version = current
                idle = 0.0
            else:
                idle += EVENT_WAIT
                if idle >= KEEPALIVE:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    idle = 0.0

    # Responses --------------------------------------------------------------------------------

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_html(self, status: HTTPStatus, html: str) -> None:
        headers = {}
        if self.preview.xblocks:  # the blocks' handlers are Django views: they want a CSRF token
            from .xblocks import csrf_cookie

            cookie = csrf_cookie(self.headers.get("Cookie"))
            if cookie:
                headers["Set-Cookie"] = cookie
        self._send(status, html.encode("utf-8"), "text/html; charset=utf-8", headers)

    def _send_json(self, data: dict) -> None:
        self._send(HTTPStatus.OK, json.dumps(data).encode(), "application/json")

    def _redirect(self, location: str, see_other: bool = False) -> None:
        status = HTTPStatus.SEE_OTHER if see_other else HTTPStatus.FOUND
        self._send(status, b"", "text/plain", {"Location": location})

    def _not_found(self) -> None:
        self._send_html(HTTPStatus.NOT_FOUND, NOT_FOUND)


NOT_FOUND = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>'
    '<body><main><h1>Not found</h1><p><a href="/">Back to the course</a></p></main></body></html>'
)


def error_page(build: PreviewBuild) -> str:
    from html import escape

    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Errors — preview</title>'
        '<link rel="stylesheet" href="/_preview/preview.css">'
        '<script type="application/json" id="benchbook-config">'
        f"{page_config(build.version, False, '', f'lang={build.language}')}</script>"
        '<script src="/_preview/preview.js" defer></script></head><body>'
        '<main id="main"><section class="diagnostics" role="alert" aria-labelledby="diagnostics-heading">'
        '<h1 id="diagnostics-heading">The course has errors</h1>'
        f'<pre class="diagnostic-text">{escape(build.diagnostics.format(Path.cwd()))}</pre>'
        "<p>Nothing could be rendered yet: fix the errors and save.</p></section></main></body></html>"
    )


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a port in use must be reported, not shared


def make_server(preview: Preview, port: int) -> PreviewServer:
    """Bind 127.0.0.1:*port* (0 = any free port); raises OSError when the port is taken."""
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    return PreviewServer((HOST, port), handler)
