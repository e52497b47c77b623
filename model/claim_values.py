"""A claim's value as stored: text, with the name of its type in `valueType`.

One Claim property holds a date, a number, a boolean, a text or a whole list (a
correction of a list field keeps the prior list as one claim). The corrections, the
loader and `make export` all go through this one encoding, so a claim exported and
loaded again is the same node: a list is JSON text (`["a", "b"]`), never Python's
`repr`, and reads back as the list.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

LIST = "list"

# A field's kind in the model (model.vocabulary.Prop.kind) to the valueType a claim
# about it stores: the Python type's name, as the loader names a seed value's type.
_BY_KIND = {"string": "str", "strings": LIST, "enum": "str"}

_DECODE: dict[str, Callable[[str], Any]] = {
    "int": int,
    "float": float,
    "bool": lambda text: text == "True",
    "date": dt.date.fromisoformat,
    LIST: json.loads,
}


def value_type(kind: str) -> str:
    """The valueType of a claim about a field of this kind."""
    return _BY_KIND.get(kind, kind)


def encode(value: Any, kind: str | None = None) -> tuple[str | None, str | None]:
    """(value, valueType) to store; `kind` is the field's kind, when known (a
    correction's), else the type is the value's own (a seed record's)."""
    if value is None:
        return None, None
    named = value_type(kind) if kind is not None else type(value).__name__
    if named == LIST:
        return json.dumps(list(value), ensure_ascii=False), LIST
    return str(value), named


def decode(text: str | None, named: str | None) -> Any:
    """The value `encode` stored, as a seed record gives it."""
    if text is None:
        return None
    return _DECODE.get(str(named), str)(text)


def props(value: Any, kind: str | None = None) -> dict[str, str | None]:
    """`encode` as the Claim node's two properties."""
    text, named = encode(value, kind)
    return {"value": text, "valueType": named}
