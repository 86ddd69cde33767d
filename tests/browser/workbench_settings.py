"""The xblock-sdk workbench's settings, plus the one thing the LMS has that it lacks: the learner's
language, chosen from the browser's Accept-Language header, as Open edX does for its pages."""

from workbench.settings import *  # noqa: F403

MIDDLEWARE = [
    *MIDDLEWARE[:2],  # noqa: F405 - after the session middleware, as Django requires
    "django.middleware.locale.LocaleMiddleware",
    *MIDDLEWARE[2:],  # noqa: F405
]
