"""A reload makes the graph what the files say: what they no longer hold goes
(unless a curation owns it), and the version is a digest of what the graph holds."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from neo4j import Driver
from starlette.testclient import TestClient

from httpapi.auth import hash_key
from seeds import loader
from seeds.validate import DATA_DIR
from server import create_app
from settings import ApiKey, Settings
from tests.integration.test_mutations import CURATOR, CURATOR_KEY

CLAIM = "ottawa-gbr-signature-date-alternative"


def count(db: Driver, cypher: str, **params: Any) -> int:
    records, _, _ = db.execute_query(cypher, params)
    return int(records[0][0])


def dataset_version(db: Driver) -> str:
    records, _, _ = db.execute_query("MATCH (d:Dataset {id: 'seed'}) RETURN d.version")
    return str(records[0][0])


@pytest.fixture
def restored(
    neo4j: Settings, seeded: dict[str, Any], db: Driver
) -> Iterator[dict[str, Any]]:
    """The real seeds are loaded again after the test: same counts, same version."""
    yield seeded
    labels, rels, version, kept = loader.load(neo4j)
    assert (labels, rels, version, kept) == (
        seeded["labels"],
        seeded["rels"],
        seeded["version"],
        [],
    )


def without(data: Path, name: str, drop: Any) -> None:
    """Rewrite `data/name` without the records `drop(record)` is true for."""
    path = data / name
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = [record for record in records if not drop(record)]
    assert len(kept) == len(records) - 1
    path.write_text(yaml.safe_dump(kept, allow_unicode=True), encoding="utf-8")


def test_records_deleted_from_the_files_leave_the_graph_and_change_the_version(
    neo4j: Settings, db: Driver, restored: dict[str, Any], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    without(data, "borders.yaml", lambda r: r["between"] == ["AFG", "CHN"])
    without(data, "claims/parties.yaml", lambda r: r["key"] == CLAIM)
    assert dataset_version(db) == restored["version"]
    labels, rels, version, kept = loader.load(neo4j, data)
    assert kept == []
    assert labels["Claim"] == restored["labels"]["Claim"] - 1
    assert rels["BORDERS"] == restored["rels"]["BORDERS"] - 1
    assert count(db, "MATCH (c:Claim {key: $k}) RETURN count(c)", k=CLAIM) == 0
    border = "MATCH (:Country {iso3: 'AFG'})-[b:BORDERS]-(:Country {iso3: 'CHN'})"
    assert count(db, f"{border} RETURN count(b)") == 0
    assert version != restored["version"]
    assert dataset_version(db) == version
    # The same files give the same graph, so the same version.
    assert loader.load(neo4j, data).version == version


def test_a_curated_record_the_files_never_held_stays_and_is_reported(
    neo4j: Settings, db: Driver, restored: dict[str, Any]
) -> None:
    # A curated claim citing a source no file holds: both stay.
    db.execute_query(
        "CREATE (:Curation {key: 'test-reconcile'})-[:WROTE]->"
        "(:Claim {key: 'test-reconcile-claim'})-[:CITES]->"
        "(:Source {id: 'test-reconcile-source', url: 'https://example.org/r'})"
    )
    try:
        loaded = loader.load(neo4j)
        assert sorted(loaded.kept) == [
            "Claim test-reconcile-claim",
            "Source test-reconcile-source",
        ]
        assert (
            loaded.version == restored["version"]
        )  # curated content is not the seeds'
        cited = (
            "MATCH (:Claim {key: 'test-reconcile-claim'})-[r:CITES]->"
            "(:Source {id: 'test-reconcile-source'}) RETURN count(r)"
        )
        assert count(db, cited) == 1
    finally:
        db.execute_query(
            "MATCH (c:Curation {key: 'test-reconcile'})-[:WROTE]->(n)-[:CITES]->(s) "
            "DETACH DELETE c, n, s"
        )


def test_loader_cli_prints_the_curated_records_it_kept(
    neo4j: Settings,
    db: Driver,
    restored: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    db.execute_query(
        "CREATE (:Curation {key: 'test-reconcile-cli'})-[:WROTE]->"
        "(:Claim {key: 'test-reconcile-claim'})"
    )
    try:
        assert loader.main([]) == 0
        out = capsys.readouterr().out
        assert "Kept 1 curated record(s) the seed files no longer hold:" in out
        assert "  Claim test-reconcile-claim" in out
    finally:
        db.execute_query(
            "MATCH (c:Curation {key: 'test-reconcile-cli'}) "
            "OPTIONAL MATCH (c)-[:WROTE]->(n) DETACH DELETE c, n"
        )


def as_curator(neo4j: Settings, query: str, variables: dict[str, Any]) -> Any:
    """Send one mutation with a curator key, through an app of its own."""
    keyed = dataclasses.replace(
        neo4j, api_keys=(ApiKey("test-curator", "curator", hash_key(CURATOR_KEY)),)
    )
    with TestClient(create_app(keyed)) as client:
        return client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=CURATOR
        ).json()


RETRACT_SEEDED = """
mutation($v: String!, $e: String!, $k: String!) {
  vote: retractParliamentVote(idempotencyKey: "test-rsr-vote", key: $v, reason: $k) {
    curation { change }
  }
  event: retractTreatyEvent(idempotencyKey: "test-rsr-event", key: $e, reason: $k) {
    curation { change }
  }
  border: retractBorder(idempotencyKey: "test-rsr-border", between: ["LTU", "POL"],
                        reason: $k) { curation { change } }
}"""
SEEDED_VOTE = "ltu-seimas-2025-05-08-ottawa"
SEEDED_EVENT = "ccm:LTU:withdrawal_effective"


def retracted_state(db: Driver) -> dict[str, Any]:
    return {
        "vote": count(
            db, "MATCH (n:ParliamentVote {key: $k}) RETURN count(n)", k=SEEDED_VOTE
        ),
        "event": count(
            db, "MATCH (n:TreatyEvent {key: $k}) RETURN count(n)", k=SEEDED_EVENT
        ),
        "kept": count(
            db,
            "MATCH (n:Retracted) WHERE n.key IN $k RETURN count(n)",
            k=[SEEDED_VOTE, SEEDED_EVENT],
        ),
        "border": count(
            db,
            "MATCH (:Country {iso3: 'LTU'})-[r:BORDERS]-(:Country {iso3: 'POL'}) "
            "RETURN count(r)",
        ),
        "until": db.execute_query(
            "MATCH (:Country {iso3: 'LTU'})-[p:PARTY_TO]->(:Treaty {slug: 'ccm'}) "
            "RETURN p.until AS until"
        ).records[0]["until"],
    }


def test_a_seeded_record_a_curation_retracted_stays_retracted_when_the_seeds_load_again(
    neo4j: Settings, restored: dict[str, Any], db: Driver
) -> None:
    body = as_curator(
        neo4j, RETRACT_SEEDED, {"v": SEEDED_VOTE, "e": SEEDED_EVENT, "k": "a test"}
    )
    try:
        assert "errors" not in body, body
        retracted = retracted_state(db)
        # Without the CCM withdrawal's effect, Lithuania is a party again.
        assert retracted == {
            "vote": 0,
            "event": 0,
            "kept": 2,
            "border": 0,
            "until": None,
        }
        loader.load(neo4j)
        assert retracted_state(db) == retracted
    finally:
        db.execute_query(
            "MATCH (c:Curation) WHERE c.idempotencyKey STARTS WITH 'test-rsr-' "
            "OPTIONAL MATCH (c)-[:WROTE]->(n:Retracted) "
            "OPTIONAL MATCH (:Country)-[r:RETRACTED_BORDER]-(:Country) "
            "DETACH DELETE c, n DELETE r"
        )


CORRECT_SEEDED_BORDER = """
mutation {
  correctBorder(idempotencyKey: "test-rsb-border", between: ["LTU", "LVA"],
                set: {note: "a curated note"},
                newSources: [{id: "test-rsb-src", url: "https://example.test/rsb",
                              publisher: "Treatygraph test fixture", kind: NEWS}]) {
    curation { change }
  }
}"""
LTU_LVA = (
    "MATCH (:Country {iso3: 'LTU'})-[r:BORDERS]-(:Country {iso3: 'LVA'}) "
    "RETURN r.note AS note, r.sourceIds AS sources"
)


def test_a_seeded_border_a_curation_corrected_keeps_its_values_when_the_seeds_load_again(
    neo4j: Settings, restored: dict[str, Any], db: Driver
) -> None:
    body = as_curator(neo4j, CORRECT_SEEDED_BORDER, {})
    try:
        assert "errors" not in body, body
        corrected = db.execute_query(LTU_LVA).records[0].data()
        assert corrected["note"] == "a curated note"
        loader.load(neo4j)
        assert db.execute_query(LTU_LVA).records[0].data() == corrected
    finally:
        db.execute_query(
            "MATCH (c:Curation) WHERE c.idempotencyKey STARTS WITH 'test-rsb-' "
            "OPTIONAL MATCH (c)-[:WROTE]->(n) DETACH DELETE c, n"
        )
