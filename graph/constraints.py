"""Uniqueness constraints, range indexes and the full-text index, created idempotently."""

from __future__ import annotations

from collections.abc import Mapping

from neo4j import Driver

from graph.model import (
    EXTRA_UNIQUE,
    KEYS,
    RANGE_INDEXES,
    SEARCH_INDEX,
    SEARCH_LABELS,
    SEARCH_PROPERTIES,
)


def schema_statements(keys: Mapping[str, str] = KEYS) -> list[str]:
    """Every CREATE … IF NOT EXISTS the graph needs; names come from graph.model only
    (`keys`: a model's `graph.model.node_keys`, when it is not the real one)."""
    statements: list[str] = []
    for label, key in keys.items():
        statements.append(
            f"CREATE CONSTRAINT {label.lower()}_{key}_unique IF NOT EXISTS "
            f"FOR (n:`{label}`) REQUIRE n.`{key}` IS UNIQUE"
        )
    for label, props in EXTRA_UNIQUE.items():
        for prop in props:
            statements.append(
                f"CREATE CONSTRAINT {label.lower()}_{prop}_unique IF NOT EXISTS "
                f"FOR (n:`{label}`) REQUIRE n.`{prop}` IS UNIQUE"
            )
    for label, props in RANGE_INDEXES.items():
        for prop in props:
            statements.append(
                f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS "
                f"FOR (n:`{label}`) ON (n.`{prop}`)"
            )
    labels = "|".join(f"`{label}`" for label in SEARCH_LABELS)
    indexed = ", ".join(f"n.`{prop}`" for prop in SEARCH_PROPERTIES)
    statements.append(
        f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS FOR (n:{labels}) ON EACH "
        f"[{indexed}] OPTIONS {{indexConfig: {{`fulltext.analyzer`: 'standard-folding', "
        f"`fulltext.eventually_consistent`: false}}}}"
    )
    return statements


def create_schema(
    driver: Driver, database: str, keys: Mapping[str, str] = KEYS
) -> None:
    """Create constraints and indexes (schema changes cannot share a data transaction)."""
    for statement in schema_statements(keys):
        # Built only from graph.model's allowlist above, never from input.
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(60)", database_=database)
