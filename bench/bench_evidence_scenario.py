"""evidence_scenario: the learner bundle's size and handler latency (issue 3 targets).

Targets: JS + CSS gzipped under 15 KB; handler p95 under 10 ms for a 60-step scenario.

Latency is measured two ways:
- through the XBlock runtime directly (``TestRuntime``, in-memory field data): a generated 60-step
  scenario, every ``choose`` of many full play-throughs, each a real handler call (webob request,
  JSON parsing, position check, state write, tracking event);
- over HTTP against the xblock-sdk workbench on 127.0.0.1 (Django, CSRF, sqlite state): the packaged
  real port scenario (14 steps), played by fresh learners. The workbench only serves scenarios its
  blocks declare, so the generated 60-step graph is timed through the runtime.

The HTTP figures are dominated by the workbench's field storage (every field read is two sqlite queries
re-reading a JSON record, every write a save; see bench_mock_adjudication.py), which is why the block's
most trivial handler is reported beside ``choose`` as the floor, with DEBUG and SQL logging on and off.
The LMS loads a block's user state in one query, so the runtime figures describe the block itself.
"""

from __future__ import annotations

import gzip
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import resources
from pathlib import Path

from bench import Figure

PACKAGE = "benchbook.xblocks.evidence_scenario"
STEPS = 60
PLAYS = 30


def generated(steps: int = STEPS) -> dict:
    """A scenario of *steps* steps in a chain, each with a best, a weaker and a terminal choice."""
    out = []
    for i in range(steps):
        nxt = f"s{i + 1}" if i + 1 < steps else "pass"
        out.append(
            {
                "id": f"s{i}",
                "title": f"Step {i}",
                "narrative": f"<p>Narrative of step {i}, with enough text to be realistic. " * 3 + "</p>",
                "choices": [
                    {"id": "best", "text": "Best", "goto": nxt, "points": 2, "competency": "c1",
                     "consequence": "<p>Good.</p>", "coaching": "<p>Why it is good.</p>"},
                    {"id": "weak", "text": "Weaker", "goto": nxt, "points": 1, "competency": "c1",
                     "consequence": "<p>Less good.</p>", "coaching": "<p>Why it is weaker.</p>"},
                    {"id": "fatal", "text": "Fatal", "goto": "fail", "points": 0, "competency": "c2",
                     "critical": True, "consequence": "<p>Bad.</p>", "coaching": "<p>Why not.</p>"},
                ],
            }
        )  # fmt: skip
    return {
        "title": "Generated",
        "start": "s0",
        "max_attempts": 0,
        "competencies": [{"id": "c1", "label": "One"}, {"id": "c2", "label": "Two"}],
        "steps": out,
        "outcomes": [{"id": "pass", "title": "Pass", "band": "pass"}, {"id": "fail", "title": "Fail"}],
    }


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def bundle_size() -> float:
    files = resources.files(PACKAGE).joinpath("public")
    data = b"".join(
        files.joinpath(name).read_bytes() for name in ("evidence_scenario.js", "evidence_scenario.css")
    )
    return len(gzip.compress(data, 9)) / 1024


def runtime_latency() -> tuple[float, float]:
    from webob import Request
    from xblock.field_data import DictFieldData
    from xblock.test.tools import TestRuntime

    from benchbook.xblocks.evidence_scenario import olx
    from benchbook.xblocks.evidence_scenario.model import Scenario

    xml = olx.to_string(Scenario.from_dict(generated()))
    samples, starts = [], []
    for _ in range(PLAYS):
        rt = TestRuntime(services={"field-data": DictFieldData({})})
        rt.publish = lambda *args, **kwargs: None
        block = rt.get_block(rt.parse_xml_string(xml))
        begin = time.perf_counter()
        block.handle("start", Request.blank("/", method="POST", body=b"{}"))
        starts.append((time.perf_counter() - begin) * 1000)
        for i in range(STEPS):
            body = json.dumps({"step_id": f"s{i}", "choice_id": "best"}).encode()
            begin = time.perf_counter()
            response = block.handle("choose", Request.blank("/", method="POST", body=body))
            samples.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, response.body
    return p95(samples), p95(starts)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


QUIET_SETTINGS = """from workbench.settings import *  # noqa: F403
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
"""


def workbench_latency(quiet: bool = False) -> tuple[float, float]:
    """p95 of ``choose`` over HTTP in the workbench, playing the packaged port scenario, and p95 of the
    block's most trivial handler (``student_view_user_state``) as the workbench's own floor.

    ``quiet``: DEBUG off and no logging (the workbench's defaults log every SQL query).
    """
    from benchbook.xblocks.evidence_scenario import olx

    xml = resources.files(PACKAGE).joinpath("scenarios/02-port-carfentanil-seizure.xml").read_text("utf-8")
    scenario = olx.read_string(xml)
    best = scenario.best_points()
    path, node = [], scenario.start
    while scenario.step(node):
        choice = scenario.best_choice(scenario.step(node), best)
        path.append((node, choice.id))
        node = choice.goto
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "var").mkdir()
        settings = "workbench.settings"
        if quiet:
            (Path(work) / "bench_quiet_settings.py").write_text(QUIET_SETTINGS, encoding="utf-8")
            settings = "bench_quiet_settings"
        env = dict(os.environ, DJANGO_SETTINGS_MODULE=settings, EXCLUDE_SAMPLE_XBLOCKS="yes",
                   WORKBENCH_RESET_STATE_ON_RESTART="true",
                   PYTHONPATH=os.pathsep.join(filter(None, [work, os.environ.get("PYTHONPATH")])))  # fmt: skip
        subprocess.run([sys.executable, "-m", "django", "migrate", "--run-syncdb", "-v", "0"], cwd=work, env=env,
                       check=True)  # fmt: skip
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
            cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            samples, floor = [], []
            for learner in range(10):
                jar = http.cookiejar.CookieJar()
                opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
                page = (
                    opener.open(f"{base}/scenario/evidence_scenario.1/?student=bench{learner}")
                    .read()
                    .decode()
                )
                usage = re.search(r"""data-usage=['"]([^'"]+\.evidence_scenario\.[^'"]+)['"]""", page).group(
                    1
                )
                token = next(c.value for c in jar if c.name == "csrftoken")
                url = f"{base}/handler/{usage}/choose/?student=bench{learner}"
                for step_id, choice_id in path:
                    request = urllib.request.Request(
                        url,
                        data=json.dumps({"step_id": step_id, "choice_id": choice_id}).encode(),
                        headers={
                            "X-CSRFToken": token,
                            "Content-Type": "application/json",
                            "Referer": base + "/",
                        },
                        method="POST",
                    )
                    begin = time.perf_counter()
                    with opener.open(request) as response:
                        response.read()
                    samples.append((time.perf_counter() - begin) * 1000)
                    begin = time.perf_counter()
                    with opener.open(url.replace("/choose/", "/student_view_user_state/")) as response:
                        response.read()
                    floor.append((time.perf_counter() - begin) * 1000)
            return p95(samples), p95(floor)
        finally:
            server.terminate()
            server.wait(10)


def run() -> list[Figure]:
    size = bundle_size()
    choose_p95, start_p95 = runtime_latency()
    figures = [
        Figure("evidence_scenario JS + CSS, gzipped", size, "KB", "< 15 KB", size < 15),
        Figure(f"choose p95, runtime, {STEPS}-step scenario", choose_p95, "ms", "< 10 ms", choose_p95 < 10),
        Figure(f"start p95, runtime, {STEPS}-step scenario", start_p95, "ms", "< 10 ms", start_p95 < 10),
    ]
    try:
        http_p95, floor_p95 = workbench_latency()
        figures.append(
            Figure("choose p95, workbench HTTP, 14-step scenario", http_p95, "ms", "< 10 ms", http_p95 < 10)
        )
        figures.append(Figure("trivial handler p95, workbench HTTP (its floor)", floor_p95, "ms"))
        quiet_p95, quiet_floor = workbench_latency(quiet=True)
        figures.append(
            Figure("choose p95, workbench HTTP, DEBUG off", quiet_p95, "ms", "< 10 ms", quiet_p95 < 10)
        )
        figures.append(Figure("trivial handler p95, workbench HTTP, DEBUG off", quiet_floor, "ms"))
    except Exception as exc:  # the workbench is a test dependency; say why it is missing
        print(f"bench_evidence_scenario: workbench latency not measured: {exc}", file=sys.stderr)
    return figures
