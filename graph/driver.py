"""The only place an AsyncDriver is built, and the one way reads reach Neo4j."""

from __future__ import annotations

from typing import Any

from neo4j import READ_ACCESS, AsyncDriver, AsyncGraphDatabase, Query
from neo4j.exceptions import (
    ClientError,
    DriverError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import DatabaseUnavailable, QueryTimeout
from settings import Settings


def open_driver(settings: Settings) -> AsyncDriver:
    """One driver per process: it is safe to share across concurrent coroutines."""
    password = settings.neo4j_password
    auth = (settings.neo4j_user, str(password)) if password is not None else None
    return AsyncGraphDatabase.driver(
        settings.bolt_uri,
        auth=auth,
        # Fail fast when Neo4j is down: a request should answer DATABASE_UNAVAILABLE
        # within about two seconds, not hang in the driver's retry loop.
        connection_timeout=1.5,
        connection_acquisition_timeout=2.0,
        max_transaction_retry_time=1.0,
        max_connection_pool_size=64,
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
    (bench/results.md: about 0.5 ms of CPU and one network wait per request).
    """
    # Compiled text comes from graph.mapping's fixed fragments; values are parameters.
    query = Query(cypher, timeout=settings.query_timeout_seconds)
    try:
        async with driver.session(
            database=settings.neo4j_database, default_access_mode=READ_ACCESS
        ) as session:
            result = await session.run(query, params)
            # Compiled queries return maps and lists, never nodes: the values need none
            # of Record.data()'s recursive conversion (a third of the CPU for 50 rows).
            rows = [
                dict(zip(record.keys(), record.values(), strict=True))
                async for record in result
            ]
    except (ServiceUnavailable, SessionExpired) as error:
        raise DatabaseUnavailable(
            "The graph database is unavailable; try again shortly."
        ) from error
    except TransientError as error:
        if "Timeout" in (error.code or "") or "terminated" in (error.message or ""):
            raise QueryTimeout("The query took too long and was stopped.") from error
        raise DatabaseUnavailable(
            "The graph database is busy; try again shortly."
        ) from error
    except ClientError as error:
        if "TransactionTimedOut" in (error.code or "") or "Timeout" in (
            error.code or ""
        ):
            raise QueryTimeout("The query took too long and was stopped.") from error
        raise
    except DriverError as error:
        raise DatabaseUnavailable(
            "The graph database is unavailable; try again shortly."
        ) from error
    return rows
