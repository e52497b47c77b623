"""Cypher and transactions of the curation mutations: every write path in one place.

One mutation is one write transaction: the `Curation` node (keyed by the client's
idempotency key), any new sources, the fact, its citations and derived PARTY_TO all
commit together or not at all. The uniqueness constraint on `Curation.key` makes a
concurrent duplicate block and then fail once the first commits; `curate` turns that
failure into a replay of the stored result.

Order inside the transaction keeps lock waits short under concurrency: reads and
checks first, then private nodes (curation record, new sources), and the one
statement that links the fact to shared nodes (people, states, treaties) last,
just before commit (for events, followed only by re-deriving PARTY_TO).
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, LiteralString

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from graph import driver as db
from graph.errors import BadUserInput, Conflict, DatabaseUnavailable
from graph.model import KEYS, PARTY_RULE, Label, party_interval
from settings import Settings

Row = dict[str, Any]

# -- Cypher -------------------------------------------------------------------------

CURATION_CONSTRAINT: LiteralString = (
    "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
    "WHERE type = 'UNIQUENESS' AND labelsOrTypes = ['Curation'] "
    "AND properties = ['key'] RETURN count(*) AS n"
)
FIND_CURATION: LiteralString = (
    "MATCH (c:Curation {key: $key}) "
    "RETURN c.key AS key, c.operation AS operation, c.requestHash AS requestHash, "
    "c.by AS by, c.at AS at, c.subjectLabel AS subjectLabel, c.subjectKey AS subjectKey"
)
CREATE_CURATION: LiteralString = (
    "CREATE (c:Curation {key: $key}) "
    "SET c.operation = $operation, c.requestHash = $requestHash, c.by = $by, "
    "c.at = datetime(), c.subjectLabel = $subjectLabel, c.subjectKey = $subjectKey "
    "RETURN c.at AS at"
)
SOURCE_CLASHES: LiteralString = (
    "UNWIND $rows AS row OPTIONAL MATCH (byId:Source {id: row.id}) "
    "OPTIONAL MATCH (byUrl:Source {url: row.url}) "
    "WITH row, byId, byUrl WHERE byId IS NOT NULL OR byUrl IS NOT NULL "
    "RETURN row.id AS id, byId IS NOT NULL AS idTaken, byUrl.id AS urlOwner"
)
# CREATE, not MERGE: an id or url taken concurrently fails on its constraint.
CREATE_SOURCES: LiteralString = (
    "MATCH (cur:Curation {key: $curation}) "
    "UNWIND $rows AS row CREATE (s:Source {id: row.key}) SET s += row.props "
    "CREATE (cur)-[:WROTE]->(s)"
)
# Ends every fact statement: the fact and its curation record cite the sources.
_CITE: LiteralString = (
    " WITH n, cur CALL (n, cur) { UNWIND $sources AS id MATCH (s:Source {id: id}) "
    "MERGE (n)-[:CITES]->(s) MERGE (cur)-[:CITES]->(s) }"
)
SOURCE_WRITTEN: LiteralString = (
    "MATCH (cur:Curation {key: $curation}) MATCH (n:Source {id: $key})"
    " CALL (n, cur) { UNWIND $sources AS id MATCH (s:Source {id: id}) "
    "MERGE (cur)-[:CITES]->(s) }"
)

# Exclusive lock on the state, so two events of one state cannot derive PARTY_TO
# from each other's stale view.
LOCK_COUNTRY: LiteralString = (
    "MATCH (c:Country {iso3: $iso3}) SET c.curationLock = true "
    "REMOVE c.curationLock RETURN count(c) AS found"
)
EVENT_BEFORE: LiteralString = (
    "OPTIONAL MATCH (t:Treaty {slug: $treaty}) "
    "OPTIONAL MATCH (e:TreatyEvent {key: $key}) "
    "RETURN t IS NOT NULL AS treatyFound, e IS NOT NULL AS exists, e.date AS date, "
    "coalesce(e.derived, false) AS derived, e.derivationRule AS rule, "
    "e.derivedFrom AS derivedFrom, e.note AS note"
)
# A correction moves the superseded value and its sources into a Claim about the
# event, so the graph keeps what the earlier sources said.
SUPERSEDE_EVENT: LiteralString = (
    "MATCH (e:TreatyEvent {key: $event}) MATCH (cur:Curation {key: $curation}) "
    "CREATE (cl:Claim {key: $key}) SET cl += $props "
    "CREATE (cl)-[:ABOUT]->(e) CREATE (cur)-[:WROTE]->(cl) "
    "WITH e, cl CALL (e, cl) { MATCH (e)-[old:CITES]->(s:Source) "
    "CREATE (cl)-[:CITES]->(s) DELETE old }"
)
UPSERT_EVENT: LiteralString = (
    "MATCH (c:Country {iso3: $iso3}) MATCH (t:Treaty {slug: $treaty}) "
    "MATCH (cur:Curation {key: $curation}) "
    "MERGE (n:TreatyEvent {key: $key}) SET n += $props "
    "MERGE (c)-[:HAS_EVENT]->(n) MERGE (n)-[:UNDER]->(t) MERGE (cur)-[:WROTE]->(n)"
    + _CITE
)
EVENT_DATES: LiteralString = (
    "MATCH (:Country {iso3: $iso3})-[:HAS_EVENT]->(e:TreatyEvent)"
    "-[:UNDER]->(:Treaty {slug: $treaty}) RETURN e.kind AS kind, e.date AS date"
)
SET_PARTY: LiteralString = (
    "MATCH (c:Country {iso3: $iso3}) MATCH (t:Treaty {slug: $treaty}) "
    "MERGE (c)-[p:PARTY_TO]->(t) "
    "SET p.since = $since, p.until = $until, p.derived = true, p.rule = $rule"
)
DROP_PARTY: LiteralString = (
    "MATCH (:Country {iso3: $iso3})-[p:PARTY_TO]->(:Treaty {slug: $treaty}) DELETE p"
)

CHAMBER_SEATS: LiteralString = (
    "OPTIONAL MATCH (ch:Chamber {key: $key}) RETURN ch IS NOT NULL AS found, "
    "ch.seats AS seats"
)
CREATE_VOTE: LiteralString = (
    "MATCH (ch:Chamber {key: $chamber}) MATCH (cur:Curation {key: $curation}) "
    "CREATE (n:ParliamentVote {key: $key}) SET n += $props "
    "CREATE (n)-[:IN_CHAMBER]->(ch) CREATE (cur)-[:WROTE]->(n) "
    "WITH n, cur CALL (n) { MATCH (t:Treaty {slug: $treaty}) "
    "CREATE (n)-[:ON_TREATY]->(t) } "
    "WITH n, cur CALL (n) { UNWIND $abstainers AS k MATCH (p:Person {key: k}) "
    "CREATE (p)-[:ABSTAINED_IN]->(n) }" + _CITE
)
# Recommendations are keyed `<statement>:<n>` and cite the statement's sources,
# as the seed loader makes them.
CREATE_STATEMENT: LiteralString = (
    "MATCH (cur:Curation {key: $curation}) "
    "CREATE (n:Statement {key: $key}) SET n += $props CREATE (cur)-[:WROTE]->(n) "
    "WITH n, cur CALL (n) { UNWIND $authors AS k MATCH (p:Person {key: k}) "
    "CREATE (p)-[:AUTHORED]->(n) } "
    "WITH n, cur CALL (n) { UNWIND $countries AS k MATCH (c:Country {iso3: k}) "
    "CREATE (n)-[:ON_BEHALF_OF]->(c) } "
    "WITH n, cur CALL (n, cur) { UNWIND $recommendations AS rec "
    "MATCH (t:Treaty {slug: rec.treaty}) "
    "CREATE (r:Recommendation {key: rec.key}) "
    "SET r.action = rec.action, r.date = n.date "
    "CREATE (n)-[:MAKES]->(r) CREATE (r)-[:CONCERNS]->(t) CREATE (cur)-[:WROTE]->(r) "
    "WITH r, rec CALL (r, rec) { UNWIND rec.addressedTo AS k "
    "MATCH (c:Country {iso3: k}) CREATE (r)-[:ADDRESSED_TO]->(c) } "
    "WITH r CALL (r) { UNWIND $sources AS id MATCH (s:Source {id: id}) "
    "CREATE (r)-[:CITES]->(s) } }" + _CITE
)


def _missing_query(label: Label) -> LiteralString:
    # Labels come from graph.model's enum, never from input.
    return (
        f"UNWIND $keys AS k OPTIONAL MATCH (n:`{label}` {{`{KEYS[label]}`: k}}) "
        f"WITH k, n WHERE n IS NULL RETURN collect(k) AS missing"
    )


# -- what the resolvers hand over -----------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One mutation as the curation record stores it."""

    key: str  # the client's idempotency key
    operation: str  # addSource, recordTreatyEvent …
    request_hash: str  # of the canonical input: a reused key must mean the same write
    by: str  # the API key's name
    subject_label: Label
    subject_key: str
    source_ids: list[str] = field(default_factory=list)
    new_sources: list[Row] = field(default_factory=list)  # {"key", "props"}

    @property
    def all_source_ids(self) -> list[str]:
        return [*self.source_ids, *(row["key"] for row in self.new_sources)]


@dataclass(frozen=True)
class Curated:
    """The stored curation record, and whether this request only replayed it."""

    key: str
    operation: str
    by: str
    at: dt.datetime
    subject_label: str
    subject_key: str
    replayed: bool


Fact = Callable[[AsyncManagedTransaction, Request], Awaitable[None]]


# -- the transaction ------------------------------------------------------------------

# Drivers whose database is known to have the Curation.key constraint.
_constrained: weakref.WeakSet[AsyncDriver] = weakref.WeakSet()


async def require_constraint(driver: AsyncDriver, settings: Settings) -> None:
    """Idempotency under concurrency rests on the Curation.key constraint, which the
    loader creates; refuse to write without it rather than store duplicates."""
    if driver in _constrained:
        return
    rows = await db.read(driver, settings, CURATION_CONSTRAINT, {})
    if not rows or rows[0]["n"] == 0:
        raise DatabaseUnavailable(
            "The database lacks the uniqueness constraint on Curation.key that "
            "makes writes idempotent; run `make seed` (python -m seeds.loader) "
            "once to create it."
        )
    _constrained.add(driver)


async def curate(
    driver: AsyncDriver, settings: Settings, request: Request, fact: Fact
) -> Curated:
    """Write `fact` and its curation record in one transaction, or replay a stored one."""
    await require_constraint(driver, settings)

    async def work(tx: AsyncManagedTransaction) -> Curated:
        stored = await _stored(tx, request)
        if stored is not None:
            return stored
        result = await tx.run(
            CREATE_CURATION,
            key=request.key,
            operation=request.operation,
            requestHash=request.request_hash,
            by=request.by,
            subjectLabel=str(request.subject_label),
            subjectKey=request.subject_key,
        )
        record = await result.single(strict=True)
        await _sources(tx, request)
        await fact(tx, request)
        return Curated(
            key=request.key,
            operation=request.operation,
            by=request.by,
            at=record["at"].to_native(),
            subject_label=str(request.subject_label),
            subject_key=request.subject_key,
            replayed=False,
        )

    try:
        return await db.write(driver, settings, work)
    except ConstraintError as error:
        if f"`{Label.CURATION}`" not in (error.message or ""):
            raise Conflict(
                "Another request stored the same key at the same time; "
                "read it and retry if needed.",
                argument="input",
            ) from error
    # A concurrent request with this idempotency key committed first: replay it.
    return await db.write(driver, settings, lambda tx: _replay(tx, request))


async def _replay(tx: AsyncManagedTransaction, request: Request) -> Curated:
    stored = await _stored(tx, request)
    if stored is None:  # pragma: no cover - the constraint said it exists
        raise Conflict("The idempotency key is in use; retry.", argument="input")
    return stored


async def _stored(tx: AsyncManagedTransaction, request: Request) -> Curated | None:
    result = await tx.run(FIND_CURATION, key=request.key)
    row = await result.single()
    if row is None:
        return None
    if row["operation"] != request.operation or row["requestHash"] != (
        request.request_hash
    ):
        raise Conflict(
            f"idempotencyKey '{request.key}' was already used for a different "
            f"request ({row['operation']} by {row['by']}); use a new key.",
            argument="idempotencyKey",
        )
    return Curated(
        key=row["key"],
        operation=row["operation"],
        by=row["by"],
        at=row["at"].to_native(),
        subject_label=row["subjectLabel"],
        subject_key=row["subjectKey"],
        replayed=True,
    )


# -- shared steps -----------------------------------------------------------------------


async def _run(
    tx: AsyncManagedTransaction, query: LiteralString, **params: Any
) -> None:
    """Run one write statement to completion, so its errors surface here."""
    result = await tx.run(query, params)
    await result.consume()


async def _fact(
    tx: AsyncManagedTransaction, query: LiteralString, request: Request, **params: Any
) -> None:
    """The statement that writes the fact, links it and cites its sources."""
    await _run(
        tx,
        query,
        curation=request.key,
        key=request.subject_key,
        sources=request.all_source_ids,
        **params,
    )


async def missing(
    tx: AsyncManagedTransaction, label: Label, keys: list[str]
) -> list[str]:
    """Which of `keys` name no node of `label`."""
    if not keys:
        return []
    result = await tx.run(_missing_query(label), keys=keys)
    row = await result.single(strict=True)
    return list(row["missing"])


async def require(
    tx: AsyncManagedTransaction, label: Label, keys: list[str], argument: str
) -> None:
    """BAD_USER_INPUT naming the argument and the unknown keys."""
    unknown = await missing(tx, label, keys)
    if unknown:
        raise BadUserInput(
            f"'{argument}': unknown {label.lower()} {', '.join(map(repr, unknown))}",
            argument=argument,
            unknown=unknown,
        )


async def _new_key(tx: AsyncManagedTransaction, label: Label, request: Request) -> None:
    """A fact whose key must be new: an existing one is a CONFLICT."""
    if not await missing(tx, label, [request.subject_key]):
        raise Conflict(
            f"'input.key': {label.lower()} '{request.subject_key}' already exists",
            argument="input.key",
        )


async def _sources(tx: AsyncManagedTransaction, request: Request) -> None:
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
    await _run(tx, CREATE_SOURCES, curation=request.key, rows=request.new_sources)


# -- the facts ------------------------------------------------------------------------


async def write_source(tx: AsyncManagedTransaction, request: Request) -> None:
    """addSource: the source came with the request's new sources; record the citation."""
    await _fact(tx, SOURCE_WRITTEN, request)


@dataclass(frozen=True)
class EventInput:
    treaty: str
    country: str
    kind: str
    props: dict[str, Any]  # kind, date, note, derived …


def event_fact(event: EventInput) -> Fact:
    """Add or correct one event, then re-derive the state's PARTY_TO by PARTY_RULE."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> None:
        result = await tx.run(LOCK_COUNTRY, iso3=event.country)
        if (await result.single(strict=True))["found"] == 0:
            raise BadUserInput(
                f"'input.country': unknown country '{event.country}'",
                argument="input.country",
                unknown=[event.country],
            )
        result = await tx.run(
            EVENT_BEFORE, treaty=event.treaty, key=request.subject_key
        )
        before = await result.single(strict=True)
        if not before["treatyFound"]:
            raise BadUserInput(
                f"'input.treaty': unknown treaty '{event.treaty}'",
                argument="input.treaty",
                unknown=[event.treaty],
            )
        old = before["date"].to_native() if before["date"] is not None else None
        props = dict(event.props)
        superseded = before["exists"] and (old != props["date"] or before["derived"])
        if not superseded and props["note"] is None:
            del props["note"]  # confirming the same date keeps the curators' note
        if superseded:
            await _run(
                tx,
                SUPERSEDE_EVENT,
                event=request.subject_key,
                curation=request.key,
                key=f"{request.subject_key}:date:{request.key}",
                props={
                    "subjectKind": "treaty_event",
                    "subjectKey": request.subject_key,
                    "property": "date",
                    "value": None if old is None else old.isoformat(),
                    "valueType": None if old is None else "date",
                    "status": "ALTERNATIVE",
                    "note": _superseded_note(request, before),
                },
            )
        await _fact(
            tx,
            UPSERT_EVENT,
            request,
            iso3=event.country,
            treaty=event.treaty,
            props=props,
        )
        await derive_party(tx, event.country, event.treaty)

    return write


def _superseded_note(request: Request, before: Any) -> str:
    """What the claim keeps of the corrected event besides its date and sources."""
    parts = [f"The value before correction '{request.key}' by {request.by}"]
    if before["derived"]:
        parts.append(
            f"derived by the rule: {before['rule']} (from {before['derivedFrom']})"
        )
    if before["note"]:
        parts.append(f"its note: {before['note']}")
    return "; ".join(parts) + ". Cites the sources that gave it."


async def derive_party(tx: AsyncManagedTransaction, iso3: str, treaty: str) -> None:
    """Make PARTY_TO of one state under one treaty agree with its events (PARTY_RULE)."""
    result = await tx.run(EVENT_DATES, iso3=iso3, treaty=treaty)
    dates = {
        row["kind"]: row["date"].to_native() if row["date"] is not None else None
        for row in await result.data()
    }
    interval = party_interval(dates)
    if interval is None:
        await _run(tx, DROP_PARTY, iso3=iso3, treaty=treaty)
        return
    await _run(
        tx,
        SET_PARTY,
        iso3=iso3,
        treaty=treaty,
        since=interval[0],
        until=interval[1],
        rule=PARTY_RULE,
    )


@dataclass(frozen=True)
class VoteInput:
    chamber: str
    treaty: str | None
    abstainers: list[str]
    props: dict[str, Any]  # date, tallies, outcome …


def vote_fact(vote: VoteInput) -> Fact:
    """A new vote in a known chamber; its tallies cannot exceed the chamber's seats."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> None:
        result = await tx.run(CHAMBER_SEATS, key=vote.chamber)
        chamber = await result.single(strict=True)
        if not chamber["found"]:
            raise BadUserInput(
                f"'input.chamber': unknown chamber '{vote.chamber}'",
                argument="input.chamber",
                unknown=[vote.chamber],
            )
        seats = chamber["seats"]
        tallied = sum(
            vote.props.get(name) or 0
            for name in ("votesFor", "votesAgainst", "abstained", "absent", "notVoting")
        )
        if seats is not None and tallied > seats:
            raise BadUserInput(
                f"'input': the tallies add up to {tallied}, more than the "
                f"chamber's {seats} seats",
                argument="input",
            )
        if vote.treaty is not None:
            await require(tx, Label.TREATY, [vote.treaty], "input.treaty")
        await require(tx, Label.PERSON, vote.abstainers, "input.abstainers")
        await _new_key(tx, Label.VOTE, request)
        await _fact(
            tx,
            CREATE_VOTE,
            request,
            chamber=vote.chamber,
            treaty=vote.treaty,
            abstainers=vote.abstainers,
            props=vote.props,
        )

    return write


@dataclass(frozen=True)
class RecommendationInput:
    action: str
    treaty: str
    addressed_to: list[str]


@dataclass(frozen=True)
class StatementInput:
    authors: list[str]
    countries: list[str]
    recommendations: list[RecommendationInput]
    props: dict[str, Any]  # date, kind, title, summary, quotes …


def statement_fact(statement: StatementInput) -> Fact:
    """A new statement with its authors, the states it speaks for, and what it
    recommends."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> None:
        await require(tx, Label.PERSON, statement.authors, "input.authors")
        await require(tx, Label.COUNTRY, statement.countries, "input.countries")
        for index, rec in enumerate(statement.recommendations):
            where = f"input.recommendations[{index}]"
            await require(tx, Label.TREATY, [rec.treaty], f"{where}.treaty")
            await require(tx, Label.COUNTRY, rec.addressed_to, f"{where}.addressedTo")
        await _new_key(tx, Label.STATEMENT, request)
        await _fact(
            tx,
            CREATE_STATEMENT,
            request,
            authors=statement.authors,
            countries=statement.countries,
            recommendations=[
                {
                    "key": f"{request.subject_key}:{n}",
                    "action": rec.action,
                    "treaty": rec.treaty,
                    "addressedTo": rec.addressed_to,
                }
                for n, rec in enumerate(statement.recommendations, start=1)
            ],
            props=statement.props,
        )

    return write
