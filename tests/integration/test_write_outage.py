"""Neo4j is killed during a burst of curation writes: nothing acknowledged is lost,
nothing is half-stored, and a retry with the same idempotency key is safe.

Like the outage test, it runs its own Neo4j (TEST_WRITE_OUTAGE_NEO4J_PORT, else a
free port; data in a temporary directory) and a real uvicorn API process, and
kills that Neo4j with SIGKILL while six clients write. Neo4j then recovers its
store from the transaction log. Figures go to test-output/write-outage-summary.json.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2
import pytest
from neo4j import GraphDatabase

from graph.constraints import create_schema
from httpapi.auth import hash_key
from settings import REPO_ROOT, Settings
from tests.live import api_server, free_port, kill_neo4j, neo4j_cli, own_neo4j

KEY = "tg_write-outage-test-key"
WRITERS = 6
# A write in flight when Neo4j dies answers within write()'s retry budget for a
# lost connection (1 s) plus one connection attempt (1.5 s); before write() kept
# its own retries, the driver's loop took 13-22 s.
FAIL_FAST_SECONDS = 3.0
SUMMARY = REPO_ROOT / "test-output" / "write-outage-summary.json"
MUTATION = """
mutation($k: String!, $in: StatementInput!) {
  recordStatement(idempotencyKey: $k, input: $in) { replayed statement { key } }
}"""
# Per statement key, each part a recordStatement commits: the curation record,
# the statement, its new source, the citation and the link to the state.
PARTS = """
UNWIND $keys AS key
RETURN key,
  COUNT { MATCH (c:Curation) WHERE c.subjectKey = key } AS curations,
  COUNT { MATCH (s:Statement {key: key}) } AS statements,
  COUNT { MATCH (src:Source {id: 'src-' + key}) } AS sources,
  COUNT { MATCH (:Statement {key: key})-[:CITES]->(:Source {id: 'src-' + key}) }
    AS citations,
  COUNT { MATCH (:Statement {key: key})-[:ON_BEHALF_OF]->(:Country {iso3: 'LTU'}) }
    AS links
"""


@dataclasses.dataclass
class Attempt:
    key: str
    started: float
    seconds: float
    code: str  # "OK", an extensions.code, or the transport error's name


def variables(key: str) -> dict[str, Any]:
    return {
        "k": f"idem-{key}",
        "in": {
            "key": key,
            "kind": "JOINT_STATEMENT",
            "title": f"Write-outage test {key}",
            "dateText": "during the write-outage test",
            "countries": ["LTU"],
            "newSources": [
                {
                    "id": f"src-{key}",
                    "url": f"https://example.org/write-outage/{key}",
                    "publisher": "test",
                    "kind": "NEWS",
                }
            ],
        },
    }


def write(client: httpx2.Client, key: str) -> Attempt:
    began = time.monotonic()
    try:
        response = client.post(
            "/graphql",
            json={"query": MUTATION, "variables": variables(key)},
            headers={"Authorization": f"Bearer {KEY}"},
        )
    except httpx2.HTTPError as error:
        return Attempt(key, began, time.monotonic() - began, type(error).__name__)
    errors = response.json().get("errors") or []
    code = (errors[0].get("extensions") or {}).get("code", "?") if errors else "OK"
    return Attempt(key, began, time.monotonic() - began, code)


class Burst:
    """WRITERS clients, each writing new statements in a loop until stopped."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.attempts: list[Attempt] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(WRITERS)

    def _run(self, writer: int) -> None:
        with httpx2.Client(base_url=self.base_url, timeout=60) as client:
            n = 0
            while not self._stop.is_set():
                attempt = write(client, f"wo-{writer}-{n}")
                n += 1
                with self._lock:
                    self.attempts.append(attempt)

    def __enter__(self) -> Burst:
        for writer in range(WRITERS):
            self._pool.submit(self._run, writer)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._pool.shutdown(wait=True)

    def failures(self) -> list[Attempt]:
        with self._lock:
            return [a for a in self.attempts if a.code != "OK"]

    def acknowledged(self) -> int:
        with self._lock:
            return sum(a.code == "OK" for a in self.attempts)


@pytest.fixture
def writable(
    neo4j: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    """A Neo4j of this test's own with the constraints and the one state it writes on."""
    if not neo4j.uses_local_neo4j:
        pytest.skip("NEO4J_URI is set: the write-outage test needs a local Neo4j")
    home = tmp_path_factory.mktemp("write-outage-neo4j")
    with own_neo4j(neo4j, home, "TEST_WRITE_OUTAGE_NEO4J_PORT") as settings:
        with GraphDatabase.driver(settings.bolt_uri) as driver:
            create_schema(driver, settings.neo4j_database)
            driver.execute_query(
                "MERGE (:Dataset {id: 'seed', version: 'write-outage-test'}) "
                "MERGE (:Country {iso3: 'LTU', name: 'Lithuania'})",
                database_=settings.neo4j_database,
            )
        yield settings


def stored_parts(settings: Settings, keys: list[str]) -> dict[str, tuple[int, ...]]:
    # Off: before the first write the counted labels and types do not exist yet.
    quiet = GraphDatabase.driver(settings.bolt_uri, notifications_min_severity="OFF")
    with quiet as driver:
        records, _, _ = driver.execute_query(
            PARTS, keys=keys, database_=settings.neo4j_database
        )
    return {
        r["key"]: (
            r["curations"],
            r["statements"],
            r["sources"],
            r["citations"],
            r["links"],
        )
        for r in records
    }


def test_killing_neo4j_mid_burst_loses_no_acknowledged_write_and_half_stores_none(
    writable: Settings,
) -> None:
    port = free_port()
    env = {
        "NEO4J_LOCAL_PORT": str(writable.local_neo4j_port),
        "NEO4J_LOCAL_HOME": str(writable.local_neo4j_home),
        "TREATYGRAPH_API_KEYS": f"outage-writer:curator:{hash_key(KEY)}",
        # Every writer may have its write in flight when Neo4j dies.
        "TREATYGRAPH_CLIENT_ACTIVE": str(WRITERS),
        # One key writes the whole burst: the per-key rate (test_keys) is not on trial.
        "TREATYGRAPH_CURATION_RATE": "10000",
        "TREATYGRAPH_CURATION_BURST": "100000",
    }
    log = REPO_ROOT / "test-output" / "write-outage-api.log"
    with api_server(port, env, log) as api:
        base = f"http://127.0.0.1:{port}"
        with Burst(base) as burst:
            deadline = time.monotonic() + 30
            while burst.acknowledged() < 60 and time.monotonic() < deadline:
                assert burst.failures() == [], burst.failures()[:3]
                time.sleep(0.02)
            killed = time.monotonic()
            kill_neo4j(writable)
            time.sleep(1.5)
        neo4j_cli(writable, "start")
        attempts = burst.attempts
        parts = stored_parts(writable, [a.key for a in attempts])
        # Retried with the same idempotency key, an unacknowledged write is stored
        # once: replayed if its commit had landed, written now if not.
        unacknowledged = [a for a in attempts if a.code != "OK"]
        retried: dict[str, bool] = {}
        with httpx2.Client(base_url=base, timeout=60) as client:
            for attempt in unacknowledged:
                response = client.post(
                    "/graphql",
                    json={"query": MUTATION, "variables": variables(attempt.key)},
                    headers={"Authorization": f"Bearer {KEY}"},
                )
                body = response.json()
                assert "errors" not in body, body
                retried[attempt.key] = body["data"]["recordStatement"]["replayed"]
        after_retry = stored_parts(writable, [a.key for a in attempts])
        assert api.poll() is None, "the same API process must still be serving"

    whole, nothing = (1, 1, 1, 1, 1), (0, 0, 0, 0, 0)
    acknowledged = [a for a in attempts if a.code == "OK"]
    in_flight = [a for a in unacknowledged if a.started < killed]
    summary = {
        "attempts": len(attempts),
        "acknowledged": len(acknowledged),
        "acknowledged and stored": sum(parts[a.key] == whole for a in acknowledged),
        "unacknowledged": len(unacknowledged),
        "unacknowledged yet stored (commit landed, answer lost)": sum(
            parts[a.key] == whole for a in unacknowledged
        ),
        "half-stored": sum(parts[k] not in (whole, nothing) for k in parts),
        "failure codes": sorted({a.code for a in unacknowledged}),
        "in flight when killed": len(in_flight),
        "slowest failure (s)": round(
            max((a.seconds for a in unacknowledged), default=0), 3
        ),
        "retries replayed": sum(retried.values()),
        "retries written now": sum(not r for r in retried.values()),
    }
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(json.dumps(summary, indent=2) + "\n")

    assert len(acknowledged) >= 60, summary
    assert in_flight, summary
    assert all(parts[a.key] == whole for a in acknowledged), summary
    assert all(p in (whole, nothing) for p in parts.values()), summary
    assert {a.code for a in unacknowledged} <= {"DATABASE_UNAVAILABLE"}, summary
    assert all(a.seconds <= FAIL_FAST_SECONDS for a in unacknowledged), summary
    assert all(p == whole for p in after_retry.values()), summary
    assert all(retried[a.key] == (parts[a.key] == whole) for a in unacknowledged), (
        summary
    )
