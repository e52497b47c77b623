"""The change feeds against the real seeded Neo4j: Atom per treaty and per state,
and the `changes` subscription over graphql-transport-ws, across app instances.

Writes use test-only keys (`test-feed-…`), Myanmar (no seeded events) and
example.test URLs; the clean-up deletes what their curation records wrote.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any

import feedparser
import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from httpapi.auth import hash_key
from server import create_app
from settings import ApiKey, Settings
from tests.integration.conftest import forget_curations

PREFIX = "test-feed-"
CURATOR_KEY = "tg_test-feeder-0123456789abcdefghijklmnopqrstuvw"
CURATOR = {"Authorization": f"Bearer {CURATOR_KEY}"}
STATE = "MMR"  # no seeded events under either treaty
EVENT = """
mutation($k: String!, $in: TreatyEventInput!) {
  recordTreatyEvent(idempotencyKey: $k, input: $in) { curation { key at } }
}"""


def _key() -> str:
    return f"{PREFIX}{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="module", autouse=True)
def restored(db: Driver) -> Iterator[None]:
    yield
    forget_curations(db, PREFIX)
    db.execute_query("MATCH (:Country {iso3: $s})-[p:PARTY_TO]->() DELETE p", s=STATE)


@pytest.fixture(scope="module")
def keyed(neo4j: Settings) -> Settings:
    key = ApiKey("test-feeder", "curator", hash_key(CURATOR_KEY))
    return dataclasses.replace(neo4j, api_keys=(key,))


@pytest.fixture(scope="module")
def app(keyed: Settings, seeded: dict[str, Any]) -> Iterator[TestClient]:
    with TestClient(create_app(keyed)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def other_app(keyed: Settings, seeded: dict[str, Any]) -> Iterator[TestClient]:
    """A second app instance: its own driver, as another API process would have."""
    with TestClient(create_app(keyed)) as test_client:
        yield test_client


def record_event(
    client: TestClient, treaty: str, kind: str = "SIGNATURE", date: str = "2026-01-02"
) -> tuple[str, str]:
    """Record one event; its curation key and the URL of its new source."""
    sid = f"{PREFIX}src-{uuid.uuid4().hex[:12]}"
    url = f"https://example.test/treatygraph/{sid}"
    source = {"id": sid, "url": url, "publisher": "Feed test", "kind": "NEWS"}
    event = {
        "treaty": treaty,
        "country": STATE,
        "kind": kind,
        "date": date,
        "newSources": [source],
    }
    response = client.post(
        "/graphql",
        json={"query": EVENT, "variables": {"k": _key(), "in": event}},
        headers=CURATOR,
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["recordTreatyEvent"]["curation"]["key"], url


# -- Atom ---------------------------------------------------------------------------


def test_treaty_feed_lists_a_write_with_its_source_and_not_another_treatys(
    app: TestClient,
) -> None:
    mine, url = record_event(app, "ccm")
    theirs, _ = record_event(app, "ottawa")
    response = app.get("/feeds/treaties/ccm.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    ids = [entry.id for entry in parsed.entries]
    assert ids[0] == f"urn:treatygraph:curation:{mine}"  # newest first
    assert f"urn:treatygraph:curation:{theirs}" not in ids
    entry = parsed.entries[0]
    assert entry.author == "test-feeder"
    assert entry.title.startswith("recordTreatyEvent: ADDED TreatyEvent ")
    assert "Party status now " in entry.summary
    assert url in [link.href for link in entry.links]
    assert len(parsed.entries) <= 50


def test_country_feed_lists_writes_under_every_treaty(app: TestClient) -> None:
    mine, _ = record_event(app, "ccm", kind="RATIFICATION", date="2026-02-03")
    parsed = feedparser.parse(app.get(f"/feeds/countries/{STATE}.atom").content)
    assert not parsed.bozo
    assert f"urn:treatygraph:curation:{mine}" in [e.id for e in parsed.entries]
    other = feedparser.parse(app.get("/feeds/countries/FRA.atom").content)
    assert f"urn:treatygraph:curation:{mine}" not in [e.id for e in other.entries]


@pytest.mark.parametrize(
    "path", ["/feeds/treaties/no-such-treaty.atom", "/feeds/countries/XXZ.atom"]
)
def test_feed_of_an_unknown_treaty_or_state_is_404(app: TestClient, path: str) -> None:
    assert app.get(path).status_code == 404


def test_a_write_through_one_process_is_in_the_feed_another_serves(
    app: TestClient, other_app: TestClient
) -> None:
    mine, _ = record_event(other_app, "ccm", kind="ACCESSION", date="2026-03-04")
    parsed = feedparser.parse(app.get("/feeds/treaties/ccm.atom").content)
    assert f"urn:treatygraph:curation:{mine}" in [e.id for e in parsed.entries]
