"""Fixtures the integration modules share beyond tests/conftest.py's."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from graph import queries
from settings import Settings


@pytest.fixture(scope="session")
def graphql_only(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[TestClient]:
    """The app with TREATYGRAPH_COMPILED_RESPONSES=false: graphql-core completes
    every response."""
    from server import create_app

    settings = dataclasses.replace(neo4j, compiled_responses=False)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def forget_curations(db: Driver, prefix: str) -> None:
    """Delete the curations whose idempotency keys start with `prefix`, and all they
    wrote."""
    db.execute_query(
        queries.FORGET_CURATIONS,
        p=prefix,
    )
