"""The DateTime scalar: Cypher's ISO text passes through; input is always aware."""

from __future__ import annotations

import datetime as dt

import pytest

from schema.scalars import _parse_datetime, _serialize_datetime


def test_cypher_text_passes_through_and_python_datetimes_are_iso() -> None:
    assert _serialize_datetime("2026-12-03T15:24:05.524Z") == "2026-12-03T15:24:05.524Z"
    stamp = dt.datetime(2026, 12, 3, 15, 24, tzinfo=dt.UTC)
    assert _serialize_datetime(stamp) == "2026-12-03T15:24:00+00:00"


def test_a_bare_date_is_its_midnight_utc() -> None:
    assert _parse_datetime("2026-12-03") == dt.datetime(2026, 12, 3, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["2026-12-03T15:00:00", "2026-12-03 15:00", "soon"])
def test_a_datetime_without_an_offset_or_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"offset|ISO 8601"):
        _parse_datetime(text)
