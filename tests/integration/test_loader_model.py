"""A type declared only in a model loads into Neo4j with its key and relationship."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import Driver

from graph import seeding
from seeds import loader
from settings import Settings
from tests.reservations import FIXTURE_MODEL, fixture_data


def test_a_fixture_type_loads_with_its_constraint_and_relationship(
    neo4j: Settings, seeded: dict[str, Any], db: Driver, tmp_path: Path
) -> None:
    database = neo4j.neo4j_database
    before = seeding.counts(db, database)
    try:
        labels, rels, _ = loader.load(
            neo4j, fixture_data(tmp_path), model=FIXTURE_MODEL
        )
        assert labels["Reservation"] == 2
        assert rels["RESERVES"] == 2
        assert labels["Country"] == before[0]["Country"]
        records, _, _ = db.execute_query(
            "MATCH (r:Reservation)-[:RESERVES]->(t:Treaty) "
            "OPTIONAL MATCH (r)-[:CITES]->(s:Source) "
            "RETURN r.key AS key, t.slug AS treaty, toString(r.madeOn) AS madeOn, "
            "r.note AS note, collect(s.id) AS sources ORDER BY key",
            database_=database,
        )
        assert [dict(r) for r in records] == [
            {
                "key": "res-ccm-one",
                "treaty": "ccm",
                "madeOn": "2010-08-01",
                "note": None,
                "sources": ["seed-article"],
            },
            {
                "key": "res-ottawa-two",
                "treaty": "ottawa",
                "madeOn": None,
                "note": "Date unknown.",
                "sources": ["seed-article"],
            },
        ]
        constraints, _, _ = db.execute_query(
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties "
            "WHERE labelsOrTypes = ['Reservation'] RETURN properties",
            database_=database,
        )
        assert [r["properties"] for r in constraints] == [["key"]]
    finally:
        # Undo: the fixture's nodes and constraint go, and the real seeds load again
        # (the fixture's dataset version replaced theirs).
        db.execute_query("MATCH (r:Reservation) DETACH DELETE r", database_=database)
        db.execute_query(
            "DROP CONSTRAINT reservation_key_unique IF EXISTS", database_=database
        )
        labels, rels, version = loader.load(neo4j)
    assert (labels, rels) == before
    assert version == seeded["version"]
