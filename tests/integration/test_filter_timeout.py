"""The worst nested filter the limits allow leaves Neo4j idle within the query
timeout plus one second, and one past the limits never reaches Neo4j.

Neo4j terminates a timed-out transaction itself, but it rewrites a statement's
nested subqueries before it checks for that (bench/notes.md): unbounded filters
kept a core busy for minutes. Here TREATYGRAPH_QUERY_TIMEOUT is 2 s.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from graph import launcher
from settings import Settings

TIMEOUT = 2
QUANTIFIERS = ("some", "all", "none", "single")
# Neo4j's own work (GC, checkpoints) aside, idle is well under a fifth of a core.
IDLE_CORES = 0.2


def chain(quantifier: str, depth: int) -> str:
    where = '{ iso3: { eq: "LTU" } }'
    for _ in range(depth):
        where = f"{{ borders: {{ {quantifier}: {where} }} }}"
    return where


# Every quantifier nested as deep as allowed (4), 16 relation filters: the limits.
WORST = "{ AND: [" + ", ".join(chain(q, 4) for q in QUANTIFIERS) + "] }"


def fresh() -> str:
    """`iso3` under an alias never used before: the compiled text keys its maps by
    response key, so Neo4j's plan cache cannot answer for the statement."""
    return f"k{uuid.uuid4().hex}: iso3"


def nested(levels: int, where: str) -> str:
    """`countries { nodes { borders { … borders(where:) { iso3 } } } }`, `levels`
    lists of borders."""
    inner = f"borders(where: {where}) {{ {fresh()} }}"
    for _ in range(levels - 1):
        inner = f"borders {{ {inner} }}"
    return f"{{ countries {{ nodes {{ {inner} }} }} }}"


@pytest.fixture
def short_timeout(app_with: Any) -> TestClient:
    """The app with TREATYGRAPH_QUERY_TIMEOUT at TIMEOUT seconds."""
    # The cost limit refuses these filters' walks (tens of millions of nodes) at
    # its default; the timeout must stop them in a deployment that raised it.
    client: TestClient = app_with(query_timeout_seconds=TIMEOUT, max_cost=10**15)
    return client


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _busy(db: Driver, pid: int | None) -> bool:
    """Whether Neo4j still works on a transaction other than this probe's, or
    (for the local JVM) spends more than IDLE_CORES of CPU over 0.25 s."""
    records, _, _ = db.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery "
        "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN count(*) AS n"
    )
    if records[0]["n"]:
        return True
    if pid is None:
        return False
    before = _cpu_seconds(pid)
    time.sleep(0.25)
    return _cpu_seconds(pid) - before > IDLE_CORES * 0.25


def _send_and_wait_idle(
    client: TestClient, db: Driver, neo4j: Settings, query: str
) -> tuple[dict[str, Any], float, float]:
    """The response, seconds until it came, and seconds until Neo4j was idle."""
    pid = launcher.status(launcher.LocalNeo4j.from_settings(neo4j))
    if neo4j.uses_local_neo4j:
        assert pid is not None
    answer: dict[str, Any] = {}

    def post() -> None:
        answer["body"] = client.post("/graphql", json={"query": query}).json()
        answer["at"] = time.monotonic() - started

    started = time.monotonic()
    thread = threading.Thread(target=post)
    thread.start()
    # Past the deadline keep watching a while, so a failure says how long it took.
    while time.monotonic() - started < TIMEOUT + 10:
        time.sleep(0.1)
        if "body" in answer and not _busy(db, pid):
            break
    idle = time.monotonic() - started
    thread.join()
    return answer["body"], answer["at"], idle


def test_the_worst_allowed_filter_answers_and_leaves_neo4j_idle_in_time(
    short_timeout: TestClient, db: Driver, neo4j: Settings, statements: list[str]
) -> None:
    query = f"{{ countries(where: {WORST}) {{ totalCount nodes {{ {fresh()} }} }} }}"
    body, answered, idle = _send_and_wait_idle(short_timeout, db, neo4j, query)
    assert len(statements) == 1
    codes = [e["extensions"]["code"] for e in body.get("errors", [])]
    assert codes in ([], ["QUERY_TIMEOUT"]), body
    assert answered <= TIMEOUT + 1, answered
    assert idle <= TIMEOUT + 1, idle


def test_an_allowed_filter_that_runs_for_minutes_is_stopped_at_the_timeout(
    short_timeout: TestClient, db: Driver, neo4j: Settings, statements: list[str]
) -> None:
    # Three lists of up to 200 under `countries` (cost 1.6e9, allowed), with four
    # `single` chains on the innermost: every path is counted, for minutes.
    singles = "{ AND: [" + ", ".join([chain("single", 4)] * 4) + "] }"
    body, answered, idle = _send_and_wait_idle(
        short_timeout, db, neo4j, nested(3, singles)
    )
    assert len(statements) == 1
    assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TIMEOUT"]
    assert answered <= TIMEOUT + 1, answered
    assert idle <= TIMEOUT + 1, idle


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (
            chain("some", 5),
            {"limit": "filterDepth", "argument": "where", "max": 4, "actual": 5},
        ),
        # Refused while validating, before graphql-core coerces 42 nested objects.
        (chain("some", 20), {"limit": "inputDepth", "max": 32, "actual": 42}),
        (
            "{ AND: [" + ", ".join([chain("all", 1)] * 17) + "] }",
            {"limit": "relationFilters", "argument": "where", "max": 16, "actual": 17},
        ),
    ],
    ids=["one-level-too-deep", "the-20-deep-attack", "one-filter-too-many"],
)
def test_a_filter_past_the_limits_is_refused_without_reaching_neo4j(
    short_timeout: TestClient,
    statements: list[str],
    where: str,
    expected: dict[str, Any],
) -> None:
    for query in (
        f"{{ countries(where: {where}) {{ totalCount }} }}",
        nested(2, where),
    ):
        body = short_timeout.post("/graphql", json={"query": query}).json()
        assert body["data"] is None, body
        assert [e["extensions"] for e in body["errors"]] == [
            {"code": "LIMIT_EXCEEDED", **expected}
        ]
    assert statements == []
