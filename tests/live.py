"""Real processes for tests that need them: a uvicorn API on a port, its RSS.

Fuzzing, the outage test and the soak talk to the API over TCP like a client
would, so the server runs in its own process, started as production starts it
(`python -m server serve`: its HTTP protocol, limits and workers) and configured
by environment variables.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2

from settings import REPO_ROOT


def free_port() -> int:
    """A loopback port nobody listens on now (for parallel runs on one machine)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_from_env(name: str) -> int:
    """The port in `name` (e.g. TEST_API_PORT), else a free one."""
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else free_port()


def rss_bytes(pid: int) -> int:
    """Resident set size of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


@contextlib.contextmanager
def api_server(
    port: int, env: dict[str, str], log: Path, startup_seconds: float = 30
) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m server serve` on 127.0.0.1:port with `env` over ours; stopped after."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Someone else's server there would answer our health checks.
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"port {port} is taken by another process")
    log.parent.mkdir(parents=True, exist_ok=True)
    environ = {**os.environ, **env, "API_HOST": "127.0.0.1", "API_PORT": str(port)}
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve"],
            cwd=REPO_ROOT,
            env=environ,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"API exited with {process.returncode}:\n{log.read_text()[-3000:]}"
                )
            with contextlib.suppress(httpx2.HTTPError):
                if httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=1).is_success:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"API did not answer on port {port}")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
