"""How long Neo4j takes to prepare (EXPLAIN) and run nested relation filters.

Compiles `countries(where:) { totalCount }` with one of these filters on `borders`
around `iso3: { eq: "LTU" }`, of size N:
- `chain`: one quantifier (`--quantifier`, default `some`) nested N deep;
- `wide`: `some`, `all`, `none` and `single` at every level, N deep (4 + 16 + … subqueries);
- `flat`: N one-hop `some` side by side in an AND;
- `each`: one chain N deep per quantifier, side by side (N = 4 is the worst the
  default limits allow: depth 4, 16 relation filters).
`--under K` puts the filter on the innermost of K nested `borders` fields. EXPLAIN
(parsing, rewriting and planning) is timed as the best of `--reps`, in wall time and,
with `--neo4j-pid`, in the Neo4j JVM's CPU time (steadier on a shared machine);
`--run` also runs the query once. Each statement gets a fresh column name, so Neo4j's
plan cache never answers. The limits are bypassed: this measures Neo4j, not them.
Results: bench/notes.md.

Usage: python -m bench.filters --neo4j-port 7717 --neo4j-pid PID --sizes 1,2,4,8
       [--shape chain|wide|flat|each] [--quantifier single] [--under 9] [--run] [--timeout 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase, Query, Session
from neo4j.exceptions import Neo4jError

from graph.catalog import CATALOG
from graph.cypher.root import compile_root
from graph.selection import Leaf, Selection

WIDE = ("some", "all", "none", "single")


def nested_where(size: int, shape: str, quantifier: str = "some") -> dict[str, Any]:
    """The filter of one shape and size (see the module docstring)."""
    where: dict[str, Any] = {"iso3": {"eq": Leaf(0)}}
    if shape == "flat":
        return {"AND": [{"borders": {"some": where}}] * size}
    if shape == "each":
        return {"AND": [nested_where(size, "chain", q) for q in WIDE]}
    for _ in range(size):
        quantifiers = WIDE if shape == "wide" else (quantifier,)
        where = {"borders": dict.fromkeys(quantifiers, where)}
    return where


def statement(where: dict[str, Any], under: int) -> str:
    """The compiled Cypher of `where`, on the innermost of `under` nested fields."""
    inner = [Selection("iso3", "iso3")]
    args: dict[str, Any] = {"where": where}
    for _ in range(under):
        inner = [Selection("borders", "borders", args, inner)]
        args = {}
    children = [Selection("totalCount", "totalCount")]
    if under:
        children.append(Selection("nodes", "nodes", {}, inner))
    root = Selection("countries", "countries", args, children)
    return compile_root(root, CATALOG, 200, 200, 10**6, 10**6).cypher


def cpu_seconds(pid: int | None) -> float:
    """User plus system CPU time of process `pid` so far (0 without a pid)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(
    session: Session, text: str, timeout: float | None, pid: int | None = None
) -> tuple[float, float]:
    """Wall seconds until Neo4j answered `text` in full, and its CPU seconds."""
    fresh = text.replace("AS datasetVersion", f"AS v{time.time_ns()}")
    params = {"p0": "LTU", "today": dt.date(2026, 11, 28)}
    cpu = cpu_seconds(pid)
    started = time.perf_counter()
    # The text comes from the compiler's fixed fragments; values are parameters.
    session.run(Query(fresh, timeout=timeout), params).consume()
    return time.perf_counter() - started, cpu_seconds(pid) - cpu


def main() -> None:
    """Print one Markdown table row per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neo4j-port", type=int, default=7687)
    parser.add_argument("--neo4j-pid", type=int, default=None)
    parser.add_argument("--sizes", default="1,2,4,6,8")
    parser.add_argument(
        "--shape", choices=("chain", "wide", "flat", "each"), default="chain"
    )
    parser.add_argument("--quantifier", choices=WIDE, default="some")
    parser.add_argument("--under", type=int, default=0)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--run", action="store_true")
    parser.add_argument("--timeout", type=float, default=None)
    args = parser.parse_args()
    shape = args.shape if args.shape != "chain" else f"chain of {args.quantifier}"
    print("| shape | under | size | subqueries | EXPLAIN s | Neo4j CPU s | run s |")
    print("|---|---|---|---|---|---|---|")
    uri = f"bolt://127.0.0.1:{args.neo4j_port}"
    with GraphDatabase.driver(uri) as driver, driver.session() as session:
        timed(session, "EXPLAIN " + statement(nested_where(2, "wide"), 0), None)
        for size in (int(s) for s in args.sizes.split(",")):
            where = nested_where(size, args.shape, args.quantifier)
            text = statement(where, args.under)
            subqueries = text.count("EXISTS {") + text.count("COUNT {") - 1
            subqueries += text.count("size([")
            try:
                plan, cpu = min(
                    timed(session, "EXPLAIN " + text, args.timeout, args.neo4j_pid)
                    for _ in range(args.reps)
                )
                explained = f"{plan:.3f} | {cpu:.2f}"
            except Neo4jError as error:
                explained = f"{error.code} | -"
            run = "-"
            if args.run:
                try:
                    run = f"{timed(session, text, args.timeout)[0]:.3f}"
                except Neo4jError as error:
                    run = str(error.code)
            print(
                f"| {shape} | {args.under} | {size} | {subqueries} | {explained} "
                f"| {run} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
