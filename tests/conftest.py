"""Shared fixtures: a real Neo4j (started if needed), seeded once, and the app over HTTP."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase
from starlette.testclient import TestClient

from graph import launcher
from seeds import loader
from settings import Settings

INTEGRATION = Path(__file__).parent / "integration"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything under tests/integration/ talks to Neo4j (Strawberry's path-to-marker trick).
    for item in items:
        if INTEGRATION in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def settings() -> Settings:
    # A module writes dozens of curations with one key within seconds (100 at once in
    # test_mutations): the per-key write rate is on trial only in test_keys, which
    # sets its own.
    return dataclasses.replace(Settings.from_env(), curation_burst=100_000)


@pytest.fixture(scope="session")
def neo4j(settings: Settings) -> Iterator[Settings]:
    """Neo4j answering on Bolt; started here (and stopped after) only when it was not up."""
    with launcher.running(settings):
        yield settings


@pytest.fixture(scope="session")
def seeded(neo4j: Settings) -> dict[str, Any]:
    """The curated dataset, loaded once into a wiped database."""
    labels, rels, version, _ = loader.load(neo4j, reset=True)
    return {"labels": labels, "rels": rels, "version": version}


@pytest.fixture(scope="session")
def db(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[Driver]:
    """A sync driver for set-up, checks and clean-up."""
    password = neo4j.neo4j_password
    auth = (neo4j.neo4j_user, str(password)) if password is not None else None
    with GraphDatabase.driver(neo4j.bolt_uri, auth=auth) as driver:
        yield driver


@pytest.fixture(scope="session")
def client(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[TestClient]:
    """The whole app over HTTP; the context manager runs its lifespan (opens the driver)."""
    from server import create_app

    with TestClient(create_app(neo4j)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def gql(client: TestClient) -> Any:
    """POST a GraphQL request; returns the JSON body."""

    def run(
        query: str,
        variables: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        response = client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers or {},
        )
        assert response.status_code in (200, 400), response.text
        body: dict[str, Any] = response.json()
        return body

    return run


@pytest.fixture
def pinned_today(settings: Settings) -> dt.date:
    """The deployment's pinned asOf default; tests must not depend on the calendar."""
    assert settings.as_of is not None, "make test pins TREATYGRAPH_AS_OF"
    return settings.as_of


@pytest.fixture(scope="session")
def live_api(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[str]:
    """The API in its own uvicorn process (TEST_API_PORT, else a free port), seeded DB."""
    from tests.live import api_server, port_from_env

    port = port_from_env("TEST_API_PORT")
    log = Path(__file__).resolve().parent.parent / "test-output" / "live-api.log"
    with api_server(port, {}, log):
        yield f"http://127.0.0.1:{port}"
