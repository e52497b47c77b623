"""JSON in and out of HTTP bodies: orjson, with the standard library where it refuses.

orjson encodes a response several times faster than `json`. It refuses text with a
lone surrogate both ways: in a request (`"\\ud800"` is valid JSON, and the API
answers it BAD_USER_INPUT naming the argument) and in a response (an error message
may echo it). Those bodies are read and written by `json` instead.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON (values that are not JSON types are written as text)."""
    try:
        return orjson.dumps(data, default=str)
    except TypeError:  # orjson.JSONEncodeError: a lone surrogate, an int over 64 bits
        return json.dumps(data, separators=(",", ":"), default=str).encode()


def loads(data: bytes | str) -> Any:
    """A parsed body; raises json.JSONDecodeError (a ValueError) when it is not JSON,
    also for bytes that are not UTF-8 and for nesting too deep to parse (orjson stops
    at 1024 levels, where `json` would raise RecursionError)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        try:
            return json.loads(data)
        except UnicodeDecodeError:
            raise json.JSONDecodeError("not UTF-8", "", 0) from None
        except RecursionError:
            raise json.JSONDecodeError("JSON nested too deeply", "", 0) from None
