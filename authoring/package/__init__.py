"""Stage 6, package: the OLX files as a byte-reproducible .tar.gz, written atomically."""
