"""Opaque keyset cursors: the sort values of a row, signed with the sort they belong to."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from neo4j.time import Date

from graph.errors import BadUserInput


def encode(values: list[Any] | None, signature: str = "") -> str | None:
    """Cursor text for one row's sort values (dates and numbers keep their type)."""
    if values is None:
        return None
    tagged: list[list[Any]] = []
    for value in values:
        if isinstance(value, Date | dt.date):
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
    """Sort values from cursor text; BAD_USER_INPUT naming the argument when it is not ours."""
    problem = BadUserInput(
        f"'{argument}' is not a cursor from this field and sort", argument=argument
    )
    if not isinstance(text, str) or len(text) > 4096:
        raise problem
    try:
        padded = text + "=" * (-len(text) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        tagged = payload["v"]
        if (
            payload.get("s") != signature
            or not isinstance(tagged, list)
            or len(tagged) != keys
        ):
            raise problem
        values: list[Any] = []
        for tag, value in tagged:
            if tag == "d":
                values.append(dt.date.fromisoformat(value))
            elif (tag in {"i", "f", "b"} and isinstance(value, int | float | bool)) or (
                tag == "s" and isinstance(value, str)
            ):
                values.append(value)
            else:
                raise problem
        return values
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise problem from None
