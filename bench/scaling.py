"""Latency vs graph size: Q1-Q5 at concurrency 1 on the seed (x1) and synthetic x10, x100.

Each size has its own Neo4j home and port (.neo4j/bench-x10 ...), seeded and grown once
(bench/grow.py; reused while the seed's dataset version and the factor match). All
instances run at once and the sizes are measured alternately, question by question.
For each size it also PROFILEs treatygraph's compiled statement for each question and
reports its total db hits: cost should follow the answer, not the graph.

    python -m bench.scaling [--smoke]         (after bench.run; writes OUT/scaling.json)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import load
from bench.contestants import REPO, Contestant, build
from bench.floor import compile_questions
from bench.grow import grow, quiet_driver
from bench.queries import QUESTIONS, answer
from bench.run import neo4j, serving
from graph import statistics as cost_statistics
from graph.driver import open_driver
from seeds import loader
from seeds.validate import DATA_DIR, read_dataset
from settings import Settings


def prepare(settings: Settings, factor: int) -> dict[str, Any]:
    """Seed and grow this instance, unless it already holds this factor of this seed."""
    version = loader.dataset_version(read_dataset(DATA_DIR))
    with quiet_driver(settings.bolt_uri) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (d:Dataset {id: 'seed'}) RETURN d.filesHash AS v, d.benchFactor AS f"
        )
    if records and records[0]["v"] == version and records[0]["f"] == factor:
        print(f"  x{factor}: reusing the grown graph in {settings.local_neo4j_home}")
        return {"factor": factor, "reused": True}
    loader.load(settings, reset=True)
    with quiet_driver(settings.bolt_uri) as driver:
        report = grow(driver, factor)
        # The cost estimate's bounds, of the grown graph (the loader's are the seed's).
        cost_statistics.write_exact(driver, settings.neo4j_database)
        driver.execute_query("CALL db.awaitIndexes(300)")
        driver.execute_query(
            "MATCH (d:Dataset {id: 'seed'}) SET d.benchFactor = $f", f=factor
        )
    added = sum(report["added"].values())
    print(f"  x{factor}: grown in {report['seconds']:.0f} s ({added} added)")
    return {"reused": False, **report}


def graph_size(settings: Settings) -> dict[str, int]:
    with quiet_driver(settings.bolt_uri) as driver:
        nodes, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
        rels, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n")
    return {"nodes": nodes[0]["n"], "relationships": rels[0]["n"]}


def _db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(
        _db_hits(c) for c in plan.get("children", [])
    )


def profile(settings: Settings) -> dict[str, int]:
    """Total db hits of treatygraph's compiled statement for each question."""

    async def compiled() -> dict[str, tuple[str, dict[str, Any]]]:
        driver = open_driver(settings)
        try:
            return await compile_questions(driver, settings)
        finally:
            await driver.close()

    statements = asyncio.run(compiled())
    hits: dict[str, int] = {}
    with quiet_driver(settings.bolt_uri) as driver:
        for name, (cypher, params) in statements.items():
            text = cypher.replace("CYPHER 5 ", "CYPHER 5 PROFILE ", 1)
            with driver.session(database=settings.neo4j_database) as session:
                summary = session.run(text, params).consume()
            hits[name] = _db_hits(summary.profile or {})
    return hits


@contextlib.contextmanager
def instances(
    factors: list[int], base_port: int, *, first_external: bool
) -> Iterator[dict[int, Settings]]:
    with contextlib.ExitStack() as stack:
        out: dict[int, Settings] = {}
        for offset, factor in enumerate(factors):
            home = REPO / ".neo4j" / ("bench" if factor == 1 else f"bench-x{factor}")
            out[factor] = stack.enter_context(
                neo4j(base_port + offset, home, external=first_external and offset == 0)
            )
        yield out


def _same_at_any_size(question: str, server: Contestant) -> Any:
    """The answer, minus search scores: Lucene's IDF changes as synthetic text is added."""
    found = answer(question, "ours", server.ask(question)["data"])
    if question == "Q5":
        return [hit["node"] for hit in found]
    return found


def measure(
    servers: dict[int, Contestant],
    *,
    rounds: int,
    seconds: float,
    warmup: float,
    out: Path,
) -> list[dict[str, Any]]:
    """c=1 wrk runs per question, the sizes alternated round by round."""
    factors = list(servers)
    runs: list[dict[str, Any]] = []
    for q in QUESTIONS:
        reference = _same_at_any_size(q.name, servers[factors[0]])
        for factor, server in servers.items():
            if _same_at_any_size(q.name, server) != reference:
                raise RuntimeError(f"{q.name} answers differently at x{factor}")
        for factor in factors:
            if warmup > 0:  # a freshly started JVM needs its JIT warm, like the x1 one
                load.wrk(
                    servers[factor],
                    q.name,
                    connections=1,
                    seconds=warmup,
                    scripts=out / "wrk",
                )
        for round_ in range(rounds):
            shift = round_ % len(factors)
            for factor in factors[shift:] + factors[:shift]:
                run = load.wrk(
                    servers[factor],
                    q.name,
                    connections=1,
                    seconds=seconds,
                    scripts=out / "wrk",
                )
                runs.append(
                    {
                        "question": q.name,
                        "factor": factor,
                        "round": round_,
                        "p50_ms": run.p50_ms,
                        "p95_ms": run.p95_ms,
                        "p99_ms": run.p99_ms,
                        "rps": run.rps,
                        "errors": run.errors,
                    }
                )
        medians = {
            f: statistics.median(
                r["p50_ms"]
                for r in runs
                if r["question"] == q.name and r["factor"] == f
            )
            for f in factors
        }
        print(
            f"  {q.name} p50 "
            + ", ".join(f"x{f} {m:.1f} ms" for f, m in medians.items())
        )
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="x1 then x2 grown in place on one instance, one short run each",
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument(
        "--neo4j-port",
        type=int,
        default=7701,
        help="x1; larger sizes use the next ports",
    )
    parser.add_argument(
        "--external-neo4j", action="store_true", help="x1 is already running"
    )
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument(
        "--api-port", type=int, default=8104, help="first of one port per size"
    )
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument(
        "--warmup", type=float, default=10, help="seconds per question and size"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.factors, args.rounds, args.seconds = "1,2", 1, 1
    factors = [int(f) for f in args.factors.split(",")]
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    result: dict[str, Any] = {
        "factors": factors,
        "sizes": {},
        "runs": [],
        "rounds": args.rounds,
        "seconds": args.seconds,
        "workers": args.workers,
    }
    if args.smoke:
        # One instance (make test's): each size in turn, grown in place.
        with neo4j(
            args.neo4j_port, REPO / ".neo4j" / "bench", external=args.external_neo4j
        ) as settings:
            for factor in factors:
                loader.load(settings, reset=True)
                with quiet_driver(settings.bolt_uri) as driver:
                    grow(driver, factor)
                    driver.execute_query("CALL db.awaitIndexes(300)")
                result["sizes"][factor] = graph_size(settings) | {
                    "db_hits": profile(settings)
                }
                port = int(settings.bolt_uri.rsplit(":", 1)[1])
                server = build(
                    "ours", port=args.api_port, bolt_port=port, workers=1, out=out
                )
                with serving([server]):
                    result["runs"] += measure(
                        {factor: server}, rounds=1, seconds=1, warmup=0, out=out
                    )
            loader.load(settings, reset=True)
    else:
        with instances(
            factors, args.neo4j_port, first_external=args.external_neo4j
        ) as dbs:
            for factor, settings in dbs.items():
                prepare(settings, factor)
                result["sizes"][factor] = graph_size(settings) | {
                    "db_hits": profile(settings)
                }
                print(f"  x{factor}: {result['sizes'][factor]}")
            servers = {
                factor: build(
                    "ours",
                    port=args.api_port + i,
                    bolt_port=int(settings.bolt_uri.rsplit(":", 1)[1]),
                    workers=args.workers,
                    out=out,
                )
                for i, (factor, settings) in enumerate(dbs.items())
            }
            with serving(list(servers.values())):
                result["runs"] = measure(
                    servers,
                    rounds=args.rounds,
                    seconds=args.seconds,
                    warmup=args.warmup,
                    out=out,
                )
    path = out / "scaling.json"
    path.write_text(json.dumps(result, indent=1))
    print(f"wrote {path} in {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
