"""The Starlette app: GraphQL (GraphiQL on GET) at /graphql, the explorer page at /,
health and readiness probes.

`uvicorn server:app` serves it against NEO4J_URI (or the local launcher's port);
`python -m server` (behind `make run`) also starts the local Neo4j and seeds it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import socket
import sys
from collections.abc import AsyncIterator
from typing import Any, Literal, TypedDict

from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.http.parse_content_type import parse_content_type
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

import telemetry
from graph import driver as db
from graph import queries
from graph.driver import open_driver
from graph.errors import TreatygraphError
from resolvers import encoding, responses
from resolvers.auth import credentials
from resolvers.context import Context
from resolvers.errors import coded
from resolvers.http_limits import BodySizeLimit
from schema.graphiql import graphiql_html
from schema.root import schema
from settings import Settings
from telemetry import RequestTelemetry
from web.routes import routes as explorer_routes

log = logging.getLogger("treatygraph")

# Curation writes in flight at once. Concurrent writes touching the same people or
# states queue on Neo4j's locks while holding pooled connections; queueing here
# instead keeps the pool free for reads.
WRITE_CONCURRENCY = 8


class State(TypedDict):
    driver: AsyncDriver
    settings: Settings
    write_gate: asyncio.Semaphore


@functools.lru_cache(maxsize=64)
def _mime_type(content_type: str) -> str:
    """The media type of a Content-Type header, parsed as Strawberry parses it."""
    return parse_content_type(content_type)[0]


class TreatyGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app with our per-request context.

    A POSTed JSON query whose root fields are all compiled is answered by
    resolvers.responses straight from its Cypher rows; everything else, and
    anything that path declines, goes through Strawberry and graphql-core.
    """

    async def run(
        self, request: Any, context: Any = UNSET, root_value: Any = UNSET
    ) -> Any:
        if (
            isinstance(request, Request)
            and request.method == "POST"
            and request.state.settings.compiled_responses
            # Exactly the requests Strawberry would read as one JSON body, not a stream.
            and "application/json"
            in _mime_type(request.headers.get("content-type", ""))
            and self._get_stream_transport_from_headers(request.headers) is None
        ):
            context = await self.get_context(request)
            try:
                body = encoding.loads(await request.body())
            except ValueError:
                body = None  # Strawberry answers 400
            answered = await responses.answer(schema._schema, body, context)
            if answered is not None:
                telemetry.record_completion("compiled")
                return Response(
                    self.encode_json(answered), media_type="application/json"
                )
        return await super().run(request, context, root_value)

    async def process_result(
        self, request: Any, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        telemetry.record_completion("graphql")
        # Parse errors leave the schema extensions before they can code them.
        if result.errors:
            result.errors = [coded(error) for error in result.errors]
            telemetry.record_errors(
                [str((e.extensions or {}).get("code")) for e in result.errors]
            )
        return await super().process_result(request, result)

    def encode_json(self, data: object) -> bytes:
        return encoding.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return encoding.loads(data)

    async def render_graphql_ide(self, request: Any) -> HTMLResponse:
        return HTMLResponse(graphiql_html())

    async def get_context(self, request: Any, response: Any = None) -> Context:
        settings: Settings = request.state.settings
        asked = request.headers.get("x-debug", "").lower() in {"1", "true"}
        # TREATYGRAPH_DEBUG_HEADER=false: production ignores X-Debug.
        debug = settings.debug or (settings.debug_header and asked)
        return Context(
            driver=request.state.driver,
            settings=settings,
            debug=debug,
            credentials=credentials(settings.api_keys, request.headers),
            write_gate=request.state.write_gate,
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
        yield {
            "driver": driver,
            "settings": settings,
            "write_gate": asyncio.Semaphore(WRITE_CONCURRENCY),
        }
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


def middleware(settings: Settings) -> list[Middleware]:
    """Outermost first: telemetry sees every response (413s and CORS refusals too),
    CORS only when origins are configured, the body size limit, then gzip."""
    stack = [Middleware(RequestTelemetry)]
    if settings.cors_origins:
        stack.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_credentials=settings.cors_credentials,
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Content-Type", "Authorization", "X-Api-Key", "X-Debug"],
                expose_headers=["X-Request-Id"],
                max_age=600,
            )
        )
    stack.append(Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes))
    # The map outlines and big answers shrink about 3x. Level 6 (zlib's default)
    # compresses within a few percent of Starlette's 9 at a fraction of the CPU.
    stack.append(Middleware(GZipMiddleware, minimum_size=1024, compresslevel=6))
    return stack


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the app; tests pass their own Settings."""
    settings = settings or Settings.from_env()
    # Without introspection GraphiQL could not work, so it is not served either.
    ide: Literal["graphiql"] | None = "graphiql" if settings.introspection else None
    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", telemetry.metrics),
            # A Route, not a Mount: POST /graphql must not redirect to /graphql/.
            Route("/graphql", TreatyGraphQL(schema, graphql_ide=ide)),
            *explorer_routes,
        ],
        middleware=middleware(settings),
        lifespan=lifespan,
    )
    app.state.settings = settings
    return app


def __getattr__(name: str) -> Any:
    # `uvicorn server:app` reads settings only when the app is first asked for.
    if name == "app":
        from settings import SettingsError

        try:
            settings = Settings.from_env()
        except SettingsError as error:
            # One line naming the variable, not a traceback from inside uvicorn.
            print(f"configuration error: {error}", file=sys.stderr)  # noqa: T201 - CLI
            raise SystemExit(2) from None
        telemetry.configure_logging(settings.log_format, settings.log_level)
        return create_app(settings)
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
            create_app(settings),
            host=settings.api_host,
            port=settings.api_port,
            log_config=None,  # keep the handlers telemetry.configure_logging set
        )
        return
    # Each worker imports `server:app`, which reads the same environment.
    config = uvicorn.Config(
        "server:app",
        host=settings.api_host,
        port=settings.api_port,
        workers=settings.api_workers,
        log_config=None,  # each worker's `server:app` import configures logging
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

    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"configuration error: {error}", file=sys.stderr)  # noqa: T201 - CLI
        return 2
    telemetry.configure_logging(settings.log_format, settings.log_level)
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
