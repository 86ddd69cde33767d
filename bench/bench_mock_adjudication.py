"""The mock_adjudication block: what it sends to the browser, and how fast its handlers answer.

Figures (issue 4 targets):
- gzipped JS + CSS of the learner view, under 15 KB;
- handler p95 in the workbench over HTTP (Django, CSRF, sqlite field data: what a learner waits for),
  under 10 ms;
- handler p95 in process (the block's own work, through a real XBlock runtime), for comparison.

What the HTTP figure measures is mostly the workbench: Django's development server, and a key-value
store that answers each field read with sqlite queries (``has`` then ``get``, each re-reading and
re-parsing the whole JSON record) and each write with an UPDATE and a commit. The block keeps its
learner state in one field and its handlers read no settings, so a phase save reads two fields and
writes one; the same request through Django's test client, without HTTP, takes about 7 ms. Turning
DEBUG and SQL logging off (the "DEBUG off" figure) changes little. The LMS loads a block's user
state in one query (FieldDataCache), so the in-process figure is the one that describes the block.
"""

from __future__ import annotations

import gzip
import http.cookiejar
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import resources
from pathlib import Path

from bench import Figure

PACKAGE = "benchbook.xblocks.mock_adjudication"
ROUNDS = 60  # full runs through the six phases

RULINGS = {
    "rulings": {
        "x2": {"choice": "admit_limited", "reason": "r"},
        "x3": {"choice": "admit"},
        "x6": {"choice": "admit"},
    }
}
STEPS = [
    ("case_file", {}),
    ("admissibility", RULINGS),
    ("weighing", {"supports": [["c1e1", "x1"], ["c1e2", "x4"]], "proven": {"c1": True, "c2": True}}),
    (
        "verdict",
        {
            "verdicts": {"c1": "guilty", "c2": "guilty"},
            "sentence": {"amount": 72, "factors": ["agg_quantity"]},
        },
    ),
    ("reasons", {"text": " ".join(["reason"] * 40)}),
    ("assessment", {"self": {"structure": "complete", "knowledge": "reasoned"}}),
]


def asset_size() -> float:
    files = resources.files(PACKAGE).joinpath("public")
    data = b"".join(
        files.joinpath(name).read_bytes() for name in ("mock_adjudication.js", "mock_adjudication.css")
    )
    return len(gzip.compress(data, 9)) / 1024


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] * 1000


def in_process() -> float:
    from webob import Request
    from xblock.field_data import DictFieldData
    from xblock.test.tools import TestRuntime

    xml = resources.files(PACKAGE).joinpath("scenarios/judge.xml").read_text("utf-8")
    samples = []
    for _ in range(ROUNDS):
        rt = TestRuntime(services={"field-data": DictFieldData({})})
        rt.publish = lambda *args: None
        block = rt.get_block(rt.parse_xml_string(xml))
        block.max_attempts = 0
        for phase, answers in STEPS:
            request = Request.blank(
                "/", method="POST", body=json.dumps({"phase": phase, "answers": answers}).encode()
            )
            start = time.perf_counter()
            response = block.handle("save_phase", request)
            samples.append(time.perf_counter() - start)
            assert response.status_code == 200, response.body
    return p95(samples)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


QUIET_SETTINGS = """from workbench.settings import *  # noqa: F403
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
"""


def over_http(quiet: bool = False) -> list[float]:
    """Start the workbench on 127.0.0.1 (as the browser tests do) and time save_phase round trips.

    ``quiet``: the same workbench with DEBUG off and no logging (its defaults log every SQL query).
    """
    workdir = Path(tempfile.mkdtemp(prefix="bench-wb-"))
    (workdir / "var").mkdir()
    settings = "workbench.settings"
    if quiet:
        (workdir / "bench_quiet_settings.py").write_text(QUIET_SETTINGS, encoding="utf-8")
        settings = "bench_quiet_settings"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE=settings,
        EXCLUDE_SAMPLE_XBLOCKS="yes",
        PYTHONPATH=os.pathsep.join([str(workdir), os.environ.get("PYTHONPATH", "")]),
    )
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--run-syncdb", "-v", "0"],
        cwd=workdir,
        env=env,
        check=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        for _ in range(300):
            try:
                opener.open(base + "/scenario/mock_adjudication.0/?student=warm", timeout=2).read()
                break
            except Exception:
                time.sleep(0.2)
        samples = []
        for n in range(ROUNDS):
            student = f"bench{n}"
            opener.open(f"{base}/scenario/mock_adjudication.0/?student={student}").read()
            token = next(c.value for c in jar if c.name == "csrftoken")
            url = f"{base}/handler/mock-adjudication-judge.mock_adjudication.d0.u0/save_phase/?student={student}"
            for phase, answers in STEPS:
                request = urllib.request.Request(
                    url,
                    data=json.dumps({"phase": phase, "answers": answers}).encode(),
                    headers={"X-CSRFToken": token, "Content-Type": "application/json", "Referer": base + "/"},
                )
                start = time.perf_counter()
                with opener.open(request) as reply:
                    reply.read()
                samples.append(time.perf_counter() - start)
        return samples
    finally:
        server.terminate()
        server.wait(10)


def run() -> list[Figure]:
    size = asset_size()
    figures = [Figure("learner JS + CSS, gzipped", size, "KB", "< 15 KB", size < 15)]
    local = in_process()
    figures.append(Figure("save_phase p95, in process", local, "ms", "< 10 ms", local < 10))
    samples = over_http()
    http_p95 = p95(samples)
    figures.append(Figure("save_phase p95, workbench over HTTP", http_p95, "ms", "< 10 ms", http_p95 < 10))
    figures.append(Figure("save_phase median, workbench over HTTP", statistics.median(samples) * 1000, "ms"))
    quiet = p95(over_http(quiet=True))
    figures.append(Figure("save_phase p95, workbench, DEBUG off", quiet, "ms", "< 10 ms", quiet < 10))
    return figures


if __name__ == "__main__":
    for figure in run():
        print(figure)
