"""Drive load with wrk (a separate C process) and read its latency distribution.

wrk keeps `c` connections busy for `d` seconds; a generated Lua script sets the POST
body and, in `done()`, prints requests, duration, p50/p95/p99 and error counts as one
JSON line (wrk's own summary has no p95).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.contestants import Contestant

_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[{body}]==]
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
    .. '"mean_us": %.1f, "socket_errors": %d, "non2xx": %d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass(frozen=True)
class Run:
    """One timed wrk run."""

    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise RuntimeError(
            "wrk is not installed: `make bench` installs it (apt-get install -y wrk)"
        )
    return path


def script(contestant: Contestant, question: str, scripts: Path) -> Path:
    """The Lua script that POSTs this contestant's form of the question."""
    scripts.mkdir(parents=True, exist_ok=True)
    path = scripts / f"{contestant.name}-{question}.lua"
    body = json.dumps(contestant.body(question))
    path.write_text(_SCRIPT.format(body=body))
    return path


def wrk(
    contestant: Contestant,
    question: str,
    *,
    connections: int,
    seconds: float,
    scripts: Path,
) -> Run:
    """Run wrk once against one contestant and question."""
    threads = min(2, connections)
    command = [
        wrk_path(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(script(contestant, question, scripts)),
        contestant.url(question),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next(
        (ln for ln in result.stdout.splitlines() if ln.startswith("BENCH ")), None
    )
    if result.returncode != 0 or line is None:
        raise RuntimeError(
            f"wrk failed ({result.returncode}): {result.stdout}{result.stderr}"
        )
    data = json.loads(line[len("BENCH ") :])
    seconds_taken = data["duration_us"] / 1e6
    return Run(
        requests=data["requests"],
        rps=data["requests"] / seconds_taken if seconds_taken else 0.0,
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=data["socket_errors"] + data["non2xx"],
    )
