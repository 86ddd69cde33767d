"""The preview server in-process on 127.0.0.1: routes, quiz checks with attempts, reset, live events."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from benchbook.authoring.preview.server import Preview, make_server, watch


@pytest.fixture
def served(complete_course):
    preview = Preview(complete_course)
    server = make_server(preview, 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield preview, f"http://{host}:{port}"
    preview.stopping.set()
    server.shutdown()
    server.server_close()


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8", "replace")


def post(url: str, data: dict) -> dict:
    request = urllib.request.Request(url, json.dumps(data).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_binds_only_127_0_0_1(served):
    _, base = served
    assert base.startswith("http://127.0.0.1:")


def test_pages_static_files_and_jump_links(served):
    _, base = served
    assert get(base + "/")[0] == 200
    status, page = get(base + "/lesson/quizzes")
    assert status == 200 and "Every quiz type" in page
    assert get(base + "/static/images_seal.png")[0] == 200
    assert get(base + "/_preview/preview.js")[0] == 200
    with urllib.request.urlopen(base + "/jump_to_id/quizzes-numbers", timeout=10) as response:
        assert response.url.endswith("/lesson/quizzes?lang=en#quizzes-numbers")
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(base + "/lesson/nope")
    assert missing.value.code == 404


def test_quiz_check_attempts_hint_answer_and_reset(served):
    _, base = served
    url = base + "/_preview/problem/quizzes-single/{}?lang=en"
    wrong = post(url.format("check"), {"answer": "0"})
    assert wrong["correct"] is False and wrong["feedback"] and wrong["explanation"] == ""
    assert wrong["attempts_text"] == "Attempt 1 of 2."
    right = post(url.format("check"), {"answer": "1"})
    assert right["correct"] is True and "presumptive" in right["explanation"]
    spent = post(url.format("check"), {"answer": "1"})
    assert "all 2 attempts" in spent["message"]
    assert post(url.format("hint"), {"index": 0})["hint"] == "Think of false positives."
    assert post(url.format("answer"), {})["answer"] == "That the substance may belong to a drug class"
    request = urllib.request.Request(base + "/_preview/reset", b"", method="POST")
    urllib.request.urlopen(request, timeout=10).read()
    assert post(url.format("check"), {"answer": "1"})["correct"] is True


def test_cross_origin_posts_are_refused(served):
    _, base = served
    request = urllib.request.Request(
        base + "/_preview/reset", b"", {"Origin": "http://evil.example"}, method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


def test_a_saved_lesson_reaches_an_open_page_through_events(served, complete_course):
    preview, base = served
    get(base + "/lesson/quizzes")  # builds the default target
    ready = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, ready), daemon=True)
    watcher.start()
    ready.wait(5)
    time.sleep(0.3)
    stream = urllib.request.urlopen(base + "/_preview/events?lang=en&version=1", timeout=10)
    assert stream.readline().startswith(b"retry:")
    stream.readline()
    lesson = complete_course / "modules/01-basics/02-quizzes.md"
    lesson.write_text(lesson.read_text().replace("Presumptive tests", "Presumptive tests, edited"))
    event = json.loads(stream.readline().decode().removeprefix("data: "))
    assert event == {"version": 2, "pages": ["quizzes"], "ok": True}
    stream.close()
    assert "Presumptive tests, edited" in get(base + "/lesson/quizzes")[1]


def test_a_port_in_use_is_a_usage_error(complete_course):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "benchbook"),
                "preview",
                str(complete_course),
                "--port",
                str(port),
                "--no-xblocks",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr


def test_a_course_that_never_built_shows_its_diagnostics(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "course.yaml").write_text("org: X\nnumber: 1\n")
    preview = Preview(Path(folder))
    server = make_server(preview, 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        status, page = get(f"http://127.0.0.1:{server.server_address[1]}/lesson/x")
        assert status == 200 and "The course has errors" in page and "course.yaml" in page
    finally:
        server.shutdown()
        server.server_close()
