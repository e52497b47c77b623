"""The cost of each kind of curation write over HTTP (not a timed test).

Serves the app under uvicorn with a throwaway curator key, against the seeded Neo4j
that settings point at, and for each write kind sends N writes one after another,
then N more at concurrency 8. Every write is new (its own key), so each measures a
whole transaction: checks, the curation record, a new source, the fact, citations
and whatever is re-derived. A correction (the prior tally kept as a claim) and a
retraction (relabelled, kept) each write once to every vote the votes run stored. Treaty events and memberships are written on bench
states (XAA, XAB …) that the run creates and deletes, so no real state's party
status moves. Afterwards it checks that 2N of each were stored, then deletes all it
wrote.

Usage: NEO4J_LOCAL_PORT=7688 python -m bench.write_kinds [N] [PORT]   (default 50, 8122)
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import statistics
import string
import sys
import uuid
from collections.abc import Callable
from typing import Any

from neo4j import GraphDatabase

from bench.curation_writes import send, serve
from graph import queries
from httpapi.auth import hash_key, new_key
from settings import ApiKey, Settings

CONCURRENCY = 8
Body = Callable[[str, int], dict[str, Any]]


def bench_state(i: int) -> str:
    """The i-th bench state: XAA, XAB … (ISO's user-assigned X range)."""
    letters = string.ascii_uppercase
    return f"X{letters[i // 26 % 26]}{letters[i % 26]}"


def source(key: str) -> dict[str, str]:
    return {
        "id": f"{key}-src".lower(),
        "url": f"https://example.test/bench/{key}".lower(),
        "publisher": "treatygraph bench",
        "kind": "NEWS",
    }


def mutation(field: str, input_type: str, select: str) -> str:
    return (
        f"mutation($k: String!, $in: {input_type}!) "
        f"{{ {field}(idempotencyKey: $k, input: $in) {{ replayed {select} }} }}"
    )


def request(field: str, input_type: str, select: str, make: Body) -> Body:
    def body(run: str, i: int) -> dict[str, Any]:
        return {
            "query": mutation(field, input_type, select),
            "variables": {"k": f"{run}-{i}-idem", "in": make(run, i)},
        }

    return body


def _statement(run: str, i: int) -> dict[str, Any]:
    key = f"{run}-{i}"
    return {
        "key": key,
        "kind": "ANNOUNCEMENT",
        "title": f"Bench statement {key}",
        "date": "2026-01-01",
        "countries": ["MMR"],
        "newSources": [source(key)],
    }


def _vote(run: str, i: int) -> dict[str, Any]:
    key = f"{run}-{i}"
    return {
        "key": key,
        "chamber": "ltu-seimas",
        "date": "2026-01-01",
        "treaty": "ccm",
        "action": "withdraw",
        "votesFor": 70,
        "votesAgainst": 10,
        "newSources": [source(key)],
    }


def _event(run: str, i: int) -> dict[str, Any]:
    return {
        "treaty": "ccm",
        "country": bench_state(i),
        "kind": "SIGNATURE" if run.endswith("sequential") else "RATIFICATION",
        "date": "2026-01-01",
        "newSources": [source(f"{run}-{i}")],
    }


def _membership(run: str, i: int) -> dict[str, Any]:
    return {
        "organization": "NATO" if run.endswith("sequential") else "EU",
        "country": bench_state(i),
        "since": "2026-01-01",
        "newSources": [source(f"{run}-{i}")],
    }


def _term(run: str, i: int) -> dict[str, Any]:
    start = dt.date(1900, 1, 1) + dt.timedelta(days=i)
    office = "ltu-minister-of-national-defence"
    return {
        "person": "hanno-pevkur" if run.endswith("sequential") else "andris-spruds",
        "office": office,
        "start": start.isoformat(),
        "newSources": [source(f"{run}-{i}")],
    }


CORRECT_VOTE = (
    "mutation($k: String!, $key: String!, $set: ParliamentVoteCorrection!, "
    "$src: [SourceInput!]!) { correctParliamentVote(idempotencyKey: $k, key: $key, "
    "set: $set, newSources: $src) { replayed vote { key } } }"
)
RETRACT_VOTE = (
    "mutation($k: String!, $key: String!) { retractParliamentVote(idempotencyKey: $k, "
    'key: $key, reason: "bench") { replayed } }'
)


def _on_recorded_votes(
    query: str, variables: Callable[[str, int], dict[str, Any]]
) -> Body:
    """Writes to the votes the `recordVote` run of the same mode stored."""

    def body(run: str, i: int) -> dict[str, Any]:
        voted = run.rsplit("-", 2)[0] + "-recordvote-" + run.rsplit("-", 1)[1]
        return {
            "query": query,
            "variables": {"k": f"{run}-{i}-idem", "key": f"{voted}-{i}"}
            | variables(run, i),
        }

    return body


KINDS: dict[str, Body] = {
    "addSource": request(
        "addSource",
        "SourceInput",
        "source { id }",
        lambda run, i: source(f"{run}-{i}"),
    ),
    "recordStatement": request(
        "recordStatement", "StatementInput", "statement { key }", _statement
    ),
    "recordVote": request("recordVote", "VoteInput", "vote { key }", _vote),
    # After recordVote: each corrects, then retracts, one of the votes it stored.
    "correctParliamentVote": _on_recorded_votes(
        CORRECT_VOTE,
        lambda run, i: {"set": {"votesFor": 71}, "src": [source(f"{run}-{i}")]},
    ),
    "retractParliamentVote": _on_recorded_votes(RETRACT_VOTE, lambda run, i: {}),
    "recordTreatyEvent": request(
        "recordTreatyEvent", "TreatyEventInput", "event { key }", _event
    ),
    "recordMembership": request(
        "recordMembership", "MembershipInput", "membership { key }", _membership
    ),
    "recordTerm": request("recordTerm", "TermInput", "term { key }", _term),
}
CREATE_STATES = "UNWIND $codes AS c MERGE (:Country {iso3: c, name: 'Bench ' + c})"
DELETE_STATES = "MATCH (c:Country) WHERE c.iso3 IN $codes DETACH DELETE c"
STORED = (
    "MATCH (c:Curation) WHERE c.idempotencyKey STARTS WITH $run "
    "AND c.operation = $operation RETURN count(*) AS n"
)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8122
    key = new_key()
    settings = dataclasses.replace(
        Settings.from_env(),
        api_keys=(ApiKey("bench", "curator", hash_key(key)),),
        write_queue_seconds=600,
        # Measured, not limited: the per-key write rate is tried in tests/test_keys.
        curation_rate=10_000,
        curation_burst=100_000,
        client_concurrency=max(n, CONCURRENCY),
        client_active=CONCURRENCY,
    )
    started = serve(settings, port)
    if started is None:
        return 1
    server, thread = started
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    codes = [bench_state(i) for i in range(n)]
    password = settings.neo4j_password
    auth = (settings.neo4j_user, str(password)) if password is not None else None
    url = f"http://127.0.0.1:{port}"
    print(f"{n} writes per kind and mode; concurrent at {CONCURRENCY}")
    print(
        "| write | sequential writes/s | p50 ms | concurrent writes/s | p50 ms | p95 ms |"
    )
    print("|---|---|---|---|---|---|")
    try:
        with GraphDatabase.driver(settings.bolt_uri, auth=auth) as db:
            db.execute_query(CREATE_STATES, codes=codes)
            for operation, body in KINDS.items():
                cells: list[str] = []
                for mode in ("sequential", "concurrent"):
                    run = f"{prefix}-{operation.lower()}-{mode}"
                    bodies = [body(run, i) for i in range(n)]
                    wall, lat = asyncio.run(
                        send(url, key, bodies, mode == "concurrent", CONCURRENCY)
                    )
                    stored, _, _ = db.execute_query(
                        STORED, run=run, operation=operation
                    )
                    if stored[0]["n"] != n:
                        print(f"{operation} {mode}: stored {stored[0]['n']} of {n}")
                        return 1
                    cells += [f"{n / wall:.1f}", f"{statistics.median(lat):.0f}"]
                    if mode == "concurrent":
                        cells.append(f"{lat[int(0.95 * len(lat)) - 1]:.0f}")
                print(f"| `{operation}` | " + " | ".join(cells) + " |")
    finally:
        with GraphDatabase.driver(settings.bolt_uri, auth=auth) as db:
            db.execute_query(queries.FORGET_CURATIONS, p=prefix)
            db.execute_query(DELETE_STATES, codes=codes)
        server.should_exit = True
        thread.join(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
