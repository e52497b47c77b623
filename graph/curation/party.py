"""PARTY_TO re-derived from one state's events under one treaty, by PARTY_RULE."""

from __future__ import annotations

import datetime as dt
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.fragments import MATCH_STATE_AND_TREATY
from graph.curation.steps import run
from graph.model import PARTY_RULE, Label, Rel, party_interval

EVENT_DATES: LiteralString = (
    f"MATCH (:`{Label.COUNTRY}` {{iso3: $iso3}})-[:`{Rel.HAS_EVENT}`]->"
    f"(e:`{Label.TREATY_EVENT}`)-[:`{Rel.UNDER}`]->(:`{Label.TREATY}` {{slug: $treaty}}) "
    "RETURN e.kind AS kind, e.date AS date"
)
SET_PARTY: LiteralString = (
    f"{MATCH_STATE_AND_TREATY} MERGE (c)-[p:`{Rel.PARTY_TO}`]->(t) "
    "SET p.since = $since, p.until = $until, p.derived = true, p.rule = $rule"
)
PARTY_NOW: LiteralString = (
    f"OPTIONAL MATCH (:`{Label.COUNTRY}` {{iso3: $iso3}})-[p:`{Rel.PARTY_TO}`]->"
    f"(:`{Label.TREATY}` {{slug: $treaty}}) RETURN p.since AS since, p.until AS until"
)
DROP_PARTY: LiteralString = (
    f"MATCH (:`{Label.COUNTRY}` {{iso3: $iso3}})-[p:`{Rel.PARTY_TO}`]->"
    f"(:`{Label.TREATY}` {{slug: $treaty}}) DELETE p"
)


async def derive_party(tx: AsyncManagedTransaction, iso3: str, treaty: str) -> None:
    """Make PARTY_TO of one state under one treaty agree with its events (PARTY_RULE)."""
    result = await tx.run(EVENT_DATES, iso3=iso3, treaty=treaty)
    dates = {
        row["kind"]: row["date"].to_native() if row["date"] is not None else None
        for row in await result.data()
    }
    interval = party_interval(dates)
    if interval is None:
        await run(tx, DROP_PARTY, iso3=iso3, treaty=treaty)
        return
    await run(
        tx,
        SET_PARTY,
        iso3=iso3,
        treaty=treaty,
        since=interval[0],
        until=interval[1],
        rule=PARTY_RULE,
    )


async def party_status(
    tx: AsyncManagedTransaction, iso3: str, treaty: str, today: dt.date
) -> dict[str, Any]:
    """The curation record's partyStatus/partySince/partyUntil after a write."""
    result = await tx.run(PARTY_NOW, iso3=iso3, treaty=treaty)
    row = await result.single(strict=True)
    since = row["since"].to_native() if row["since"] is not None else None
    until = row["until"].to_native() if row["until"] is not None else None
    if since is None and until is None:
        status = "NOT_PARTY"
    elif until is not None and until <= today:
        status = "FORMER_PARTY"
    else:
        status = "PARTY"
    return {"partyStatus": status, "partySince": since, "partyUntil": until}
