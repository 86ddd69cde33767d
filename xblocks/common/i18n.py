"""UI strings: marked with a no-op at import time, translated at render time.

Strings declared at class level (field names, help, messages) are wrapped in ``_`` so extraction
tools find them; the real translation happens per request through the runtime's ``i18n`` service,
which knows the learner's language (Django's translation in the LMS and in the workbench).
"""

from __future__ import annotations


def _(text: str) -> str:
    """Mark *text* for extraction without translating it."""
    return text


def gettext_for(block):
    """Return a gettext function bound to the block's i18n service (identity when absent)."""
    service = block.runtime.service(block, "i18n") if block is not None else None
    if service is None:
        return lambda text: text
    return service.gettext


def language_of(block) -> str:
    """The learner's language code as the runtime reports it (``en`` when it cannot say)."""
    try:
        from django.utils import translation  # available in the LMS and the workbench

        return translation.get_language() or "en"
    except Exception:  # pragma: no cover - no Django at all
        return "en"


RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


def text_direction(language: str) -> str:
    return "rtl" if language.split("-")[0].split("_")[0] in RTL_LANGUAGES else "ltr"
