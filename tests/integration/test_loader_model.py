"""A type declared only in a model loads into Neo4j with its key and relationship,
and an app built from that model answers it: filters, sort, keyset paging, claims."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from graph import seeding
from seeds import loader
from settings import Settings
from tests.reservations import FIXTURE_MODEL, fixture_data

CLAIMS = """\
- key: claim-res-ccm-one-made-on
  about: {kind: reservation, key: res-ccm-one}
  property: made_on
  value: 2010-07-30
  status: alternative
  sources: [seed-article]
"""


@pytest.fixture(scope="module")
def loaded(
    neo4j: Settings,
    seeded: dict[str, Any],
    db: Driver,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[dict[str, int], dict[str, int]]]:
    """The fixture model's data loaded over the real seeds' sources and treaties;
    afterwards its nodes and constraint go and the real seeds load again."""
    database = neo4j.neo4j_database
    before = seeding.counts(db, database)
    data = fixture_data(tmp_path_factory.mktemp("fixture"))
    (data / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    try:
        labels, rels, _, _ = loader.load(neo4j, data, model=FIXTURE_MODEL)
        yield labels, rels
    finally:
        # The fixture's dataset version replaced the real seeds': load them again.
        db.execute_query("MATCH (r:Reservation) DETACH DELETE r", database_=database)
        db.execute_query(
            "MATCH (c:Claim {subjectKind: 'reservation'}) DETACH DELETE c",
            database_=database,
        )
        db.execute_query(
            "DROP CONSTRAINT reservation_key_unique IF EXISTS", database_=database
        )
        labels, rels, version, _ = loader.load(neo4j)
        assert (labels, rels) == before
        assert version == seeded["version"]


@pytest.fixture(scope="module")
def fixture_gql(neo4j: Settings, loaded: Any) -> Iterator[Any]:
    """POST a query to an app built from the fixture model."""
    from server import create_app

    with TestClient(create_app(neo4j, FIXTURE_MODEL)) as client:

        def run(query: str) -> dict[str, Any]:
            response = client.post("/graphql", json={"query": query})
            assert response.status_code == 200, response.text
            body: dict[str, Any] = response.json()
            assert "errors" not in body, body
            return body["data"]

        yield run


def test_a_fixture_type_loads_with_its_constraint_and_relationship(
    neo4j: Settings,
    seeded: dict[str, Any],
    db: Driver,
    loaded: tuple[dict[str, int], dict[str, int]],
) -> None:
    database = neo4j.neo4j_database
    labels, rels = loaded
    assert labels["Reservation"] == 2
    assert rels["RESERVES"] == 2
    assert labels["Country"] == seeded["labels"]["Country"]
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


def test_a_fixture_type_is_filtered_by_its_relation_with_sources_and_claims(
    fixture_gql: Any,
) -> None:
    data = fixture_gql(
        '{ reservations(where: {treaty: {slug: {eq: "ccm"}}}) { totalCount '
        "nodes { key text madeOn treaty { slug } sources { id } "
        "claims { key property value status } } } }"
    )
    assert data["reservations"] == {
        "totalCount": 1,
        "nodes": [
            {
                "key": "res-ccm-one",
                "text": "Article 21 does not bind us.",
                "madeOn": "2010-08-01",
                "treaty": {"slug": "ccm"},
                "sources": [{"id": "seed-article"}],
                "claims": [
                    {
                        "key": "claim-res-ccm-one-made-on",
                        "property": "made_on",
                        "value": "2010-07-30",
                        "status": "ALTERNATIVE",
                    }
                ],
            }
        ],
    }
    dated = fixture_gql(
        '{ reservations(where: {madeOn: {gte: "2010-01-01"}}) { nodes { key } } '
        'reservation(key: "res-ottawa-two") { key note treaty { slug } } }'
    )
    assert dated["reservations"]["nodes"] == [{"key": "res-ccm-one"}]
    assert dated["reservation"] == {
        "key": "res-ottawa-two",
        "note": "Date unknown.",
        "treaty": {"slug": "ottawa"},
    }


def test_a_fixture_type_sorts_and_pages_by_keyset_both_ways(fixture_gql: Any) -> None:
    page = "edges { cursor node { key } } pageInfo { hasNextPage hasPreviousPage }"
    first = fixture_gql(
        f"{{ reservations(sort: [{{key: DESC}}], first: 1) {{ {page} }} }}"
    )
    edges = first["reservations"]["edges"]
    assert [e["node"]["key"] for e in edges] == ["res-ottawa-two"]
    assert first["reservations"]["pageInfo"]["hasNextPage"] is True
    cursor = edges[0]["cursor"]
    second = fixture_gql(
        f'{{ reservations(sort: [{{key: DESC}}], first: 1, after: "{cursor}") '
        f"{{ {page} }} }}"
    )["reservations"]
    assert [e["node"]["key"] for e in second["edges"]] == ["res-ccm-one"]
    assert second["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True}
    back = fixture_gql(
        f"{{ reservations(sort: [{{key: DESC}}], last: 1, "
        f'before: "{second["edges"][0]["cursor"]}") {{ {page} }} }}'
    )["reservations"]
    assert [e["node"]["key"] for e in back["edges"]] == ["res-ottawa-two"]
