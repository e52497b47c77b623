"""Real processes for tests that need them: a uvicorn API on a port, its RSS.

Fuzzing, the outage test and the soak talk to the API over TCP like a client
would, so the server runs in its own process, started as production starts it
(`python -m server serve`: its HTTP protocol, limits and workers) and configured
by environment variables.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2

from settings import REPO_ROOT, Settings


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


def neo4j_cli(settings: Settings, command: str) -> None:
    """`python -m graph.launcher start|stop` for this instance, as make does."""
    env = {
        **os.environ,
        "NEO4J_LOCAL_PORT": str(settings.local_neo4j_port),
        "NEO4J_LOCAL_HOME": str(settings.local_neo4j_home),
        "NEO4J_LOCAL_HEAP": settings.local_neo4j_heap,
    }
    subprocess.run(
        [sys.executable, "-m", "graph.launcher", command],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


@contextlib.contextmanager
def own_neo4j(settings: Settings, home: Path, port_env: str) -> Iterator[Settings]:
    """A local Neo4j of one test's own (port from `port_env`, else free; data in
    `home`), so killing it touches nothing else; stopped afterwards whatever happens."""
    own = dataclasses.replace(
        settings,
        local_neo4j_port=port_from_env(port_env),
        local_neo4j_home=home,
        local_neo4j_heap="512m",
    )
    neo4j_cli(own, "start")
    try:
        yield own
    finally:
        neo4j_cli(own, "stop")


def kill_neo4j(settings: Settings) -> None:
    """A crash, not a clean shutdown: SIGKILL the instance's JVM."""
    os.kill(int((settings.local_neo4j_home / "neo4j.pid").read_text()), 9)
