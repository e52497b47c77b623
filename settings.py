"""The one place configuration is read: environment variables (and `.env`), once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from starlette.config import Config
from starlette.datastructures import Secret

REPO_ROOT = Path(__file__).resolve().parent

T = TypeVar("T")
_Cast = Callable[[str], T]


class SettingsError(ValueError):
    """A configuration variable is missing or malformed; the message names it."""


def _int(name: str, low: int, high: int) -> _Cast[int]:
    def cast(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"{name} must be an integer, got {raw!r}") from None
        if not low <= value <= high:
            raise SettingsError(f"{name} must be between {low} and {high}, got {value}")
        return value

    return cast


def _file(name: str) -> _Cast[Path | None]:
    """A file (relative to the repo), or unset."""

    def cast(raw: str) -> Path | None:
        if not raw.strip():
            return None
        path = Path(raw) if Path(raw).is_absolute() else REPO_ROOT / raw
        if not path.is_file():
            raise SettingsError(f"{name}: no such file {raw!r}")
        return path

    return cast


def _bool(name: str) -> _Cast[bool]:
    def cast(raw: str) -> bool:
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off", ""}:
            return False
        raise SettingsError(f"{name} must be true or false, got {raw!r}")

    return cast


def _date(name: str) -> _Cast[dt.date | None]:
    def cast(raw: str) -> dt.date | None:
        if not raw.strip():
            return None
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise SettingsError(
                f"{name} must be a date YYYY-MM-DD, got {raw!r}"
            ) from None

    return cast


def _uri(name: str) -> _Cast[str | None]:
    def cast(raw: str) -> str | None:
        value = raw.strip()
        if not value:
            return None
        if not re.fullmatch(r"(bolt|neo4j)(\+s|\+ssc)?://[^\s/]+(:\d+)?/?", value):
            raise SettingsError(
                f"{name} must look like bolt://host:7687 or neo4j+s://host, got {raw!r}"
            )
        return value

    return cast


def _seconds(low: float, high: float) -> Callable[[str], _Cast[float]]:
    def reader(name: str) -> _Cast[float]:
        def cast(raw: str) -> float:
            try:
                value = float(raw)
            except ValueError:
                raise SettingsError(f"{name} must be a number, got {raw!r}") from None
            if not low <= value <= high:
                raise SettingsError(
                    f"{name} must be between {low} and {high}, got {raw}"
                )
            return value

        return cast

    return reader


def _heap(name: str) -> _Cast[str]:
    def cast(raw: str) -> str:
        if not re.fullmatch(r"\d+[mMgG]", raw.strip()):
            raise SettingsError(f"{name} must look like 512m or 2g, got {raw!r}")
        return raw.strip()

    return cast


ROLES = ("curator", "reader")
_KEY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ApiKey:
    """One configured API key: who it names, what it may do, and only its SHA-256."""

    name: str
    role: str
    digest: str  # hex SHA-256 of the key; the key itself is never configured

    def __repr__(self) -> str:
        return f"ApiKey(name={self.name!r}, role={self.role!r})"


def _api_keys(name: str) -> _Cast[tuple[ApiKey, ...]]:
    def cast(raw: str) -> tuple[ApiKey, ...]:
        keys: list[ApiKey] = []
        for position, entry in enumerate(raw.split(","), start=1):
            entry = entry.strip()
            if not entry:
                continue
            parts = entry.split(":")
            if len(parts) != 3:
                raise SettingsError(
                    f"{name} entry {position} must be name:role:sha256hex "
                    "(make one with `python -m httpapi.auth hash`)"
                )
            key_name, role, digest = (part.strip() for part in parts)
            digest = digest.lower()
            if not _KEY_NAME.fullmatch(key_name):
                raise SettingsError(
                    f"{name} entry {position}: name {key_name!r} must be 1-64 "
                    "letters, digits, '_', '.' or '-'"
                )
            if role not in ROLES:
                raise SettingsError(
                    f"{name} entry {position} ({key_name}): role must be one of "
                    f"{', '.join(ROLES)}, got {role!r}"
                )
            if not _SHA256_HEX.fullmatch(digest):
                raise SettingsError(
                    f"{name} entry {position} ({key_name}): the third part must be "
                    "the key's SHA-256 as 64 hex digits, never the key itself"
                )
            if any(k.name == key_name for k in keys):
                raise SettingsError(f"{name}: the name {key_name!r} is used twice")
            if any(k.digest == digest for k in keys):
                raise SettingsError(f"{name}: two entries hash the same key")
            keys.append(ApiKey(key_name, role, digest))
        return tuple(keys)

    return cast


def _name(name: str) -> _Cast[str]:
    def cast(raw: str) -> str:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9.\-]{0,62}", raw):
            raise SettingsError(f"{name} is not a valid database name: {raw!r}")
        return raw

    return cast


def _choice(name: str, allowed: tuple[str, ...]) -> _Cast[str]:
    def cast(raw: str) -> str:
        value = raw.strip()
        for option in allowed:
            if value.lower() == option.lower():
                return option
        raise SettingsError(f"{name} must be one of {', '.join(allowed)}, got {raw!r}")

    return cast


def _origins(name: str) -> _Cast[tuple[str, ...]]:
    def cast(raw: str) -> tuple[str, ...]:
        origins = tuple(o.strip().rstrip("/") for o in raw.split(",") if o.strip())
        for origin in origins:
            if origin != "*" and not re.fullmatch(r"https?://[^\s/,]+", origin):
                raise SettingsError(
                    f"{name} must be a comma-separated list of origins like "
                    f"https://app.example.org (or *), got {origin!r}"
                )
        return origins

    return cast


# Most JSON objects a query may return plus related nodes its relation filters walk,
# estimated from its pages and the data's statistics (graph.statistics). The largest
# legitimate queries estimate 2,210 (the explorer's map: 1,397 returned, 813 walked),
# 1,201 (bench Q4 timeline), 813 (the hero): a 22x margin. Refused: the 44 MB query
# (bench.abuse COST_BOMB) at 4.29M, two aliases of it at 8.58M, and 50 aliases of
# `countries(first: 200) { nodes { borders { name } } }` (2,956 each) at 148k.
DEFAULT_MAX_COST = 50_000
# Most items one list returns (`first`/`last`, and lists without them).
DEFAULT_MAX_PAGE_SIZE = 200
# How deep relation filters may nest in one `where` (graph.cypher.filters): the
# examples and the bench need 2, the tests 3. Each level is a subquery in the one
# above, and Neo4j's time to rewrite them doubles per level (bench/notes.md).
DEFAULT_MAX_FILTER_DEPTH = 4
# The driver's connections per process (graph.driver). A request sends at most
# READS_PER_REQUEST statements at once (the explorer sends 2 root fields, the
# examples at most 2). A client has at most CLIENT_CONCURRENCY requests in flight
# and CLIENT_ACTIVE of them running (the rest wait), so one client holds at most
# 2 x 4 = 8 connections, and the 8 curation writes fit beside many clients. A
# 50-alias query used to take 50 of the 64 by itself. Benches driving 64
# connections from one address raise both; the API warns at start-up when one
# client could take the whole pool.
POOL_SIZE = 64
DEFAULT_READS_PER_REQUEST = 4
DEFAULT_CLIENT_CONCURRENCY = 8
DEFAULT_CLIENT_ACTIVE = 2
# Longest query text read at all (32 KiB), checked before parsing: GraphiQL's
# introspection query is 1.6 KB, the largest example 0.8 KB, and a 1 MB
# operation name held the event loop for 231 ms in graphql-core's parser.
DEFAULT_MAX_QUERY_LENGTH = 32 * 1024


def _number(low: int, high: int) -> Callable[[str], _Cast[int]]:
    return lambda name: _int(name, low, high)


def _text(_name: str) -> _Cast[str]:
    return lambda raw: raw


def _secret(_name: str) -> _Cast[Secret | None]:
    return lambda raw: Secret(raw) if raw else None


def _home(_name: str) -> _Cast[Path]:
    def cast(raw: str) -> Path:
        path = Path(raw)
        return path if path.is_absolute() else REPO_ROOT / path

    return cast


def _levels(*allowed: str) -> Callable[[str], _Cast[str]]:
    return lambda name: _choice(name, allowed)


# The one declaration of each setting: its field, its variable, its default as the
# environment would spell it, and how it is read and checked. The README's
# configuration table documents each row (tests/unit/test_settings.py checks it).
VARIABLES: tuple[tuple[str, str, str, Callable[[str], _Cast[object]]], ...] = (
    ("neo4j_uri", "NEO4J_URI", "", _uri),
    ("neo4j_user", "NEO4J_USER", "neo4j", _text),
    ("neo4j_password", "NEO4J_PASSWORD", "", _secret),
    ("neo4j_database", "NEO4J_DATABASE", "neo4j", _name),
    ("local_neo4j_port", "NEO4J_LOCAL_PORT", "7687", _number(1024, 65535)),
    ("local_neo4j_home", "NEO4J_LOCAL_HOME", ".neo4j/run", _home),
    ("local_neo4j_heap", "NEO4J_LOCAL_HEAP", "2g", _heap),
    ("api_host", "API_HOST", "127.0.0.1", _text),
    ("api_port", "API_PORT", "8000", _number(1, 65535)),
    ("api_workers", "API_WORKERS", "1", _number(1, 64)),
    ("as_of", "TREATYGRAPH_AS_OF", "", _date),
    ("debug", "TREATYGRAPH_DEBUG", "false", _bool),
    (
        "max_page_size",
        "TREATYGRAPH_MAX_PAGE_SIZE",
        str(DEFAULT_MAX_PAGE_SIZE),
        _number(1, 10_000),
    ),
    ("query_timeout_seconds", "TREATYGRAPH_QUERY_TIMEOUT", "10", _number(1, 600)),
    ("log_format", "TREATYGRAPH_LOG_FORMAT", "json", _levels("json", "text")),
    (
        "log_level",
        "TREATYGRAPH_LOG_LEVEL",
        "INFO",
        _levels("DEBUG", "INFO", "WARNING", "ERROR"),
    ),
    ("api_keys", "TREATYGRAPH_API_KEYS", "", _api_keys),
    ("write_queue_seconds", "TREATYGRAPH_WRITE_QUEUE_TIMEOUT", "30", _number(1, 600)),
    ("curation_rate", "TREATYGRAPH_CURATION_RATE", "5", _seconds(0.001, 10_000)),
    ("curation_burst", "TREATYGRAPH_CURATION_BURST", "20", _number(1, 100_000)),
    ("max_depth", "TREATYGRAPH_MAX_DEPTH", "12", _number(1, 100)),
    (
        "max_filter_depth",
        "TREATYGRAPH_MAX_FILTER_DEPTH",
        str(DEFAULT_MAX_FILTER_DEPTH),
        _number(1, 10),
    ),
    ("max_tokens", "TREATYGRAPH_MAX_TOKENS", "5000", _number(10, 1_000_000)),
    (
        "max_query_length",
        "TREATYGRAPH_MAX_QUERY_LENGTH",
        str(DEFAULT_MAX_QUERY_LENGTH),
        _number(256, 100 * 1024 * 1024),
    ),
    ("max_aliases", "TREATYGRAPH_MAX_ALIASES", "50", _number(0, 10_000)),
    ("max_selections", "TREATYGRAPH_MAX_SELECTIONS", "200", _number(1, 100_000)),
    ("max_cost", "TREATYGRAPH_MAX_COST", str(DEFAULT_MAX_COST), _number(1, 10**15)),
    (
        "max_body_bytes",
        "TREATYGRAPH_MAX_BODY_BYTES",
        str(1024 * 1024),
        _number(1024, 100 * 1024 * 1024),
    ),
    ("introspection", "TREATYGRAPH_INTROSPECTION", "true", _bool),
    ("debug_header", "TREATYGRAPH_DEBUG_HEADER", "true", _bool),
    ("cors_origins", "TREATYGRAPH_CORS_ORIGINS", "", _origins),
    ("cors_credentials", "TREATYGRAPH_CORS_CREDENTIALS", "false", _bool),
    ("compiled_responses", "TREATYGRAPH_COMPILED_RESPONSES", "true", _bool),
    ("get_requires_preflight", "TREATYGRAPH_GET_REQUIRES_PREFLIGHT", "false", _bool),
    ("trusted_documents", "TREATYGRAPH_TRUSTED_DOCUMENTS", "", _file),
    ("trusted_documents_only", "TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY", "false", _bool),
    ("apq_entries", "TREATYGRAPH_APQ_ENTRIES", "1000", _number(0, 1_000_000)),
    ("cache_max_age", "TREATYGRAPH_CACHE_MAX_AGE", "0", _number(0, 31_536_000)),
    (
        "reads_per_request",
        "TREATYGRAPH_READS_PER_REQUEST",
        str(DEFAULT_READS_PER_REQUEST),
        _number(1, POOL_SIZE),
    ),
    (
        "client_concurrency",
        "TREATYGRAPH_CLIENT_CONCURRENCY",
        str(DEFAULT_CLIENT_CONCURRENCY),
        _number(1, 10_000),
    ),
    (
        "client_active",
        "TREATYGRAPH_CLIENT_ACTIVE",
        str(DEFAULT_CLIENT_ACTIVE),
        _number(1, 10_000),
    ),
    ("header_timeout", "TREATYGRAPH_HEADER_TIMEOUT", "10", _number(1, 600)),
    ("body_timeout", "TREATYGRAPH_BODY_TIMEOUT", "30", _number(1, 3600)),
    ("max_connections", "TREATYGRAPH_MAX_CONNECTIONS", "4096", _number(1, 10**6)),
    (
        "max_connections_per_address",
        "TREATYGRAPH_MAX_CONNECTIONS_PER_ADDRESS",
        "512",
        _number(0, 10**6),
    ),
    (
        "changes_poll_seconds",
        "TREATYGRAPH_CHANGES_POLL_SECONDS",
        "1.0",
        _seconds(0.05, 60),
    ),
    ("max_subscriptions", "TREATYGRAPH_MAX_SUBSCRIPTIONS", "100", _number(0, 10_000)),
)


@dataclass(frozen=True)
class Settings:
    """Everything the API, the loader and the local launcher are configured by.

    Each field is one row of VARIABLES (its variable, default and meaning live there
    and in the README's table).
    """

    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: Secret | None
    neo4j_database: str
    local_neo4j_port: int
    local_neo4j_home: Path
    local_neo4j_heap: str
    api_host: str
    api_port: int
    api_workers: int
    as_of: dt.date | None
    debug: bool
    max_page_size: int
    query_timeout_seconds: int
    log_format: str
    log_level: str
    # Deprecated configured keys, revocable only by a restart (graph.keys stores
    # the revocable ones); empty: only stored keys may call mutations.
    api_keys: tuple[ApiKey, ...]
    # How long a mutation may wait for a write slot before DATABASE_UNAVAILABLE.
    write_queue_seconds: int
    curation_rate: float  # writes/s per API key and process (execution.rates)
    curation_burst: int
    max_depth: int
    max_filter_depth: int
    max_tokens: int
    max_query_length: int
    max_aliases: int
    # Most field selections in a document (graphql-core's overlap check is quadratic).
    max_selections: int
    max_cost: int
    max_body_bytes: int
    introspection: bool
    debug_header: bool
    cors_origins: tuple[str, ...]
    cors_credentials: bool
    # Answer compiled queries straight from their rows (execution.responses); off,
    # graphql-core completes every response (same answers, more CPU per request).
    compiled_responses: bool
    # A GET must carry a header only a CORS-preflighted request has (README: CSRF).
    get_requires_preflight: bool
    # Persisted operations (httpapi.persisted): the trusted-documents manifest, the
    # switch that runs nothing else, and the APQ store's size (0: APQ off).
    trusted_documents: Path | None
    trusted_documents_only: bool
    apq_entries: int
    # Cache-Control max-age of a GET answer (httpapi.caching); 0: always revalidate.
    cache_max_age: int
    # Statements of one request in flight at once; requests per client in flight.
    reads_per_request: int
    client_concurrency: int
    client_active: int
    # Seconds a connection may take to send its request headers, and then its body;
    # open connections per process, and per client address (0: unlimited)
    # (httpapi/connections.py).
    header_timeout: int
    body_timeout: int
    max_connections: int
    max_connections_per_address: int
    # How often a `changes` subscription reads Neo4j for new curations; open
    # subscriptions per process (each is one read per poll).
    changes_poll_seconds: float
    max_subscriptions: int

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and check every variable; raise SettingsError naming the bad one."""
        config = (
            Config(environ=environ)
            if environ is not None
            else Config(REPO_ROOT / ".env" if (REPO_ROOT / ".env").exists() else None)
        )
        values = {
            field: reader(name)(config(name, default=default))
            for field, name, default, reader in VARIABLES
        }
        settings = cls(**values)  # type: ignore[arg-type]  # typed by the rows above
        if settings.trusted_documents_only and settings.trusted_documents is None:
            raise SettingsError(
                "TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY needs TREATYGRAPH_TRUSTED_DOCUMENTS "
                "(a manifest), or nothing could run"
            )
        if settings.cors_credentials and "*" in settings.cors_origins:
            raise SettingsError(
                "TREATYGRAPH_CORS_ORIGINS must list origins, not '*', when "
                "TREATYGRAPH_CORS_CREDENTIALS is true (browsers refuse credentialed "
                "wildcard responses, and reflecting any origin would leak them)"
            )
        return settings

    @property
    def uses_local_neo4j(self) -> bool:
        """No NEO4J_URI: the project runs its own Neo4j (graph/launcher.py)."""
        return self.neo4j_uri is None

    @property
    def bolt_uri(self) -> str:
        """Where the driver connects: NEO4J_URI, or the local launcher's loopback port."""
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.local_neo4j_port}"

    def default_as_of(self) -> dt.date:
        """The date `asOf` means when a query omits it: pinned per deployment, or today."""
        return self.as_of or dt.date.today()
