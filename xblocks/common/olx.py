"""Helpers both blocks' readable OLX shares (each block keeps its own element layout)."""

from __future__ import annotations

from typing import Any

from .problems import ContentError, errors_only


def scalar(value: str | None) -> Any:
    """An attribute as the YAML loader would give it: numbers and booleans typed, text as text.

    Reading OLX back into the authoring shape must give the values a trainer's YAML gives, so the
    same ``from_dict`` and validator serve both.
    """
    if value is None:
        return None
    if value in ("true", "false"):
        return value == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            continue
    return value


class ReadableOlxMixin:
    """``parse_xml`` / ``add_xml_to_node`` through a block's own OLX module and validator.

    Both blocks read and write their content the same way (ORA's pattern): the readable OLX is
    parsed into the content model, the one validator refuses invalid content so a course import
    fails loudly, and export writes the model back. A block names its pieces:

    * ``content_olx`` – the module with ``TAG``, ``read(node)`` and ``write(model, node)``;
    * ``validate_content`` – the validator (a staticmethod returning problems);
    * ``content_model`` – the stored model; ``store_content(model)`` keeps a new one.
    """

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        """Read the readable OLX; refuse invalid content so a course import fails loudly."""
        block = runtime.construct_xblock_from_class(cls, keys)
        model = cls.content_olx.read(node)  # ContentError (with key paths) when the shape is wrong
        problems = errors_only(cls.validate_content(model))
        if problems:
            raise ContentError(problems)
        block.store_content(model)
        return block

    def add_xml_to_node(self, node):
        node.tag = self.scope_ids.block_type or self.content_olx.TAG
        node.set("xblock-family", self.entry_point)
        self.content_olx.write(self.content_model, node)
