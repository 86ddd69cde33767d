"""One module per ``benchbook`` command."""
