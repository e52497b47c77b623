"""The only place an AsyncDriver is built, and the one way reads reach Neo4j."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase, Query, RoutingControl
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
    """Run one read query in a READ transaction; map driver failures to coded errors."""
    # Compiled text comes from graph.mapping's fixed fragments; values are parameters.
    query = Query(cypher, timeout=settings.query_timeout_seconds)
    try:
        records, _, _ = await driver.execute_query(
            query,
            params,
            routing_=RoutingControl.READ,
            database_=settings.neo4j_database,
        )
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
    return [record.data() for record in records]
