"""Malformed input of every kind answers a coded client error, never a 500 or a traceback."""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.integration.conftest import only_error, post

JSON = {"content-type": "application/json"}


def forged(real: str, value: list[Any]) -> str:
    """A real cursor with its first value replaced (the signature is readable)."""
    payload = json.loads(base64.urlsafe_b64decode(real + "=" * (-len(real) % 4)))
    payload["v"][0] = value
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "body",
    [b"null", b"[]", b"3", b'"query"', b"\xff\xfe{}", b"[" * 100_000, b"{" * 5000],
    ids=["null", "list", "number", "string", "not-utf8", "deep-list", "deep-object"],
)
@pytest.mark.parametrize("compiled", [True, False])
def test_a_body_that_is_no_graphql_request_is_bad_request(
    app_with: Any, caplog: pytest.LogCaptureFixture, body: bytes, compiled: bool
) -> None:
    client: TestClient = app_with(compiled_responses=compiled)
    with caplog.at_level(logging.ERROR):
        response = client.post("/graphql", content=body, headers=JSON)
    assert response.status_code == 400, response.text
    assert only_error(response.json())["extensions"] == {"code": "BAD_REQUEST"}
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_strawberrys_own_refusals_are_coded_too(client: TestClient) -> None:
    response = client.post("/graphql", json={"variables": {}})
    assert response.status_code == 400
    assert only_error(response.json())["extensions"] == {"code": "BAD_REQUEST"}


@pytest.mark.parametrize(
    "value",
    [
        ["i", 10**30],
        ["i", -(2**63) - 1],
        ["s", "\ud800"],
        ["f", 1e400],
        ["d", "2025-02-30"],
    ],
    ids=["huge-int", "small-int", "lone-surrogate", "infinite", "no-such-date"],
)
def test_a_forged_cursor_with_a_valid_signature_is_bad_user_input(
    gql: Any, caplog: pytest.LogCaptureFixture, value: list[Any]
) -> None:
    page = "query($a: String) { countries(first: 1, after: $a) { edges { cursor } } }"
    real = gql(page)["data"]["countries"]["edges"][0]["cursor"]
    with caplog.at_level(logging.ERROR):
        body = gql(page, {"a": forged(real, value)})
    assert only_error(body)["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "after",
    }
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_repeated_fields_are_limit_exceeded(gql: Any) -> None:
    # What they cost a bystander is measured by bench.abuse (tests/integration/test_abuse.py).
    names = " ".join(["name"] * 1000)
    body = gql(f'{{ country(iso3: "LTU") {{ {names} }} }}')
    assert only_error(body)["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "selections",
        "max": 200,
        "actual": 1001,
    }


def test_selection_limit_follows_settings(app_with: Any) -> None:
    client = app_with(max_selections=3)
    assert post(client, '{ country(iso3: "LTU") { name iso3 } }')["data"]
    error = only_error(post(client, '{ country(iso3: "LTU") { name iso3 region } }'))
    assert error["extensions"]["limit"] == "selections"


def test_no_suggestions_without_introspection(app_with: Any) -> None:
    query = '{ country(iso3: "LTU") { nam } countrie { name } }'
    hidden = post(app_with(introspection=False), query)["errors"]
    assert [e["message"] for e in hidden] == [
        "Cannot query field 'nam' on type 'Country'.",
        "Cannot query field 'countrie' on type 'Query'.",
    ]
    shown = post(app_with(introspection=True), query)["errors"]
    assert all("Did you mean" in e["message"] for e in shown)
