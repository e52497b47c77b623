"""Neo4j goes away under load and comes back: the API fails fast, then heals itself.

The test runs its own Neo4j (TEST_OUTAGE_NEO4J_PORT, else a free port; data in a
temporary directory) and a real uvicorn API process, so stopping that database
touches nothing else. Figures go to test-output/outage-summary.json.
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

from settings import REPO_ROOT, Settings
from tests.live import api_server, free_port, kill_neo4j, neo4j_cli, own_neo4j

QUERY = '{ country(iso3: "LTU") { name } }'
FAIL_FAST_SECONDS = 2.0
RECOVERY_SECONDS = 5.0
SUMMARY = REPO_ROOT / "test-output" / "outage-summary.json"


@dataclasses.dataclass
class Outcome:
    started: float
    seconds: float
    status: int | None
    code: str | None  # "OK" for an answer without errors


def ask(client: httpx2.Client) -> Outcome:
    began = time.monotonic()
    try:
        response = client.post("/graphql", json={"query": QUERY})
    except httpx2.HTTPError as error:
        return Outcome(began, time.monotonic() - began, None, type(error).__name__)
    body = response.json()
    errors = body.get("errors") or []
    code = (errors[0].get("extensions") or {}).get("code") if errors else "OK"
    return Outcome(began, time.monotonic() - began, response.status_code, code)


class Load:
    """A few clients asking in a loop until stopped; every outcome is kept."""

    def __init__(self, base_url: str, workers: int = 4) -> None:
        self.base_url = base_url
        self.workers = workers
        self.outcomes: list[Outcome] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(workers)

    def _run(self) -> None:
        with httpx2.Client(base_url=self.base_url, timeout=30) as client:
            while not self._stop.is_set():
                outcome = ask(client)
                with self._lock:
                    self.outcomes.append(outcome)

    def __enter__(self) -> Load:
        for _ in range(self.workers):
            self._pool.submit(self._run)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._pool.shutdown(wait=True)

    def wait_for(self, count: int, code: str, timeout: float = 15) -> None:
        """Until `count` answers with `code` came back (or fail after `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if sum(o.code == code for o in self.outcomes) >= count:
                    return
            time.sleep(0.05)
        raise AssertionError(f"fewer than {count} {code} answers in {timeout} s")

    def between(self, start: float, end: float) -> list[Outcome]:
        with self._lock:
            return [o for o in self.outcomes if start <= o.started < end]


@pytest.fixture
def own_instance(
    neo4j: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    """A seeded Neo4j of this test's own; stopped afterwards whatever happens."""
    if not neo4j.uses_local_neo4j:
        pytest.skip("NEO4J_URI is set: the outage test needs a local Neo4j to stop")
    home = tmp_path_factory.mktemp("outage-neo4j")
    with own_neo4j(neo4j, home, "TEST_OUTAGE_NEO4J_PORT") as settings:
        # Just what the probe query and /readyz read; seeding fully costs ~30 s.
        with GraphDatabase.driver(settings.bolt_uri) as driver:
            driver.execute_query(
                "MERGE (:Dataset {id: 'seed', version: 'outage-test'}) "
                "MERGE (:Country {iso3: 'LTU', name: 'Lithuania'})",
                database_=settings.neo4j_database,
            )
        yield settings


def readyz(base_url: str) -> tuple[int, dict[str, Any], float]:
    began = time.monotonic()
    response = httpx2.get(f"{base_url}/readyz", timeout=30)
    return response.status_code, response.json(), time.monotonic() - began


def test_api_fails_fast_while_neo4j_is_down_and_recovers_without_restart(
    own_instance: Settings,
) -> None:
    port = free_port()
    env = {
        "NEO4J_LOCAL_PORT": str(own_instance.local_neo4j_port),
        "NEO4J_LOCAL_HOME": str(own_instance.local_neo4j_home),
    }
    log = REPO_ROOT / "test-output" / "outage-api.log"
    with api_server(port, env, log) as api:
        base = f"http://127.0.0.1:{port}"
        assert readyz(base)[0] == 200
        with Load(base) as load:
            load.wait_for(20, "OK")
            healthy_until = time.monotonic()
            # A crash, not a clean shutdown: the harsher case, and quicker.
            kill_neo4j(own_instance)
            stopped = time.monotonic()
            time.sleep(2)
            down_until = time.monotonic()
            status, body, ready_seconds = readyz(base)
            neo4j_cli(own_instance, "start")
            started = time.monotonic()
            recovered = None
            with httpx2.Client(base_url=base, timeout=30) as client:
                while time.monotonic() - started < 30:
                    if ask(client).code == "OK":
                        recovered = time.monotonic() - started
                        break
                    time.sleep(0.05)
            time.sleep(1)
            after = time.monotonic()
        assert api.poll() is None, "the same API process must still be serving"

    # Requests in flight when Neo4j died may fail either way; judge finished ones.
    before = [
        o
        for o in load.between(0, healthy_until)
        if o.started + o.seconds < healthy_until
    ]
    during = load.between(stopped, down_until)
    healed = load.between(started + (recovered or 0), after)
    everything = load.between(0, after)
    summary = {
        "requests": len(everything),
        "ok before the stop": sum(o.code == "OK" for o in before),
        "codes before the stop": sorted({str(o.code) for o in before}),
        "requests while down": len(during),
        "codes while down": sorted({str(o.code) for o in during}),
        "slowest failure while down (s)": round(max(o.seconds for o in during), 3),
        "readyz while down": [status, body, round(ready_seconds, 3)],
        "first success after Neo4j answered again (s)": recovered,
        "ok after recovery": sum(o.code == "OK" for o in healed),
        "statuses": sorted({str(o.status) for o in everything}),
        "codes": sorted({str(o.code) for o in everything}),
    }
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(json.dumps(summary, indent=2) + "\n")

    assert before
    assert all(o.code == "OK" for o in before), summary
    assert during, summary
    assert all(o.code == "DATABASE_UNAVAILABLE" for o in during), summary
    assert all(o.seconds <= FAIL_FAST_SECONDS for o in during), summary
    assert status == 503, summary
    assert body == {"status": "unavailable", "code": "DATABASE_UNAVAILABLE"}
    assert ready_seconds <= FAIL_FAST_SECONDS, summary
    assert recovered is not None, summary
    assert recovered <= RECOVERY_SECONDS, summary
    assert healed, summary
    assert all(o.code == "OK" for o in healed), summary
    # While Neo4j shut down, answers were coded failures or real answers: never a
    # 5xx, never an internal error.
    assert {o.status for o in everything} <= {200}, summary
    assert {o.code for o in everything} <= {"OK", "DATABASE_UNAVAILABLE"}, summary
