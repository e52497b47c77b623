"""One pass per request: each root field is bound once, whatever completes the
response; and an internal error is logged once, with its traceback.

Binding is counted at Binder.bind_field: one call per root field of a query, or
per mutation payload's object. Every query text here is new to
the app, since an operation without variables is bound once per text, not per
request.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from execution.binding import Binder
from graph import driver as graph_driver
from httpapi.auth import hash_key
from server import create_app
from settings import ApiKey, Settings
from tests.integration.conftest import forget_curations

KEY = "tg_test-one-pass-0123456789abcdefghijklmnopqrst"
PREFIX = "test-onepass-"


@pytest.fixture
def binds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every field Binder binds as a root (queries) or payload."""
    seen: list[str] = []
    bind_field = Binder.bind_field

    def counting(self: Binder, nodes: Any, parent: Any) -> Any:
        seen.append(nodes[0].name.value)
        return bind_field(self, nodes, parent)

    monkeypatch.setattr(Binder, "bind_field", counting)
    return seen


def fresh(query: str) -> str:
    """The query under an operation name no request used: a text the app never saw."""
    return f"query Q{uuid.uuid4().hex} {query}"


def post(client: TestClient, query: str, **extra: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, **extra})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


TWO_ROOTS = '{ a: country(iso3: "LTU") { name } b: treaties(first: 1) { totalCount } }'


@pytest.mark.parametrize("app", ["client", "graphql_only"])
def test_each_root_field_is_bound_once(
    app: str, request: pytest.FixtureRequest, binds: list[str]
) -> None:
    client: TestClient = request.getfixturevalue(app)
    body = post(client, fresh(TWO_ROOTS))
    assert "errors" not in body
    assert binds == ["country", "treaties"]


def test_a_query_graphql_core_completes_after_the_compiled_path_is_bound_once(
    client: TestClient, binds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def nameless(*args: Any, **kwargs: Any) -> Any:
        return [{"result": {"name": None}, "datasetVersion": "v"}]

    monkeypatch.setattr(graph_driver, "read", nameless)
    body = post(client, fresh('{ country(iso3: "LTU") { name } }'))
    assert body["errors"][0]["path"] == ["country", "name"]
    assert binds == ["country"]


def test_a_query_with_dataset_binds_each_root_once(
    client: TestClient, binds: list[str]
) -> None:
    body = post(client, fresh('{ country(iso3: "EST") { name } dataset { version } }'))
    assert body["data"]["country"] == {"name": "Estonia"}
    assert binds == ["country", "dataset"]


def test_a_query_over_its_cost_is_bound_once_and_sends_nothing(
    client: TestClient, binds: list[str]
) -> None:
    nested = "{ countries { nodes { borders { borders { borders { borders { name } } } } } } }"
    body = post(client, fresh(nested))
    assert body["errors"][0]["extensions"]["limit"] == "cost"
    assert body["extensions"]["treatygraph"]["cypherStatements"] == 0
    assert binds == ["countries"]


def test_a_query_with_variables_is_bound_once_per_request(
    client: TestClient, binds: list[str]
) -> None:
    query = fresh("($iso3: String!) { country(iso3: $iso3) { name } }")
    for iso3 in ("LTU", "LVA"):
        post(client, query, variables={"iso3": iso3})
    assert binds == ["country", "country"]


@pytest.fixture(scope="module")
def writer(neo4j: Settings, seeded: dict[str, Any], db: Driver) -> Iterator[TestClient]:
    """An app with a curator key; what its mutations wrote is deleted after."""
    keyed = dataclasses.replace(
        neo4j, api_keys=(ApiKey("test-one-pass", "curator", hash_key(KEY)),)
    )
    with TestClient(create_app(keyed)) as test_client:
        yield test_client
    forget_curations(db, PREFIX)


def test_a_mutation_payload_is_bound_once(writer: TestClient, binds: list[str]) -> None:
    sid = f"{PREFIX}{uuid.uuid4().hex[:12]}"
    source = {
        "id": sid,
        "url": f"https://example.test/treatygraph/{sid}",
        "publisher": "Treatygraph test fixture",
        "kind": "NEWS",
    }
    response = writer.post(
        "/graphql",
        json={
            "query": "mutation($k: String!, $in: SourceInput!) { addSource("
            "idempotencyKey: $k, input: $in) { source { id publisher } } }",
            "variables": {"k": f"{PREFIX}{uuid.uuid4().hex}", "in": source},
        },
        headers={"Authorization": f"Bearer {KEY}"},
    )
    assert response.json()["data"]["addSource"]["source"]["id"] == sid
    assert binds == ["source"]


# -- logged once -------------------------------------------------------------------


@pytest.mark.parametrize("app", ["client", "graphql_only"])
@pytest.mark.parametrize(
    "query",
    ['{ country(iso3: "LTU") { name } }', "{ dataset { version } }"],
    ids=["compiled root", "dataset"],
)
def test_an_internal_error_is_masked_and_logged_once_with_its_traceback(
    app: str,
    query: str,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client: TestClient = request.getfixturevalue(app)

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom in the driver")

    monkeypatch.setattr(graph_driver, "read", broken)
    with caplog.at_level(logging.WARNING):
        body = post(client, fresh(query))
    error = body["errors"][0]
    assert error["message"] == "Internal server error."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(logged) == 1, [r.getMessage() for r in logged]
    assert logged[0].exc_info is not None
    assert "RuntimeError: boom in the driver" in caplog.text


def test_client_errors_are_answered_not_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        post(client, "{ country(iso3: ")
        post(
            client,
            fresh("($n: Int) { countries(first: $n) { totalCount } }"),
            variables={"n": "x"},
        )
        post(client, '{ countries(after: "not-a-cursor") { totalCount } }')
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
