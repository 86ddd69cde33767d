"""UI strings: marked with a no-op at import time, translated at render time.

Strings declared at class level (field names, help, messages) are wrapped in ``_`` so extraction
tools find them; the real translation happens per request, in the learner's language.

Each block ships its catalogs in ``translations/<lang>/LC_MESSAGES/text.mo`` (gettext domain
``text``), which is where the LMS's i18n service looks for an XBlock's translations. Runtimes that
do not (the workbench proxies Django's own catalogs) get the same result here: the block's catalog
for the learner's language is used first, then the runtime's service.
"""

from __future__ import annotations

import gettext as gettext_module
import importlib
from functools import cache
from pathlib import Path

DOMAIN = "text"


def _(text: str) -> str:
    """Mark *text* for extraction without translating it."""
    return text


def catalog_language(language: str) -> str:
    """The catalog folder for a Django language code: ``es-419`` → ``es``, ``zh-hans`` → ``zh``."""
    return language.replace("_", "-").split("-")[0].lower()


@cache
def package_catalog(package: str, language: str) -> gettext_module.NullTranslations | None:
    """The block package's own compiled catalog for *language*, if it ships one."""
    module = importlib.import_module(package)
    folder = Path(module.__file__).parent / "translations"
    try:
        return gettext_module.translation(DOMAIN, localedir=folder, languages=[catalog_language(language)])
    except OSError:
        return None


def block_package(block) -> str:
    """The package that defines *block*'s class. Runtimes (the LMS, the workbench) instantiate a
    subclass mixed with their mixins (``<Block>WithMixins``, defined in ``xblock.runtime``): its
    ``unmixed_class`` is the block's own class."""
    cls = getattr(type(block), "unmixed_class", type(block))
    return cls.__module__.rpartition(".")[0]


def gettext_for(block):
    """Return a gettext function for the learner's language (identity when nothing translates)."""
    if block is None:
        return lambda text: text
    catalog = package_catalog(block_package(block), language_of(block))
    if catalog is not None:
        return catalog.gettext
    service = block.runtime.service(block, "i18n")
    return service.gettext if service is not None else (lambda text: text)


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
