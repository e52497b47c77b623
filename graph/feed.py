"""Committed curations about one treaty or state: the change feeds' one source.

Both feeds read the Curation nodes (written in each mutation's transaction), never a
process's memory, so every API process sees every other's writes: the Atom feeds
the newest first, a subscription those stamped after its cursor.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
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
    "cur.reason AS reason, coalesce(cur.treaties, []) AS treaties, "
    "coalesce(cur.countries, []) AS countries, sources "
)
# The Curation.at range index orders them.
RECENT: LiteralString = (
    f"{_MATCH} WITH cur ORDER BY cur.at DESC, cur.key DESC LIMIT $limit "
    f"{_RETURN} ORDER BY at DESC, key DESC"
)
# A subscriber's poll: Neo4j's clock, and the next changes past (after, afterKey)
# not among those it has seen, oldest first. With none, one row whose key is null.
POLL: LiteralString = (
    "WITH datetime.realtime() AS now OPTIONAL CALL () { "
    f"{_MATCH} AND cur.at >= $floor AND NOT cur.key IN $seen "
    "AND (cur.at > $after OR (cur.at = $after AND cur.key > $afterKey)) "
    "WITH cur ORDER BY cur.at, cur.key LIMIT $limit RETURN cur } "
    f"{_RETURN}, now ORDER BY at, key"
)
NOW: LiteralString = "RETURN datetime.realtime() AS now"
# Changes one poll reads at most; a full page is followed at once by the next.
POLL_PAGE = 100


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
    treaties: list[str]
    countries: list[str]
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
        treaties=list(row["treaties"]),
        countries=list(row["countries"]),
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


def settle_seconds(settings: Settings) -> float:
    """How much earlier than a seen change one committed later may be stamped.

    `at` is stamped inside the write transaction, which Neo4j ends within
    TREATYGRAPH_QUERY_TIMEOUT (graph.driver.write gives up one ANSWER_GRACE_SECONDS
    later), so a change stamped before `now - settle` has committed by `now`.
    """
    return settings.query_timeout_seconds + db.ANSWER_GRACE_SECONDS


@dataclass
class _Cursor:
    """A subscriber's place: every change before `after` is delivered or not its
    own, and `seen` holds the keys delivered (or already there) from `after` on."""

    floor: dt.datetime
    after: dt.datetime
    after_key: str = ""
    seen: dict[str, dt.datetime] = field(default_factory=dict)

    def take(self, change: Change) -> None:
        self.seen[change.key] = change.at

    def settle(self, now: dt.datetime, window: dt.timedelta) -> None:
        """After a complete poll at Neo4j time `now`: whatever was stamped before
        `now - window` is committed and was read, so only the later ones can come."""
        self.after, self.after_key = max(self.floor, now - window), ""
        self.seen = {k: at for k, at in self.seen.items() if at >= self.after}


async def _poll(
    driver: AsyncDriver,
    settings: Settings,
    cursor: _Cursor,
    treaty: str | None,
    country: str | None,
) -> tuple[dt.datetime, list[Change]]:
    params = {
        "treaty": treaty,
        "country": country,
        "floor": cursor.floor,
        "after": cursor.after,
        "afterKey": cursor.after_key,
        "seen": list(cursor.seen),
        "limit": POLL_PAGE,
    }
    rows = await db.read(driver, settings, POLL, params)
    now: dt.datetime = rows[0]["now"].to_native()
    return now, [_change(row) for row in rows if row["key"] is not None]


async def _drain(
    driver: AsyncDriver,
    settings: Settings,
    cursor: _Cursor,
    treaty: str | None,
    country: str | None,
) -> AsyncGenerator[Change, None]:
    """The unseen committed changes past the cursor, page after page, then settled."""
    window = dt.timedelta(seconds=settle_seconds(settings))
    # The first page's clock: what was stamped a window before it had committed when
    # that page read, where a later page reads only past its predecessor's last row.
    began: dt.datetime | None = None
    while True:
        now, changes = await _poll(driver, settings, cursor, treaty, country)
        began = began or now
        for change in changes:
            cursor.take(change)
            yield change
        if len(changes) < POLL_PAGE:
            cursor.settle(began, window)
            return
        cursor.after, cursor.after_key = changes[-1].at, changes[-1].key


async def follow(
    driver: AsyncDriver,
    settings: Settings,
    *,
    treaty: str | None = None,
    country: str | None = None,
    since: dt.datetime | None = None,
) -> AsyncGenerator[Change, None]:
    """Each change concerning `treaty` and/or `country` once, as it commits: those
    committed from now on, or with `since` every one stamped from then.

    Polls Neo4j every TREATYGRAPH_CHANGES_POLL_SECONDS, so whichever process wrote a
    change, every subscriber gets it. A change stamped before one already delivered
    but committed after it (its transaction was slower) still comes, later: each
    poll reads the last settle_seconds again and skips the keys it has seen.
    """
    window = dt.timedelta(seconds=settle_seconds(settings))
    if since is None:
        start = (await db.read(driver, settings, NOW, {}))[0]["now"].to_native()
        cursor = _Cursor(floor=start - window, after=start - window)
        # What is committed now is the past: seen, not delivered.
        async for _ in _drain(driver, settings, cursor, treaty, country):
            pass
    else:
        cursor = _Cursor(floor=since, after=since)
    while True:
        async for change in _drain(driver, settings, cursor, treaty, country):
            yield change
        await asyncio.sleep(settings.changes_poll_seconds)
