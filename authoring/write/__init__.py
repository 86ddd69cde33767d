"""Stage 5, write OLX: the model, rendered, laid out exactly as a Studio export."""
