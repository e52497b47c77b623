"""Latency and throughput of curation writes over HTTP (not a timed test).

Serves the app under uvicorn with a throwaway curator key, against the Neo4j that
settings point at (seeded), sends N sequential then N concurrent recordStatement
mutations (each with a new source, all on behalf of one state, so they contend for
its lock), checks exactly N were stored each time, then deletes what it wrote.

Usage: NEO4J_LOCAL_PORT=7720 python bench/curation_writes.py [N] [PORT]   (default 100, 8121)
"""

from __future__ import annotations

import asyncio
import dataclasses
import statistics
import sys
import threading
import time
import uuid
from typing import Any

import httpx2
import uvicorn
from neo4j import GraphDatabase

from graph import queries
from httpapi.auth import hash_key, new_key
from server import create_app
from settings import ApiKey, Settings

STATEMENT = """
mutation($k: String!, $in: StatementInput!) {
  recordStatement(idempotencyKey: $k, input: $in) { replayed statement { key } }
}"""
STATE = "MMR"


def body(run: str, i: int) -> dict[str, Any]:
    key = f"{run}-{i}"
    return {
        "query": STATEMENT,
        "variables": {
            "k": f"{key}-idem",
            "in": {
                "key": key,
                "kind": "ANNOUNCEMENT",
                "title": f"Benchmark statement {key}",
                "date": "2026-01-01",
                "countries": [STATE],
                "newSources": [
                    {
                        "id": f"{key}-src",
                        "url": f"https://example.test/bench/{key}",
                        "publisher": "treatygraph bench",
                        "kind": "NEWS",
                    }
                ],
            },
        },
    }


async def send(
    url: str,
    key: str,
    bodies: list[dict[str, Any]],
    concurrent: bool,
    concurrency: int | None = None,
) -> tuple[float, list[float]]:
    """Wall time and sorted latencies (ms); concurrent sends go over at most
    `concurrency` connections (default: one per body)."""
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx2.Limits(max_connections=concurrency or len(bodies))
    latencies: list[float] = []
    async with httpx2.AsyncClient(base_url=url, limits=limits, timeout=300) as client:

        async def one(b: dict[str, Any]) -> None:
            began = time.perf_counter()
            response = await client.post("/graphql", json=b, headers=headers)
            latencies.append((time.perf_counter() - began) * 1000)
            assert "errors" not in response.json(), response.text

        began = time.perf_counter()
        if concurrent:
            await asyncio.gather(*(one(b) for b in bodies))
        else:
            for b in bodies:
                await one(b)
        return time.perf_counter() - began, sorted(latencies)


def serve(
    settings: Settings, port: int, http: Any = "auto"
) -> tuple[uvicorn.Server, threading.Thread] | None:
    """The app under uvicorn in a thread, once it listens (None if it cannot);
    `http`: uvicorn's protocol (httpapi.connections' guarded one, as served)."""
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            http=http,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            print(f"uvicorn could not start on port {port}", file=sys.stderr)
            return None
        time.sleep(0.05)
    return server, thread


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8121
    key = new_key()
    settings = dataclasses.replace(
        Settings.from_env(),
        api_keys=(ApiKey("bench", "curator", hash_key(key)),),
        write_queue_seconds=600,
        # Measured, not limited: the per-key write rate is tried in tests/test_keys.
        curation_rate=10_000,
        curation_burst=100_000,
        # All n writes come with one key at once: not the per-client limit's case.
        client_concurrency=max(n, 1),
        client_active=max(n, 1),
    )
    started = serve(settings, port)
    if started is None:
        return 1
    server, thread = started
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    password = settings.neo4j_password
    auth = (settings.neo4j_user, str(password)) if password is not None else None
    try:
        with GraphDatabase.driver(settings.bolt_uri, auth=auth) as db:
            for mode in ("sequential", "concurrent"):
                run = f"{prefix}-{mode}"
                bodies = [body(run, i) for i in range(n)]
                url = f"http://127.0.0.1:{port}"
                wall, lat = asyncio.run(send(url, key, bodies, mode == "concurrent"))
                stored, _, _ = db.execute_query(
                    "MATCH (c:Curation)-[:WROTE]->(:Statement) "
                    "WHERE c.idempotencyKey STARTS WITH $run RETURN count(*) AS n",
                    run=run,
                )
                print(
                    f"{mode:>10}: {n} writes in {wall:.2f} s ({n / wall:.1f}/s); "
                    f"latency p50 {statistics.median(lat):.0f} ms, "
                    f"p95 {lat[int(0.95 * len(lat)) - 1]:.0f} ms; "
                    f"stored {stored[0]['n']}"
                )
            db.execute_query(
                queries.FORGET_CURATIONS,
                p=prefix,
            )
    finally:
        server.should_exit = True
        thread.join(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
