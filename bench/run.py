"""The side-by-side benchmark: treatygraph vs @neo4j/graphql 7 vs the raw-driver floor.

Phases: (1) a local Neo4j with the curated seed; (2) the three contestants as separate
processes; (3) every question answered identically by all three, or stop; (4) Cypher
statements per request, counted on the wire by bench/boltcount.py; (5) wrk at each
concurrency, contestants alternated round by round; results in OUT/results.json.

    python -m bench.run [--smoke] [--out bench/out]      (behind `make bench`)
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import load
from bench.boltcount import BoltCounter
from bench.contestants import NAMES, REPO, Contestant, build
from bench.queries import QUESTIONS, answer
from graph import launcher
from seeds import loader
from settings import Settings


def settings_for(port: int, home: Path, heap: str = "1g") -> Settings:
    """Settings for a bench Neo4j of our own (never the developer's or the tests')."""
    return Settings.from_env(
        {
            "NEO4J_LOCAL_PORT": str(port),
            "NEO4J_LOCAL_HOME": str(home),
            "NEO4J_LOCAL_HEAP": heap,
        }
    )


@contextlib.contextmanager
def neo4j(port: int, home: Path, *, external: bool) -> Iterator[Settings]:
    """A running Neo4j on `port`: started here (and stopped after) unless `external`."""
    settings = settings_for(port, home)
    if external:
        yield settings
        return
    instance = launcher.LocalNeo4j.from_settings(settings)
    started = launcher.start(instance)
    try:
        yield settings
    finally:
        if started:
            launcher.stop(instance)


@contextlib.contextmanager
def serving(contestants: list[Contestant]) -> Iterator[list[Contestant]]:
    """Start them all, wait until each answers Q1, stop them all after."""
    try:
        for c in contestants:
            c.start()
        for c in contestants:
            c.wait_ready()
        yield contestants
    finally:
        for c in contestants:
            c.stop()


def check_answers(contestants: list[Contestant]) -> dict[str, Any]:
    """Every question's answer, identical across contestants (raises when not)."""
    answers: dict[str, Any] = {}
    for q in QUESTIONS:
        seen: dict[str, Any] = {}
        for c in contestants:
            body = c.ask(q.name)
            if body.get("errors"):
                raise RuntimeError(
                    f"{q.name}: {c.name} answered errors {body['errors']}"
                )
            seen[c.name] = answer(q.name, c.name, body["data"])
        reference = seen["ours"]
        for name, value in seen.items():
            if value != reference:
                raise RuntimeError(
                    f"{q.name}: {name} answers differently from ours:\n"
                    f"ours: {json.dumps(reference)[:1500]}\n{name}: {json.dumps(value)[:1500]}"
                )
        answers[q.name] = {"size": len(json.dumps(reference))}
        print(f"  {q.name}: identical answers from {', '.join(seen)}")
    return answers


def count_cypher(
    contestants: list[Contestant], counter: BoltCounter, repeats: int
) -> dict[str, dict[str, dict[str, float]]]:
    """RUN and BEGIN messages per request, per contestant and question."""
    counts: dict[str, dict[str, dict[str, float]]] = {}
    for c in contestants:
        counts[c.name] = {}
        for q in QUESTIONS:
            c.ask(q.name)  # first use may run one-off checks (the peer's version probe)
            time.sleep(0.2)
            counter.reset()
            for _ in range(repeats):
                c.ask(q.name)
            time.sleep(0.2)
            seen = counter.snapshot()
            counts[c.name][q.name] = {
                "statements": seen.get("run", 0) / repeats,
                "transactions": seen.get("begin", 0) / repeats,
            }
        print(
            f"  {c.name}: "
            + ", ".join(f"{q}={v['statements']:g}" for q, v in counts[c.name].items())
        )
    return counts


def measure(
    contestants: list[Contestant],
    *,
    concurrencies: list[int],
    rounds: int,
    seconds: float,
    warmup: float,
    scripts: Path,
) -> list[dict[str, Any]]:
    """wrk runs: per question and concurrency, each round runs every contestant in turn."""
    runs: list[dict[str, Any]] = []
    if warmup > 0:
        # A freshly started Neo4j runs its first thousands of queries before the JIT
        # has compiled them: warm every question on every contestant before timing any.
        for q in QUESTIONS:
            for c in contestants:
                load.wrk(c, q.name, connections=8, seconds=warmup * 2, scripts=scripts)
    for q in QUESTIONS:
        for conc in concurrencies:
            for round_ in range(rounds):
                # Rotate the order each round so no contestant always follows another.
                order = (
                    contestants[round_ % len(contestants) :]
                    + contestants[: round_ % len(contestants)]
                )
                for c in order:
                    if warmup > 0:
                        load.wrk(
                            c, q.name, connections=conc, seconds=warmup, scripts=scripts
                        )
                    run = load.wrk(
                        c, q.name, connections=conc, seconds=seconds, scripts=scripts
                    )
                    runs.append(
                        {
                            "question": q.name,
                            "concurrency": conc,
                            "round": round_,
                            "contestant": c.name,
                            **asdict(run),
                        }
                    )
                    print(
                        f"  {q.name} c={conc:<3} r{round_} {c.name:<6} {run.rps:8.1f} req/s "
                        f"p50 {run.p50_ms:6.1f} p95 {run.p95_ms:6.1f} p99 {run.p99_ms:6.1f} ms "
                        f"err {run.errors}",
                        flush=True,
                    )
            # Still right after load: every contestant answers correctly.
            for c in contestants:
                if c.ask(q.name).get("errors"):
                    raise RuntimeError(f"{q.name}: {c.name} answers errors after load")
    return runs


def machine() -> dict[str, Any]:
    """What ran the benchmark: CPU, memory, versions."""

    def out(*cmd: str) -> str:
        try:
            return subprocess.run(
                cmd, capture_output=True, text=True, check=False
            ).stdout.strip()
        except OSError:
            return "?"

    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    peer_lock = json.loads((REPO / "bench" / "peer" / "package-lock.json").read_text())
    packages = peer_lock["packages"]

    def npm(name: str) -> str:
        return str(packages.get(f"node_modules/{name}", {}).get("version", "?"))

    from importlib.metadata import version

    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": out("nproc"),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "node": out("node", "--version"),
        "neo4j": launcher.neo4j_version(),
        "wrk": out("wrk", "-v").splitlines()[0] if out("wrk", "-v") else "?",
        "packages": {
            "strawberry-graphql": version("strawberry-graphql"),
            "neo4j (python)": version("neo4j"),
            "uvicorn": version("uvicorn"),
            "@neo4j/graphql": npm("@neo4j/graphql"),
            "@apollo/server": npm("@apollo/server"),
            "graphql (js)": npm("graphql"),
            "neo4j-driver (js)": npm("neo4j-driver"),
        },
    }


def summarise(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Median over rounds per (question, concurrency, contestant), plus ratios to the peer."""
    table: list[dict[str, Any]] = []
    keys = sorted({(r["question"], r["concurrency"]) for r in runs})
    for question, conc in keys:
        row: dict[str, Any] = {"question": question, "concurrency": conc}
        for name in NAMES:
            mine = [
                r
                for r in runs
                if (r["question"], r["concurrency"], r["contestant"])
                == (question, conc, name)
            ]
            if not mine:
                continue
            row[name] = {
                metric: statistics.median(r[metric] for r in mine)
                for metric in ("rps", "p50_ms", "p95_ms", "p99_ms")
            } | {"errors": sum(r["errors"] for r in mine)}
        # Ratios per round (the pair ran back to back), then their median.
        for other in ("peer", "floor"):
            ratios = []
            for round_ in sorted({r["round"] for r in runs}):
                pair = {
                    r["contestant"]: r
                    for r in runs
                    if (r["question"], r["concurrency"], r["round"])
                    == (question, conc, round_)
                }
                if "ours" in pair and other in pair and pair[other]["rps"]:
                    ratios.append(
                        {
                            "rps": pair["ours"]["rps"] / pair[other]["rps"],
                            "p50": pair["ours"]["p50_ms"]
                            / max(pair[other]["p50_ms"], 1e-9),
                            "p99": pair["ours"]["p99_ms"]
                            / max(pair[other]["p99_ms"], 1e-9),
                        }
                    )
            if ratios:
                row[f"ours_vs_{other}"] = {
                    k: statistics.median(r[k] for r in ratios)
                    for k in ("rps", "p50", "p99")
                }
        table.append(row)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="everything once, briefly")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--neo4j-port", type=int, default=7701)
    parser.add_argument("--neo4j-home", type=Path, default=REPO / ".neo4j" / "bench")
    parser.add_argument(
        "--external-neo4j",
        action="store_true",
        help="use the Neo4j already running on --neo4j-port (make test)",
    )
    parser.add_argument(
        "--ports", default="8100,4100,8101", help="HTTP ports of ours,peer,floor"
    )
    parser.add_argument(
        "--count-ports",
        default="8102,4101,8103,7705",
        help="ours,peer,floor and the Bolt proxy, for the counting run",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="API_WORKERS of ours and the floor"
    )
    parser.add_argument("--concurrency", default="1,8,32,64")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--warmup", type=float, default=2)
    args = parser.parse_args(argv)
    if args.smoke:
        args.concurrency, args.rounds, args.seconds, args.warmup = "1,8", 1, 1, 0
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    ports = [int(p) for p in args.ports.split(",")]
    count_ports = [int(p) for p in args.count_ports.split(",")]
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    load.wrk_path()

    began = time.monotonic()
    with neo4j(
        args.neo4j_port, args.neo4j_home, external=args.external_neo4j
    ) as settings:
        print(f"[1/5] seeding Neo4j on {settings.bolt_uri}")
        loader.load(settings, reset=True)
        result: dict[str, Any] = {
            "machine": machine(),
            "workers": args.workers,
            "command": "python -m bench.run "
            + " ".join(argv if argv is not None else sys.argv[1:]),
            "smoke": args.smoke,
        }
        print("[2/5] Cypher statements per request (Bolt proxy)")
        counter = BoltCounter(count_ports[3], args.neo4j_port)
        counting = [
            build(name, port=port, bolt_port=count_ports[3], workers=1, out=out)
            for name, port in zip(NAMES, count_ports[:3], strict=True)
        ]
        with counter.running(), serving(counting):
            result["cypher_per_request"] = count_cypher(
                counting, counter, 2 if args.smoke else 5
            )
        contestants = [
            build(
                name,
                port=port,
                bolt_port=args.neo4j_port,
                workers=args.workers,
                out=out,
            )
            for name, port in zip(NAMES, ports, strict=True)
        ]
        with serving(contestants):
            print("[3/5] checking answers")
            result["answers"] = check_answers(contestants)
            print(
                f"[4/5] load: concurrency {concurrencies}, {args.rounds} round(s) of {args.seconds:g} s"
            )
            runs = measure(
                contestants,
                concurrencies=concurrencies,
                rounds=args.rounds,
                seconds=args.seconds,
                warmup=args.warmup,
                scripts=out / "wrk",
            )
        result["runs"] = runs
        result["summary"] = summarise(runs)
    path = out / "results.json"
    path.write_text(json.dumps(result, indent=1))
    print(f"[5/5] wrote {path} in {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
