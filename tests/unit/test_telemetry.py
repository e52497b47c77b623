"""Metric labels stay bounded; log lines are JSON with the request's id."""

from __future__ import annotations

import json
import logging
import sys

import pytest

import telemetry


def test_operation_label_is_a_known_name_or_anonymous(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(telemetry, "_known_operations", frozenset({"Hero"}))
    assert telemetry.operation_label("Hero") == "Hero"
    assert telemetry.operation_label(None) == "anonymous"
    assert telemetry.operation_label("") == "anonymous"


def test_a_flood_of_names_leaves_the_known_ones_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Restored after the test: the app registers the examples' names.
    monkeypatch.setattr(telemetry, "_known_operations", telemetry._known_operations)
    telemetry.count_operations(["Hero"])
    flood = [telemetry.operation_label(f"Random{n}") for n in range(1000)]
    assert set(flood) == {"other"}
    assert telemetry.operation_label("Hero") == "Hero"


def test_the_app_counts_the_examples_operations() -> None:
    from httpapi.app import example_operations

    names = example_operations()
    assert "NatoStatesBorderingRussiaThatRecommendedWithdrawal" in names
    assert len(names) == len(set(names)) >= 6


def test_malformed_operation_name_is_other() -> None:
    assert telemetry.operation_label("x" * 101) == "other"
    assert telemetry.operation_label('a"b') == "other"


def test_access_log_clips_a_long_operation_name(
    caplog: pytest.LogCaptureFixture,
) -> None:
    info = telemetry.RequestInfo("rid-2", operation="N" * 1_000_000)
    info.operation_type = "query"
    with caplog.at_level(logging.INFO, logger="treatygraph.access"):
        telemetry.record_request(info, "POST", "/graphql", "/graphql", 200, 0.01)
    line = telemetry.JsonFormatter().format(caplog.records[-1])
    assert len(line) < 1000
    assert json.loads(line)["operation"] == "N" * 100 + "…"


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
