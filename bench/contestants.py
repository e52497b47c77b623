"""Start, probe and stop the three contestants as separate processes.

treatygraph and the floor are uvicorn processes (same worker count); the peer is
`node bench/peer/server.mjs`. Each gets the Bolt port it should use, so the counting
run can point a second set at the Bolt proxy.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.queries import BY_NAME, TODAY

REPO = Path(__file__).resolve().parent.parent
PY = str(REPO / ".venv" / "bin" / "python")
NAMES = ("ours", "peer", "floor")


@dataclass
class Contestant:
    """One server process and how to ask it a question."""

    name: str
    port: int
    command: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def url(self, question: str) -> str:
        if self.name == "ours":
            return f"http://127.0.0.1:{self.port}/graphql"
        if self.name == "peer":
            return f"http://127.0.0.1:{self.port}/"
        return f"http://127.0.0.1:{self.port}/q/{question}"

    def body(self, question: str) -> dict[str, Any]:
        q = BY_NAME[question]
        if self.name == "ours":
            return {"query": q.ours}
        if self.name == "peer":
            return {"query": q.peer, "variables": q.peer_variables}
        return {}

    def ask(self, question: str, timeout: float = 30) -> dict[str, Any]:
        """POST the question once; the parsed JSON body."""
        request = urllib.request.Request(
            self.url(question),
            data=json.dumps(self.body(question)).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            result: dict[str, Any] = json.load(response)
        return result

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=REPO,
                env={**os.environ, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited ({self.process.returncode}); see {self.log}:\n"
                    + self.log.read_text(errors="replace")[-2000:]
                )
            try:
                body = self.ask("Q1", timeout=5)
                if body.get("data") is not None:
                    return
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.3)
        raise RuntimeError(
            f"{self.name} did not answer within {timeout} s; see {self.log}"
        )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def build(
    name: str, *, port: int, bolt_port: int, workers: int, out: Path
) -> Contestant:
    """A contestant serving on `port` against Neo4j (or the proxy) on `bolt_port`."""
    env = {
        "NEO4J_URI": f"bolt://127.0.0.1:{bolt_port}",
        "TREATYGRAPH_AS_OF": TODAY,
        "TREATYGRAPH_DEBUG": "false",
        # wrk's connections (up to 64) stand for many clients but come from one
        # address: the per-client limit would answer most of them 429.
        "TREATYGRAPH_CLIENT_CONCURRENCY": "10000",
        "TREATYGRAPH_CLIENT_ACTIVE": "10000",
    }
    # Ours is served as the README says (`python -m server serve`); the floor the same way.
    env |= {"API_HOST": "127.0.0.1", "API_PORT": str(port), "API_WORKERS": str(workers)}
    if name == "ours":
        command = [PY, "-m", "server", "serve"]
    elif name == "floor":
        command = [PY, "-m", "bench.floor"]
    elif name == "peer":
        command = ["node", str(REPO / "bench" / "peer" / "server.mjs")]
        env["PEER_PORT"] = str(port)
    else:
        raise ValueError(name)
    return Contestant(name, port, command, env, out / f"{name}-{port}.log")
