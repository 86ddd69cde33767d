"""Stage 1, load: read source files into plain data that remembers where every value came from."""
