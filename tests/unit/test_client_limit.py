"""The per-client concurrency limit's bookkeeping and its answer, at the ASGI level."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from starlette.types import Message, Receive, Scope, Send

import telemetry
from httpapi.auth import hash_key
from httpapi.client_limit import ClientConcurrencyLimit
from settings import ApiKey

KEY = "tg_test-key-for-the-limiter"
KEYS = (ApiKey("analyst", "reader", hash_key(KEY)),)


class Held:
    """An app whose requests stay in flight until released (or fail, if told to)."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.entered = 0
        self.arrived = asyncio.Condition()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with self.arrived:
            self.entered += 1
            self.arrived.notify_all()
        await self.release.wait()
        if scope.get("fail"):
            raise RuntimeError("the app failed")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})


def scope(
    path: str = "/graphql", host: str = "10.0.0.1", key: str | None = None, **extra: Any
) -> Scope:
    headers = [(b"authorization", f"Bearer {key}".encode())] if key else []
    return {
        "type": "http",
        "method": "POST",
        "path": path,
        "headers": headers,
        "client": (host, 40000),
        **extra,
    }


async def call(limiter: ClientConcurrencyLimit, request: Scope) -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    await limiter(request, receive, send)
    return sent


async def started(app: Held, count: int) -> None:
    async with app.arrived:
        await app.arrived.wait_for(lambda: app.entered >= count)


async def test_a_client_over_its_limit_is_answered_429_with_retry_after_at_once() -> (
    None
):
    app = Held()
    limiter = ClientConcurrencyLimit(app, max_in_flight=2, keys=())
    held = [asyncio.create_task(call(limiter, scope())) for _ in range(2)]
    await started(app, 2)
    refused = await asyncio.wait_for(call(limiter, scope()), timeout=1)
    start, body = refused
    assert start["status"] == 429
    assert dict(start["headers"])[b"retry-after"] == b"1"
    error = json.loads(body["body"])["errors"][0]
    assert error["extensions"] == {
        "code": "RATE_LIMITED",
        "limit": "clientConcurrency",
        "max": 2,
    }
    assert "TREATYGRAPH_CLIENT_CONCURRENCY" in error["message"]
    app.release.set()
    for task in held:
        assert (await task)[0]["status"] == 200
    assert limiter.in_flight == {}


async def test_other_addresses_and_keys_are_served_while_one_client_is_at_its_limit() -> (
    None
):
    app = Held()
    limiter = ClientConcurrencyLimit(app, max_in_flight=1, keys=KEYS)
    tasks = [
        asyncio.create_task(call(limiter, scope(host="10.0.0.1"))),
        asyncio.create_task(call(limiter, scope(host="10.0.0.2"))),
        # The same address as the first, but a configured key: a client of its own.
        asyncio.create_task(call(limiter, scope(host="10.0.0.1", key=KEY))),
    ]
    await started(app, 3)
    assert limiter.in_flight == {
        "address:10.0.0.1": 1,
        "address:10.0.0.2": 1,
        "key:analyst": 1,
    }
    app.release.set()
    assert [(await task)[0]["status"] for task in tasks] == [200, 200, 200]
    assert limiter.in_flight == {}


async def test_a_made_up_key_counts_as_its_address_so_it_cannot_escape_the_limit() -> (
    None
):
    app = Held()
    limiter = ClientConcurrencyLimit(app, max_in_flight=1, keys=KEYS)
    held = asyncio.create_task(call(limiter, scope(key="tg_made-up-1")))
    await started(app, 1)
    refused = await call(limiter, scope(key="tg_made-up-2"))
    assert refused[0]["status"] == 429
    assert limiter.in_flight == {"address:10.0.0.1": 1}
    app.release.set()
    await held


async def test_an_export_counts_against_its_clients_limit() -> None:
    app = Held()
    limiter = ClientConcurrencyLimit(app, max_in_flight=1, keys=())
    held = asyncio.create_task(call(limiter, scope()))
    await started(app, 1)
    refused = await call(limiter, scope(path="/export.csv"))
    assert refused[0]["status"] == 429
    app.release.set()
    await held


@pytest.mark.parametrize(
    "path", ["/healthz", "/readyz", "/metrics", "/", "/static/app.js"]
)
async def test_probes_and_pages_are_never_limited_nor_counted(path: str) -> None:
    app = Held()
    limiter = ClientConcurrencyLimit(app, max_in_flight=1, keys=())
    tasks = [asyncio.create_task(call(limiter, scope(path=path))) for _ in range(3)]
    await started(app, 3)
    assert limiter.in_flight == {}
    app.release.set()
    assert [(await task)[0]["status"] for task in tasks] == [200, 200, 200]


def gauges() -> tuple[float | None, ...]:
    return tuple(
        telemetry.REGISTRY.get_sample_value(name)
        for name in (
            "treatygraph_graphql_in_flight",
            "treatygraph_graphql_clients_in_flight",
        )
    )


async def test_the_table_and_gauges_empty_after_errors_and_cancellations() -> None:
    idle = gauges()
    app = Held()
    limiter = ClientConcurrencyLimit(app, max_in_flight=3, keys=())
    failing = asyncio.create_task(call(limiter, scope(fail=True)))
    # A client that went away: uvicorn or a timeout cancels its request's task.
    cancelled = asyncio.create_task(call(limiter, scope()))
    answered = asyncio.create_task(call(limiter, scope()))
    await started(app, 3)
    assert limiter.in_flight == {"address:10.0.0.1": 3}
    assert gauges() != idle
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    assert limiter.in_flight == {"address:10.0.0.1": 2}
    app.release.set()
    with pytest.raises(RuntimeError, match="the app failed"):
        await failing
    await answered
    assert limiter.in_flight == {}
    assert gauges() == idle
    # And the client has its whole limit again.
    app.release.clear()
    again = [asyncio.create_task(call(limiter, scope())) for _ in range(3)]
    await started(app, 6)
    app.release.set()
    assert [(await task)[0]["status"] for task in again] == [200, 200, 200]
    assert limiter.in_flight == {}


async def test_past_its_active_share_a_client_waits_its_turn_while_others_run() -> None:
    app = Held()
    limiter = ClientConcurrencyLimit(app, max_in_flight=8, keys=(), max_active=2)
    mine = [asyncio.create_task(call(limiter, scope())) for _ in range(4)]
    await started(app, 2)
    other = asyncio.create_task(call(limiter, scope(host="10.0.0.2")))
    await started(app, 3)
    await asyncio.sleep(0.05)
    # Two of the first client's four run; the other two wait, counted in flight.
    assert app.entered == 3
    assert limiter.in_flight == {"address:10.0.0.1": 4, "address:10.0.0.2": 1}
    # A waiting request whose client left frees its place and nothing else.
    mine[3].cancel()
    with pytest.raises(asyncio.CancelledError):
        await mine[3]
    app.release.set()
    assert [(await task)[0]["status"] for task in [*mine[:3], other]] == [200] * 4
    assert app.entered == 4
    assert limiter.in_flight == {}
    assert limiter.turns == {}
