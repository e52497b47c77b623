"""CPU per request, in-process: compiled responses, graphql-core's path, the floor.

wrk's figures move with whatever else the two cores are doing; the CPU time this
process spends per request is steadier, and it is what throughput at high
concurrency follows. Each ASGI app is driven here without sockets, over one driver
and one Neo4j: treatygraph as served (compiled responses), treatygraph with
TREATYGRAPH_COMPILED_RESPONSES=false (graphql-core completes every response), and
the floor (bench/floor.py's app, the same Cypher with no GraphQL layer). Rounds
alternate the three; the medians over rounds are reported, with their ratios.

    python -m bench.cpu [--smoke] [--external-neo4j] [--neo4j-port 7701]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import statistics
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message

import bench.floor as floor
from bench.contestants import REPO
from bench.queries import QUESTIONS, TODAY
from bench.run import neo4j
from execution.context import Context
from execution.plans import parameters
from execution.responses import CompiledResponses
from graph import driver as db
from httpapi import encoding
from seeds import loader
from settings import Settings

PATHS = ("compiled", "graphql", "floor")


async def request(app: ASGIApp, state: dict[str, Any], path: str, body: bytes) -> bytes:
    """One POST through the app, as uvicorn would hand it over; the response body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"host", b"bench")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": dict(state),
    }
    sent = False
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return b"".join(chunks)


@contextlib.asynccontextmanager
async def apps(settings: Settings) -> AsyncIterator[dict[str, tuple[Any, ...]]]:
    """The three apps, each with its lifespan state: (app, state, path template)."""
    from server import create_app

    compiled = create_app(settings)
    graphql = create_app(dataclasses.replace(settings, compiled_responses=False))
    async with (
        compiled.router.lifespan_context(compiled) as compiled_state,
        graphql.router.lifespan_context(graphql) as graphql_state,
    ):
        assert compiled_state is not None
        assert graphql_state is not None
        driver = compiled_state["driver"]
        floor_state = {
            "driver": driver,
            "settings": settings,
            "compiled": await floor.compile_questions(driver, settings),
        }
        yield {
            "compiled": (compiled, dict(compiled_state), "/graphql"),
            "graphql": (graphql, dict(graphql_state), "/graphql"),
            "floor": (floor.app, floor_state, "/q/{name}"),
        }


async def measure(
    settings: Settings, requests: int, rounds: int
) -> dict[str, dict[str, Any]]:
    """Per question and path: median CPU and wall milliseconds per request."""
    out: dict[str, dict[str, Any]] = {}
    async with apps(settings) as contestants:
        for q in QUESTIONS:
            ours = encoding.dumps({"query": q.ours})
            bodies = {"compiled": ours, "graphql": ours, "floor": b"{}"}
            answers = {}
            for name in PATHS:
                app, state, path = contestants[name]
                for _ in range(max(20, requests // 2)):  # warm caches and Neo4j's JIT
                    body = await request(
                        app, state, path.format(name=q.name), bodies[name]
                    )
                answers[name] = encoding.loads(body)
            if answers["compiled"] != answers["graphql"]:
                raise RuntimeError(f"{q.name}: the two paths answer differently")
            cpu: dict[str, list[float]] = {name: [] for name in PATHS}
            wall: dict[str, list[float]] = {name: [] for name in PATHS}
            for _ in range(rounds):
                for name in PATHS:
                    app, state, path = contestants[name]
                    target = path.format(name=q.name)
                    c0, w0 = time.process_time(), time.perf_counter()
                    for _ in range(requests):
                        await request(app, state, target, bodies[name])
                    cpu[name].append((time.process_time() - c0) / requests * 1000)
                    wall[name].append((time.perf_counter() - w0) / requests * 1000)
            out[q.name] = {
                name: {
                    "cpu_ms": statistics.median(cpu[name]),
                    "wall_ms": statistics.median(wall[name]),
                }
                for name in PATHS
            }
            out[q.name]["parts_us"] = await parts(
                contestants["compiled"][1],
                settings,
                q.ours,
                answers["compiled"],
                requests,
            )
            row = out[q.name]
            print(
                f"  {q.name}: CPU ms/request compiled {row['compiled']['cpu_ms']:.3f}, "
                f"graphql-core {row['graphql']['cpu_ms']:.3f}, "
                f"floor {row['floor']['cpu_ms']:.3f}",
                flush=True,
            )
    return out


async def parts(
    state: dict[str, Any], settings: Settings, query: str, body: Any, repeats: int
) -> dict[str, float]:
    """Microseconds for two steps of a compiled response, each timed alone: the
    completer over the question's rows, and encoding the body (orjson, and the
    standard library's `json` as Strawberry encodes by default)."""
    from schema.root import build_schema

    responses = CompiledResponses(build_schema(settings).graphql_schema, settings)
    prepared = responses.prepare(query, None)
    bound = responses.bind(prepared, None) if prepared is not None else None
    if bound is None or len(bound.roots) != 1:
        raise RuntimeError("a benchmark question is not one compiled root field")
    root, (_, complete) = bound.roots[0], bound.completers[0]
    plan = root.plan
    assert plan is not None
    assert complete is not None
    context = Context(driver=state["driver"], settings=settings)
    params = parameters(plan, root.leaves, context)
    rows = await db.read(context.driver, settings, plan.cypher, params)
    result = rows[0]["result"]
    repeats = max(repeats, 50)

    def timed(step: Callable[[], object]) -> float:
        started = time.perf_counter()
        for _ in range(repeats):
            step()
        return (time.perf_counter() - started) / repeats * 1e6

    return {
        "complete": timed(lambda: complete(result)),
        "orjson": timed(lambda: encoding.dumps(body)),
        "json": timed(lambda: json.dumps(body, separators=(",", ":"))),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="a few requests only")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--neo4j-port", type=int, default=7701)
    parser.add_argument("--neo4j-home", type=Path, default=REPO / ".neo4j" / "bench")
    parser.add_argument("--external-neo4j", action="store_true")
    parser.add_argument("--requests", type=int, default=400, help="per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if args.smoke:
        args.requests, args.rounds = 10, 1
    began = time.monotonic()
    with neo4j(
        args.neo4j_port, args.neo4j_home, external=args.external_neo4j
    ) as settings:
        loader.load(settings, reset=True)
        pinned = dataclasses.replace(
            settings,
            as_of=Settings.from_env({"TREATYGRAPH_AS_OF": TODAY}).as_of,
            log_level="WARNING",
        )
        print(f"CPU per request, in-process: {args.rounds} round(s) of {args.requests}")
        results = asyncio.run(measure(pinned, args.requests, args.rounds))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "cpu.json"
    command = "python -m bench.cpu " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    path.write_text(
        json.dumps(
            {
                "command": command.strip(),
                "requests": args.requests,
                "rounds": args.rounds,
                "questions": results,
            },
            indent=1,
        )
    )
    print(f"wrote {path} in {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
