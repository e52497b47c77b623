"""The abuse suite, short: every attack against a live API leaves a bystander served.

`make stress` runs bench.abuse for 20 s per attack and also judges the bystander's
p99 (within 3x idle). Here each attack runs 2 s, and the judgements are the ones
that are behaviour, not speed: every bystander request succeeds, every attacker
answer is a coded one the attack expects, API memory stays under its bound and the
log under its bound per request. The header timeout is 1 s, so the half-open
sockets are closed within the attack.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from settings import REPO_ROOT
from tests.live import port_from_env

SUMMARY = REPO_ROOT / "test-output" / "abuse-short.json"


def test_no_attack_costs_a_bystander_a_request(seeded: dict[str, Any]) -> None:
    del seeded  # the API reads the seeded test Neo4j, configured by the environment
    port = port_from_env("TEST_ABUSE_API_PORT")
    command = [
        sys.executable,
        "-m",
        "bench.abuse",
        f"--port={port}",
        "--seconds=2",
        "--idle-seconds=2",
        "--sockets=500",
        "--no-latency-judgement",
        "--env=TREATYGRAPH_HEADER_TIMEOUT=1",
        f"--out={SUMMARY}",
        f"--md={SUMMARY.with_suffix('.md')}",
    ]
    done = subprocess.run(
        command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )
    summary = json.loads(SUMMARY.read_text())
    assert summary["failed"] == [], done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-3000:]
    findings = {a["finding"] for a in summary["attacks"]}
    assert findings == {"1", "2", "3", "4", "5", "6", "7"}
    assert all(a["bystander"]["requests"] > 0 for a in summary["attacks"])
