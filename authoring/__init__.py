"""The Benchbook compiler: course sources (YAML + Markdown) → Studio-identical OLX packages.

The pipeline, one subpackage per stage: ``load`` → ``model`` → ``validate`` → ``render`` →
``write`` (OLX) → ``package`` (.tar.gz). ``commands`` holds one module per CLI command.
"""

__version__ = "0.1.0"
