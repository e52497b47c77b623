"""Through the routing driver (`neo4j://`, the scheme of a cluster or Aura), reads
go in READ mode and carry the bookmarks of this process's writes, so a follower
that serves a read has applied the write before it answers.

A single local Neo4j serves a routing table too, so this runs in every `make
test`; `make test-routing` runs the whole suite through `neo4j://`.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import pytest
from neo4j import READ_ACCESS, AsyncManagedTransaction, AsyncNeo4jDriver

from graph import driver as db
from settings import Settings


@pytest.fixture
def routed(neo4j: Settings) -> Settings:
    """The same database, reached through the routing scheme."""
    host_port = neo4j.bolt_uri.partition("://")[2]
    return dataclasses.replace(neo4j, neo4j_uri=f"neo4j://{host_port}")


async def test_a_read_after_a_write_runs_in_read_mode_with_the_writes_bookmark(
    routed: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    driver = db.open_driver(routed)
    assert isinstance(driver, AsyncNeo4jDriver)  # routing, not a direct bolt driver
    marker = f"routing-{uuid.uuid4().hex}"
    manager = driver.execute_query_bookmark_manager
    sessions: list[dict[str, Any]] = []
    session = driver.session

    def recording(**config: Any) -> Any:
        sessions.append(config)
        return session(**config)

    async def create(tx: AsyncManagedTransaction) -> None:
        await tx.run("CREATE (:RoutingProbe {marker: $m})", m=marker)

    try:
        before = set(await manager.get_bookmarks())
        await db.write(driver, routed, create)
        after = set(await manager.get_bookmarks())
        assert after != before  # the write's bookmark is held
        assert after
        monkeypatch.setattr(driver, "session", recording)
        rows = await db.read(
            driver,
            routed,
            "MATCH (p:RoutingProbe {marker: $m}) RETURN count(p) AS n",
            {"m": marker},
        )
        assert rows == [{"n": 1}]
        (config,) = sessions
        assert config["default_access_mode"] == READ_ACCESS
        assert config["bookmark_manager"] is manager
    finally:
        monkeypatch.undo()
        await driver.execute_query(
            "MATCH (p:RoutingProbe {marker: $m}) DELETE p",
            m=marker,
            database_=routed.neo4j_database,
        )
        await driver.close()
