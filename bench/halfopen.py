"""Half-open flood: N sockets that send a request line and one header, then nothing.

    .venv/bin/python -m bench.halfopen --sockets 19990     # on a free port

Issue 14's attack on `make run`. The API is served as production serves it
(`python -m server serve`, configured by the environment: the test Neo4j, seeded)
and stopped afterwards. The attacker runs in a process of its own; meanwhile two
bystanders ask `{ country(iso3: "LTU") { name } }` every 0.1 s, one on a keep-alive
connection opened before the flood, one on a new connection per request. Prints
(and writes to --out) how many half-open sockets the server held, how many were
refused 503, closed unanswered or reset, the server's peak file descriptors, when
it cut the held ones, and what each bystander saw. Exits 1 if any attacking socket
was reset or the keep-alive bystander failed once.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import selectors
import socket
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx2

from httpapi.connections import raise_open_files_limit
from settings import REPO_ROOT, Settings
from tests.live import api_server, free_port

HALF_OPEN = b"GET /healthz HTTP/1.1\r\nHost: attacker\r\n"
QUERY = {"query": '{ country(iso3: "LTU") { name } }'}


def attack(port: int, sockets: int, seconds: float, results: Any) -> None:
    """Open `sockets` half-open connections, then watch them `seconds` longer;
    puts (outcomes, seconds each held one lasted, seconds the opening took)."""
    raise_open_files_limit()
    outcomes: Counter[str] = Counter()
    held_for: list[float] = []
    selector = selectors.DefaultSelector()
    began = time.monotonic()

    def settle(timeout: float) -> None:
        for key, _ in selector.select(timeout):
            sock, opened = key.fileobj, key.data
            assert isinstance(sock, socket.socket)
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                outcomes["reset"] += 1
            else:
                lasted = time.monotonic() - opened
                if data.startswith(b"HTTP/1.1 503"):
                    outcomes["refused 503"] += 1
                elif data:
                    outcomes[f"answered {data[:12]!r}"] += 1
                elif lasted < 1:
                    outcomes["closed unanswered"] += 1
                else:
                    outcomes["held, then cut"] += 1
                    held_for.append(lasted)
            selector.unregister(sock)
            sock.close()

    for number in range(sockets):
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            sock.sendall(HALF_OPEN)
        except OSError as error:
            outcomes[f"connect {type(error).__name__}"] += 1
            continue
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, time.monotonic())
        if number % 256 == 255:
            settle(0)
    opening = time.monotonic() - began
    while time.monotonic() - began < opening + seconds and selector.get_map():
        settle(0.2)
    outcomes["still open at the end"] += len(selector.get_map())
    results.put((dict(outcomes), held_for, opening))


class Bystander(threading.Thread):
    """One client asking in a loop until `stop`; (time, outcome, seconds) each."""

    def __init__(self, client: httpx2.Client, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.client, self.stop = client, stop
        self.seen: list[tuple[float, str, float]] = []

    def run(self) -> None:
        while not self.stop.is_set():
            began = time.monotonic()
            try:
                response = self.client.post("/graphql", json=QUERY)
                ok = response.status_code == 200 and "errors" not in response.json()
                outcome = "200" if ok else str(response.status_code)
            except httpx2.HTTPError as error:
                outcome = type(error).__name__
            self.seen.append((began, outcome, time.monotonic() - began))
            self.stop.wait(0.1)

    def summary(self, since: float) -> dict[str, Any]:
        during = [s for s in self.seen if s[0] >= since]
        latencies = sorted(s[2] for s in during if s[1] == "200")
        return {
            "requests": len(during),
            "outcomes": dict(Counter(s[1] for s in during)),
            "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1)
            if latencies
            else None,
            "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        }


def measure(port: int, pid: int, sockets: int, header_timeout: int) -> dict[str, Any]:
    base = f"http://127.0.0.1:{port}"
    stop = threading.Event()
    with (
        httpx2.Client(base_url=base, timeout=10) as kept,
        httpx2.Client(
            base_url=base, timeout=10, headers={"Connection": "close"}
        ) as new,
    ):
        bystanders = {"keep-alive": Bystander(kept, stop), "new": Bystander(new, stop)}
        for bystander in bystanders.values():
            bystander.start()
        time.sleep(1)
        results: Any = multiprocessing.get_context("spawn").Queue()
        seconds = header_timeout + 3.0
        attacker = multiprocessing.get_context("spawn").Process(
            target=attack, args=(port, sockets, seconds, results)
        )
        flood_began = time.monotonic()
        attacker.start()
        peak_fds, peak_at = 0, 0.0
        while attacker.is_alive() and results.empty():
            with contextlib.suppress(FileNotFoundError):
                server_fds = len(os.listdir(f"/proc/{pid}/fd"))
                if server_fds > peak_fds:
                    peak_fds, peak_at = server_fds, time.monotonic() - flood_began
            time.sleep(0.1)
        outcomes, held_for, opening = results.get(timeout=60)
        attacker.join()
        stop.set()
        for bystander in bystanders.values():
            bystander.join()
    return {
        "sockets": sockets,
        "opening_took_s": round(opening, 1),
        "outcomes": outcomes,
        "server_fds_peak": peak_fds,
        "server_fds_peak_at_s": round(peak_at, 1),
        "held_ones_lasted_s": [round(min(held_for), 2), round(max(held_for), 2)]
        if held_for
        else None,
        "bystanders": {
            name: bystander.summary(flood_began)
            for name, bystander in bystanders.items()
        },
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=None, help="default: a free one")
    parser.add_argument("--sockets", type=int, default=19_990)
    parser.add_argument(
        "--out", type=Path, default=REPO_ROOT / "test-output" / "halfopen.json"
    )
    args = parser.parse_args(argv)
    args.port = args.port or free_port()
    settings = Settings.from_env()
    log = REPO_ROOT / "test-output" / "halfopen-api.log"
    with api_server(args.port, {}, log) as process:
        summary = {
            "max_connections": settings.max_connections,
            "header_timeout": settings.header_timeout,
            **measure(args.port, process.pid, args.sockets, settings.header_timeout),
        }
    text = json.dumps(summary, indent=2)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n")
    kept = summary["bystanders"]["keep-alive"]["outcomes"]
    failed = "reset" in summary["outcomes"] or set(kept) != {"200"}
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
