"""Half-open, slow and surplus connections cannot take the server down (issue 14).

A real API process (tests/live.py, started as production starts it) with a 1 s
header timeout, a 2 s body timeout and at most 20 connections; the sockets here
speak raw HTTP so they can stop wherever an attacker would.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest

from settings import REPO_ROOT, Settings
from tests.live import api_server, free_port

HEADER_TIMEOUT = 1
BODY_TIMEOUT = 2
MAX_CONNECTIONS = 20
LIMITS = {
    "TREATYGRAPH_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
    "TREATYGRAPH_BODY_TIMEOUT": str(BODY_TIMEOUT),
    "TREATYGRAPH_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
    # Above the cap: the per-address limit has a server of its own below.
    "TREATYGRAPH_MAX_CONNECTIONS_PER_ADDRESS": str(2 * MAX_CONNECTIONS),
}
HALF_OPEN = b"GET /healthz HTTP/1.1\r\nHost: attacker\r\n"


@pytest.fixture(scope="module")
def port(neo4j: Settings) -> Iterator[int]:
    port = free_port()
    log = REPO_ROOT / "test-output" / "connections-api.log"
    with api_server(port, LIMITS, log):
        yield port


def half_open(port: int) -> socket.socket:
    """A socket that sent a request line and one header, and then nothing."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(HALF_OPEN)
    return sock


def seconds_until_closed(sock: socket.socket, limit: float) -> float:
    """How long until the server closes `sock` (it must send nothing first)."""
    began = time.monotonic()
    sock.settimeout(limit)
    assert sock.recv(4096) == b""
    return time.monotonic() - began


def read_response(sock: socket.socket, limit: float) -> tuple[int, dict[str, str], Any]:
    """Status, headers and JSON body of the one response the server sends, to EOF."""
    sock.settimeout(limit)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode().split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    return int(status_line.split()[1]), headers, json.loads(body)


def cut(metrics: str, reason: str) -> float:
    """treatygraph_connections_cut_total for `reason` in a /metrics text."""
    line = f'treatygraph_connections_cut_total{{reason="{reason}"}} '
    found = [row for row in metrics.splitlines() if row.startswith(line)]
    return float(found[0].split()[-1]) if found else 0.0


def test_a_socket_that_stops_after_one_header_is_closed_within_the_header_timeout(
    port: int,
) -> None:
    with half_open(port) as sock:
        assert seconds_until_closed(sock, HEADER_TIMEOUT + 3) < HEADER_TIMEOUT + 1


def test_headers_sent_a_byte_at_a_time_are_cut_at_the_header_timeout(
    port: int,
) -> None:
    # Every byte resets uvicorn's own keep-alive timer; ours runs from the start.
    began = time.monotonic()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        for byte in HALF_OPEN + b"X-Padding: " + b"a" * 1000:
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.05)
        else:
            pytest.fail("the server kept a client that dribbled for 50 s")
    assert time.monotonic() - began < HEADER_TIMEOUT + 1


def test_a_body_slower_than_the_body_timeout_gets_408_with_a_coded_error(
    port: int,
) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: slow\r\nContent-Type: application/json"
            b'\r\nContent-Length: 100\r\n\r\n{"query": '
        )
        began = time.monotonic()
        status, headers, body = read_response(sock, BODY_TIMEOUT + 3)
    assert time.monotonic() - began < BODY_TIMEOUT + 1
    assert status == 408
    assert headers["connection"] == "close"
    [error] = body["errors"]
    assert error["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "bodyTime",
        "max": BODY_TIMEOUT,
    }


def test_a_client_over_the_cap_gets_503_with_retry_after_not_a_reset(
    port: int,
) -> None:
    idle = [half_open(port) for _ in range(MAX_CONNECTIONS)]
    try:
        time.sleep(0.2)  # let the server accept all of them
        response = httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        assert response.headers["connection"] == "close"
        [error] = response.json()["errors"]
        assert error["extensions"] == {"code": "SERVER_BUSY", "retryAfterSeconds": 1}
        # The idle ones are cut at the header timeout; then clients are served.
        for sock in idle:
            seconds_until_closed(sock, HEADER_TIMEOUT + 3)
        response = httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert response.status_code == 200
        metrics = httpx2.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert cut(metrics, "busy") >= 1
        assert cut(metrics, "header_timeout") >= MAX_CONNECTIONS
    finally:
        for sock in idle:
            sock.close()


def test_a_keep_alive_client_is_served_past_the_header_timeout(port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        sockets = set()
        # Four requests 0.7 s apart on one connection: 2.1 s, twice the timeout,
        # each pause shorter than uvicorn's keep-alive (5 s).
        for number in range(4):
            if number:
                time.sleep(0.7)
            connection.request(
                "POST",
                "/graphql",
                body=json.dumps({"query": "{ __typename }"}),
                headers={"Content-Type": "application/json"},
            )
            response = connection.getresponse()
            assert response.status == 200
            assert json.loads(response.read())["data"] == {"__typename": "Query"}
            sockets.add(id(connection.sock))
        assert len(sockets) == 1
    finally:
        connection.close()


def test_pipelined_requests_are_all_answered_and_the_connection_kept(
    port: int,
) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n" * 3)
        sock.settimeout(5)
        data = b""
        ok = b'{"status":"ok"}'
        while data.count(ok) < 3:
            chunk = sock.recv(65536)
            assert chunk, f"closed after {data.count(ok)} answers"
            data += chunk
        # Then the header timeout applies again, from the last response.
        assert seconds_until_closed(sock, HEADER_TIMEOUT + 3) < HEADER_TIMEOUT + 1


def test_a_request_answered_before_its_body_arrived_still_bounds_the_next(
    port: int,
) -> None:
    # /healthz answers without reading the body; the rest comes after the answer.
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            b"GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n12345"
        )
        sock.settimeout(5)
        data = b""
        while not data.endswith(b'{"status":"ok"}'):
            chunk = sock.recv(65536)
            assert chunk, "closed before the answer"
            data += chunk
        sock.sendall(b"67890" + HALF_OPEN)
        assert seconds_until_closed(sock, HEADER_TIMEOUT + 3) < HEADER_TIMEOUT + 1


def test_every_worker_closes_half_open_sockets(neo4j: Settings) -> None:
    # Workers receive the protocol and its limits pickled inside uvicorn's Config.
    port = free_port()
    log = REPO_ROOT / "test-output" / "connections-api.log"
    with api_server(port, {**LIMITS, "API_WORKERS": "2"}, log):
        sockets = [half_open(port) for _ in range(4)]
        try:
            for sock in sockets:
                assert (
                    seconds_until_closed(sock, HEADER_TIMEOUT + 3) < HEADER_TIMEOUT + 1
                )
        finally:
            for sock in sockets:
                sock.close()


def test_one_address_fills_its_own_share_and_another_still_gets_in(
    neo4j: Settings,
) -> None:
    port = free_port()
    log = REPO_ROOT / "test-output" / "connections-per-address-api.log"
    env = {**LIMITS, "TREATYGRAPH_MAX_CONNECTIONS_PER_ADDRESS": "5"}
    with api_server(port, env, log):
        flood = []
        for _ in range(5):
            sock = socket.create_connection(
                ("127.0.0.1", port), source_address=("127.0.0.2", 0)
            )
            sock.sendall(HALF_OPEN)
            flood.append(sock)
        try:
            time.sleep(0.2)
            extra = socket.create_connection(
                ("127.0.0.1", port), source_address=("127.0.0.2", 0)
            )
            status, headers, body = read_response(extra, 5)
            extra.close()
            assert status == 503
            assert headers["retry-after"] == "1"
            assert body["errors"][0]["extensions"]["code"] == "SERVER_BUSY"
            assert "PER_ADDRESS" in body["errors"][0]["message"]
            # 127.0.0.1 is another client: served while 127.0.0.2 is full.
            assert (
                httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code
                == 200
            )
            # When the flood's sockets close, the address is free again.
            for sock in flood:
                sock.close()
            time.sleep(0.3)
            again = socket.create_connection(
                ("127.0.0.1", port), source_address=("127.0.0.2", 0)
            )
            again.sendall(
                b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            assert read_response(again, 5)[0] == 200
            again.close()
        finally:
            for sock in flood:
                sock.close()
