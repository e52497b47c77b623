"""The Date scalar: ISO dates in and out; Cypher already hands us ISO text."""

import datetime as dt
from typing import Any

import strawberry
from strawberry.types.scalar import ScalarDefinition, ScalarWrapper


def _serialize(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value.iso_format())


def _parse(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("Date must be a string YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date YYYY-MM-DD") from None


DateScalar: ScalarWrapper | ScalarDefinition = strawberry.scalar(
    name="Date",
    description="A calendar date, ISO 8601 (YYYY-MM-DD).",
    serialize=_serialize,
    parse_value=_parse,
)
