"""At most TREATYGRAPH_CLIENT_CONCURRENCY /graphql requests in flight per client,
of which TREATYGRAPH_CLIENT_ACTIVE run at once; the others wait their turn.

Waiting, not refusing, keeps a browser's six parallel requests working, while the
event loop and the pool see at most ACTIVE requests of any one client: a flood
from one client then shares the loop with everyone else's requests rather than
crowding them out (bench.abuse, finding 4).

A client is the configured API key it presents (by its name: the key itself is
never kept), or else its address. An unknown key counts as its address, or a client
could make itself a fresh client per request with made-up keys. So does a key stored
in Neo4j (graph.keys): knowing it would cost a read and a 3 ms KDF on every request,
where the mutations check it only when they write; its writes have their own limit
per key (execution.rates). The address is the
ASGI scope's client host; behind a proxy, uvicorn's --proxy-headers with
--forwarded-allow-ips=<the proxy> makes that the caller's (otherwise every caller
shares the proxy's one limit).

The state is per process: a count per client, whose entry leaves when its count
is back to 0, so the table holds only clients with requests in flight. With N API
processes (API_WORKERS, or replicas behind a round-robin balancer) each one limits
separately, so a client may have up to N x the limit in flight.
"""

from __future__ import annotations

import asyncio

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

import telemetry
from graph.errors import RateLimited
from httpapi.auth import authenticate, presented_key
from httpapi.refusals import refuse
from settings import ApiKey

# A slot frees when one of the client's own requests is answered, typically within
# milliseconds; 1 s is the shortest wait Retry-After can say (whole seconds).
RETRY_AFTER_SECONDS = 1
# The paths that run GraphQL (/export.csv runs its operation through /graphql).
LIMITED = frozenset({"/graphql", "/export.csv"})


class ClientConcurrencyLimit:
    """ASGI middleware: a /graphql request over its client's limit gets 429 at once,
    with Retry-After and a RATE_LIMITED error; probes and pages are never limited."""

    def __init__(
        self,
        app: ASGIApp,
        max_in_flight: int,
        keys: tuple[ApiKey, ...],
        max_active: int | None = None,
    ) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.max_active = min(max_active or max_in_flight, max_in_flight)
        self.keys = keys
        self.in_flight: dict[str, int] = {}
        # The turns of each client with requests in flight (FIFO: asyncio's own).
        self.turns: dict[str, asyncio.Semaphore] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in LIMITED:
            await self.app(scope, receive, send)
            return
        client = self.client_of(scope)
        count = self.in_flight.get(client, 0)
        if count >= self.max_in_flight:
            await self._refuse(send)
            return
        self.in_flight[client] = count + 1
        turns = self.turns.get(client)
        if turns is None:
            turns = self.turns[client] = asyncio.Semaphore(self.max_active)
        telemetry.record_in_flight(1, 0 if count else 1)
        try:
            async with turns:
                await self.app(scope, receive, send)
        finally:
            # Also on an error or a cancellation (a client gone): nothing leaks.
            left = self.in_flight[client] - 1
            if left:
                self.in_flight[client] = left
            else:
                del self.in_flight[client]
                del self.turns[client]
            telemetry.record_in_flight(-1, 0 if left else -1)

    def client_of(self, scope: Scope) -> str:
        """`key:<name>` for a configured API key, else `address:<host>` (empty
        without one, e.g. over a Unix socket: such callers are one client)."""
        if self.keys:
            key = presented_key(Headers(scope=scope))
            principal = authenticate(self.keys, key) if key else None
            if principal is not None:
                return f"key:{principal.name}"
        address = scope.get("client")
        return f"address:{address[0] if address else ''}"

    async def _refuse(self, send: Send) -> None:
        error = RateLimited(
            f"This client already has {self.max_in_flight} requests in flight "
            "(TREATYGRAPH_CLIENT_CONCURRENCY); retry once one is answered.",
            limit="clientConcurrency",
            max=self.max_in_flight,
        )
        retry = (b"retry-after", str(RETRY_AFTER_SECONDS).encode())
        await refuse(send, 429, error, (retry,))
