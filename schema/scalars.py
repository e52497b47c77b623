"""The Date and DateTime scalars: ISO text in and out; Cypher already hands us ISO
text (`toString`), which they pass through."""

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


def _serialize_datetime(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value.iso_format())


def _parse_datetime(value: Any) -> dt.datetime:
    """An aware datetime: a naive one would compare with no stored (UTC) value."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif not isinstance(value, str):
        raise ValueError("DateTime must be an ISO 8601 string")
    else:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not an ISO 8601 date-time") from None
        if "T" not in value and " " not in value:
            return parsed.replace(tzinfo=dt.UTC)  # a bare date: its midnight UTC
    if parsed.tzinfo is None:
        raise ValueError(f"'{value}' needs an offset (Z or +hh:mm)")
    return parsed


DateTimeScalar: ScalarWrapper | ScalarDefinition = strawberry.scalar(
    name="DateTime",
    description="A date and time, ISO 8601 with an offset "
    "(2026-12-03T14:00:00.123Z); as input a bare date means its midnight UTC.",
    serialize=_serialize_datetime,
    parse_value=_parse_datetime,
)
