"""Cypher for loading the curated dataset: generic UNWIND batches, one transaction.

After writing, the same transaction removes what the files no longer hold (unless a
curation owns it) and digests what the graph then holds: that digest is the
dataset's version, so one version always means one graph.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph.model import BORDER_SUBJECT, KEYS, RETRACTED, RETRACTED_BORDER, Label, Rel

Row = dict[str, Any]


@dataclass
class LoadPlan:
    """Everything to write, in order: nodes, then relationships, then citations,
    then what curation records WROTE (only then are those records curated, which
    the steps before would skip), then retractions.

    Labels and types are the model's (graph.model's allowlist for the real one);
    `keys` names each label's natural key. `labels` and `rel_types` are every label
    and relationship type the model seeds: what the files no longer hold of them is
    removed.
    """

    nodes: list[tuple[str, list[Row]]] = field(default_factory=list)
    rels: list[tuple[str, str, str, list[Row]]] = field(default_factory=list)
    cites: list[tuple[str, list[Row]]] = field(default_factory=list)
    # Nodes to relabel Retracted once written and linked, by label: {key, props}.
    retracted: list[tuple[str, list[Row]]] = field(default_factory=list)
    dataset: Row = field(default_factory=dict)
    keys: Mapping[str, str] = field(default_factory=lambda: KEYS)
    labels: tuple[str, ...] = ()
    rel_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Written:
    """What a load left: the graph's digest, and the records the files no longer
    hold that stayed because a curation owns them (`Label key`)."""

    version: str
    kept: list[str]


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
        f"UNWIND $rows AS row WITH row WHERE NOT EXISTS {{ MATCH (x:`{RETRACTED}` "
        f"{{retractedLabel: '{label}', `{key}`: row.key}}) }} "
        f"MERGE (n:`{label}` {{`{key}`: row.key}}) "
        f"WITH n, row WHERE {_NOT_CURATED} SET n += row.props"
    )


def upsert_rels_query(
    start: str, rel: str, end: str, keys: Mapping[str, str] = KEYS
) -> LiteralString:
    """MERGE one relationship per row between two existing nodes."""
    if rel != Rel.BORDERS:
        return _q(
            f"UNWIND $rows AS row "
            f"MATCH (a:`{start}` {{`{keys[start]}`: row.start}}) "
            f"MATCH (b:`{end}` {{`{keys[end]}`: row.end}}) "
            f"MERGE (a)-[r:`{rel}`]->(b) SET r += row.props"
        )
    # A border a curation retracted stays retracted, and one it corrected keeps the
    # curated values, when the seeds load again (graph.curation.borders keys a
    # border's curations `AAA-BBB`). One not there yet is written: a load after a
    # reset, from exported files, brings the curated values itself.
    x, y = f"a.`{keys[start]}`", f"b.`{keys[end]}`"
    return _q(
        f"CALL () {{ MATCH (c:`{Label.CURATION}` {{subjectLabel: '{BORDER_SUBJECT}'}}) "
        "RETURN collect(c.subjectKey) AS curated } "
        f"UNWIND $rows AS row "
        f"MATCH (a:`{start}` {{`{keys[start]}`: row.start}}) "
        f"MATCH (b:`{end}` {{`{keys[end]}`: row.end}}) "
        f"WHERE NOT EXISTS {{ (a)-[:`{RETRACTED_BORDER}`]-(b) }} "
        f"AND NOT (EXISTS {{ (a)-[:`{rel}`]-(b) }} AND ({x} + '-' + {y} IN curated "
        f"OR {y} + '-' + {x} IN curated)) "
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
        f"WHERE NOT EXISTS {{ (a)-[:`{Rel.HAS_EVENT}`]->(n)"
        f"-[:`{Rel.UNDER}`]->(b) WHERE (n:`{Label.TREATY_EVENT}` OR n:`{RETRACTED}`) "
        f"AND {_CURATED} }} "
        f"MERGE (a)-[r:`{Rel.PARTY_TO}`]->(b) SET r += row.props"
    )


def retract_query(label: str, keys: Mapping[str, str] = KEYS) -> LiteralString:
    """Relabel written nodes Retracted, as graph.curation.corrections retracts one."""
    return _q(
        f"UNWIND $rows AS row MATCH (n:`{label}` {{`{keys[label]}`: row.key}}) "
        f"REMOVE n:`{label}` SET n:`{RETRACTED}`, n += row.props"
    )


def claim_about_query(subject: str, keys: Mapping[str, str] = KEYS) -> LiteralString:
    """Attach claims to the fact they are about."""
    return _q(
        f"UNWIND $rows AS row "
        f"MATCH (c:`{Label.CLAIM}` {{key: row.start}}) "
        f"MATCH (n:`{subject}` {{`{keys[subject]}`: row.end}}) "
        f"MERGE (c)-[:`{Rel.ABOUT}`]->(n)"
    )


# -- reconciling: what the files no longer hold goes, unless a curation owns it ------

# `$keys` maps each label to its key property; nodes carry one label.
_LABEL = "head(labels({v}))"
_KEY = "{v}[$keys[head(labels({v}))]]"
_SEEDED = "head(labels({v})) IN $labels"


def _curated(var: str) -> str:
    return f"EXISTS {{ (:`{Label.CURATION}`)-[:`{Rel.WROTE}`]->({var}) }}"


# A state's PARTY_TO that a curation derived from its recorded events.
_CURATED_PARTY = (
    f"(type(r) = '{Rel.PARTY_TO}' AND EXISTS {{ (a)-[:`{Rel.HAS_EVENT}`]->"
    f"(e:`{Label.TREATY_EVENT}`)-[:`{Rel.UNDER}`]->(b) WHERE {_curated('e')} }})"
)
# A relationship the loader owns: between seeded, uncurated nodes, not curation-derived.
_OWNED_REL = (
    f"{_SEEDED.format(v='a')} AND {_SEEDED.format(v='b')} "
    f"AND NOT {_curated('a')} AND NOT {_curated('b')} AND NOT {_CURATED_PARTY}"
)
_REL_ID = (
    f"{_LABEL.format(v='a')} + $sep + toString({_KEY.format(v='a')}) + $sep + "
    f"type(r) + $sep + {_LABEL.format(v='b')} + $sep + toString({_KEY.format(v='b')})"
)


def prune_nodes_query(label: str, keys: Mapping[str, str] = KEYS) -> LiteralString:
    """Delete the label's nodes whose key is not in `$present`, except those a
    curation wrote or that a seeded relationship links to a curated node (a state
    with a recorded event, a source a curated record cites); returns those kept."""
    key = keys[label]
    return _q(
        f"MATCH (n:`{label}`) WHERE $present[toString(n.`{key}`)] IS NULL "
        f"WITH n, n.`{key}` AS key, ({_CURATED} OR EXISTS {{ (n)-[r]-(m) "
        f"WHERE type(r) IN $types AND {_curated('m')} }}) AS kept "
        "FOREACH (_ IN CASE WHEN kept THEN [] ELSE [1] END | DETACH DELETE n) "
        "WITH key, kept WHERE kept RETURN key ORDER BY key"
    )


PRUNE_RELS: LiteralString = _q(
    f"MATCH (a)-[r]->(b) WHERE type(r) IN $types AND {_OWNED_REL} "
    f"AND $present[{_REL_ID}] IS NULL DELETE r"
)

# -- the digest: what the loader owns in the graph, read back in the transaction -----

DIGEST_NODES: LiteralString = _q(
    f"MATCH (n) WHERE {_SEEDED.format(v='n')} AND NOT {_CURATED} "
    f"AND $skip[{_LABEL.format(v='n')} + $sep + toString({_KEY.format(v='n')})] "
    "IS NULL "
    f"RETURN {_LABEL.format(v='n')} AS label, properties(n) AS props"
)
DIGEST_RELS: LiteralString = _q(
    f"MATCH (a)-[r]->(b) WHERE type(r) IN $types AND {_OWNED_REL} "
    f"RETURN {_REL_ID} AS id, properties(r) AS props"
)
_SEP = "\x1f"  # between the parts of a relationship's identity; in no key


def _plain(value: Any) -> str:
    # Dates and datetimes by ISO text, tagged with their type so "2020-01-01" differs.
    return f"{type(value).__name__}:{value}"


def _line(*parts: Any) -> str:
    return json.dumps(parts, sort_keys=True, default=_plain, ensure_ascii=False)


def _present(plan: LoadPlan) -> tuple[dict[str, dict[str, bool]], dict[str, bool]]:
    """The keys the plan writes per label, and the relationships it writes by id."""
    nodes = {
        label: {str(row["key"]): True for row in rows} for label, rows in plan.nodes
    }
    rels = {
        _SEP.join((start, str(row["start"]), rel, end, str(row["end"]))): True
        for start, rel, end, rows in plan.rels
        for row in rows
    }
    for label, rows in plan.cites:
        for row in rows:
            for source in row["sources"]:
                parts = (label, str(row["key"]), Rel.CITES, Label.SOURCE, source)
                rels[_SEP.join(parts)] = True
    return nodes, rels


def _params(plan: LoadPlan) -> dict[str, Any]:
    """What the shared fragments read: each label's key, the seeded labels and types."""
    return {
        "keys": dict(plan.keys),
        "labels": list(plan.labels),
        "types": list(plan.rel_types),
        "sep": _SEP,
    }


def _reconcile(tx: ManagedTransaction, plan: LoadPlan) -> list[tuple[str, str]]:
    """Remove what the files no longer hold; the (label, key) of the curated
    records that stay."""
    nodes, rels = _present(plan)
    types = list(plan.rel_types)
    kept: list[tuple[str, str]] = []
    for label in plan.labels:
        query = prune_nodes_query(label, plan.keys)
        result = tx.run(query, present=nodes.get(label, {}), types=types)
        kept.extend((label, str(row["key"])) for row in result)
    tx.run(PRUNE_RELS, _params(plan), present=rels).consume()
    return kept


def _digest(tx: ManagedTransaction, plan: LoadPlan, kept: list[tuple[str, str]]) -> str:
    """A short hash of every owned node's label and properties and every owned
    relationship's endpoints, type and properties. What curations own (and the
    records `kept` for them) is not the loader's: the same files give the same
    version whatever was curated."""
    params = _params(plan)
    skip = {_SEP.join(record): True for record in kept}
    nodes = tx.run(DIGEST_NODES, params, skip=skip)
    lines = [_line(row["label"], row["props"]) for row in nodes]
    rels = tx.run(DIGEST_RELS, params)
    lines.extend(_line(row["id"], row["props"]) for row in rels)
    digest = hashlib.sha256("\n".join(sorted(lines)).encode())
    return digest.hexdigest()[:12]


DATASET_UPSERT: LiteralString = (
    f"MERGE (d:`{Label.DATASET}` {{id: 'seed'}}) "
    "SET d += $props, d.version = $version, d.loadedAt = datetime()"
)

# API keys are credentials, not seeded content: a reload keeps every curator's key.
RESET: LiteralString = (
    f"MATCH (n) WHERE NOT n:`{Label.API_KEY}` "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
)

COUNT_LABELS: LiteralString = (
    "MATCH (n) RETURN labels(n)[0] AS name, count(*) AS count ORDER BY name"
)
COUNT_RELS: LiteralString = (
    "MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS count ORDER BY name"
)


def _write_plan(tx: ManagedTransaction, plan: LoadPlan) -> Written:
    keys = plan.keys
    for label, rows in plan.nodes:
        tx.run(upsert_nodes_query(label, keys), rows=rows).consume()
    wrote = [r for r in plan.rels if r[1] == Rel.WROTE]
    for start, rel, end, rows in [r for r in plan.rels if r[1] != Rel.WROTE]:
        if rel == Rel.ABOUT:
            query = claim_about_query(end, keys)
        elif rel == Rel.PARTY_TO:
            query = party_query()
        else:
            query = upsert_rels_query(start, rel, end, keys)
        tx.run(query, rows=rows).consume()
    for label, rows in plan.cites:
        tx.run(cites_query(label, keys), rows=rows).consume()
    for start, rel, end, rows in wrote:
        tx.run(upsert_rels_query(start, rel, end, keys), rows=rows).consume()
    for label, rows in plan.retracted:
        tx.run(retract_query(label, keys), rows=rows).consume()
    kept = _reconcile(tx, plan)
    version = _digest(tx, plan, kept)
    tx.run(DATASET_UPSERT, props=plan.dataset, version=version).consume()
    return Written(version, [f"{label} {key}" for label, key in kept])


def write(driver: Driver, database: str, plan: LoadPlan) -> Written:
    """Write the whole plan, reconcile and digest in one transaction: all of it
    lands, or none of it."""
    # Off: a graph no curation touched yet has no WROTE, and Neo4j warns per query.
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        return session.execute_write(_write_plan, plan)


def reset(driver: Driver, database: str) -> None:
    """Delete every node and relationship but the API keys (batched, so a large
    graph cannot OOM)."""
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


# The whole graph, curated records included, for comparing two graphs (a restore, a
# reload from exported files); nodes with a label in $skip (by default only the
# loader's own Dataset node) and their relationships are left out.
GRAPH_NODES: LiteralString = (
    "MATCH (n) WHERE none(l IN labels(n) WHERE l IN $skip) "
    "RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
)
GRAPH_RELS: LiteralString = (
    "MATCH (a)-[r]->(b) WHERE none(l IN labels(a) + labels(b) WHERE l IN $skip) "
    "RETURN elementId(a) AS a, type(r) AS type, elementId(b) AS b, "
    "properties(r) AS props"
)


def graph_digest(
    driver: Driver, database: str, skip: tuple[str, ...] = (Label.DATASET,)
) -> str:
    """A hash of every node's labels and properties and every relationship's ends
    (as those), type and properties: element ids play no part, so a restored or
    reloaded graph with the same content has the same digest."""
    nodes, _, _ = driver.execute_query(GRAPH_NODES, skip=list(skip), database_=database)
    ident = {row["id"]: _line(sorted(row["labels"]), row["props"]) for row in nodes}
    rels, _, _ = driver.execute_query(GRAPH_RELS, skip=list(skip), database_=database)
    lines = sorted(ident.values())
    lines += sorted(
        _line(ident[row["a"]], row["type"], ident[row["b"]], row["props"])
        for row in rels
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]
