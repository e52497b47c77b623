"""Render results.md and the PNG charts from OUT/results.json, OUT/scaling.json and
OUT/cpu.json.

python -m bench.report [--out bench/out] [--md bench/results.md] [--charts bench/charts]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench.contestants import NAMES, REPO
from bench.queries import QUESTIONS

LABELS = {
    "ours": "treatygraph",
    "peer": "@neo4j/graphql 7",
    "floor": "raw-driver floor",
}
COLOURS = {"ours": "#1f77b4", "peer": "#d62728", "floor": "#7f7f7f"}


def _f(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def charts(
    results: dict[str, Any], scaling: dict[str, Any] | None, folder: Path
) -> list[str]:
    """Throughput per question and contestant; latency vs graph size. Returns file names."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    summary = results["summary"]
    concurrencies = sorted({row["concurrency"] for row in summary})
    fig, axes = plt.subplots(
        1, len(concurrencies), figsize=(4 * len(concurrencies), 4), sharey=False
    )
    if len(concurrencies) == 1:
        axes = [axes]
    width = 0.27
    for ax, conc in zip(axes, concurrencies, strict=True):
        rows = [r for r in summary if r["concurrency"] == conc]
        xs = range(len(rows))
        for i, name in enumerate(NAMES):
            values = [r.get(name, {}).get("rps", 0) for r in rows]
            ax.bar(
                [x + (i - 1) * width for x in xs],
                values,
                width,
                label=LABELS[name],
                color=COLOURS[name],
            )
        ax.set_xticks(list(xs), [r["question"] for r in rows])
        ax.set_title(f"concurrency {conc}")
        ax.set_ylabel("requests/s")
    axes[0].legend(fontsize=8)
    fig.suptitle("Throughput per question (median of rounds; higher is better)")
    fig.tight_layout()
    fig.savefig(folder / "throughput.png", dpi=110)
    plt.close(fig)
    written.append("throughput.png")
    if scaling:
        factors = scaling["factors"]
        fig, ax = plt.subplots(figsize=(6, 4))
        for q in QUESTIONS:
            p50 = [_median_p50(scaling, q.name, f) for f in factors]
            ax.plot(factors, p50, marker="o", label=q.name)
        ax.set_xscale("log")
        ax.set_xticks(factors, [f"x{f}" for f in factors])
        ax.set_xlabel("graph size (synthetic growth factor)")
        ax.set_ylabel("p50 latency at c=1 (ms)")
        ax.set_title("treatygraph latency vs graph size")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(folder / "scaling.png", dpi=110)
        plt.close(fig)
        written.append("scaling.png")
    return written


def _median_p50(scaling: dict[str, Any], question: str, factor: int) -> float:
    values = sorted(
        r["p50_ms"]
        for r in scaling["runs"]
        if r["question"] == question and r["factor"] == factor
    )
    return values[len(values) // 2] if values else float("nan")


def cpu_table(cpu: dict[str, Any]) -> list[str]:
    """bench/cpu.py's figures: CPU per request of each path, in-process."""
    lines = [
        "## CPU per request (in-process)",
        "",
        "`bench/cpu.py` drives each app's ASGI interface in one process, without"
        " sockets, over one driver and Neo4j, and reads the process's CPU time:"
        " treatygraph as served (compiled responses), treatygraph with"
        " `TREATYGRAPH_COMPILED_RESPONSES=false` (graphql-core completes every"
        " response), and the floor. The driver's own work is in every figure; the"
        " access log line is not (logging is not configured there)."
        f" Medians of {cpu['rounds']} alternating rounds of {cpu['requests']} requests"
        f" (`{cpu['command']}`).",
        "",
        "| Q | compiled ms | graphql-core ms | floor ms | graphql-core / compiled"
        " | compiled / floor | completer µs | encode µs, orjson / json |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in cpu["questions"].items():
        c, g, f = (row[p]["cpu_ms"] for p in ("compiled", "graphql", "floor"))
        parts = row["parts_us"]
        lines.append(
            f"| {name} | {_f(c, 2)} | {_f(g, 2)} | {_f(f, 2)} | {_f(g / c, 2)}x"
            f" | {_f(c / f, 2)}x | {_f(parts['complete'])}"
            f" | {_f(parts['orjson'])} / {_f(parts['json'])} |"
        )
    return [
        *lines,
        "",
        "The last two columns time steps of a compiled response alone: the generated"
        " completer over the question's rows, and encoding the response body.",
        "",
    ]


def markdown(
    results: dict[str, Any],
    scaling: dict[str, Any] | None,
    charts_rel: str,
    cpu: dict[str, Any] | None = None,
) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark: treatygraph vs @neo4j/graphql 7 vs the raw-driver floor",
        "",
        "Generated by `bench/report.py` from `bench/out/results.json` and `bench/out/scaling.json`.",
        "",
        "## Machine and versions",
        "",
        f"- {m['date']}; {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Linux {m['kernel']}",
        "- The machine is shared with other engineers' test runs: absolute numbers are noisy;"
        " the contestants were run alternately (order rotated each round) and ratios are taken"
        " within a round.",
        f"- Neo4j Community {m['neo4j']} (embedded, same instance and data for all contestants);"
        f" Python {m['python']}; Node {m['node']}; {m['wrk']}",
        "- " + "; ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- treatygraph and the floor: {results['workers']} uvicorn worker(s) each"
        " (`python -m server serve`, `API_WORKERS`); the peer: one Node process"
        " (Apollo standalone server).",
        "",
        "Command: `" + results["command"] + "` (behind `make bench`).",
        "",
        "## Cypher statements per request",
        "",
        "Counted on the wire by `bench/boltcount.py`, a Bolt proxy between each contestant and"
        " Neo4j that counts RUN messages (one per Cypher statement) and BEGIN messages (one per"
        " explicit transaction). Neo4j Community has no query log: `db.logs.query.enabled` is"
        " accepted but nothing is written (that logger ships with Enterprise), so the wire is"
        " the neutral place to count.",
        "",
        "| question | " + " | ".join(LABELS[n] for n in NAMES) + " |",
        "|---|" + "---|" * len(NAMES),
    ]
    counts = results["cypher_per_request"]
    for q in QUESTIONS:
        cells = [
            f"{counts[n][q.name]['statements']:g} stmt / {counts[n][q.name]['transactions']:g} tx"
            for n in NAMES
        ]
        lines.append(f"| {q.name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Questions",
        "",
        "Each was answered identically by all three contestants before it was timed"
        " (`bench/queries.py` normalises the shapes: the peer's `edges { node }` and lists vs"
        " our `nodes` and lookups). The queries are in `bench/queries.py`.",
        "",
    ]
    for q in QUESTIONS:
        lines.append(f"- **{q.name}** {q.title}")
    lines += [
        "",
        "## Throughput and latency",
        "",
        f"wrk (a separate C process, `bench/load.py`), {_runs_text(results)}."
        " Cells are medians over rounds; `ours/peer` and `ours/floor` are medians of the"
        " per-round ratios (throughput: higher is better for us; p99: lower is better).",
        "",
        "| Q | c | treatygraph req/s | peer req/s | floor req/s | ours/peer req/s"
        " | ours p50 / p95 / p99 ms | peer p50 / p95 / p99 ms | floor p50 / p95 / p99 ms"
        " | ours/peer p99 | ours/floor p50 | errors (ours/peer/floor) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["summary"]:
        o, p, f = (row.get(n, {}) for n in NAMES)

        def lat(x: dict[str, Any]) -> str:
            if not x:
                return "-"
            return f"{_f(x['p50_ms'])} / {_f(x['p95_ms'])} / {_f(x['p99_ms'])}"

        vp = row.get("ours_vs_peer", {})
        vf = row.get("ours_vs_floor", {})
        lines.append(
            f"| {row['question']} | {row['concurrency']} | {_f(o.get('rps', 0))} | {_f(p.get('rps', 0))}"
            f" | {_f(f.get('rps', 0))} | {_f(vp.get('rps', 0), 2)}x | {lat(o)} | {lat(p)} | {lat(f)}"
            f" | {_f(vp.get('p99', 0), 2)}x | {_f(vf.get('p50', 0), 2)}x"
            f" | {o.get('errors', 0)}/{p.get('errors', 0)}/{f.get('errors', 0)} |"
        )
    lines += ["", f"![throughput]({charts_rel}/throughput.png)", ""]
    if cpu:
        lines += cpu_table(cpu)
    if scaling:
        factors = scaling["factors"]
        lines += [
            "## Scaling (synthetic data)",
            "",
            "`bench/grow.py` adds SYNTHETIC nodes (label `:Synthetic`, names like"
            " \"Synthetic State 000042\") in the seed's shape: for xN, (N-1) times the seed's"
            " states, organizations, memberships, treaties, party links, events, sources,"
            " citations, borders, chambers, votes, people, offices, terms, statements and"
            " recommendations. Synthetic nodes link among themselves and avoid 2025, so Q1-Q5"
            " have the same answers at every size (checked; Q5's scores change with Lucene's"
            " IDF, its hits do not). Each size has its own Neo4j (`.neo4j/bench-x10`, ...);"
            " treatygraph alone is measured, at concurrency 1, sizes alternated.",
            "",
            "| size | nodes | relationships |",
            "|---|---|---|",
        ]
        for f in factors:
            s = (
                scaling["sizes"][str(f)]
                if str(f) in scaling["sizes"]
                else scaling["sizes"][f]
            )
            lines.append(f"| x{f} | {s['nodes']} | {s['relationships']} |")
        lines += [
            "",
            "| Q | "
            + " | ".join(f"x{f} p50 ms" for f in factors)
            + " | "
            + " | ".join(f"x{f} db hits" for f in factors)
            + f" | p50 x{factors[-1]} / x{factors[0]} |",
            "|---|" + "---|" * (2 * len(factors) + 1),
        ]
        for q in QUESTIONS:
            p50 = [_median_p50(scaling, q.name, f) for f in factors]
            hits = [
                (scaling["sizes"].get(str(f)) or scaling["sizes"][f])["db_hits"][q.name]
                for f in factors
            ]
            lines.append(
                f"| {q.name} | "
                + " | ".join(_f(v) for v in p50)
                + " | "
                + " | ".join(str(h) for h in hits)
                + f" | {_f(p50[-1] / p50[0], 2)}x |"
            )
        lines += ["", f"![scaling]({charts_rel}/scaling.png)", ""]
    return "\n".join(lines) + "\n"


def targets(results: dict[str, Any], scaling: dict[str, Any] | None) -> str:
    """The issue's targets, each with the figure measured in this run."""
    rows = {(r["question"], r["concurrency"]): r for r in results["summary"]}
    lines = [
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    for q in QUESTIONS:
        row = rows.get((q.name, 32))
        if not row or "ours_vs_peer" not in row:
            continue
        ratio = row["ours_vs_peer"]
        o, p = row["ours"], row["peer"]
        lines.append(
            f"| {q.name} c=32 throughput >= 1.0x peer | {_f(ratio['rps'], 2)}x"
            f" ({_f(o['rps'], 0)} vs {_f(p['rps'], 0)} req/s) | {'yes' if ratio['rps'] >= 1 else 'no'} |"
        )
        lines.append(
            f"| {q.name} c=32 p99 <= peer's | {_f(o['p99_ms'], 0)} vs {_f(p['p99_ms'], 0)} ms"
            f" (per-round ratio {_f(ratio['p99'], 2)}x) | {'yes' if o['p99_ms'] <= p['p99_ms'] else 'no'} |"
        )
    q1 = rows.get(("Q1", 1))
    if q1 and "ours_vs_floor" in q1:
        r = q1["ours_vs_floor"]["p50"]
        lines.append(
            f"| Q1 c=1 latency <= 1.5x floor | p50 {_f(q1['ours']['p50_ms'], 2)} vs"
            f" {_f(q1['floor']['p50_ms'], 2)} ms, per-round ratio {_f(r, 2)}x | {'yes' if r <= 1.5 else 'no'} |"
        )
    counts = results["cypher_per_request"]["ours"]
    worst = max(v["statements"] for v in counts.values())
    lines.append(
        f"| 1 Cypher statement per root field | {worst:g} per request on every question"
        f" (one root field each) | {'yes' if worst == 1 else 'no'} |"
    )
    if scaling:
        factors = scaling["factors"]
        for name in ("Q1", "Q2"):
            first, last = (
                _median_p50(scaling, name, factors[0]),
                _median_p50(scaling, name, factors[-1]),
            )
            ratio = last / first
            lines.append(
                f"| {name} latency at x{factors[-1]} <= 1.3x x{factors[0]} | p50 {_f(last)} vs {_f(first)} ms"
                f" = {_f(ratio, 2)}x | {'yes' if ratio <= 1.3 else 'no'} |"
            )
    return "\n".join(lines) + "\n"


def _runs_text(results: dict[str, Any]) -> str:
    command = results["command"]
    return f"warm-up then timed runs per contestant, question and concurrency (`{command}`)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--md", type=Path, default=REPO / "bench" / "results.md")
    parser.add_argument("--charts", type=Path, default=REPO / "bench" / "charts")
    parser.add_argument(
        "--notes",
        type=Path,
        default=REPO / "bench" / "notes.md",
        help="hand-written findings appended to results.md when present",
    )
    args = parser.parse_args(argv)
    results = json.loads((args.out / "results.json").read_text())
    scaling_path = args.out / "scaling.json"
    scaling = json.loads(scaling_path.read_text()) if scaling_path.exists() else None
    cpu_path = args.out / "cpu.json"
    cpu = json.loads(cpu_path.read_text()) if cpu_path.exists() else None
    charts(results, scaling, args.charts)
    rel = Path(__import__("os").path.relpath(args.charts, args.md.parent)).as_posix()
    text = markdown(results, scaling, rel, cpu) + "\n" + targets(results, scaling)
    if args.notes.exists():
        text += "\n" + args.notes.read_text()
    args.md.write_text(text)
    print(f"wrote {args.md} and charts in {args.charts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
