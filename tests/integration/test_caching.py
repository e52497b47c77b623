"""Cacheable GET: a strong ETag, 304 with no database round trip, fresh after a write."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from graph import driver as graph_driver
from httpapi.auth import hash_key
from settings import ApiKey
from tests.integration.conftest import forget_curations

KEY = "tg_test-cache-curator-0123456789abcdefghijklmnopqrs"
PREFIX = "test-cache-"
LTU = '{ country(iso3: "LTU") { name } }'
SOURCE = """
mutation($k: String!, $in: SourceInput!) {
  addSource(idempotencyKey: $k, input: $in) { replayed }
}"""


@pytest.fixture
def cached(app_with: Any, db: Driver) -> Iterator[TestClient]:
    yield app_with(
        cache_max_age=30,
        api_keys=(ApiKey("test-cache", "curator", hash_key(KEY)),),
    )
    forget_curations(db, PREFIX)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every Cypher statement sent through graph.driver.read."""
    sent: list[str] = []
    real = graph_driver.read

    async def counting(*args: Any, **kwargs: Any) -> Any:
        sent.append(str(args[2]))
        return await real(*args, **kwargs)

    monkeypatch.setattr(graph_driver, "read", counting)
    return sent


def get(client: TestClient, query: str, **headers: str) -> Any:
    return client.get("/graphql", params={"query": query}, headers=headers)


def test_a_get_answer_has_a_strong_etag_and_cache_control(cached: TestClient) -> None:
    response = get(cached, LTU)
    assert response.status_code == 200
    tag = response.headers["etag"]
    assert tag.startswith('"')
    assert not tag.startswith("W/")
    assert response.headers["cache-control"] == "public, max-age=30"
    assert "Accept" in response.headers["vary"]


def test_if_none_match_is_304_with_no_database_round_trip(
    cached: TestClient, reads: list[str]
) -> None:
    tag = get(cached, LTU).headers["etag"]
    reads.clear()
    again = get(cached, LTU, **{"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    assert reads == []


def test_the_etag_follows_the_operation_not_its_spelling(cached: TestClient) -> None:
    tag = get(cached, LTU).headers["etag"]
    spaced = '{\n  country(iso3: "LTU") {\n    name  # the name\n  }\n}'
    assert get(cached, spaced).headers["etag"] == tag
    assert get(cached, '{ country(iso3: "LVA") { name } }').headers["etag"] != tag
    as_json = get(cached, LTU, Accept="application/graphql-response+json")
    assert as_json.headers["etag"] != tag


def test_a_curation_write_changes_the_etag(cached: TestClient) -> None:
    tag = get(cached, LTU).headers["etag"]
    sid = PREFIX + secrets.token_hex(4)
    written = cached.post(
        "/graphql",
        json={
            "query": SOURCE,
            "variables": {
                "k": sid,
                "in": {
                    "id": sid,
                    "url": f"https://example.test/treatygraph/{sid}",
                    "publisher": "Treatygraph test fixture",
                    "kind": "NEWS",
                },
            },
        },
        headers={"Authorization": f"Bearer {KEY}"},
    )
    assert written.json()["data"]["addSource"]["replayed"] is False
    after = get(cached, LTU, **{"If-None-Match": tag})
    assert after.status_code == 200
    assert after.headers["etag"] != tag


def test_an_answer_with_errors_is_not_stored(cached: TestClient) -> None:
    response = get(cached, '{ countries(first: 1, after: "forged") { totalCount } }')
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


def test_a_post_gets_no_etag(cached: TestClient) -> None:
    response = cached.post("/graphql", json={"query": LTU})
    assert "etag" not in response.headers
