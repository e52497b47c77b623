import base64
import datetime as dt
import json
from typing import Any

import pytest

from execution import cursors
from graph.errors import BadUserInput


def test_cursor_round_trips_typed_values() -> None:
    values = ["Lithuania", 3, dt.date(2025, 12, 27), True]
    text = cursors.encode(values, "abc")
    assert cursors.decode(text, "after", 4, "abc") == values


@pytest.mark.parametrize("text", ["", "not-base64!", "e30", "x" * 5000])
def test_garbage_cursor_is_bad_user_input(text: str) -> None:
    with pytest.raises(BadUserInput) as error:
        cursors.decode(text, "after", 1, "abc")
    assert error.value.extensions == {"code": "BAD_USER_INPUT", "argument": "after"}


def test_cursor_of_another_sort_is_refused() -> None:
    text = cursors.encode(["a"], "one-sort")
    with pytest.raises(BadUserInput):
        cursors.decode(text, "before", 1, "other-sort")


@pytest.mark.parametrize(
    "values",
    [
        [["i", 10**30]],
        [["i", 2**63]],
        [["i", True]],
        [["f", float("nan")]],
        [["f", float("inf")]],
        [["b", 1]],
        [["s", "\ud800"]],
        [["s", 3]],
        [["d", "2025-13-01"]],
        [["d", 20250101]],
        [["x", "a"]],
        [["s"]],
        ["s"],
        [["s", "a"], ["s", "b"]],
    ],
)
def test_forged_values_under_a_real_signature_are_bad_user_input(
    values: list[Any],
) -> None:
    raw = json.dumps({"s": "abc", "v": values})
    text = base64.urlsafe_b64encode(raw.encode()).decode()
    with pytest.raises(BadUserInput):
        cursors.decode(text, "after", 1, "abc")


def test_deeply_nested_cursor_is_bad_user_input() -> None:
    text = base64.urlsafe_b64encode(b"[" * 3000).decode()
    with pytest.raises(BadUserInput):
        cursors.decode(text, "after", 1, "abc")


def test_largest_neo4j_integer_round_trips() -> None:
    values = [2**63 - 1, -(2**63), 1.5]
    assert cursors.decode(cursors.encode(values, "s"), "after", 3, "s") == values


def test_datetime_cursor_keeps_nanoseconds_at_a_fixed_offset() -> None:
    from neo4j.time import DateTime

    stored = DateTime(2026, 12, 3, 15, 24, 5, 524000001, tzinfo=dt.UTC)
    (value,) = cursors.decode(cursors.encode([stored], "s"), "after", 1, "s")
    assert value == stored
    assert value.nanosecond == 524000001
    # A named zone would order after the stored `Z` value at the same instant.
    assert value.tzinfo == dt.timezone(dt.timedelta(0))


def test_datetime_cursor_without_an_offset_is_bad_user_input() -> None:
    raw = json.dumps({"s": "s", "v": [["t", "2026-12-03T15:24:05"]]})
    text = base64.urlsafe_b64encode(raw.encode()).decode()
    with pytest.raises(BadUserInput):
        cursors.decode(text, "after", 1, "s")
