"""Dates as trainers write them (``2026-03-01`` or ``2026-03-01T09:00``), always UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from ..diagnostics import Diagnostics, Position

FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M")


def parse_date(value: object, field: str, where: Position, diagnostics: Diagnostics) -> datetime | None:
    text = str(value).strip().removesuffix("Z")
    for fmt in FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    diagnostics.error(
        f"'{field}' is not a valid date: '{value}'",
        where,
        "write dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC), e.g. 2026-03-01",
    )
    return None


def olx_date(value: datetime) -> str:
    """The form Open edX writes dates in OLX and policy files."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
