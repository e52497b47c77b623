"""Relay global ids: the plain text the Cypher builds, encoded opaque, and back.

The plain text is `Type:key` for a type with no time-dependent field and
`Type:key@YYYY-MM-DD` for a dated one (model.identity): the date of the view the
object was read in, so a normalised client cache keeps each date's object apart.
The encoding is unpadded base64url of that text's UTF-8: the same node and date
always give the same id, across reloads and processes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from typing import Any

from graph.errors import BadUserInput
from model.identity import DATE_SEPARATOR, TYPE_SEPARATOR

# Longer than any id minted (a type name, a key, a date): refused before decoding.
MAX_ID_CHARS = 512
_PLAIN = re.compile(
    r"(?P<type>[A-Za-z][A-Za-z0-9]*)"
    + re.escape(TYPE_SEPARATOR)
    + r"(?P<key>[^@]+?)(?:"
    + re.escape(DATE_SEPARATOR)
    + r"(?P<date>\d{4}-\d{2}-\d{2}))?"
)
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")


def encode(plain: str) -> str:
    """The opaque id of `Type:key[@date]`."""
    return base64.urlsafe_b64encode(plain.encode()).decode().rstrip("=")


def plain_text(global_id: Any, argument: str) -> str:
    """The text an id encodes; BAD_USER_INPUT when it is no id of ours."""
    if (
        not isinstance(global_id, str)
        or len(global_id) > MAX_ID_CHARS
        or not _BASE64URL.fullmatch(global_id)
    ):
        raise BadUserInput(_malformed(argument), argument=argument)
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        return base64.urlsafe_b64decode(padded).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadUserInput(_malformed(argument), argument=argument) from None


def decode(global_id: Any, types: dict[str, bool], argument: str) -> dict[str, Any]:
    """`{type, key, asOf}` of an id of one of `types` (name -> dated); a dated
    type's id must name a real date and an undated one's none (BAD_USER_INPUT)."""
    found = _PLAIN.fullmatch(plain_text(global_id, argument))
    if found is None or found["type"] not in types:
        raise BadUserInput(_malformed(argument), argument=argument)
    dated, date = types[found["type"]], found["date"]
    if dated != (date is not None):
        raise BadUserInput(
            f"'{argument}': a {found['type']} id "
            + ("names the date of its view" if dated else "names no date"),
            argument=argument,
        )
    as_of = None
    if date is not None:
        try:
            as_of = dt.date.fromisoformat(date)
        except ValueError:
            raise BadUserInput(
                f"'{argument}': {date} is not a date", argument=argument
            ) from None
    return {"type": found["type"], "key": found["key"], "asOf": as_of}


def _malformed(argument: str) -> str:
    return f"'{argument}' is not a node id: ids are opaque, take them from a field `id`"
