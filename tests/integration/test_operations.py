"""Operations endpoints: Prometheus metrics, request ids and the JSON access log."""

from __future__ import annotations

import json
import logging
import re

import pytest
from starlette.testclient import TestClient

from telemetry import JsonFormatter


def sample(text: str, name: str, **labels: str) -> float:
    """One sample's value from Prometheus text, or 0.0 when it is not there yet."""
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    match = re.search(rf"^{name}\{{{re.escape(want)}\}} (\S+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


def test_metrics_count_requests_by_operation_and_errors_by_code(
    client: TestClient,
) -> None:
    before = client.get("/metrics").text
    # Only the examples' operation names (schema/examples) are labels: `Search` is
    # one; any other name is counted as `other`.
    client.post(
        "/graphql", json={"query": 'query Search { country(iso3: "LTU") { name } }'}
    )
    client.post(
        "/graphql", json={"query": 'query LtuName { country(iso3: "LTU") { name } }'}
    )
    client.post("/graphql", json={"query": "{ countries { nope } }"})
    response = client.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text
    for name in ("Search", "other"):
        labels = {"operation": name, "type": "query"}
        assert (
            sample(after, "treatygraph_graphql_requests_total", **labels)
            - sample(before, "treatygraph_graphql_requests_total", **labels)
            == 1
        )
    assert "LtuName" not in after
    code = {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert (
        sample(after, "treatygraph_graphql_errors_total", **code)
        - sample(before, "treatygraph_graphql_errors_total", **code)
        == 1
    )
    assert sample(
        after, "treatygraph_cypher_duration_seconds_count", field="country"
    ) > sample(before, "treatygraph_cypher_duration_seconds_count", field="country")
    assert (
        'treatygraph_graphql_request_duration_seconds_bucket{le="0.005",operation="Search"}'
        in after
    )


def test_request_id_is_echoed_or_made(client: TestClient) -> None:
    given = client.get("/healthz", headers={"X-Request-Id": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made = client.get("/healthz", headers={"X-Request-Id": "bad id\twith spaces"})
    assert re.fullmatch(r"[0-9a-f]{16}", made.headers["x-request-id"])


def test_access_log_line_has_request_id_operation_duration_and_codes(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="treatygraph.access"):
        client.post(
            "/graphql",
            json={"query": 'query Ask { country(iso3: "EST") { name } }'},
            headers={"X-Request-Id": "req-42"},
        )
    record = next(r for r in caplog.records if r.name == "treatygraph.access")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-42"
    assert line["operation"] == "Ask"
    assert line["status"] == 200
    assert line["duration_ms"] > 0
    assert line["cypher_statements"] == 1
    assert line["message"] == "POST /graphql 200"
