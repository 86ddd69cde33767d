"""Language codes: what trainers write, what Open edX expects, what HTML wants.

Open edX keeps three code sets (facts §5): the course ``language`` setting uses ISO 639-1 style
codes from ``ALL_LANGUAGES`` (``zh_HANS`` for simplified Chinese, plain ``es``); HTML ``lang``
attributes use BCP 47 (``zh-Hans``).
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
OPENEDX_COURSE_LANGUAGE = {"zh": "zh_HANS"}
HTML_LANG = {"zh": "zh-Hans"}
RTL = {"ar", "fa", "he", "ur"}


def is_language_code(code: str) -> bool:
    """Whether *code* names a language (``fr``, ``es-419``, ``zh_HANS``), as CLDR knows them."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def course_language(code: str) -> str:
    return OPENEDX_COURSE_LANGUAGE.get(code, code)


def html_lang(code: str) -> str:
    return HTML_LANG.get(code, code)


def is_rtl(code: str) -> bool:
    return code.split("-")[0].split("_")[0] in RTL
