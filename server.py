"""The Starlette app: GraphQL (GraphiQL on GET) at /graphql, health and readiness probes.

`uvicorn server:app` serves it against NEO4J_URI (or the local launcher's port);
`python -m server` (behind `make run`) also starts the local Neo4j and seeds it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import sys
from collections.abc import AsyncIterator
from typing import Any, TypedDict

from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from graph import driver as db
from graph import queries
from graph.driver import open_driver
from graph.errors import TreatygraphError
from resolvers.context import Context
from resolvers.errors import coded
from schema.root import schema
from settings import Settings

log = logging.getLogger("treatygraph")


class State(TypedDict):
    driver: AsyncDriver
    settings: Settings


class TreatyGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app with our per-request context."""

    async def process_result(
        self, request: Any, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Parse errors leave the schema extensions before they can code them.
        if result.errors:
            result.errors = [coded(error) for error in result.errors]
        return await super().process_result(request, result)

    async def get_context(self, request: Any, response: Any = None) -> Context:
        settings: Settings = request.state.settings
        debug = settings.debug or request.headers.get("x-debug", "").lower() in {
            "1",
            "true",
        }
        return Context(
            driver=request.state.driver,
            settings=settings,
            debug=debug,
        )


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[State]:
    """One AsyncDriver for the process, closed on shutdown."""
    settings: Settings = app.state.settings
    driver = open_driver(settings)
    try:
        await driver.verify_connectivity()
    except Exception as error:
        log.warning("Neo4j not reachable at start-up (%s); /readyz will say so", error)
    try:
        yield {"driver": driver, "settings": settings}
    finally:
        await driver.close()


async def healthz(request: Request) -> Response:
    """The process is up (says nothing about Neo4j)."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Neo4j answers and the dataset is loaded."""
    try:
        rows = await db.read(
            request.state.driver, request.state.settings, queries.DATASET, {}
        )
    except TreatygraphError as error:
        return JSONResponse(
            {"status": "unavailable", "code": error.code}, status_code=503
        )
    version = rows[0]["version"] if rows else None
    if version is None:
        return JSONResponse({"status": "not seeded", "database": "ok"}, status_code=503)
    return JSONResponse(
        {"status": "ready", "database": "ok", "datasetVersion": version}
    )


async def home(request: Request) -> Response:
    return RedirectResponse("/graphql")


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the app; tests pass their own Settings."""
    app = Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            # A Route, not a Mount: POST /graphql must not redirect to /graphql/.
            Route("/graphql", TreatyGraphQL(schema, graphql_ide="graphiql")),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings or Settings.from_env()
    return app


def __getattr__(name: str) -> Any:
    # `uvicorn server:app` reads settings only when the app is first asked for.
    if name == "app":
        return create_app()
    raise AttributeError(name)


def tcp_listener(host: str, port: int) -> socket.socket:
    """The listening socket for several workers, created as TCP explicitly.

    uvicorn's own socket for `--workers` has protocol 0, so asyncio does not set
    TCP_NODELAY on the connections it accepts; a keep-alive client then waits ~40 ms
    (Nagle + delayed ACK) for every response body (bench/results.md shows it).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def serve(settings: Settings) -> None:
    """Serve the API with API_WORKERS processes on API_HOST:API_PORT until stopped."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    if settings.api_workers == 1:
        uvicorn.run(
            create_app(settings), host=settings.api_host, port=settings.api_port
        )
        return
    # Each worker imports `server:app`, which reads the same environment.
    config = uvicorn.Config(
        "server:app",
        host=settings.api_host,
        port=settings.api_port,
        workers=settings.api_workers,
    )
    Multiprocess(
        config, sockets=[tcp_listener(settings.api_host, settings.api_port)]
    ).run()


def main(argv: list[str]) -> int:
    """`make run`: local Neo4j (unless NEO4J_URI is set), seed, serve; Ctrl-C stops both.

    `python -m server serve` only serves (the database is already up and seeded).
    """
    from graph import launcher
    from seeds import loader
    from settings import SettingsError

    logging.basicConfig(level=logging.INFO)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"configuration error: {error}", file=sys.stderr)  # noqa: T201 - CLI
        return 2
    if argv == ["serve"]:
        serve(settings)
        return 0
    if argv:
        print("usage: python -m server [serve]", file=sys.stderr)  # noqa: T201 - CLI
        return 2
    try:
        with launcher.running(settings):
            labels, _, version = loader.load(settings)
            print(  # noqa: T201 - CLI
                f"Seeded dataset {version} ({sum(labels.values())} nodes). "
                f"GraphiQL: http://{settings.api_host}:{settings.api_port}/graphql"
            )
            serve(settings)
    except (launcher.LauncherError, loader.SeedError) as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - CLI
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
