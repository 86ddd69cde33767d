"""Django settings for the XBlock runtime inside ``benchbook preview``: xblock-sdk's workbench
settings, with its views mounted under ``/_xblock/`` of the preview, a throwaway database and no
log file in the working directory."""

import os

from workbench.settings import *  # noqa: F403 - the workbench's settings are the base

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCHBOOK_PREVIEW_DB", "benchbook-preview.sqlite3"),
    }
}
ROOT_URLCONF = "benchbook.authoring.preview.workbench_urls"
STATIC_URL = "/_xblock/static/"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# The workbench logs a traceback when it cannot "patch" a block for legacy LTI blocks: not ours.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "loggers": {"workbench": {"handlers": ["null"], "level": "ERROR", "propagate": False}},
}
DEBUG = False
USE_I18N = True
LANGUAGES = [
    ("en", "English"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("ar", "Arabic"),
    ("ru", "Russian"),
    ("zh-hans", "Chinese"),
]
