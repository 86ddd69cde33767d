"""Languages: gettext catalogs of every learner-visible string, and builds that use them.

One source language; translators work in ``locale/<lang>.po`` (Babel reads and writes them). The
same walk over the course (``localize``) collects strings for ``i18n extract`` and replaces them for
a build in another language, so what is extracted is exactly what is translated.
"""
