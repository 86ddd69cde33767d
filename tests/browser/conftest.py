"""Browser tests: the xblock-sdk workbench on 127.0.0.1, driven by Playwright in Debian's Chromium.

Every test in this folder is marked ``browser``. The workbench is started by the session fixture
itself (never by hand) and stopped at the end. Playwright cannot download its own browser here, so
the system Chromium is used; a missing Chromium fails the tests loudly rather than skipping them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlparse

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {seconds}s")


@pytest.fixture(scope="session")
def workbench(tmp_path_factory):
    """Base URL of a fresh xblock-sdk workbench serving every installed XBlock."""
    workdir = tmp_path_factory.mktemp("workbench")
    (workdir / "var").mkdir()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.browser.workbench_settings",
        PYTHONPATH=os.pathsep.join(filter(None, [repo, os.environ.get("PYTHONPATH")])),
        EXCLUDE_SAMPLE_XBLOCKS="yes",
        WORKBENCH_RESET_STATE_ON_RESTART="true",
    )
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--run-syncdb", "-v", "0"],
        cwd=workdir,
        env=env,
        check=True,
    )
    port = free_port()
    log = open(workdir / "server.log", "wb")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=workdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        raise RuntimeError("Chromium is not installed: run `make test` (it installs Debian's chromium)")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_FLAGS}


@pytest.fixture
def outside_requests(page):
    """Every request the page makes to a host other than 127.0.0.1 (should stay empty)."""
    seen: list[str] = []

    def record(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            seen.append(request.url)

    page.on("request", record)
    return seen


def axe_violations(page, selector: str | None = None) -> list[dict]:
    """Run axe-core (bundled with axe-playwright-python, no network) and return its violations."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"include": [[selector]]} if selector else None
    results = Axe().run(page, context=context) if context else Axe().run(page)
    return results.response["violations"]


def csrf_token(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
