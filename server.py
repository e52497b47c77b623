"""The composition root: the app from its Settings, and the commands that serve it.

`create_app(settings)` builds the schema for those settings and the Starlette app
around it (httpapi): GraphQL (GraphiQL on GET, its files under /graphiql/assets) at
/graphql, the explorer page at /, health and readiness probes. `uvicorn server:app`
serves it against NEO4J_URI (or the local launcher's port); `python -m server`
(behind `make run`) also starts the local Neo4j and seeds it.
"""

from __future__ import annotations

import socket
import sys
from typing import Any, Literal

from starlette.applications import Starlette

import telemetry
from execution.responses import CompiledResponses
from httpapi import graphiql_assets
from httpapi.app import starlette_app
from httpapi.graphql import TreatyGraphQL
from httpapi.persisted import Documents
from model.nodes import MODEL
from model.vocabulary import Model
from schema.root import build_schema
from settings import Settings
from web.routes import routes as explorer_routes


def create_app(settings: Settings | None = None, model: Model = MODEL) -> Starlette:
    """Build the app and its schema from these Settings (and a model: tests may
    pass a fixture's); tests pass their own settings."""
    settings = settings or Settings.from_env()
    schema = build_schema(settings, model)
    compiled = (
        CompiledResponses(schema.graphql_schema, settings)
        if settings.compiled_responses
        else None
    )
    # Without introspection GraphiQL could not work, so it is not served either.
    ide: Literal["graphiql"] | None = "graphiql" if settings.introspection else None
    documents = Documents.from_settings(settings)
    # A browser page on another origin may open the subscriptions' websocket only
    # when CORS lets it call the API at all.
    graphql = TreatyGraphQL(
        schema,
        compiled,
        documents,
        graphql_ide=ide,
        allowed_origins=settings.cors_origins,
    )
    ide_routes = graphiql_assets.routes if ide else []
    return starlette_app(settings, graphql, [*explorer_routes, *ide_routes])


def __getattr__(name: str) -> Any:
    # `uvicorn server:app` reads settings only when the app is first asked for.
    if name == "app":
        from settings import SettingsError

        try:
            settings = Settings.from_env()
            telemetry.configure_logging(settings.log_format, settings.log_level)
            return create_app(settings)
        except SettingsError as error:
            # One line naming the variable, not a traceback from inside uvicorn.
            print(f"configuration error: {error}", file=sys.stderr)  # noqa: T201 - CLI
            raise SystemExit(2) from None
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
    """Serve the API with API_WORKERS processes on API_HOST:API_PORT until stopped.

    Every process speaks HTTP through httpapi.connections: deadlines for request
    headers and bodies, and a cap on open connections (503 past it).
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from httpapi.connections import connection_limits, uvicorn_protocol

    # Raised here, inherited by the workers (rlimits survive fork and exec).
    http = uvicorn_protocol(connection_limits(settings))
    if settings.api_workers == 1:
        uvicorn.run(
            create_app(settings),
            host=settings.api_host,
            port=settings.api_port,
            http=http,
            log_config=None,  # keep the handlers telemetry.configure_logging set
        )
        return
    # Each worker imports `server:app`, which reads the same environment; the
    # protocol (and its limits) reaches it pickled inside the Config.
    config = uvicorn.Config(
        "server:app",
        host=settings.api_host,
        port=settings.api_port,
        workers=settings.api_workers,
        http=http,
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
            labels, _, version, _ = loader.load(settings)
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
