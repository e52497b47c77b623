"""backup -> wipe -> restore with neo4j-admin on the test instance: the same graph.

It stops and starts the test Neo4j (NEO4J_LOCAL_PORT/HOME) and nothing else; the
dump goes to a temporary directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase

from graph import backup, seeding
from settings import Settings


# launcher.start leaves the restarted JVM's Popen to outlive this process's handle
# (it is meant to keep running), which Python reports as a ResourceWarning.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_backup_then_wipe_then_restore_gives_the_same_graph(
    neo4j: Settings, seeded: dict[str, Any], db: Driver, tmp_path: Path
) -> None:
    database = neo4j.neo4j_database
    counts = seeding.counts(db, database)
    digest = seeding.graph_digest(db, database)
    dump = backup.dump(neo4j, tmp_path)
    assert dump.stat().st_size > 0
    seeding.reset(db, database)
    assert seeding.counts(db, database) == ({}, {})
    backup.load(neo4j, dump)
    # A fresh driver: `db`'s bookmarks name transactions newer than the dump's store.
    password = neo4j.neo4j_password
    auth = (neo4j.neo4j_user, str(password)) if password is not None else None
    with GraphDatabase.driver(neo4j.bolt_uri, auth=auth) as restored:
        assert seeding.counts(restored, database) == counts
        assert seeding.graph_digest(restored, database) == digest
