"""How long a curation takes to reach a `changes` subscriber (not a timed test).

Serves the app under uvicorn with the served connection protocol, a throwaway
curator key and the configured TREATYGRAPH_CHANGES_POLL_SECONDS, subscribes to one
treaty over graphql-transport-ws, records N signatures for Myanmar (no seeded
events) one after another, and times each from its HTTP answer to its message; then
stops the server with the subscription still open, and deletes what it wrote.

Usage: NEO4J_LOCAL_PORT=7720 python bench/changes_latency.py [N] [PORT]   (default 20, 8122)
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import statistics
import sys
import time
import uuid

import httpx2
import websockets
from neo4j import GraphDatabase

from bench.curation_writes import serve
from graph import queries
from httpapi.auth import hash_key, new_key
from httpapi.connections import connection_limits, uvicorn_protocol
from settings import ApiKey, Settings

STATE = "MMR"
EVENT = (
    "mutation($k: String!, $in: TreatyEventInput!) "
    "{ recordTreatyEvent(idempotencyKey: $k, input: $in) { curation { key } } }"
)
SUBSCRIBE = 'subscription { changes(treaty: "ccm") { key } }'


async def measure(url: str, key: str, prefix: str, n: int) -> list[float]:
    """Seconds from each write's answer to its change's message."""
    socket = await websockets.connect(
        f"ws{url.removeprefix('http')}/graphql",
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
    )
    await socket.send(json.dumps({"type": "connection_init"}))
    await socket.recv()
    payload = {"query": SUBSCRIBE}
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
    await asyncio.sleep(2)  # started: it delivers what commits from now on
    latencies = []
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx2.AsyncClient(base_url=url, timeout=60) as client:
        for i in range(n):
            sid = f"{prefix}-src-{i}"
            event = {
                "treaty": "ccm",
                "country": STATE,
                "kind": "SIGNATURE",
                "date": f"2026-01-{i % 28 + 1:02d}",
                "newSources": [
                    {
                        "id": sid,
                        "url": f"https://example.test/{sid}",
                        "publisher": "bench",
                        "kind": "NEWS",
                    }
                ],
            }
            variables = {"k": f"{prefix}-{i}", "in": event}
            response = await client.post(
                "/graphql",
                json={"query": EVENT, "variables": variables},
                headers=headers,
            )
            answered = time.perf_counter()
            written = response.json()["data"]["recordTreatyEvent"]["curation"]["key"]
            message = json.loads(await asyncio.wait_for(socket.recv(), 30))
            assert message["payload"]["data"]["changes"]["key"] == written, message
            latencies.append(time.perf_counter() - answered)
    return latencies  # the socket stays open: the server stops with it


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8122
    key = new_key()
    settings = dataclasses.replace(
        Settings.from_env(), api_keys=(ApiKey("bench", "curator", hash_key(key)),)
    )
    started = serve(settings, port, uvicorn_protocol(connection_limits(settings)))
    if started is None:
        return 1
    server, thread = started
    prefix = f"bench-changes-{uuid.uuid4().hex[:8]}"
    password = settings.neo4j_password
    auth = (settings.neo4j_user, str(password)) if password is not None else None
    try:
        url = f"http://127.0.0.1:{port}"
        latencies = sorted(asyncio.run(measure(url, key, prefix, n)))
        print(
            f"{n} writes, poll {settings.changes_poll_seconds:g} s: write answered "
            f"to change delivered median {statistics.median(latencies):.3f} s, "
            f"max {latencies[-1]:.3f} s"
        )
    finally:
        began = time.perf_counter()
        server.should_exit = True
        thread.join(timeout=30)
        print(
            f"server stopped with the subscription open in "
            f"{time.perf_counter() - began:.2f} s (stopped: {not thread.is_alive()})"
        )
        with GraphDatabase.driver(settings.bolt_uri, auth=auth) as db:
            db.execute_query(queries.FORGET_CURATIONS, p=prefix)
            db.execute_query(
                "MATCH (:Country {iso3: $s})-[p:PARTY_TO]->() DELETE p", s=STATE
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
