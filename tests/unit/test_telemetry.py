"""Metric labels stay bounded; log lines are JSON with the request's id."""

from __future__ import annotations

import json
import logging
import sys

import pytest

import telemetry


def test_operation_label_is_the_name_or_anonymous() -> None:
    assert telemetry.operation_label("Hero") == "Hero"
    assert telemetry.operation_label(None) == "anonymous"
    assert telemetry.operation_label("") == "anonymous"


def test_operation_labels_stop_growing_past_the_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(telemetry, "_seen_operations", set())
    monkeypatch.setattr(telemetry, "MAX_OPERATION_LABELS", 2)
    assert [telemetry.operation_label(n) for n in ("A", "B", "C", "A")] == [
        "A",
        "B",
        "other",
        "A",
    ]


def test_malformed_operation_name_is_other() -> None:
    assert telemetry.operation_label("x" * 101) == "other"
    assert telemetry.operation_label('a"b') == "other"


def test_json_log_line_carries_request_id_and_exception() -> None:
    token = telemetry._current.set(telemetry.RequestInfo("rid-1"))
    try:
        try:
            raise ValueError("boom")
        except ValueError:
            record = logging.getLogger("t").makeRecord(
                "t", logging.ERROR, __file__, 1, "failed %s", ("x",), None
            )
            record.exc_info = sys.exc_info()
        line = json.loads(telemetry.JsonFormatter().format(record))
    finally:
        telemetry._current.reset(token)
    assert line["request_id"] == "rid-1"
    assert line["message"] == "failed x"
    assert line["level"] == "ERROR"
    assert "ValueError: boom" in line["exception"]
