"""JSON bodies: orjson's speed, the standard library's reach where orjson refuses."""

from __future__ import annotations

import json

import pytest

from httpapi import encoding


def test_bodies_round_trip_compact_and_utf8() -> None:
    data = {"name": "Dovilė Šakalienė", "n": 107, "score": 10.5, "ok": True}
    body = encoding.dumps(data)
    assert body == json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    assert encoding.loads(body) == data


def test_a_lone_surrogate_is_read_and_written_by_the_standard_library() -> None:
    # Valid JSON that orjson refuses: the API must still read it (and answer
    # BAD_USER_INPUT naming the argument), and echo it in an error message.
    assert encoding.loads('{"text": "\\ud800"}') == {"text": "\ud800"}
    assert json.loads(encoding.dumps({"message": "bad: \ud800"})) == {
        "message": "bad: \ud800"
    }


def test_what_is_not_json_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="Expecting"):
        encoding.loads(b"{not json")
