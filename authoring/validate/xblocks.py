"""Scenario and case files, checked by the XBlocks' own validators.

The compiler does not re-implement the XBlocks' rules: it builds each block's model with the
block's ``from_dict`` and runs the block's ``validate`` — the very code that runs at OLX import and at
Studio save — then maps each problem's key path back to the YAML line.
"""

from __future__ import annotations

import importlib

from benchbook.xblocks.common.problems import ContentError, Problem

from ..diagnostics import Diagnostics
from ..load.located import Located
from .schema import check, validator_for

XBLOCK_KINDS = ("scenario", "case")
PACKAGES = {
    "scenario": ("benchbook.xblocks.evidence_scenario", "Scenario"),
    "case": ("benchbook.xblocks.mock_adjudication", "Case"),
}


def xblock_modules(kind: str):
    package, class_name = PACKAGES[kind]
    model = importlib.import_module(f"{package}.model")
    validation = importlib.import_module(f"{package}.validation")
    olx = importlib.import_module(f"{package}.olx")
    return getattr(model, class_name), validation, olx


def build_model(kind: str, document: Located, diagnostics: Diagnostics, render=None):
    """The block's model from a YAML document, or None (with diagnostics) when it cannot be built."""
    model_class, _, _ = xblock_modules(kind)
    try:
        return (
            model_class.from_dict(document.data, render) if render else model_class.from_dict(document.data)
        )
    except ContentError as exc:
        report_problems(exc.problems, document, diagnostics)
        return None


def report_problems(problems: list[Problem], document: Located, diagnostics: Diagnostics) -> None:
    for problem in problems:
        position = document.at(problem.path)
        if problem.is_error:
            diagnostics.error(problem.message, position, problem.hint)
        else:
            diagnostics.warning(problem.message, position, problem.hint)


def check_xblock_document(kind: str, ref: str, document: Located, diagnostics: Diagnostics) -> None:
    if not isinstance(document.data, dict):
        diagnostics.error(f"{kind} file '{ref}' must hold 'key: value' lines", document.at(()))
        return
    if "id" in document.data and str(document.data["id"]) != ref:
        diagnostics.error(
            f"{kind} id '{document.data['id']}' does not match its file name '{ref}.yaml'",
            document.at(("id",)),
            f"rename the file or set 'id: {ref}'",
        )
    package, _ = PACKAGES[kind]
    if not check(document, validator_for(package, "authoring.schema.json"), diagnostics, f"{kind} '{ref}'"):
        return
    model = build_model(kind, document, diagnostics)
    if model is None:
        return
    _, validation, _ = xblock_modules(kind)
    report_problems(validation.validate(model), document, diagnostics)
