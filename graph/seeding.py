"""Cypher for loading the curated dataset: generic UNWIND batches, one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph.model import KEYS, Label, Rel

Row = dict[str, Any]


@dataclass
class LoadPlan:
    """Everything to write, in order: nodes, then relationships, then citations.

    Labels and types are the model's (graph.model's allowlist for the real one);
    `keys` names each label's natural key.
    """

    nodes: list[tuple[str, list[Row]]] = field(default_factory=list)
    rels: list[tuple[str, str, str, list[Row]]] = field(default_factory=list)
    cites: list[tuple[str, list[Row]]] = field(default_factory=list)
    dataset: Row = field(default_factory=dict)
    keys: Mapping[str, str] = field(default_factory=lambda: KEYS)


def _q(text: str) -> LiteralString:
    # Labels and types interpolated here are declared in a model, which checks them
    # to be identifiers (model.vocabulary); never input.
    return text


# A record an analyst wrote or corrected through a curation mutation keeps the
# curated values when the seeds are loaded again (`make seed`, every Docker start).
_CURATED = f"EXISTS {{ (:`{Label.CURATION}`)-[:`{Rel.WROTE}`]->(n) }}"
_NOT_CURATED = f"NOT {_CURATED}"


def upsert_nodes_query(label: str, keys: Mapping[str, str] = KEYS) -> LiteralString:
    """MERGE on the natural key, then overwrite the properties: loading twice is a no-op.

    Curated records are left as the curation wrote them."""
    key = keys[label]
    return _q(
        f"UNWIND $rows AS row MERGE (n:`{label}` {{`{key}`: row.key}}) "
        f"WITH n, row WHERE {_NOT_CURATED} SET n += row.props"
    )


def upsert_rels_query(
    start: str, rel: str, end: str, keys: Mapping[str, str] = KEYS
) -> LiteralString:
    """MERGE one relationship per row between two existing nodes."""
    return _q(
        f"UNWIND $rows AS row "
        f"MATCH (a:`{start}` {{`{keys[start]}`: row.start}}) "
        f"MATCH (b:`{end}` {{`{keys[end]}`: row.end}}) "
        f"MERGE (a)-[r:`{rel}`]->(b) SET r += row.props"
    )


def cites_query(label: str, keys: Mapping[str, str] = KEYS) -> LiteralString:
    """Link facts to their sources; MERGE keeps a second load from duplicating links.

    A curated record's citations are the curation's (a correction moved the old ones
    to a claim), so the loader leaves them."""
    return _q(
        f"UNWIND $rows AS row "
        f"MATCH (n:`{label}` {{`{keys[label]}`: row.key}}) WHERE {_NOT_CURATED} "
        f"UNWIND row.sources AS sourceId "
        f"MATCH (s:`{Label.SOURCE}` {{id: sourceId}}) "
        f"MERGE (n)-[:`{Rel.CITES}`]->(s)"
    )


def party_query() -> LiteralString:
    """PARTY_TO from the seed events, except where a curation recorded an event of
    that state under that treaty: the curation derived PARTY_TO from all its events."""
    return _q(
        f"UNWIND $rows AS row "
        f"MATCH (a:`{Label.COUNTRY}` {{iso3: row.start}}) "
        f"MATCH (b:`{Label.TREATY}` {{slug: row.end}}) "
        f"WHERE NOT EXISTS {{ (a)-[:`{Rel.HAS_EVENT}`]->(n:`{Label.TREATY_EVENT}`)"
        f"-[:`{Rel.UNDER}`]->(b) WHERE {_CURATED} }} "
        f"MERGE (a)-[r:`{Rel.PARTY_TO}`]->(b) SET r += row.props"
    )


def claim_about_query(subject: str, keys: Mapping[str, str] = KEYS) -> LiteralString:
    """Attach claims to the fact they are about."""
    return _q(
        f"UNWIND $rows AS row "
        f"MATCH (c:`{Label.CLAIM}` {{key: row.start}}) "
        f"MATCH (n:`{subject}` {{`{keys[subject]}`: row.end}}) "
        f"MERGE (c)-[:`{Rel.ABOUT}`]->(n)"
    )


DATASET_UPSERT: LiteralString = (
    f"MERGE (d:`{Label.DATASET}` {{id: 'seed'}}) "
    "SET d += $props, d.loadedAt = datetime()"
)

RESET: LiteralString = (
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
)

COUNT_LABELS: LiteralString = (
    "MATCH (n) RETURN labels(n)[0] AS name, count(*) AS count ORDER BY name"
)
COUNT_RELS: LiteralString = (
    "MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS count ORDER BY name"
)


def _write_plan(tx: ManagedTransaction, plan: LoadPlan) -> None:
    keys = plan.keys
    for label, rows in plan.nodes:
        tx.run(upsert_nodes_query(label, keys), rows=rows).consume()
    for start, rel, end, rows in plan.rels:
        if rel == Rel.ABOUT:
            query = claim_about_query(end, keys)
        elif rel == Rel.PARTY_TO:
            query = party_query()
        else:
            query = upsert_rels_query(start, rel, end, keys)
        tx.run(query, rows=rows).consume()
    for label, rows in plan.cites:
        tx.run(cites_query(label, keys), rows=rows).consume()
    tx.run(DATASET_UPSERT, props=plan.dataset).consume()


def write(driver: Driver, database: str, plan: LoadPlan) -> None:
    """Write the whole plan in one transaction: all of it lands, or none of it."""
    with driver.session(database=database) as session:
        session.execute_write(_write_plan, plan)


def reset(driver: Driver, database: str) -> None:
    """Delete every node and relationship (batched, so a large graph cannot OOM)."""
    with driver.session(database=database) as session:
        session.run(RESET).consume()


def counts(driver: Driver, database: str) -> tuple[dict[str, int], dict[str, int]]:
    """Node counts per label and relationship counts per type."""
    labels, _, _ = driver.execute_query(COUNT_LABELS, database_=database)
    rels, _, _ = driver.execute_query(COUNT_RELS, database_=database)
    return (
        {r["name"]: r["count"] for r in labels},
        {r["name"]: r["count"] for r in rels},
    )
