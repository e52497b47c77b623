"""The Starlette app: its lifespan (one driver), middleware and routes.

server.create_app composes it: the schema built from the same Settings, the
/graphql endpoint over it, and the explorer's routes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from typing import TypedDict

from graphql import OperationDefinitionNode, parse
from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Route, WebSocketRoute

import telemetry
from execution.rates import CurationRate
from execution.statistics import Statistics, kept_fresh
from execution.subscriptions import Subscriptions
from graph.driver import open_driver
from httpapi import feeds, probes
from httpapi.access import RequestTelemetry
from httpapi.body_limit import BodySizeLimit
from httpapi.client_limit import ClientConcurrencyLimit
from httpapi.export import export_route
from httpapi.graphql import TreatyGraphQL
from schema.examples import examples
from settings import POOL_SIZE, Settings

log = logging.getLogger("treatygraph")

# Curation writes in flight at once. Concurrent writes touching the same people or
# states queue on Neo4j's locks while holding pooled connections; queueing here
# instead keeps the pool free for reads.
WRITE_CONCURRENCY = 8
# The request headers browsers may send: ours (X-Request-Id is echoed back), and the
# ones Apollo Client sends to name itself to the server.
CORS_HEADERS = (
    "Content-Type",
    "Authorization",
    "X-Api-Key",
    "X-Debug",
    "X-Request-Id",
    "apollographql-client-name",
    "apollographql-client-version",
)


class State(TypedDict):
    driver: AsyncDriver
    settings: Settings
    write_gate: asyncio.Semaphore
    curation_rate: CurationRate
    statistics: Statistics
    subscriptions: Subscriptions


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[State]:
    """One AsyncDriver for the process, closed on shutdown, and the cost
    statistics it keeps fresh."""
    settings: Settings = app.state.settings
    active = min(settings.client_active, settings.client_concurrency)
    held = active * settings.reads_per_request
    if held >= POOL_SIZE:
        log.warning(
            "TREATYGRAPH_CLIENT_ACTIVE x TREATYGRAPH_READS_PER_REQUEST = %d: one "
            "client can hold all %d pooled connections",
            held,
            POOL_SIZE,
        )
    driver = open_driver(settings)
    try:
        await driver.verify_connectivity()
    except Exception as error:
        log.warning("Neo4j not reachable at start-up (%s); /readyz will say so", error)
    try:
        async with kept_fresh(driver, settings.neo4j_database) as stats:
            yield {
                "driver": driver,
                "settings": settings,
                "write_gate": asyncio.Semaphore(WRITE_CONCURRENCY),
                "curation_rate": CurationRate(
                    settings.curation_rate, settings.curation_burst
                ),
                "statistics": stats,
                "subscriptions": Subscriptions(settings.max_subscriptions),
            }
    finally:
        await driver.close()


def middleware(settings: Settings) -> list[Middleware]:
    """Outermost first: telemetry sees every response (413s, 429s and CORS refusals
    too) and adds the security headers; CORS only when origins are configured (so a
    429 carries its headers, and preflights are never limited); the per-client
    limit, before any body is read; the body size limit, then gzip."""
    stack = [Middleware(RequestTelemetry)]
    if settings.cors_origins:
        stack.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_credentials=settings.cors_credentials,
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=list(CORS_HEADERS),
                expose_headers=["X-Request-Id"],
                max_age=600,
            )
        )
    stack.append(
        Middleware(
            ClientConcurrencyLimit,
            max_in_flight=settings.client_concurrency,
            keys=settings.api_keys,
            max_active=settings.client_active,
        )
    )
    stack.append(Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes))
    # The map outlines and big answers shrink about 3x. Level 6 (zlib's default)
    # compresses within a few percent of Starlette's 9 at a fraction of the CPU.
    stack.append(Middleware(GZipMiddleware, minimum_size=1024, compresslevel=6))
    return stack


def starlette_app(
    settings: Settings, graphql: TreatyGraphQL, routes: Sequence[BaseRoute] = ()
) -> Starlette:
    """The app serving `graphql` at /graphql (and its CSV exports at
    /export.csv), the change feeds under /feeds, the probes, and `routes`."""
    app = Starlette(
        routes=[
            Route("/healthz", probes.healthz),
            Route("/readyz", probes.readyz),
            Route("/metrics", probes.metrics),
            # A Route, not a Mount: POST /graphql must not redirect to /graphql/.
            Route("/graphql", graphql),
            # Subscriptions (graphql-transport-ws) on the same path.
            WebSocketRoute("/graphql", graphql),
            export_route(graphql),
            *feeds.routes,
            *routes,
        ],
        middleware=middleware(settings),
        lifespan=lifespan,
    )
    app.state.settings = settings
    telemetry.count_operations(example_operations())
    return app


def example_operations() -> list[str]:
    """The operation names of the schema's examples: the ones metrics label by name."""
    return [
        definition.name.value
        for example in examples()
        for definition in parse(example.query).definitions
        if isinstance(definition, OperationDefinitionNode) and definition.name
    ]
