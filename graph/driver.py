"""The only place an AsyncDriver is built, and the one way reads and writes reach Neo4j."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from neo4j import (
    READ_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    Query,
    unit_of_work,
)
from neo4j.exceptions import (
    ClientError,
    DriverError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import DatabaseUnavailable, QueryTimeout
from settings import POOL_SIZE, Settings

# How long read() keeps retrying a connection failure before DATABASE_UNAVAILABLE;
# one connection attempt may add connection_timeout (1.5 s) when a host is silent.
RETRY_SECONDS = 1.0
# How long past TREATYGRAPH_QUERY_TIMEOUT read() waits for Neo4j's answer. Neo4j
# terminates the transaction on time, but it rewrites a statement's nested subqueries
# before it checks for that, and only answers afterwards (bench/notes.md).
ANSWER_GRACE_SECONDS = 1.0


def open_driver(settings: Settings) -> AsyncDriver:
    """One driver per process: it is safe to share across concurrent coroutines."""
    password = settings.neo4j_password
    auth = (settings.neo4j_user, str(password)) if password is not None else None
    return AsyncGraphDatabase.driver(
        settings.bolt_uri,
        auth=auth,
        # Fail fast when Neo4j is down: a request should answer DATABASE_UNAVAILABLE
        # within about two seconds. The driver's own retry loop can overrun its
        # budget (it sleeps ~1 s, then ~2 s, before giving up: 2.7 s measured), so it
        # is off and read() retries itself under a hard deadline.
        connection_timeout=1.5,
        connection_acquisition_timeout=2.0,
        max_transaction_retry_time=0,
        max_connection_pool_size=POOL_SIZE,
        # Neo4j's notifications (e.g. "property `start` does not exist" for a Term with no
        # known dates) are expected here; left on, the driver logs a warning per query.
        notifications_min_severity="OFF",
    )


async def read(
    driver: AsyncDriver,
    settings: Settings,
    cypher: str,
    params: dict[str, Any],
) -> list[dict[str, Any]]:
    """Run one read query in a READ transaction; map driver failures to coded errors.

    An auto-commit transaction in READ access mode: RUN and PULL go in one round trip,
    where a managed transaction (execute_query) adds BEGIN and COMMIT and a second one
    (bench/results.md: about 0.5 ms of CPU and one network wait per request). It
    shares execute_query's bookmark manager with write(), so a read that follows a
    curation write in this process sees it, even on a cluster.

    Connection failures are retried (fresh connections, short backoff) for
    RETRY_SECONDS at most, then answered DATABASE_UNAVAILABLE. The answer comes
    within the query timeout plus ANSWER_GRACE_SECONDS, or QUERY_TIMEOUT.
    """
    # Compiled text comes from graph.mapping's fixed fragments; values are parameters.
    query = Query(cypher, timeout=settings.query_timeout_seconds)
    deadline = time.monotonic() + RETRY_SECONDS
    delay = 0.05
    while True:
        budget = asyncio.timeout(settings.query_timeout_seconds + ANSWER_GRACE_SECONDS)
        try:
            async with budget:
                return await _rows(driver, settings, query, params)
        except TimeoutError as error:
            if not budget.expired():
                raise
            # Cancelled, the session kills its connection; Neo4j has terminated the
            # transaction already and drops the statement once it checks.
            raise QueryTimeout("The query took too long and was stopped.") from error
        except ClientError as error:
            if "TimedOut" in (error.code or "") or "Timeout" in (error.code or ""):
                raise QueryTimeout(
                    "The query took too long and was stopped."
                ) from error
            raise
        except TransientError as error:
            if "Timeout" in (error.code or "") or "terminated" in (error.message or ""):
                raise QueryTimeout(
                    "The query took too long and was stopped."
                ) from error
            failure: Exception = error
        except DriverError as error:
            # ServiceUnavailable, SessionExpired …: a pooled connection that died
            # with a restarted Neo4j fails once; the driver then drops the pool, so
            # a quick retry gets a fresh connection.
            failure = error
        if time.monotonic() + delay > deadline:
            raise DatabaseUnavailable(
                "The graph database is unavailable or busy; try again shortly."
            ) from failure
        await asyncio.sleep(delay)
        delay = min(delay * 2, 0.4)


async def _rows(
    driver: AsyncDriver, settings: Settings, query: Query, params: dict[str, Any]
) -> list[dict[str, Any]]:
    async with driver.session(
        database=settings.neo4j_database,
        default_access_mode=READ_ACCESS,
        bookmark_manager=driver.execute_query_bookmark_manager,
    ) as session:
        result = await session.run(query, params)
        # Compiled queries return maps and lists, never nodes: the values need none
        # of Record.data()'s recursive conversion (a third of the CPU for 50 rows).
        return [
            dict(zip(record.keys(), record.values(), strict=True))
            async for record in result
        ]


T = TypeVar("T")


async def write(
    driver: AsyncDriver,
    settings: Settings,
    work: Callable[[AsyncManagedTransaction], Awaitable[T]],
) -> T:
    """Run `work` as one WRITE transaction, retried whole on transient errors.

    The session shares execute_query's bookmark manager, so a read sent right after
    sees this write even on a cluster. Errors raised by `work` roll everything back.

    Retries are ours, not the driver's: its loop retried a lost connection for
    10 s with backoff, so writes in flight when Neo4j died took 13-22 s to fail
    while new ones failed in 0.78 s. Now a deadlock or other transient error is
    retried until the query timeout, a lost connection for RETRY_SECONDS like a
    read, and the whole write answers within the query timeout plus
    ANSWER_GRACE_SECONDS. A write whose commit was cut off may or may not be
    stored; a retry with the same idempotency key replays it if it is.
    """
    transaction = unit_of_work(timeout=settings.query_timeout_seconds)(work)
    began = time.monotonic()
    deadline = began + settings.query_timeout_seconds
    delay = 0.05
    budget = asyncio.timeout(settings.query_timeout_seconds + ANSWER_GRACE_SECONDS)
    try:
        async with budget:
            while True:
                try:
                    return await _write_once(driver, settings, transaction)
                except TransientError as error:
                    if "Timeout" in (error.code or ""):
                        raise QueryTimeout(
                            "The write took too long and was stopped."
                        ) from error
                    failure: Exception = error
                    retry_until = deadline
                except (ServiceUnavailable, SessionExpired) as error:
                    failure = error
                    retry_until = began + RETRY_SECONDS
                if time.monotonic() + delay > retry_until:
                    raise failure
                await asyncio.sleep(delay)
                delay = min(delay * 2, 0.4)
    except TimeoutError as error:
        if not budget.expired():
            raise
        raise QueryTimeout(
            "The write took too long and was stopped; it may or may not be "
            "stored: retry with the same idempotencyKey."
        ) from error
    except (ServiceUnavailable, SessionExpired) as error:
        raise DatabaseUnavailable(
            "The graph database is unavailable; try again shortly."
        ) from error
    except TransientError as error:
        raise DatabaseUnavailable(
            "The graph database is busy; try again shortly."
        ) from error
    except ClientError as error:
        if "Timeout" in (error.code or ""):
            raise QueryTimeout("The write took too long and was stopped.") from error
        raise
    except DriverError as error:
        raise DatabaseUnavailable(
            "The graph database is unavailable; try again shortly."
        ) from error


async def _write_once(
    driver: AsyncDriver,
    settings: Settings,
    transaction: Callable[[AsyncManagedTransaction], Awaitable[T]],
) -> T:
    async with driver.session(
        database=settings.neo4j_database,
        bookmark_manager=driver.execute_query_bookmark_manager,
        # write() retries; the driver's own loop ignored any deadline.
        max_transaction_retry_time=0,
    ) as session:
        return await session.execute_write(transaction)
