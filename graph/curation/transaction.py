"""One curation mutation, one write transaction, or a replay of the stored one.

The `Curation` node (keyed `<API key name>/<idempotency key>`, so one curator
cannot replay another's record), any new sources, the
fact, its citations and derived PARTY_TO all commit together or not at all. The
uniqueness constraint on `Curation.key` makes a concurrent duplicate block and then
fail once the first commits; `curate` turns that failure into a replay of the stored
result.

Order inside the transaction keeps lock waits short under concurrency: reads and
checks first, then private nodes (curation record, new sources), and the one
statement that links the fact to shared nodes (people, states, treaties) last,
just before commit (for events, followed only by re-deriving PARTY_TO).
"""

from __future__ import annotations

import logging
import weakref
from typing import LiteralString

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import ConstraintError, DriverError, Neo4jError

from graph import driver as db
from graph import statistics
from graph.curation.corrections import touches
from graph.curation.request import Curated, Fact, Request, added
from graph.curation.sources import add_sources
from graph.errors import Conflict, DatabaseUnavailable, Forbidden
from graph.model import KEYS, Label, Rel
from settings import Settings

CURATION_CONSTRAINT: LiteralString = (
    "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
    f"WHERE type = 'UNIQUENESS' AND labelsOrTypes = ['{Label.CURATION}'] "
    f"AND properties = ['{KEYS[Label.CURATION]}'] RETURN count(*) AS n"
)
FIND_CURATION: LiteralString = (
    f"MATCH (c:`{Label.CURATION}` {{key: $key}}) "
    "RETURN c.key AS key, c.operation AS operation, c.requestHash AS requestHash, "
    "c.by AS by, c.at AS at, c.subjectLabel AS subjectLabel, c.subjectKey AS subjectKey, "
    "coalesce(c.idempotencyKey, c.key) AS idempotencyKey, c.change AS change, "
    "c.fields AS fields, c.before AS before, c.after AS after, c.reason AS reason"
)
CREATE_CURATION: LiteralString = (
    f"CREATE (c:`{Label.CURATION}` {{key: $key}}) "
    "SET c.operation = $operation, c.requestHash = $requestHash, c.by = $by, "
    "c.subjectLabel = $subjectLabel, c.subjectKey = $subjectKey, "
    "c.idempotencyKey = $idempotencyKey, c.reason = $reason"
)
# What the fact reported of its write (graph.curation.request.Change.props). `at` is
# stamped here, after the fact's write lock was taken, so that ordering records by
# `at` is the order their changes applied: two corrections of one vote each started
# before the other committed, and the one stamped at CREATE time came out of order.
# Microseconds, as Python and the `at` filter hold them: the real-time clock gives
# nanoseconds, and a record's own `at` as an `lte` bound then excluded it.
REPORT_CURATION: LiteralString = (
    f"MATCH (c:`{Label.CURATION}` {{key: $key}}) "
    "SET c += $props, c.at = datetime.truncate('microsecond', datetime.realtime()) "
    "RETURN c.at AS at, coalesce(c.treaties, []) AS treaties"
)

log = logging.getLogger("treatygraph")

# The relationship types each operation can create (its fact module's Cypher, and
# derived PARTY_TO): the cost statistics of the relations walking them are raised
# after it commits. An operation missing here recomputes every statistic (0.4 s).
TOUCHES: dict[str, frozenset[str]] = {
    "addSource": frozenset({Rel.CITES}),
    "recordTreatyEvent": frozenset(
        {Rel.HAS_EVENT, Rel.UNDER, Rel.PARTY_TO, Rel.ABOUT, Rel.CITES}
    ),
    "recordStatement": frozenset(
        {Rel.AUTHORED, Rel.ON_BEHALF_OF, Rel.MAKES, Rel.CONCERNS}
        | {Rel.ADDRESSED_TO, Rel.CITES}
    ),
    "correctBorder": frozenset({Rel.ABOUT, Rel.CITES}),
    # Matches BORDERS and replaces it: counts only fall, which stale bounds cover.
    "retractBorder": frozenset({Rel.BORDERS}),
    "recordVote": frozenset(
        {Rel.IN_CHAMBER, Rel.ON_TREATY, Rel.ABSTAINED_IN, Rel.CITES}
    ),
    "recordMembership": frozenset({Rel.HAS_MEMBERSHIP, Rel.OF_ORGANIZATION, Rel.CITES}),
    "recordTerm": frozenset({Rel.HELD, Rel.OF_OFFICE, Rel.CITES}),
}

# Every write's record WROTE what it wrote and CITES its sources (a fact's
# `history`, a record's `sources`), whichever operation it was.
RECORD_TOUCHES = frozenset({Rel.WROTE, Rel.CITES})


def touched(operation: str) -> frozenset[str] | None:
    """The relationship types `operation` can create (its record's included): TOUCHES,
    or for the generic corrections and retractions what graph.curation.corrections
    says; None (recompute all) when unknown."""
    types = TOUCHES[operation] if operation in TOUCHES else touches(operation)
    return None if types is None else types | RECORD_TOUCHES


# Drivers whose database is known to have the Curation.key constraint.
_constrained: weakref.WeakSet[AsyncDriver] = weakref.WeakSet()


async def _require_constraint(driver: AsyncDriver, settings: Settings) -> None:
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
    await _require_constraint(driver, settings)

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
            idempotencyKey=request.idempotency_key,
            reason=request.reason,
        )
        await result.consume()
        await add_sources(tx, request)
        change = await fact(tx, request) or added(request)
        result = await tx.run(
            REPORT_CURATION, key=request.key, props=change.props(request.reason)
        )
        record = await result.single(strict=True)
        _within_scope(request, record["treaties"])
        return Curated(
            key=request.key,
            idempotency_key=request.idempotency_key,
            operation=request.operation,
            by=request.by,
            at=record["at"].to_native(),
            subject_label=str(request.subject_label),
            subject_key=request.subject_key,
            replayed=False,
            change=change.change,
            fields=change.fields,
            before=change.props(None)["before"],
            after=change.props(None)["after"],
            reason=request.reason,
        )

    try:
        curated = await db.write(driver, settings, work)
    except ConstraintError as error:
        if f"`{Label.CURATION}`" not in (error.message or ""):
            raise Conflict(
                "Another request stored the same key at the same time; "
                "read it and retry if needed.",
                argument="input",
            ) from error
    else:
        if not curated.replayed:
            await _raise_statistics(driver, settings, request.operation)
        return curated
    # A concurrent request with this idempotency key committed first: replay it.
    return await db.write(driver, settings, lambda tx: _replay(tx, request))


def _within_scope(request: Request, treaties: list[str]) -> None:
    """A treaty-scoped key may write only facts concerning its treaties, as the
    fact reported them to its record; raising rolls the whole write back. A fact of
    no treaty (a source, a membership, a term, a border) is any curator's."""
    if request.scope is None:
        return
    outside = sorted(set(treaties) - request.scope)
    if outside:
        raise Forbidden(
            f"The API key '{request.by}' may curate only "
            f"{', '.join(sorted(request.scope)) or 'no treaty'}; this write "
            f"concerns {', '.join(outside)}.",
            treaties=outside,
        )


async def _raise_statistics(
    driver: AsyncDriver, settings: Settings, operation: str
) -> None:
    """After the commit: a failure here must not fail a stored write (its retry
    would only replay it); the next load or write recomputes what was missed."""
    try:
        await statistics.raise_to_current(
            driver, settings.neo4j_database, touched(operation)
        )
    except (Neo4jError, DriverError) as error:
        log.warning("cost statistics not raised after %s: %s", operation, error)


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
            f"idempotencyKey '{request.idempotency_key}' was already used for a different "
            f"request ({row['operation']} by {row['by']}); use a new key.",
            argument="idempotencyKey",
        )
    return Curated(
        key=row["key"],
        idempotency_key=row["idempotencyKey"],
        operation=row["operation"],
        by=row["by"],
        at=row["at"].to_native(),
        subject_label=row["subjectLabel"],
        subject_key=row["subjectKey"],
        replayed=True,
        change=row["change"],
        fields=list(row["fields"] or []),
        before=row["before"],
        after=row["after"],
        reason=row["reason"],
    )
