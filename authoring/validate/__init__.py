"""Stage 3, validate: every problem in one pass, each with its position, message and hint."""
