"""The data's own bounds for the cost estimate: each relation's largest fan-out and
each root list's node count, stored in Neo4j so every API process reads the same.

One `Statistic {key, value}` node per fact. The facts are derived from the catalog:
every Relation of every type gives `Type.field`, the most distinct related nodes
any one node has along its pattern (validity ignored, so it bounds every `asOf`);
every type gives its label's node count. The loader writes them exactly after each
load; a curation write raises them (never lowers: a stale recompute racing a newer
one must not undo it) right after it commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, LiteralString

from neo4j import AsyncDriver, Driver, RoutingControl

from graph.catalog import CATALOG, Catalog
from graph.mapping import Relation
from graph.model import Label, Rel

# A state's land border cites sources by id on the relationship (graph.cypher.specials).
BORDER_SOURCES = "Border.sources"
_BORDER_SOURCES = (
    f"MATCH ()-[r:`{Rel.BORDERS}`]->() "
    f"RETURN '{BORDER_SOURCES}' AS key, max(size(coalesce(r.sourceIds, []))) AS value"
)

# With the dataset version they go with: a process whose reads see another reloads.
READ_STATISTICS: LiteralString = (
    f"OPTIONAL MATCH (s:`{Label.STATISTIC}`) WITH collect([s.key, s.value]) AS facts "
    f"OPTIONAL MATCH (d:`{Label.DATASET}` {{id: 'seed'}}) "
    "RETURN facts, d.version AS version"
)
WRITE_STATISTICS: LiteralString = (
    f"UNWIND $rows AS row MERGE (s:`{Label.STATISTIC}` {{key: row.key}}) "
    "SET s.value = row.value"
)
DROP_OTHER_STATISTICS: LiteralString = (
    f"MATCH (s:`{Label.STATISTIC}`) WHERE NOT s.key IN $keys DELETE s"
)
# Only raises, and only touches (locks) the nodes whose value grows.
RAISE_STATISTICS: LiteralString = (
    f"UNWIND $rows AS row MERGE (s:`{Label.STATISTIC}` {{key: row.key}}) "
    "WITH s, row WHERE s.value IS NULL OR s.value < row.value SET s.value = row.value"
)


def fanout_key(type_name: str, field: str) -> str:
    """The statistic bounding one relation field's items: `Country.borders`."""
    return f"{type_name}.{field}"


def _fanout(label: str, key: str, rel: Relation) -> str:
    pattern = rel.pattern.format(v="v", t="t", r="r", m="m")
    # Aggregated before the key is named: a literal beside an aggregate is a
    # grouping key, and a label with no nodes (no curation yet) would give no row.
    return (
        f"MATCH (v:`{label}`) "
        f"WITH max(COUNT {{ MATCH {pattern} RETURN DISTINCT t }}) AS value "
        f"RETURN '{key}' AS key, coalesce(value, 0) AS value"
    )


def _walks(pattern: str, types: frozenset[str] | None) -> bool:
    return types is None or any(f"`{t}`" in pattern for t in types)


def statistics_queries(
    catalog: Catalog = CATALOG, types: frozenset[str] | None = None
) -> list[str]:
    """One query per fact, each returning (key, value): every type's node count,
    the largest fan-out of every relation (of those walking one of `types`, when
    given), and that of the border sources the special field lists."""
    queries: list[str] = []
    for name, tm in catalog.types.items():
        # From the count store: no scan.
        queries.append(
            f"MATCH (v:`{tm.label}`) WITH count(v) AS value "
            f"RETURN '{name}' AS key, value"
        )
        for field, mapped in tm.fields.items():
            if isinstance(mapped, Relation) and _walks(mapped.pattern, types):
                queries.append(_fanout(tm.label, fanout_key(name, field), mapped))
    if _walks(f"`{Rel.BORDERS}`", types):
        queries.append(_BORDER_SOURCES)
    return queries


def statistics_query(
    catalog: Catalog = CATALOG, types: frozenset[str] | None = None
) -> str:
    """The facts in one statement: 84 for the whole catalog, 0.4 s warm on the seed
    data (bench/notes.md), a few ms for the relations one curation write walks."""
    return " UNION ALL ".join(statistics_queries(catalog, types))


def _rows(records: Any) -> list[dict[str, Any]]:
    return [{"key": r["key"], "value": int(r["value"])} for r in records]


def write_exact(
    driver: Driver, database: str | None, catalog: Catalog = CATALOG
) -> dict[str, int]:
    """The loader's: compute every fact and store it as it is; returns them (in
    the server's default database when `database` is None)."""
    # Built from the catalog's fixed text only, never from input.
    query = statistics_query(catalog)
    records, _, _ = driver.execute_query(query, database_=database)
    rows = _rows(records)
    driver.execute_query(WRITE_STATISTICS, rows=rows, database_=database)
    keys = [r["key"] for r in rows]
    driver.execute_query(DROP_OTHER_STATISTICS, keys=keys, database_=database)
    return {r["key"]: r["value"] for r in rows}


async def raise_to_current(
    driver: AsyncDriver,
    database: str,
    types: frozenset[str] | None,
    catalog: Catalog = CATALOG,
) -> None:
    """A curation's, right after it commits: recompute the facts of the relations
    walking the relationship `types` it writes (all when None), raise what grew."""
    query = statistics_query(catalog, types)
    records, _, _ = await driver.execute_query(
        query, database_=database, routing_=RoutingControl.READ
    )
    await driver.execute_query(
        RAISE_STATISTICS, rows=_rows(records), database_=database
    )


async def compute(
    driver: AsyncDriver, database: str, catalog: Catalog = CATALOG
) -> Mapping[str, int]:
    """Every fact computed now, not stored (for an API reading a graph loaded
    before the loader wrote them; it may not write)."""
    records, _, _ = await driver.execute_query(
        statistics_query(catalog), database_=database, routing_=RoutingControl.READ
    )
    return {r["key"]: r["value"] for r in _rows(records)}


async def read(
    driver: AsyncDriver, database: str
) -> tuple[Mapping[str, int], str | None]:
    """The stored facts (empty before the first load that writes them) and the
    dataset version."""
    records, _, _ = await driver.execute_query(
        READ_STATISTICS, database_=database, routing_=RoutingControl.READ
    )
    row = records[0]
    facts = {k: int(v) for k, v in row["facts"] if v is not None}
    return facts, row["version"]
