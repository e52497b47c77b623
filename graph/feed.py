"""Committed curations about one treaty or state: the change feeds' one source.

Both feeds read the Curation nodes (written in each mutation's transaction), never a
process's memory, so every API process sees every other's writes: the Atom feeds
the newest first, a subscription those stamped after its cursor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncDriver

from graph import driver as db
from graph.model import Label, Rel
from settings import Settings

# The most entries an Atom feed lists (RFC 4287 sets none; 50 covers weeks of
# curation on one treaty).
FEED_ENTRIES = 50

SUBJECT: dict[str, LiteralString] = {
    "treaty": f"MATCH (n:`{Label.TREATY}` {{slug: $key}}) RETURN n.name AS name",
    "country": f"MATCH (n:`{Label.COUNTRY}` {{iso3: $key}}) RETURN n.name AS name",
}
_MATCH: LiteralString = (
    f"MATCH (cur:`{Label.CURATION}`) WHERE cur.at IS NOT NULL "
    "AND ($treaty IS NULL OR $treaty IN cur.treaties) "
    "AND ($country IS NULL OR $country IN cur.countries) "
)
_RETURN: LiteralString = (
    f"CALL (cur) {{ OPTIONAL MATCH (cur)-[:`{Rel.CITES}`]->(s:`{Label.SOURCE}`) "
    "RETURN collect(s {.id, .url, .title}) AS sources } "
    "RETURN cur.key AS key, cur.operation AS operation, cur.by AS by, cur.at AS at, "
    "cur.subjectLabel AS type, cur.subjectKey AS subjectKey, cur.change AS change, "
    "coalesce(cur.fields, []) AS fields, cur.partyStatus AS partyStatus, "
    "cur.partySince AS partySince, cur.partyUntil AS partyUntil, "
    "cur.reason AS reason, sources "
)
# The Curation.at range index orders them.
RECENT: LiteralString = (
    f"{_MATCH} WITH cur ORDER BY cur.at DESC, cur.key DESC LIMIT $limit "
    f"{_RETURN} ORDER BY at DESC, key DESC"
)


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    title: str | None


@dataclass(frozen=True)
class Change:
    """One committed curation, as both feeds tell it."""

    key: str
    operation: str
    by: str
    at: dt.datetime
    type: str  # the fact's GraphQL type (labels are the type names)
    subject_key: str
    change: str | None
    fields: list[str]
    party_status: str | None
    party_since: dt.date | None
    party_until: dt.date | None
    reason: str | None
    sources: list[Source]


def _native(value: Any) -> Any:
    return value.to_native() if value is not None else None


def _change(row: dict[str, Any]) -> Change:
    return Change(
        key=row["key"],
        operation=row["operation"],
        by=row["by"],
        at=row["at"].to_native(),
        type=row["type"],
        subject_key=row["subjectKey"],
        change=row["change"],
        fields=list(row["fields"]),
        party_status=row["partyStatus"],
        party_since=_native(row["partySince"]),
        party_until=_native(row["partyUntil"]),
        reason=row["reason"],
        sources=[Source(s["id"], s["url"], s.get("title")) for s in row["sources"]],
    )


async def subject_name(
    driver: AsyncDriver, settings: Settings, kind: str, key: str
) -> str | None:
    """The treaty's (kind 'treaty', by slug) or state's (by ISO3) name; None: unknown."""
    rows = await db.read(driver, settings, SUBJECT[kind], {"key": key})
    return str(rows[0]["name"]) if rows else None


async def recent(
    driver: AsyncDriver,
    settings: Settings,
    *,
    treaty: str | None = None,
    country: str | None = None,
    limit: int = FEED_ENTRIES,
) -> list[Change]:
    """The newest committed changes concerning `treaty` and/or `country`."""
    params = {"treaty": treaty, "country": country, "limit": limit}
    return [_change(row) for row in await db.read(driver, settings, RECENT, params)]
