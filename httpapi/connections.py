"""Connections that cannot take the server down: deadlines and a cap per process.

uvicorn 0.54 times out only idle keep-alive connections (between requests): a
socket that sends a request line and one header, then nothing, is held forever,
and 19,990 of them filled the file descriptors until every other client was reset
(issue 14). `GuardedHttpToolsProtocol` closes a connection whose request headers
are not complete `header_timeout` seconds after it opened (or after its last
response), answers 408 to a body not complete after `body_timeout`, and answers
503 with Retry-After to a connection over `max_connections`, before any fd runs out.
It extends httptools' protocol, the one uvicorn's `auto` picks with httptools
installed (pinned in pyproject.toml); `uvicorn_protocol` hands it to uvicorn.Config.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import resource
import time
from dataclasses import dataclass
from typing import Any, Literal

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

import telemetry
from graph.errors import LimitExceeded, ServerBusy, TreatygraphError
from settings import Settings

log = logging.getLogger("treatygraph")

# Descriptors kept for everything but client sockets: the Neo4j pool (64,
# graph/driver.py), listening sockets, epoll, log files, imports.
RESERVED_FDS = 256
# A refused connection is read and discarded this long after its answer (or until
# the client closes), so the kernel does not reset it: input arriving after the
# close gets an RST, and the client may lose the 503 it was sent. 2 s covers a
# client that sends its request a slow round trip after connecting.
LINGER_SECONDS = 2.0
RETRY_AFTER_SECONDS = 1
# Under a flood every refusal is counted (telemetry), but logged at most this often.
BUSY_LOG_SECONDS = 10.0


@dataclass(frozen=True)
class ConnectionLimits:
    """What one process allows its clients; picklable, so workers receive it."""

    header_timeout: float
    body_timeout: float
    max_connections: int
    # Open connections one client address may hold (0: no such limit).
    per_address: int
    # Open sockets past which even a 503 costs a descriptor the process lacks.
    ceiling: int


def raise_open_files_limit() -> tuple[int, int]:
    """Raise RLIMIT_NOFILE's soft limit to the hard one (never lower it), so the
    connection cap, not the kernel, refuses clients; returns (before, after)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or (
        hard != resource.RLIM_INFINITY and soft >= hard
    ):
        return soft, soft
    # An unlimited hard limit is refused by some kernels (macOS: OPEN_MAX).
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):
        return soft, soft
    return soft, target


def connection_limits(settings: Settings) -> ConnectionLimits:
    """The limits for this process: TREATYGRAPH_MAX_CONNECTIONS, lowered if the open
    files limit (raised first) cannot hold them; logs the figures."""
    before, after = raise_open_files_limit()
    ceiling = 1 << 30 if after == resource.RLIM_INFINITY else after - RESERVED_FDS
    # At least as many descriptors again stay free for refusals (they linger).
    cap = max(1, min(settings.max_connections, ceiling // 2))
    log.info(
        "open files limit %s -> %s; at most %d connections per process%s, "
        "503 answered up to %d open",
        before,
        after,
        cap,
        ""
        if cap == settings.max_connections
        else f" (TREATYGRAPH_MAX_CONNECTIONS={settings.max_connections} does not fit)",
        ceiling,
    )
    return ConnectionLimits(
        settings.header_timeout,
        settings.body_timeout,
        cap,
        settings.max_connections_per_address,
        max(cap, ceiling),
    )


# Open connections by client address, in this process (its one event loop); an
# address leaves the table when its last connection closes.
_by_address: dict[str, int] = {}
_busy_unlogged = 0
_busy_logged_at = -BUSY_LOG_SECONDS


def _leave(address: str | None) -> None:
    """One connection of `address` closed."""
    if address is not None:
        left = _by_address.pop(address, 1) - 1
        if left > 0:
            _by_address[address] = left


def _log_busy(cap: int) -> None:
    global _busy_unlogged, _busy_logged_at
    _busy_unlogged += 1
    now = time.monotonic()
    if now - _busy_logged_at >= BUSY_LOG_SECONDS:
        log.warning(
            "connection cap reached: %d refused (503) since this was last logged; "
            "this process holds %d (TREATYGRAPH_MAX_CONNECTIONS)",
            _busy_unlogged,
            cap,
        )
        _busy_unlogged, _busy_logged_at = 0, now


def uvicorn_protocol(limits: ConnectionLimits) -> Any:
    """The `http=` value for uvicorn.Config: our protocol bound to `limits`.

    A partial, not a subclass made here: uvicorn pickles its Config into every
    worker, and a class built at run time cannot be pickled.
    """
    return functools.partial(GuardedHttpToolsProtocol, limits=limits)


def _answer(status: bytes, error: TreatygraphError, *headers: bytes) -> bytes:
    body = json.dumps(
        {"errors": [{"message": str(error), "extensions": error.extensions}]}
    ).encode()
    head = [
        b"HTTP/1.1 " + status,
        b"content-type: application/json",
        b"content-length: " + str(len(body)).encode(),
        b"connection: close",
        *headers,
    ]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with deadlines for headers and body, and a cap."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
        *,
        limits: ConnectionLimits,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.limits = limits
        self.deadline: asyncio.TimerHandle | None = None
        self.awaiting: Literal["headers", "body", "linger"] | None = None
        self.refused = False
        self.address: str | None = None

    # uvicorn narrows asyncio's BaseTransport to Transport the same way.
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        open_now = len(self.connections)  # this one included
        if open_now > self.limits.ceiling:
            # Even a refusal would exhaust descriptors: drop it at once.
            telemetry.record_cut_connection("dropped")
            transport.abort()
        elif open_now > self.limits.max_connections:
            self._busy(
                f"The server has {self.limits.max_connections} connections open, its "
                "limit (TREATYGRAPH_MAX_CONNECTIONS)"
            )
        elif not self._admit(transport):
            self._busy(
                f"This address has {self.limits.per_address} connections open, its "
                "limit (TREATYGRAPH_MAX_CONNECTIONS_PER_ADDRESS)"
            )
        else:
            self._await_headers()

    def _admit(self, transport: asyncio.Transport) -> bool:
        """Count the connection against its address; False when that is full."""
        peer = transport.get_extra_info("peername")
        if not self.limits.per_address or not isinstance(peer, tuple) or not peer:
            return True
        address = str(peer[0])
        if _by_address.get(address, 0) >= self.limits.per_address:
            return False
        _by_address[address] = _by_address.get(address, 0) + 1
        self.address = address
        return True

    def _busy(self, why: str) -> None:
        busy = ServerBusy(
            f"{why}; retry in {RETRY_AFTER_SECONDS} s.",
            retryAfterSeconds=RETRY_AFTER_SECONDS,
        )
        retry = f"retry-after: {RETRY_AFTER_SECONDS}".encode()
        telemetry.record_cut_connection("busy")
        _log_busy(self.limits.max_connections)
        self._refuse(_answer(b"503 Service Unavailable", busy, retry))

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        _leave(self.address)
        self.address = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self.refused:  # a refused connection's input is read only to be dropped
            super().data_received(data)

    def handle_websocket_upgrade(self) -> None:
        # The WebSocket protocol takes the transport over; our deadlines end here.
        self._disarm()
        super().handle_websocket_upgrade()
        # This protocol's connection_lost never comes now: the address's count ends
        # with the websocket's, or every subscription ever opened would stay counted.
        address, self.address = self.address, None
        if address is not None:
            websocket = self.transport.get_protocol()
            lost = websocket.connection_lost

            def connection_lost(exc: Exception | None) -> None:
                _leave(address)
                lost(exc)

            websocket.connection_lost = connection_lost  # type: ignore[method-assign]  # the one hook uvicorn's ws protocols give

    def on_headers_complete(self) -> None:
        self._arm("body", self.limits.body_timeout, self._body_timed_out)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        if self.awaiting == "body":
            # A websocket handshake has no cycle (handle_websocket_upgrade follows).
            cycle = self.cycle
            if (
                cycle is not None and cycle.response_complete
            ):  # answered before its body was read
                self._await_headers()
            else:
                self._disarm()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        queued = bool(self.pipeline)
        super().on_response_complete()
        # The next request's headers are due within the timeout too, unless it is
        # already parsed and queued (pipelining: it has started now), or this
        # request's body is still arriving (its deadline stays).
        if not queued and self.awaiting is None:
            self._await_headers()

    def _await_headers(self) -> None:
        if not self.transport.is_closing():
            self._arm("headers", self.limits.header_timeout, self._headers_timed_out)

    def _arm(
        self,
        awaiting: Literal["headers", "body", "linger"],
        seconds: float,
        callback: Any,
    ) -> None:
        self._disarm()
        self.awaiting = awaiting
        self.deadline = self.loop.call_later(seconds, callback)

    def _disarm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None
        self.awaiting = None

    def _headers_timed_out(self) -> None:
        self.deadline = self.awaiting = None
        # Nothing parsed to answer: a half-open or slow client just loses its socket.
        telemetry.record_cut_connection("header_timeout")
        self.transport.close()

    def _body_timed_out(self) -> None:
        self.deadline = self.awaiting = None
        telemetry.record_cut_connection("body_timeout")
        cycle = self.cycle
        if cycle is None or cycle.response_started or self.transport.is_closing():
            self.transport.close()
            return
        # The app's receive() now reports a disconnect and its answer is dropped.
        cycle.disconnected = True
        cycle.message_event.set()
        late = LimitExceeded(
            f"The request body did not arrive within {self.limits.body_timeout:g} s "
            "(TREATYGRAPH_BODY_TIMEOUT).",
            limit="bodyTime",
            max=self.limits.body_timeout,
        )
        self._refuse(_answer(b"408 Request Timeout", late))

    def _refuse(self, answer: bytes) -> None:
        """Send `answer`, half-close, drain input, close after LINGER_SECONDS."""
        self.refused = True
        self.transport.write(answer)
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.flow.resume_reading()
        self._arm("linger", LINGER_SECONDS, self.transport.close)
