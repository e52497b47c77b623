"""The floor: the exact Cypher treatygraph compiles for Q1-Q5, with no GraphQL layer.

At start-up each question is run once through the real schema in-process, and the
statement and parameters `graph.driver.read` is handed are recorded (the same objects,
dates included). Requests then run that statement through the same `graph.driver.read`
(async driver, READ transaction) and return its `result` as JSON over HTTP (encoded as
treatygraph encodes its responses, httpapi.encoding), so the same load generator
measures it with the same HTTP + JSON costs the GraphQL servers pay.

`python -m bench.floor` serves it the way `python -m server serve` serves the API
(API_HOST, API_PORT, API_WORKERS, and the same TCP listener for several workers).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bench.queries import QUESTIONS
from execution.context import Context
from execution.statistics import Statistics
from graph import driver as db
from graph.driver import open_driver
from httpapi import encoding
from schema.root import build_schema
from settings import Settings

Compiled = tuple[str, dict[str, Any]]


@contextlib.contextmanager
def _recording(into: list[Compiled]) -> Iterator[None]:
    """Record every (cypher, params) the resolvers send, while still running them."""
    original = db.read

    async def read(
        driver: AsyncDriver, settings: Settings, cypher: str, params: dict[str, Any]
    ) -> list[dict[str, Any]]:
        into.append((cypher, dict(params)))
        return await original(driver, settings, cypher, params)

    db.read = read
    try:
        yield
    finally:
        db.read = original


async def compile_questions(
    driver: AsyncDriver, settings: Settings
) -> dict[str, Compiled]:
    """The one statement treatygraph sends for each question (fails if it sends more)."""
    compiled: dict[str, Compiled] = {}
    schema = build_schema(settings)
    # Without the data's statistics every list would count a full page, over the limit.
    stats = Statistics(driver, settings.neo4j_database)
    await stats.refresh()
    for question in QUESTIONS:
        sent: list[Compiled] = []
        with _recording(sent):
            result = await schema.execute(
                question.ours,
                context_value=Context(
                    driver=driver, settings=settings, statistics=stats
                ),
            )
        if result.errors or len(sent) != 1:
            raise RuntimeError(
                f"{question.name}: errors {result.errors}, {len(sent)} statements"
            )
        compiled[question.name] = sent[0]
    return compiled


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
    settings = Settings.from_env()
    driver = open_driver(settings)
    try:
        compiled = await compile_questions(driver, settings)
        yield {"driver": driver, "settings": settings, "compiled": compiled}
    finally:
        await driver.close()


async def run(request: Request) -> Response:
    """Run one question's compiled Cypher; the body is ignored."""
    name = request.path_params["name"]
    compiled: dict[str, Compiled] = request.state.compiled
    if name not in compiled:
        return JSONResponse({"error": f"unknown question {name}"}, status_code=404)
    cypher, params = compiled[name]
    rows = await db.read(request.state.driver, request.state.settings, cypher, params)
    # Keyset cursor values (`__c`) may hold Neo4j dates; ours encodes them, here str() does.
    body = encoding.dumps({"data": rows[0]["result"] if rows else None})
    return Response(body, media_type="application/json")


async def cypher(request: Request) -> Response:
    """The compiled statements, for results.md and PROFILE runs."""
    compiled: dict[str, Compiled] = request.state.compiled
    return JSONResponse({name: text for name, (text, _) in compiled.items()})


app = Starlette(
    routes=[
        Route("/q/{name}", run, methods=["GET", "POST"]),
        Route("/cypher", cypher),
    ],
    lifespan=lifespan,
)


def main() -> int:
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from server import tcp_listener

    settings = Settings.from_env()
    if settings.api_workers == 1:
        uvicorn.run(app, host=settings.api_host, port=settings.api_port)
        return 0
    config = uvicorn.Config(
        "bench.floor:app",
        host=settings.api_host,
        port=settings.api_port,
        workers=settings.api_workers,
    )
    Multiprocess(
        config, sockets=[tcp_listener(settings.api_host, settings.api_port)]
    ).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
