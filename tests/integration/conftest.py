"""Fixtures the integration modules share beyond tests/conftest.py's."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from settings import Settings


@pytest.fixture(scope="session")
def graphql_only(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[TestClient]:
    """The app with TREATYGRAPH_COMPILED_RESPONSES=false: graphql-core completes
    every response."""
    from server import create_app

    settings = dataclasses.replace(neo4j, compiled_responses=False)
    with TestClient(create_app(settings)) as test_client:
        yield test_client
