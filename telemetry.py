"""What operators see: Prometheus metrics, JSON logs, and a request id on both.

One `RequestInfo` per HTTP request lives in a context variable, set by the HTTP
layer's middleware (httpapi.access) for the request's lifetime; the GraphQL layer
fills in the operation name, the error codes and the Cypher time, and
`record_request` turns it into one access-log line and the per-operation metrics
when the response is sent.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

log = logging.getLogger("treatygraph.access")

REGISTRY = CollectorRegistry()
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

GRAPHQL_REQUESTS = Counter(
    "treatygraph_graphql_requests",
    "GraphQL requests answered, by operation name and type.",
    ["operation", "type"],
    registry=REGISTRY,
)
GRAPHQL_LATENCY = Histogram(
    "treatygraph_graphql_request_duration_seconds",
    "Time to answer a GraphQL request over HTTP, by operation name.",
    ["operation"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
GRAPHQL_ERRORS = Counter(
    "treatygraph_graphql_errors",
    "Errors returned in GraphQL responses, by extensions.code.",
    ["code"],
    registry=REGISTRY,
)
CYPHER_LATENCY = Histogram(
    "treatygraph_cypher_duration_seconds",
    "Time Neo4j took to answer one compiled Cypher statement, by root field.",
    ["field"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
GRAPHQL_COMPLETIONS = Counter(
    "treatygraph_graphql_completions",
    "GraphQL requests by what completed the response: `compiled` (straight from the "
    "compiled Cypher's rows) or `graphql` (graphql-core's executor).",
    ["path"],
    registry=REGISTRY,
)
HTTP_REQUESTS = Counter(
    "treatygraph_http_requests",
    "HTTP requests, by route and status code.",
    ["route", "status"],
    registry=REGISTRY,
)
CONNECTIONS_CUT = Counter(
    "treatygraph_connections_cut",
    "Connections the server closed on its own (httpapi.connections), by reason: "
    "`header_timeout`, `body_timeout` (answered 408), `busy` (over the cap, answered "
    "503) or `dropped` (so many open that the process keeps no descriptor for a "
    "503: closed unanswered).",
    ["reason"],
    registry=REGISTRY,
)

GRAPHQL_IN_FLIGHT = Gauge(
    "treatygraph_graphql_in_flight",
    "/graphql requests being answered by this process.",
    multiprocess_mode="livesum",
    registry=REGISTRY,
)
GRAPHQL_CLIENTS = Gauge(
    "treatygraph_graphql_clients_in_flight",
    "Clients (API keys or addresses) with a /graphql request in flight in this "
    "process: the entries of its per-client concurrency table.",
    multiprocess_mode="livesum",
    registry=REGISTRY,
)

_children: dict[tuple[Any, ...], Any] = {}


def _child(metric: Any, *values: str) -> Any:
    """`metric.labels(*values)`, remembered: labels() validates and locks on every
    call, a few microseconds each, several times per request. Every label set here
    is bounded (routes, statuses, codes, root fields, capped operation names)."""
    key = (metric, *values)
    child = _children.get(key)
    if child is None:
        child = _children[key] = metric.labels(*values)
    return child


# Operation names come from clients: only the operations we know (the schema's
# examples, registered by the app) get a label of their own. A first-come cap would
# let a flood of random names take every label before the hero query is counted.
_known_operations: frozenset[str] = frozenset()
# Log lines carry at most this much of a client's operation name (a name may be
# as long as the body: 1 MiB).
LOGGED_NAME_CHARS = 100


def count_operations(names: Iterable[str]) -> None:
    """The operation names that get their own metric label from now on."""
    global _known_operations
    _known_operations = frozenset(names)


def operation_label(name: str | None) -> str:
    """The metric label for an operation: a known name, `anonymous`, or `other`."""
    if not name:
        return "anonymous"
    return name if name in _known_operations else "other"


def clipped(text: str | None, limit: int = LOGGED_NAME_CHARS) -> str | None:
    """Client text as logged: at most `limit` characters, marked when cut."""
    if text is None or len(text) <= limit:
        return text
    return text[:limit] + "…"


@dataclass
class RequestInfo:
    """What one request did, gathered as it runs."""

    request_id: str
    operation: str | None = None
    operation_type: str | None = None
    error_codes: list[str] = field(default_factory=list)
    cypher_seconds: float = 0.0
    cypher_statements: int = 0


_current: contextvars.ContextVar[RequestInfo | None] = contextvars.ContextVar(
    "treatygraph_request", default=None
)


def current() -> RequestInfo | None:
    """The running request's info (None outside a request, e.g. in scripts)."""
    return _current.get()


def record_cypher(root_field: str, seconds: float) -> None:
    """Called once per compiled statement sent to Neo4j."""
    _child(CYPHER_LATENCY, root_field).observe(seconds)
    info = current()
    if info is not None:
        info.cypher_seconds += seconds
        info.cypher_statements += 1


def record_completion(path: str) -> None:
    """Called once per GraphQL request with what completed it (`compiled`, `graphql`)."""
    _child(GRAPHQL_COMPLETIONS, path).inc()


def record_cut_connection(reason: str) -> None:
    """Called when the server closes a connection for a limit of its own."""
    _child(CONNECTIONS_CUT, reason).inc()


def record_errors(codes: list[str]) -> None:
    """Called with the final `extensions.code` of every error in a response."""
    for code in codes:
        _child(GRAPHQL_ERRORS, code).inc()
    info = current()
    if info is not None:
        info.error_codes.extend(codes)


def record_in_flight(requests: int, clients: int) -> None:
    """Called as /graphql requests start (+1) and end (-1), with the change in the
    clients that have one in flight. Refusals (RATE_LIMITED) go to record_errors."""
    GRAPHQL_IN_FLIGHT.inc(requests)
    if clients:
        GRAPHQL_CLIENTS.inc(clients)


def record_operation(name: str | None, operation_type: str | None) -> None:
    """Which operation the request ran (None: none could run, e.g. a parse error)."""
    info = current()
    if info is not None:
        info.operation = name
        info.operation_type = operation_type


def enter_request(info: RequestInfo) -> contextvars.Token[RequestInfo | None]:
    """From here on in this context, `current()` is `info`, until `leave_request`
    is handed the token (plain calls, not a context manager: this runs per request)."""
    return _current.set(info)


def leave_request(token: contextvars.Token[RequestInfo | None]) -> None:
    """`current()` is what it was before the matching `enter_request`."""
    _current.reset(token)


def record_request(
    info: RequestInfo, method: str, path: str, route: str, status: int, seconds: float
) -> None:
    """Called once per HTTP request when it is answered: metrics and the access line.

    `route` is the path's bounded label (the HTTP layer knows its routes).
    """
    _child(HTTP_REQUESTS, route, str(status)).inc()
    graphql = route == "/graphql" and (
        info.operation_type is not None or info.error_codes
    )
    if graphql:
        label = operation_label(info.operation)
        _child(GRAPHQL_REQUESTS, label, info.operation_type or "none").inc()
        _child(GRAPHQL_LATENCY, label).observe(seconds)
    if route in {"/healthz", "/metrics"} and status == 200:
        return  # probes and scrapes every few seconds would drown the log
    log.info(
        "%s %s %s",
        method,
        clipped(path, 200),
        status,
        extra={
            "request_id": info.request_id,
            "status": status,
            "duration_ms": round(seconds * 1000, 2),
            "operation": clipped(info.operation) if graphql else None,
            "error_codes": info.error_codes or None,
            "cypher_ms": round(info.cypher_seconds * 1000, 2)
            if info.cypher_statements
            else None,
            "cypher_statements": info.cypher_statements or None,
        },
    )


_EXTRA_FIELDS = (
    "request_id",
    "status",
    "duration_ms",
    "operation",
    "error_codes",
    "cypher_ms",
    "cypher_statements",
)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; the running request's id on every line."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        info = current()
        if info is not None:
            out["request_id"] = info.request_id
        for name in _EXTRA_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                out[name] = value
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        try:
            return orjson.dumps(out, default=str).decode()
        except TypeError:  # a lone surrogate (a client's text echoed in a message)
            return json.dumps(out, separators=(",", ":"), default=str)


def configure_logging(log_format: str, level: str) -> None:
    """Route our logs and uvicorn's through one stderr handler, JSON or text."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if log_format == "json"
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # Our access line carries more (request id, operation, codes) than uvicorn's.
    logging.getLogger("uvicorn.access").disabled = True
