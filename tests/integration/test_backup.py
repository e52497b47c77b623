"""backup -> wipe -> restore with neo4j-admin gives the graph back, curations included.

It runs on a Neo4j of its own (TEST_BACKUP_NEO4J_PORT, else a free port; data in a
temporary directory), since dump and load stop and start the instance.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph import backup, seeding
from graph.constraints import create_schema
from settings import Settings
from tests.live import own_neo4j

# A little of everything a backup must keep: facts, a curation with its links, a
# retracted record, relationship properties and dates.
GRAPH = """
CREATE (ltu:Country {iso3: 'LTU', name: 'Lithuania'})
CREATE (t:Treaty {slug: 'ccm', name: 'CCM'})
CREATE (s:Source {id: 'backup-src', url: 'https://example.test/backup'})
CREATE (e:TreatyEvent {key: 'ccm:LTU:withdrawal_deposited', date: date('2024-09-06')})
CREATE (ltu)-[:HAS_EVENT]->(e)-[:UNDER]->(t)
CREATE (ltu)-[:PARTY_TO {since: date('2011-05-01'), until: date('2025-03-06')}]->(t)
CREATE (c:Curation {key: 'bk/backup-test-1', idempotencyKey: 'backup-test-1',
                    at: datetime('2026-12-03T12:00:00Z'), change: 'ADDED'})
CREATE (c)-[:WROTE]->(e), (c)-[:CITES]->(s), (e)-[:CITES]->(s)
CREATE (:Retracted {retractedLabel: 'ParliamentVote', key: 'gone'})
"""


@pytest.fixture
def instance(
    neo4j: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    if not neo4j.uses_local_neo4j:
        pytest.skip("NEO4J_URI is set: dump and load run on a local Neo4j")
    home = tmp_path_factory.mktemp("backup-neo4j")
    with own_neo4j(neo4j, home, "TEST_BACKUP_NEO4J_PORT") as settings:
        with GraphDatabase.driver(settings.bolt_uri) as driver:
            create_schema(driver, settings.neo4j_database)
            driver.execute_query(GRAPH, database_=settings.neo4j_database)
        yield settings


def test_backup_then_wipe_then_restore_gives_the_same_graph(
    instance: Settings, tmp_path: Path
) -> None:
    database = instance.neo4j_database
    with GraphDatabase.driver(instance.bolt_uri) as db:
        counts = seeding.counts(db, database)
        digest = seeding.graph_digest(db, database)
    assert counts[0]["Curation"] == 1
    dump = backup.dump(instance, tmp_path)
    assert dump.stat().st_size > 0
    # A fresh driver each time: an old one's bookmarks name transactions the
    # restarted (or restored) store may not have.
    with GraphDatabase.driver(instance.bolt_uri) as db:
        seeding.reset(db, database)
        assert seeding.counts(db, database) == ({}, {})
    backup.load(instance, dump)
    with GraphDatabase.driver(instance.bolt_uri) as restored:
        assert seeding.counts(restored, database) == counts
        assert seeding.graph_digest(restored, database) == digest
