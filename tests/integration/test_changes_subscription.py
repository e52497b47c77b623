"""The `changes` subscription over graphql-transport-ws, against real servers.

Two app instances under uvicorn, each with its own driver as two API processes
would have; a `websockets` client subscribes to one, and the curation writes go
over HTTP to either. Writes use test-only keys (`test-subs-…`), Myanmar (no seeded
events) and example.test URLs; the clean-up deletes what their records wrote.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx2
import pytest
import uvicorn
import websockets
from neo4j import Driver

from bench import curation_writes
from httpapi.auth import hash_key
from httpapi.connections import connection_limits, uvicorn_protocol
from settings import ApiKey, Settings
from tests.integration.conftest import forget_curations
from tests.live import free_port

PREFIX = "test-subs-"
CURATOR_KEY = "tg_test-subscriber-0123456789abcdefghijklmnopqrs"
CURATOR = {"Authorization": f"Bearer {CURATOR_KEY}"}
STATE = "MMR"  # no seeded events under either treaty
PROTOCOL = "graphql-transport-ws"
# Seconds a message may take to come: a few polls (0.1 s each) on a busy machine.
WAIT = 15.0
CHANGES = """
subscription($treaty: String, $country: String, $since: DateTime) {
  changes(treaty: $treaty, country: $country, since: $since) {
    key at by operation change subjectType subjectKey fields
    partyStatus partySince partyUntil treaties countries
    sources { id url title }
  }
}"""
EVENT = """
mutation($k: String!, $in: TreatyEventInput!) {
  recordTreatyEvent(idempotencyKey: $k, input: $in) { curation { key at } }
}"""
SOURCE = """
mutation($k: String!, $in: SourceInput!) {
  addSource(idempotencyKey: $k, input: $in) { curation { key } }
}"""


def _key() -> str:
    return f"{PREFIX}{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="module", autouse=True)
def restored(db: Driver) -> Iterator[None]:
    yield
    forget_curations(db, PREFIX)
    db.execute_query("MATCH (:Country {iso3: $s})-[p:PARTY_TO]->() DELETE p", s=STATE)


@pytest.fixture(scope="module")
def keyed(neo4j: Settings) -> Settings:
    key = ApiKey("test-subscriber", "curator", hash_key(CURATOR_KEY))
    return dataclasses.replace(neo4j, api_keys=(key,), changes_poll_seconds=0.1)


@pytest.fixture(scope="module")
def serve(seeded: dict[str, Any]) -> Iterator[Any]:
    """Start the app for some Settings under uvicorn on a free port; its host:port."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(settings: Settings) -> str:
        port = free_port()
        # As `python -m server serve` serves: its connection limits see websockets.
        http = uvicorn_protocol(connection_limits(settings))
        started = curation_writes.serve(settings, port, http)
        assert started is not None, f"uvicorn did not start on port {port}"
        servers.append(started)
        return f"127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=20)


@pytest.fixture(scope="module")
def first(serve: Any, keyed: Settings) -> str:
    return str(serve(keyed))


@pytest.fixture(scope="module")
def second(serve: Any, keyed: Settings) -> str:
    """Another app instance: its own process state and driver, same Neo4j."""
    return str(serve(keyed))


def neo4j_now(db: Driver) -> str:
    """Neo4j's clock, which stamps every curation: a `since` before our writes."""
    records, _, _ = db.execute_query("RETURN toString(datetime.realtime()) AS now")
    return str(records[0]["now"])


async def record_event(
    host: str, treaty: str, kind: str = "SIGNATURE", date: str = "2026-01-02"
) -> tuple[str, str, str]:
    """Record one event for STATE over HTTP; its curation key, source id and URL."""
    sid = f"{PREFIX}src-{uuid.uuid4().hex[:12]}"
    url = f"https://example.test/treatygraph/{sid}"
    source = {"id": sid, "url": url, "publisher": "Subs test", "kind": "NEWS"}
    event = {
        "treaty": treaty,
        "country": STATE,
        "kind": kind,
        "date": date,
        "newSources": [source],
    }
    body = await _post(host, EVENT, {"k": _key(), "in": event})
    return body["data"]["recordTreatyEvent"]["curation"]["key"], sid, url


async def add_source(host: str) -> str:
    sid = f"{PREFIX}src-{uuid.uuid4().hex[:12]}"
    source = {
        "id": sid,
        "url": f"https://example.test/treatygraph/{sid}",
        "publisher": "Subs test",
        "kind": "NEWS",
    }
    body = await _post(host, SOURCE, {"k": _key(), "in": source})
    return str(body["data"]["addSource"]["curation"]["key"])


async def _post(host: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    async with httpx2.AsyncClient(base_url=f"http://{host}", timeout=60) as client:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers=CURATOR,
        )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


class Subscriber:
    """One graphql-transport-ws connection and its messages."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket

    async def subscribe(
        self, variables: dict[str, Any], query: str = CHANGES, ident: str = "1"
    ) -> None:
        payload = {"query": query, "variables": variables}
        await self.socket.send(
            json.dumps({"id": ident, "type": "subscribe", "payload": payload})
        )

    async def message(self, wait: float = WAIT) -> dict[str, Any]:
        received: dict[str, Any] = json.loads(
            await asyncio.wait_for(self.socket.recv(), wait)
        )
        return received

    async def change(self) -> dict[str, Any]:
        """The next change delivered; fails on anything else."""
        message = await self.message()
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message
        change: dict[str, Any] = message["payload"]["data"]["changes"]
        return change


@pytest.fixture
async def connect() -> AsyncIterator[Any]:
    """Open acknowledged connections to a host; all closed after the test."""
    sockets: list[Any] = []

    async def open_to(host: str) -> Subscriber:
        sock = await websockets.connect(f"ws://{host}/graphql", subprotocols=[PROTOCOL])
        sockets.append(sock)
        await sock.send(json.dumps({"type": "connection_init"}))
        ack = json.loads(await asyncio.wait_for(sock.recv(), WAIT))
        assert ack["type"] == "connection_ack", ack
        return Subscriber(sock)

    yield open_to
    for sock in sockets:
        await sock.close()


async def test_a_treaty_subscriber_gets_its_treatys_write_with_every_field(
    first: str, connect: Any, db: Driver
) -> None:
    subscriber = await connect(first)
    await subscriber.subscribe({"treaty": "ccm", "since": neo4j_now(db)})
    theirs, _, _ = await record_event(first, "ottawa")
    mine, sid, url = await record_event(first, "ccm")
    change = await subscriber.change()
    # The ottawa write came first: had the filter let it through, it would be here.
    assert change["key"] == mine != theirs
    assert change["by"] == "test-subscriber"
    assert change["operation"] == "recordTreatyEvent"
    assert change["change"] == "ADDED"
    assert change["subjectType"] == "TreatyEvent"
    assert change["subjectKey"].startswith(f"ccm:{STATE}:")
    assert "date" in change["fields"]
    assert change["partyStatus"] == "NOT_PARTY"  # a signature makes no party
    assert change["partySince"] is None
    assert change["treaties"] == ["ccm"]
    assert change["countries"] == [STATE]
    assert change["sources"] == [{"id": sid, "url": url, "title": None}]
    assert change["at"].endswith("+00:00") or change["at"].endswith("Z")


async def test_a_country_subscriber_does_not_get_a_write_about_no_state(
    first: str, connect: Any, db: Driver
) -> None:
    subscriber = await connect(first)
    await subscriber.subscribe({"country": STATE, "since": neo4j_now(db)})
    source = await add_source(first)  # concerns no treaty and no state
    mine, _, _ = await record_event(first, "ottawa", date="2026-01-03")
    change = await subscriber.change()
    assert change["key"] == mine != source
    assert change["countries"] == [STATE]


# A record as a transaction writes it that stamped `at` and then took longer to
# commit than a later one (graph.curation.transaction stamps before the commit).
LATE = """
CREATE (c:Curation {key: $key, idempotencyKey: $idem, operation: 'recordTreatyEvent',
  by: 'test-subscriber', subjectLabel: 'TreatyEvent', subjectKey: $subject,
  change: 'ADDED', fields: ['date'], treaties: ['ccm'], countries: [$state]})
SET c.at = datetime($since) + duration({microseconds: 1})"""


async def test_a_change_committed_after_a_later_stamped_one_still_comes_once(
    first: str, connect: Any, db: Driver
) -> None:
    subscriber = await connect(first)
    since = neo4j_now(db)
    await subscriber.subscribe({"treaty": "ccm", "since": since})
    mine, _, _ = await record_event(first, "ccm", date="2026-01-05")
    delivered = await subscriber.change()
    assert delivered["key"] == mine
    idem = _key()
    late = f"test-subscriber/{idem}"
    db.execute_query(
        LATE,
        key=late,
        idem=idem,
        subject=f"ccm:{STATE}:late",
        state=STATE,
        since=since,  # after the subscription's start, before the delivered write
    )
    change = await subscriber.change()
    assert change["key"] == late
    assert dt.datetime.fromisoformat(change["at"]) < dt.datetime.fromisoformat(
        delivered["at"]
    )
    with pytest.raises(TimeoutError):  # each poll reads it again, and skips it
        await subscriber.message(wait=1.5)


# More records than one poll reads (graph.feed.POLL_PAGE, 100), all stamped the
# same microsecond: the pages go on by key.
BURST = """
UNWIND range(1, $n) AS i
CREATE (c:Curation {key: $prefix + '/' + toString(1000 + i),
  idempotencyKey: $prefix + toString(1000 + i), operation: 'recordTreatyEvent',
  by: 'test-subscriber', subjectLabel: 'TreatyEvent', subjectKey: 'ccm:MMR:burst',
  change: 'ADDED', fields: ['date'], treaties: ['ccm'], countries: [$state],
  at: datetime($since) + duration({microseconds: 1})})"""


async def test_more_changes_than_a_poll_reads_come_each_once_in_order(
    first: str, connect: Any, db: Driver
) -> None:
    since = neo4j_now(db)
    prefix = _key()
    db.execute_query(BURST, n=250, prefix=prefix, state=STATE, since=since)
    subscriber = await connect(first)
    await subscriber.subscribe({"treaty": "ccm", "since": since})
    keys = [(await subscriber.change())["key"] for _ in range(250)]
    assert keys == [f"{prefix}/{1000 + i}" for i in range(1, 251)]
    with pytest.raises(TimeoutError):
        await subscriber.message(wait=1.5)


async def test_a_write_through_a_second_instance_reaches_a_subscriber_on_the_first(
    first: str, second: str, connect: Any
) -> None:
    subscriber = await connect(first)
    # No `since`: only what commits once the subscription has started.
    await subscriber.subscribe({"treaty": "ccm"})
    earlier, _, _ = await record_event(second, "ccm", date="2026-01-04")
    # The subscription starts (reads Neo4j's clock and what is there) as the
    # write commits: the poll after it must deliver only the later write.
    await asyncio.sleep(2)
    later, _, _ = await record_event(second, "ccm", kind="RATIFICATION")
    change = await subscriber.change()
    if change["key"] == earlier:  # pragma: no cover - started after the first write
        change = await subscriber.change()
    assert change["key"] == later
    assert change["change"] == "ADDED"


async def test_subscriptions_over_the_process_cap_are_refused_and_a_closed_one_frees_its_slot(
    serve: Any, keyed: Settings, connect: Any
) -> None:
    host = serve(dataclasses.replace(keyed, max_subscriptions=1))
    holder = await connect(host)
    await holder.subscribe({"treaty": "ccm"})
    await asyncio.sleep(1)  # its slot is taken as its subscription starts
    refused = await connect(host)
    await refused.subscribe({"treaty": "ccm"})
    message = await refused.message()
    assert message["type"] == "error", message
    error = message["payload"][0]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert error["extensions"]["limit"] == "subscriptions"
    assert error["extensions"]["max"] == 1
    await holder.socket.close()  # the poll loop ends, its slot is free
    again = await connect(host)
    deadline = time.monotonic() + WAIT
    while True:
        await again.subscribe({"treaty": "ccm"}, ident=uuid.uuid4().hex)
        try:
            message = await again.message(wait=1.0)
        except TimeoutError:
            break  # running: no refusal came
        assert message["type"] == "error", message
        assert time.monotonic() < deadline, "the closed subscription kept its slot"
        await asyncio.sleep(0.2)


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"treaty": "no-such-treaty"}, "treaty"),
        ({"country": "XXZ"}, "country"),
        ({"country": "mmr"}, "country"),
    ],
)
async def test_bad_filter_values_are_refused_with_bad_user_input(
    first: str, connect: Any, variables: dict[str, Any], argument: str
) -> None:
    subscriber = await connect(first)
    await subscriber.subscribe(variables)
    message = await subscriber.message()
    assert message["type"] == "error", message
    error = message["payload"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == argument


async def test_a_subscription_over_the_depth_limit_is_refused_before_it_runs(
    serve: Any, keyed: Settings, connect: Any
) -> None:
    host = serve(dataclasses.replace(keyed, max_depth=1))
    subscriber = await connect(host)
    await subscriber.subscribe({}, query="subscription { changes { sources { id } } }")
    message = await subscriber.message()
    assert message["type"] == "error", message
    assert message["payload"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert message["payload"][0]["extensions"]["limit"] == "depth"


async def test_a_query_over_the_websocket_is_not_allowed(
    first: str, connect: Any
) -> None:
    subscriber = await connect(first)
    await subscriber.subscribe({}, query="{ dataset { version } }")
    message = await subscriber.message()
    assert message["type"] == "error", message
    assert message["payload"][0]["extensions"]["code"] == "OPERATION_NOT_ALLOWED"


async def test_a_document_over_the_length_limit_is_refused_unparsed(
    serve: Any, keyed: Settings, connect: Any
) -> None:
    host = serve(dataclasses.replace(keyed, max_query_length=256))
    subscriber = await connect(host)
    await subscriber.subscribe({}, query=CHANGES + " " * 300)
    message = await subscriber.message()
    assert message["type"] == "error", message
    assert message["payload"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert message["payload"][0]["extensions"]["limit"] == "queryLength"


async def test_a_subscription_over_http_is_not_allowed(first: str) -> None:
    async with httpx2.AsyncClient(base_url=f"http://{first}", timeout=60) as client:
        response = await client.post(
            "/graphql", json={"query": "subscription { changes { key } }"}
        )
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "OPERATION_NOT_ALLOWED"
    assert "data" not in body


async def test_closed_websockets_leave_their_addresss_connection_count(
    serve: Any, keyed: Settings, connect: Any
) -> None:
    host = serve(dataclasses.replace(keyed, max_connections_per_address=2))
    for _ in range(3):  # one more than the address may hold at once
        subscriber = await connect(host)
        await subscriber.socket.close()
        await asyncio.sleep(0.2)  # the server sees it closed
    async with httpx2.AsyncClient(base_url=f"http://{host}", timeout=60) as client:
        response = await client.get("/healthz")
    assert response.status_code == 200
