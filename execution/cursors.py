"""Opaque keyset cursors: the sort values of a row, signed with the sort they belong to."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
from typing import Any

from neo4j.time import Date, DateTime

from graph.errors import BadUserInput

# Neo4j's INTEGER is 64-bit: a larger int is refused by the driver, not the query.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


def encode(values: list[Any] | None, signature: str = "") -> str | None:
    """Cursor text for one row's sort values (dates and numbers keep their type)."""
    if values is None:
        return None
    tagged: list[list[Any]] = []
    for value in values:
        # Before dates: a datetime is a date in Python. Neo4j's keeps nanoseconds.
        if isinstance(value, DateTime | dt.datetime):
            tagged.append(["t", value.isoformat()])
        elif isinstance(value, Date | dt.date):
            tagged.append(
                [
                    "d",
                    value.iso_format()
                    if isinstance(value, Date)
                    else value.isoformat(),
                ]
            )
        elif isinstance(value, bool):
            tagged.append(["b", value])
        elif isinstance(value, int):
            tagged.append(["i", value])
        elif isinstance(value, float):
            tagged.append(["f", value])
        else:
            tagged.append(["s", str(value)])
    raw = json.dumps(
        {"s": signature, "v": tagged}, separators=(",", ":"), ensure_ascii=False
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(text: Any, argument: str, keys: int, signature: str) -> list[Any]:
    """Sort values from cursor text; BAD_USER_INPUT naming the argument when it is not ours.

    The signature only says which sort a cursor belongs to: anyone can read it from
    a real cursor and forge the values. So every value is checked as a parameter
    Neo4j must accept, whatever the signature says.
    """
    problem = BadUserInput(
        f"'{argument}' is not a cursor from this field and sort", argument=argument
    )
    if not isinstance(text, str) or len(text) > 4096:
        raise problem
    try:
        padded = text + "=" * (-len(text) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if not isinstance(payload, dict) or payload.get("s") != signature:
            raise problem
        tagged = payload.get("v")
        if not isinstance(tagged, list) or len(tagged) != keys:
            raise problem
        return [_value(pair, problem) for pair in tagged]
    # RecursionError: a forged cursor of nested brackets.
    except (ValueError, TypeError, RecursionError, binascii.Error):
        raise problem from None


def _value(pair: Any, problem: BadUserInput) -> Any:
    """One tagged value, if it is what its tag says and Neo4j can take it."""
    if not isinstance(pair, list) or len(pair) != 2:
        raise problem
    tag, value = pair
    if tag == "i" and type(value) is int and _INT_MIN <= value <= _INT_MAX:
        return value
    if tag == "f" and type(value) is float and math.isfinite(value):
        return value
    if tag == "b" and type(value) is bool:
        return value
    if tag == "s" and type(value) is str and _is_unicode(value):
        return value
    if tag == "d" and type(value) is str:
        return dt.date.fromisoformat(value)  # ValueError: not a date
    if tag == "t" and type(value) is str:
        return _datetime(value, problem)
    raise problem


def _is_unicode(text: str) -> bool:
    """False for text with a lone surrogate (`"\\ud800"` is valid JSON, not Unicode)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _datetime(text: str, problem: BadUserInput) -> DateTime:
    """A cursor's datetime, to the nanosecond (Python's stops at microseconds, and
    a truncated value would not equal the row it was read from), at a fixed offset:
    Neo4j orders `Z` before `Z[UTC]` at one instant, and the driver parses `+00:00`
    as the named zone, so the row the cursor came from would come again."""
    if len(text) > 64:
        raise problem
    parsed = DateTime.from_iso_format(text)  # ValueError: not a datetime
    offset = parsed.utcoffset()
    if offset is None:
        raise problem
    return parsed.replace(tzinfo=dt.timezone(offset))
