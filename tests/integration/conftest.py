"""Fixtures the integration modules share beyond tests/conftest.py's."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from graph import driver as graph_driver
from graph import queries, statistics
from settings import Settings


@pytest.fixture(scope="session")
def graphql_only(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[TestClient]:
    """The app with TREATYGRAPH_COMPILED_RESPONSES=false: graphql-core completes
    every response."""
    from server import create_app

    settings = dataclasses.replace(neo4j, compiled_responses=False)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Cypher of every statement sent to Neo4j while the test runs (the tests
    that send one check it is counted, so an empty list means none was sent)."""
    sent: list[str] = []
    read = graph_driver.read

    async def counting(driver: Any, settings: Any, cypher: str, params: Any) -> Any:
        sent.append(cypher)
        return await read(driver, settings, cypher, params)

    monkeypatch.setattr(graph_driver, "read", counting)
    return sent


def forget_curations(db: Driver, prefix: str) -> None:
    """Delete the curations whose idempotency keys start with `prefix`, and all they
    wrote, and store the statistics exact again (curation writes only raise them),
    so later modules see the statistics of the plain seeded graph."""
    db.execute_query(
        queries.FORGET_CURATIONS,
        p=prefix,
    )
    statistics.write_exact(db, None)


@pytest.fixture
def app_with(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[Any]:
    """An app (over HTTP) whose Settings differ from the default in the given fields."""
    clients: list[TestClient] = []

    def build(**overrides: Any) -> TestClient:
        from server import create_app

        client = TestClient(create_app(dataclasses.replace(neo4j, **overrides)))
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.__exit__(None, None, None)


def post(client: TestClient, query: str, **extra: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, **extra})
    assert response.status_code in (200, 400), response.text
    body: dict[str, Any] = response.json()
    return body


def only_error(body: dict[str, Any]) -> dict[str, Any]:
    assert body.get("data") is None, body
    assert len(body["errors"]) == 1, body["errors"]
    error: dict[str, Any] = body["errors"][0]
    return error
