"""Soak: a mixed load of five realistic queries against the API, from its own process.

    .venv/bin/python bench/soak.py --port 8132        # serves the API itself
    .venv/bin/python bench/soak.py --url http://host:8000 --pid <API pid>

With --port it serves the API itself (`python -m server serve`, as production does,
configured by the environment, e.g. `make stress`'s test Neo4j, already seeded) and
stops it afterwards; its TREATYGRAPH_CLIENT_CONCURRENCY is --concurrency, since every
connection comes from this one address. A server given by --url needs that too, or
it answers 429s.

Q1 the README's hero query; Q2 one country in depth; Q3 fifty Ottawa parties by
name with totalCount; Q4 the 2025 timeline; Q5 search. Every answer must be HTTP
200 without `errors`. The API's resident memory is read after a warm-up and at the
end; growth must stay under --max-rss-growth. Prints a JSON summary (also written
to --out) and exits 1 if any error was seen or memory grew too much.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx2

from bench.queries import HERO
from settings import REPO_ROOT
from tests.live import api_server, rss_bytes

QUERIES: dict[str, tuple[str, dict[str, Any]]] = {
    "Q1 hero": (HERO, {}),
    "Q2 country in depth": (
        """query Country($iso3: String!) {
  country(iso3: $iso3) {
    iso3 name officialName aliases
    treatyStatus(treaty: "ottawa") { status partySince partyUntil suspensionNotified }
    memberships { organization { code name } }
    borders { iso3 name }
    treatyEvents { kind date treaty { slug } sources { url publisher } }
    statements { date kind title authors { name } sources { url } }
    votes { date votesFor votesAgainst outcome chamber { name } claims { value status } }
    recommendations { date action authors { name } }
  }
}""",
        {"iso3": "LTU"},
    ),
    "Q3 50 Ottawa parties": (
        """query Parties {
  treaty(slug: "ottawa") {
    parties(first: 50, sort: [{ name: ASC }]) {
      totalCount
      nodes { iso3 name }
      pageInfo { hasNextPage endCursor }
    }
  }
}""",
        {},
    ),
    "Q4 2025 timeline": (
        """query Timeline {
  timeline(from: "2025-01-01", to: "2025-12-31") {
    totalCount
    nodes { date kind country { iso3 name } treaty { slug } sources { url } }
  }
}""",
        {},
    ),
    "Q5 search": (
        """query Search($text: String!) {
  search(text: $text, first: 10) {
    score
    node { __typename ... on Person { name } ... on Country { iso3 name } ... on Treaty { slug } }
  }
}""",
        {"text": "sakaliene"},
    ),
}
COUNTRIES = ["LTU", "LVA", "EST", "POL", "FIN", "UKR", "DEU", "FRA"]
SEARCHES = ["sakaliene", "Lietuva", "ottawa", "defence minister", "Tusk"]


class Tally:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = {name: [] for name in QUERIES}
        self.errors: list[str] = []

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, values in self.latencies.items():
            ordered = sorted(values)
            out[name] = {
                "requests": len(values),
                "p50_ms": round(statistics.median(ordered) * 1000, 1)
                if values
                else None,
                "p95_ms": round(ordered[int(len(ordered) * 0.95)] * 1000, 1)
                if values
                else None,
            }
        return out


async def worker(
    client: httpx2.AsyncClient, tally: Tally, stop_at: float, number: int
) -> None:
    names = itertools.cycle(list(QUERIES)[number % len(QUERIES) :] + list(QUERIES))
    turn = itertools.count(number)
    while time.monotonic() < stop_at:
        name = next(names)
        query, variables = QUERIES[name]
        i = next(turn)
        if "iso3" in variables:
            variables = {"iso3": COUNTRIES[i % len(COUNTRIES)]}
        if "text" in variables:
            variables = {"text": SEARCHES[i % len(SEARCHES)]}
        began = time.monotonic()
        try:
            response = await client.post(
                "/graphql", json={"query": query, "variables": variables}
            )
            body = response.json()
        except (httpx2.HTTPError, ValueError) as error:
            tally.errors.append(f"{name}: {type(error).__name__}: {error}")
            continue
        tally.latencies[name].append(time.monotonic() - began)
        if response.status_code != 200 or body.get("errors"):
            tally.errors.append(f"{name}: {response.status_code} {body.get('errors')}")


async def phase(url: str, seconds: float, concurrency: int, tally: Tally) -> None:
    limits = httpx2.Limits(max_connections=concurrency)
    async with httpx2.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        stop_at = time.monotonic() + seconds
        await asyncio.gather(
            *(worker(client, tally, stop_at, n) for n in range(concurrency))
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running API (give --pid too)")
    parser.add_argument("--pid", type=int, help="the running API's process id")
    parser.add_argument("--port", type=int, help="serve the API here for the soak")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--max-rss-growth", type=float, default=0.10)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.port is not None:
        log = REPO_ROOT / "test-output" / "soak-api.log"
        env = {
            name: str(args.concurrency)
            for name in ("TREATYGRAPH_CLIENT_CONCURRENCY", "TREATYGRAPH_CLIENT_ACTIVE")
        }
        with api_server(args.port, env, log) as process:
            args.url, args.pid = f"http://127.0.0.1:{args.port}", process.pid
            return soak(args)
    if args.url is None or args.pid is None:
        parser.error("give --port, or --url with --pid")
    return soak(args)


def soak(args: argparse.Namespace) -> int:
    """Warm up, read RSS, load for --seconds, read RSS; print and judge."""
    warm = Tally()
    asyncio.run(phase(args.url, args.warmup, args.concurrency, warm))
    rss_before = rss_bytes(args.pid)
    tally = Tally()
    began = time.monotonic()
    asyncio.run(phase(args.url, args.seconds, args.concurrency, tally))
    elapsed = time.monotonic() - began
    rss_after = rss_bytes(args.pid)
    requests = sum(len(v) for v in tally.latencies.values())
    growth = (rss_after - rss_before) / rss_before
    summary = {
        "seconds": round(elapsed, 1),
        "concurrency": args.concurrency,
        "requests": requests,
        "requests_per_second": round(requests / elapsed, 1),
        "errors": len(tally.errors) + len(warm.errors),
        "first_errors": (warm.errors + tally.errors)[:5],
        "rss_after_warmup_mb": round(rss_before / 2**20, 1),
        "rss_at_end_mb": round(rss_after / 2**20, 1),
        "rss_growth_percent": round(growth * 100, 2),
        "queries": tally.summary(),
    }
    text = json.dumps(summary, indent=2)
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    ok = summary["errors"] == 0 and growth < args.max_rss_growth
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
