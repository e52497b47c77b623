import datetime as dt

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
