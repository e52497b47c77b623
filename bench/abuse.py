"""Abuse suite: every attack of the hardening review against a live API, with a bystander.

    .venv/bin/python -m bench.abuse --port 8097                 # make stress: 20 s each
    .venv/bin/python -m bench.abuse --port 8097 --seconds 3     # the short run in make test

It serves the API itself (tests.live.api_server: the product's own serving code,
configured by the environment, against the seeded test Neo4j) and stops it after.
A bystander on 127.0.0.1 reads steadily, first alone (its idle p99), then during
each attack, which comes from 127.0.0.2, another loopback address, so the limits
per client tell them apart as they would tell two machines apart. Judged per
attack:

- every bystander request succeeds (HTTP 200, no `errors`);
- its p99 stays within --max-p99-ratio (3) of its idle p99 (`make stress` only:
  --no-latency-judgement turns it off for the short run, because on a shared CI
  machine a latency is a measurement, not a behaviour);
- every attacker answer is one the attack expects (a coded refusal, never a 500
  or INTERNAL_SERVER_ERROR), and a request that may succeed does;
- the API's resident memory stays under --max-rss-mb (sampled every 50 ms);
- the log grows by at most --max-log-bytes per attacker request.

Prints a JSON summary (also written to --out) and exits 1 if any judgement fails.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import multiprocessing
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx2

from httpapi.connections import raise_open_files_limit
from settings import REPO_ROOT
from tests.live import api_server, rss_bytes

BYSTANDER = "127.0.0.1"
ATTACKER = "127.0.0.2"
# The bystander's reads: one country in depth, a sorted page, the hero question.
BYSTANDER_READS: list[tuple[str, dict[str, Any]]] = [
    (
        'query Bystander { country(iso3: "LTU") { name borders { iso3 } '
        'treatyStatus(treaty: "ottawa") { status } } }',
        {},
    ),
    (
        'query Bystander { treaty(slug: "ottawa") { parties(first: 10, '
        "sort: [{ name: ASC }]) { totalCount nodes { iso3 } } } }",
        {},
    ),
]


@dataclass
class Target:
    """The API under attack: where it listens, its process, its log."""

    host: str
    port: int
    pid: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


Outcomes = Counter[str]


@dataclass
class Attack:
    """One attack: what it sends for `seconds`, and the answers it may get."""

    name: str
    finding: str
    run: Callable[[Target, float, Outcomes], Coroutine[Any, Any, None]]
    expect: frozenset[str]
    # Answers the attack must see at least once (e.g. the refusal it provokes).
    require: frozenset[str] = frozenset()
    requests: int = 0


def outcome(response: httpx2.Response) -> str:
    """`<status> <first error code or ok>` for one answer."""
    try:
        body = response.json()
    except ValueError:
        return f"{response.status_code} not-json"
    errors = body.get("errors") if isinstance(body, dict) else None
    if not errors:
        return f"{response.status_code} ok"
    code = (errors[0].get("extensions") or {}).get("code", "uncoded")
    return f"{response.status_code} {code}"


def attacker_client(connections: int) -> httpx2.AsyncClient:
    transport = httpx2.AsyncHTTPTransport(
        local_address=ATTACKER, limits=httpx2.Limits(max_connections=connections)
    )
    return httpx2.AsyncClient(transport=transport, timeout=120)


async def loop_posts(
    target: Target,
    seconds: float,
    seen: Outcomes,
    bodies: list[tuple[bytes, dict[str, str]]],
    connections: int,
) -> None:
    """`connections` workers POST the bodies in turn to /graphql until time is up."""
    stop_at = time.monotonic() + seconds
    async with attacker_client(connections) as client:

        async def worker(offset: int) -> None:
            turn = offset
            while time.monotonic() < stop_at:
                content, headers = bodies[turn % len(bodies)]
                turn += 1
                try:
                    response = await client.post(
                        f"{target.url}/graphql", content=content, headers=headers
                    )
                    seen[outcome(response)] += 1
                except httpx2.HTTPError as error:
                    seen[f"transport {type(error).__name__}"] += 1

        await asyncio.gather(*(worker(n) for n in range(connections)))


JSON = {"content-type": "application/json"}


def graphql(query: str, variables: dict[str, Any] | None = None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}).encode()


def fragment_chain(levels: int = 24) -> bytes:
    """Finding 1: 977 bytes that expand to 2^24 fields."""
    parts = ["fragment F0 on Query { __typename }"] + [
        f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}"
        for i in range(1, levels + 1)
    ]
    return graphql(f"{{ ...F{levels} }} " + " ".join(parts))


def nested_filter(depth: int) -> bytes:
    """Finding 2: `borders: {some: …}` nested `depth` deep."""
    where = '{ iso3: { eq: "LTU" } }'
    for _ in range(depth):
        where = f"{{ borders: {{ some: {where} }} }}"
    return graphql(f"{{ countries(where: {where}) {{ totalCount }} }}")


# Finding 3: nested lists at the largest page, under the old cost limit: 44 MB.
COST_BOMB = (
    "countries(first: 200) { nodes { name borders { name borders { name "
    "treatyEvents { kind date sources { url title } } borders { name "
    "memberships { organization { name } } } } } } }"
)
# Finding 4: a query of 50 aliases, 6.5 KB, 4% of the old cost limit.
# 200 fields: the most TREATYGRAPH_MAX_SELECTIONS lets through.
FIFTY_ALIASES = (
    "{ "
    + " ".join(
        f'a{i}: country(iso3: "{iso3}") {{ name borders {{ name }} }}'
        for i, iso3 in enumerate(["LTU", "LVA", "EST", "POL", "FIN"] * 10)
    )
    + " }"
)


async def flood(
    target: Target, seconds: float, seen: Outcomes, bodies: list[bytes], n: int = 4
) -> None:
    await loop_posts(target, seconds, seen, [(b, JSON) for b in bodies], n)


async def malformed(target: Target, seconds: float, seen: Outcomes) -> None:
    """Finding 6: bodies that are no GraphQL request, forged cursors, repeats."""
    async with httpx2.AsyncClient(base_url=target.url, timeout=30) as client:
        page = (
            "query($a: String) { countries(first: 1, after: $a) { edges { cursor } } }"
        )
        real = await client.post("/graphql", content=graphql(page), headers=JSON)
        cursor = real.json()["data"]["countries"]["edges"][0]["cursor"]
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    forged = []
    for value in (["i", 10**30], ["s", "\ud800"], ["f", 1e400]):
        payload["v"][0] = value
        text = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()
        forged.append(graphql(page, {"a": text}))
    names = " ".join(["name"] * 1000)
    bodies = [
        b"null",
        b"\xff\xfe{}",
        b"[" * 100_000,
        b"{" * 5000,
        *forged,
        graphql(f'{{ country(iso3: "LTU") {{ {names} }} }}'),
    ]
    await flood(target, seconds, seen, bodies)


async def log_flood(target: Target, seconds: float, seen: Outcomes) -> None:
    """Finding 7: operation names of 1 MB, and random names for the metric labels."""
    name = "Q" + "x" * 1_000_000
    bodies = [
        json.dumps({"query": f"query {name} {{ __typename }}"}).encode(),
        *(
            json.dumps({"query": f"query Random{i} {{ __typename }}"}).encode()
            for i in range(300)
        ),
    ]
    await flood(target, seconds, seen, bodies, n=2)


async def half_open(target: Target, seconds: float, seen: Outcomes) -> None:
    """Finding 5: sockets that send a request line and one header, then nothing.

    Opens up to --sockets of them (as fast as the server accepts), holds them for
    the attack, and counts how each ended: closed by the server (its header
    timeout), answered 503 (it was full), or still open at the end.
    """
    sockets: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    stop_at = time.monotonic() + seconds
    want = ARGS.sockets
    while len(sockets) < want and time.monotonic() < stop_at:
        try:
            reader, writer = await asyncio.open_connection(
                target.host, target.port, local_addr=(ATTACKER, 0)
            )
        except OSError as error:
            seen[f"connect {type(error).__name__}"] += 1
            await asyncio.sleep(0.01)
            continue
        writer.write(b"POST /graphql HTTP/1.1\r\nHost: x\r\n")
        sockets.append((reader, writer))
        seen["opened"] += 1

    async def ending(reader: asyncio.StreamReader) -> str:
        try:
            data = await asyncio.wait_for(
                reader.read(4096), max(0.1, stop_at - time.monotonic())
            )
        except TimeoutError:
            return "still open"
        except OSError:
            return "reset"
        if not data:
            return "closed by server"
        status = data.split(b"\r\n", 1)[0].decode(errors="replace")
        retry = b"retry-after:" in data.lower()
        return f"answered {status.split(' ', 2)[1] if ' ' in status else status}" + (
            " retry-after" if retry else ""
        )

    endings = await asyncio.gather(*(ending(r) for r, _ in sockets))
    seen.update(endings)
    for _, writer in sockets:
        writer.close()


ARGS = argparse.Namespace(sockets=2000)

ATTACKS = [
    Attack(
        "fragment chain, 24 deep",
        "1",
        lambda t, s, seen: flood(t, s, seen, [fragment_chain()]),
        frozenset({"400 LIMIT_EXCEEDED", "200 LIMIT_EXCEEDED", "429 RATE_LIMITED"}),
        frozenset({"LIMIT_EXCEEDED"}),
    ),
    Attack(
        "relation filters, 20 deep",
        "2",
        lambda t, s, seen: flood(t, s, seen, [nested_filter(20), nested_filter(4)]),
        frozenset(
            {"200 LIMIT_EXCEEDED", "400 LIMIT_EXCEEDED", "200 ok", "429 RATE_LIMITED"}
        ),
        # The cost model may refuse the allowed depth too (by what it walks).
        frozenset({"LIMIT_EXCEEDED"}),
    ),
    Attack(
        "nested lists at the largest page, and two aliases of them",
        "3",
        lambda t, s, seen: flood(
            t,
            s,
            seen,
            [
                graphql("{ " + COST_BOMB + " }"),
                graphql(f"{{ a: {COST_BOMB} b: {COST_BOMB} }}"),
            ],
        ),
        frozenset({"200 LIMIT_EXCEEDED", "400 LIMIT_EXCEEDED", "429 RATE_LIMITED"}),
        frozenset({"LIMIT_EXCEEDED"}),
    ),
    Attack(
        "10 connections looping a 50-alias query",
        "4",
        lambda t, s, seen: flood(t, s, seen, [graphql(FIFTY_ALIASES)], n=10),
        frozenset({"200 ok", "429 RATE_LIMITED"}),
        frozenset({"200 ok", "429 RATE_LIMITED"}),
    ),
    Attack(
        "half-open sockets",
        "5",
        half_open,
        frozenset(
            {
                "opened",
                "closed by server",
                "answered 503 retry-after",
                "still open",
            }
        ),
        frozenset({"closed by server"}),
    ),
    Attack(
        "malformed bodies, forged cursors, 1,000 repeated fields",
        "6",
        malformed,
        frozenset(
            {
                "400 BAD_REQUEST",
                "200 BAD_USER_INPUT",
                "400 BAD_USER_INPUT",
                "200 LIMIT_EXCEEDED",
                "400 LIMIT_EXCEEDED",
                "429 RATE_LIMITED",
            }
        ),
        frozenset({"BAD_REQUEST", "BAD_USER_INPUT", "LIMIT_EXCEEDED"}),
    ),
    Attack(
        "1 MB operation names and 300 random names",
        "7",
        log_flood,
        frozenset(
            {"200 ok", "200 LIMIT_EXCEEDED", "413 LIMIT_EXCEEDED", "429 RATE_LIMITED"}
        ),
        # The 1 MB name is refused unread (TREATYGRAPH_MAX_QUERY_LENGTH).
        frozenset({"200 ok", "200 LIMIT_EXCEEDED"}),
    ),
]


@dataclass
class Bystander:
    """Sequential reads from 127.0.0.1: one keep-alive connection, and every fifth
    read on a new connection (a new client must get in during a flood too)."""

    target: Target
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    async def read(self, seconds: float) -> None:
        stop_at = time.monotonic() + seconds
        transport = httpx2.AsyncHTTPTransport(local_address=BYSTANDER)
        async with httpx2.AsyncClient(transport=transport, timeout=30) as kept:
            turn = 0
            while time.monotonic() < stop_at:
                query, variables = BYSTANDER_READS[turn % len(BYSTANDER_READS)]
                fresh = turn % 5 == 4
                turn += 1
                body = graphql(query, variables)
                began = time.monotonic()
                try:
                    if fresh:
                        async with httpx2.AsyncClient(timeout=30) as client:
                            response = await client.post(
                                f"{self.target.url}/graphql", content=body, headers=JSON
                            )
                    else:
                        response = await kept.post(
                            f"{self.target.url}/graphql", content=body, headers=JSON
                        )
                except httpx2.HTTPError as error:
                    self.failures.append(f"{type(error).__name__}: {error}")
                    continue
                self.latencies.append(time.monotonic() - began)
                if outcome(response) != "200 ok":
                    self.failures.append(f"{outcome(response)}: {response.text[:200]}")
                await asyncio.sleep(0.01)  # ~60 reads/s: a steady user, not a load

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies)
        total = len(ordered) + len(self.failures)
        return {
            "requests": total,
            "success_rate": round(len(ordered) / total, 4) if total else None,
            "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
            "p99_ms": round(p99(ordered) * 1000, 1) if ordered else None,
            "first_failures": self.failures[:3],
        }


def p99(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def sample_rss(pid: int, stop: asyncio.Event) -> int:
    """The largest resident set seen until `stop`, sampled every 50 ms."""
    peak = 0
    while not stop.is_set():
        with contextlib.suppress(FileNotFoundError, RuntimeError):
            peak = max(peak, rss_bytes(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.05)
    return peak


def _attack_process(
    index: int, target: Target, seconds: float, sockets: int, out: Connection
) -> None:
    """The attacker's own process: its work must not delay the bystander's clock."""
    ARGS.sockets = sockets
    seen: Outcomes = Counter()
    asyncio.run(ATTACKS[index].run(target, seconds, seen))
    out.send(dict(seen))
    out.close()


async def one(target: Target, attack: Attack, seconds: float) -> dict[str, Any]:
    bystander = Bystander(target)
    stop = asyncio.Event()
    log_before = target.log.stat().st_size
    sampler = asyncio.create_task(sample_rss(target.pid, stop))
    began = time.monotonic()
    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    attacker = multiprocessing.get_context("fork").Process(
        target=_attack_process,
        args=(ATTACKS.index(attack), target, seconds, ARGS.sockets, sending),
    )
    attacker.start()
    await bystander.read(seconds)
    # The attack may end after its time (a socket or request still in flight).
    seen: Outcomes = Counter(await asyncio.to_thread(receiving.recv))
    await asyncio.to_thread(attacker.join)
    elapsed = time.monotonic() - began
    stop.set()
    peak = await sampler
    requests = sum(n for k, n in seen.items() if k[0].isdigit() or k == "opened")
    return {
        "attack": attack.name,
        "finding": attack.finding,
        "seconds": round(elapsed, 1),
        "attacker": dict(seen.most_common()),
        "attacker_requests": requests,
        "bystander": bystander.summary(),
        "rss_peak_mb": round(peak / 2**20, 1),
        "log_bytes_per_request": round(
            (target.log.stat().st_size - log_before) / max(1, requests)
        ),
    }


def judge(
    result: dict[str, Any], attack: Attack, idle_p99: float, args: argparse.Namespace
) -> list[str]:
    """The judgements this attack's result fails, as sentences."""
    problems = []
    bystander = result["bystander"]
    if bystander["success_rate"] != 1:
        problems.append(f"bystander failures: {bystander['first_failures']}")
    ratio = (bystander["p99_ms"] or 0) / idle_p99 if idle_p99 else 0
    result["bystander"]["p99_over_idle"] = round(ratio, 2)
    if args.latency_judgement and ratio > args.max_p99_ratio:
        problems.append(f"bystander p99 {ratio:.2f}x idle (max {args.max_p99_ratio})")
    unexpected = set(result["attacker"]) - attack.expect
    if unexpected:
        problems.append(f"unexpected attacker answers: {sorted(unexpected)}")
    for needed in attack.require:
        if not any(needed in k for k in result["attacker"]):
            problems.append(f"the attack never got {needed!r}")
    if result["rss_peak_mb"] > args.max_rss_mb:
        problems.append(f"API RSS {result['rss_peak_mb']} MiB > {args.max_rss_mb}")
    if result["log_bytes_per_request"] > args.max_log_bytes:
        problems.append(
            f"log grew {result['log_bytes_per_request']} B/request "
            f"(max {args.max_log_bytes})"
        )
    return problems


async def suite(target: Target, args: argparse.Namespace) -> dict[str, Any]:
    warm = Bystander(target)
    await warm.read(2)
    idle = Bystander(target)
    await idle.read(args.idle_seconds)
    idle_p99 = p99(sorted(idle.latencies)) * 1000 if idle.latencies else 0.0
    results = []
    failed = []
    chosen = [a for a in ATTACKS if not args.only or a.finding in args.only]
    for attack in chosen:
        result = await one(target, attack, args.seconds)
        problems = judge(result, attack, idle_p99, args)
        result["problems"] = problems
        results.append(result)
        failed += [f"{attack.name}: {p}" for p in problems]
        print(json.dumps(result), flush=True)
        await asyncio.sleep(args.pause)  # let the header timeouts close what is left
    return {
        "idle": idle.summary(),
        "attacks": results,
        "limits": {
            "max_p99_ratio": args.max_p99_ratio if args.latency_judgement else None,
            "max_rss_mb": args.max_rss_mb,
            "max_log_bytes_per_request": args.max_log_bytes,
        },
        "failed": failed,
    }


def table(summary: dict[str, Any]) -> str:
    """The summary as a Markdown table, for bench/notes.md and closing notes."""
    idle = summary["idle"]
    lines = [
        f"Bystander idle: p50 {idle['p50_ms']} ms, p99 {idle['p99_ms']} ms, "
        f"{idle['requests']} requests.",
        "",
        "| finding | attack | attacker answers | bystander success | "
        "bystander p99 (x idle) | API RSS peak |",
        "|---|---|---|---|---|---|",
    ]
    for r in summary["attacks"]:
        answers = ", ".join(f"{k}: {n:,}" for k, n in r["attacker"].items())
        b = r["bystander"]
        lines.append(
            f"| {r['finding']} | {r['attack']} | {answers} | "
            f"{b['success_rate']:.1%} of {b['requests']} | "
            f"{b['p99_ms']} ms ({b['p99_over_idle']}x) | {r['rss_peak_mb']} MiB |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--idle-seconds", type=float, default=5)
    parser.add_argument("--pause", type=float, default=1)
    parser.add_argument("--sockets", type=int, default=2000)
    parser.add_argument("--max-p99-ratio", type=float, default=3)
    parser.add_argument(
        "--no-latency-judgement", dest="latency_judgement", action="store_false"
    )
    parser.add_argument("--max-rss-mb", type=float, default=600)
    parser.add_argument("--max-log-bytes", type=int, default=4096)
    parser.add_argument("--only", action="append", help="a finding number")
    parser.add_argument(
        "--env", action="append", default=[], help="NAME=VALUE for the API"
    )
    parser.add_argument("--out", type=Path, default=None, help="the JSON summary")
    parser.add_argument("--md", type=Path, default=None, help="the Markdown table")
    args = parser.parse_args(argv)
    ARGS.sockets = args.sockets
    raise_open_files_limit()  # the half-open attack holds thousands here too
    log = REPO_ROOT / "test-output" / "abuse-api.log"
    env = dict(item.split("=", 1) for item in args.env)
    with api_server(args.port, env, log) as process:
        target = Target("127.0.0.1", args.port, process.pid, log)
        summary = asyncio.run(suite(target, args))
    text = json.dumps(summary, indent=2)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    if args.md is not None:
        args.md.parent.mkdir(parents=True, exist_ok=True)
        args.md.write_text(table(summary))
    for line in summary["failed"]:
        print(f"FAILED {line}", file=sys.stderr)
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
