"""Sources in a curation: the new ones a mutation brings, and the addSource fact."""

from __future__ import annotations

from typing import LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.fragments import MATCH_CURATION, cite
from graph.curation.request import Request
from graph.curation.steps import require, run, write_fact
from graph.errors import Conflict
from graph.model import Label, Rel

SOURCE_CLASHES: LiteralString = (
    f"UNWIND $rows AS row OPTIONAL MATCH (byId:`{Label.SOURCE}` {{id: row.id}}) "
    f"OPTIONAL MATCH (byUrl:`{Label.SOURCE}` {{url: row.url}}) "
    "WITH row, byId, byUrl WHERE byId IS NOT NULL OR byUrl IS NOT NULL "
    "RETURN row.id AS id, byId IS NOT NULL AS idTaken, byUrl.id AS urlOwner"
)
# CREATE, not MERGE: an id or url taken concurrently fails on its constraint.
CREATE_SOURCES: LiteralString = (
    f"{MATCH_CURATION} "
    f"UNWIND $rows AS row CREATE (s:`{Label.SOURCE}` {{id: row.key}}) "
    f"SET s += row.props CREATE (cur)-[:`{Rel.WROTE}`]->(s)"
)
# The source itself came with the request's new sources: only the record cites it.
SOURCE_WRITTEN: LiteralString = (
    f"{MATCH_CURATION} MATCH (n:`{Label.SOURCE}` {{id: $key}}) {cite('cur')}"
)


async def add_sources(tx: AsyncManagedTransaction, request: Request) -> None:
    """Check the cited sources exist and store the new ones, refusing a taken id or url."""
    await require(tx, Label.SOURCE, request.source_ids, "input.sourceIds")
    if not request.new_sources:
        return
    rows = [
        {"id": row["key"], "url": row["props"]["url"]} for row in request.new_sources
    ]
    result = await tx.run(SOURCE_CLASHES, rows=rows)
    for clash in await result.data():
        if clash["idTaken"]:
            raise Conflict(
                f"source '{clash['id']}' already exists; cite it in sourceIds",
                argument="id",
            )
        raise Conflict(
            f"source '{clash['id']}': its url is already source "
            f"'{clash['urlOwner']}'; cite that in sourceIds",
            argument="url",
            existing=clash["urlOwner"],
        )
    await run(tx, CREATE_SOURCES, curation=request.key, rows=request.new_sources)


async def write_source(tx: AsyncManagedTransaction, request: Request) -> None:
    """addSource: the source came with the request's new sources; record the citation."""
    await write_fact(tx, SOURCE_WRITTEN, request)
