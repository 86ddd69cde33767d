"""Benchbook's custom XBlocks: branching evidence-handling scenarios and mock adjudications.

Each block is a small package: a thin XBlock class (``block.py``), and plain modules with no XBlock
imports for the model, the OLX and the validation, so they can be used by the compiler and
unit-tested without a runtime.
"""
