"""Helpers of the XBlock host that need no Django: the CSRF cookie and the page's language."""

from __future__ import annotations

from benchbook.authoring.preview.xblocks import _page_language, csrf_cookie, page_setup


def test_a_page_without_a_csrf_token_gets_one_and_keeps_it():
    cookie = csrf_cookie(None)
    assert cookie.startswith("csrftoken=") and "Path=/" in cookie and "SameSite=Strict" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert len(token) == 32 and token.isalnum()
    assert csrf_cookie(f"other=1; csrftoken={token}") is None
    assert csrf_cookie("csrftoken=short") is not None


def test_handlers_run_in_the_language_of_the_page_that_called_them():
    assert _page_language("http://127.0.0.1:8470/lesson/final?lang=ar&variant=x") == "ar"
    assert _page_language("") == "en"


def test_the_workbench_runtime_finds_its_globals():
    setup = page_setup()
    for name in ("studentId", "handlerBaseUrl = '/_xblock/handler/'", "asideBaseUrl"):
        assert name in setup
