"""Requests a block refuses, answered in the language of whoever sent them.

A refusal reaches a learner on a stale page ("this attempt is finished") or an author in Studio
("the case is not valid"), so its message is a UI string like any other: a template marked with
``_()`` for extraction, its values passed apart, translated and filled in only when the handler
answers, in the requester's language. A translation whose placeholders do not match the template's
falls back to the English template rather than failing the request.
"""

from __future__ import annotations

from collections.abc import Callable


class Refusal(Exception):
    """A request refused with an HTTP *status*; *message* is a ``{name}`` template of *params*."""

    def __init__(self, message: str, status: int = 400, **params):
        super().__init__(message.format(**params))
        self.message = message
        self.status = status
        self.params = params

    def translated(self, gettext: Callable[[str], str]) -> str:
        try:
            return gettext(self.message).format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.message.format(**self.params)
