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


def _file(raw: str) -> Path | None:
    """TREATYGRAPH_TRUSTED_DOCUMENTS: a file (relative to the repo), or unset."""
    if not raw.strip():
        return None
    path = Path(raw) if Path(raw).is_absolute() else REPO_ROOT / raw
    if not path.is_file():
        raise SettingsError(f"TREATYGRAPH_TRUSTED_DOCUMENTS: no such file {raw!r}")
    return path


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
# examples at most 2) and a client has at most CLIENT_CONCURRENCY requests in
# flight, so one client holds at most 8 x 4 = 32 connections: half the pool stays
# for everyone else, and the 8 curation writes fit too (32 + 8 < 64). A 50-alias
# query used to take 50 of the 64 by itself. Benches driving 64 connections from
# one address raise CLIENT_CONCURRENCY; the API then warns at start-up.
POOL_SIZE = 64
DEFAULT_READS_PER_REQUEST = 4
DEFAULT_CLIENT_CONCURRENCY = 8


@dataclass(frozen=True)
class Settings:
    """Everything the API, the loader and the local launcher are configured by."""

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
    max_depth: int
    max_filter_depth: int
    max_tokens: int
    max_aliases: int
    max_cost: int
    max_body_bytes: int
    introspection: bool
    debug_header: bool
    cors_origins: tuple[str, ...]
    cors_credentials: bool
    # Who may call mutations; empty means mutations are refused (UNAUTHENTICATED).
    api_keys: tuple[ApiKey, ...] = ()
    # How long a mutation may wait for a write slot before DATABASE_UNAVAILABLE.
    write_queue_seconds: int = 30
    # Answer compiled queries straight from their rows (execution.responses); off,
    # graphql-core completes every response (same answers, more CPU per request).
    compiled_responses: bool = True
    # Most field selections in a document (graphql-core's overlap check is quadratic).
    max_selections: int = 200
    # A GET must carry a header only a CORS-preflighted request has (README: CSRF).
    get_requires_preflight: bool = False
    # Persisted operations (httpapi.persisted): the trusted-documents manifest, the
    # switch that runs nothing else, and the APQ store's size (0: APQ off).
    trusted_documents: Path | None = None
    # Cache-Control max-age of a GET answer (httpapi.caching); 0: always revalidate.
    cache_max_age: int = 0
    trusted_documents_only: bool = False
    apq_entries: int = 1000
    # Statements of one request in flight at once; requests per client in flight.
    reads_per_request: int = DEFAULT_READS_PER_REQUEST
    client_concurrency: int = DEFAULT_CLIENT_CONCURRENCY
    # Seconds a connection may take to send its request headers, and then its body;
    # open connections per process (httpapi/connections.py).
    header_timeout: int = 10
    body_timeout: int = 30
    max_connections: int = 4096
    # Open connections one client address may hold per process (0: unlimited).
    max_connections_per_address: int = 512

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and check every variable; raise SettingsError naming the bad one."""
        config = (
            Config(environ=environ)
            if environ is not None
            else Config(REPO_ROOT / ".env" if (REPO_ROOT / ".env").exists() else None)
        )

        def get(key: str, cast: _Cast[T], default: str) -> T:
            raw: str = config(key, default=default)
            return cast(raw)

        password_raw: str = config("NEO4J_PASSWORD", default="")
        home_raw: str = config("NEO4J_LOCAL_HOME", default=".neo4j/run")
        home = Path(home_raw)
        cors_origins = get(
            "TREATYGRAPH_CORS_ORIGINS", _origins("TREATYGRAPH_CORS_ORIGINS"), ""
        )
        cors_credentials = get(
            "TREATYGRAPH_CORS_CREDENTIALS",
            _bool("TREATYGRAPH_CORS_CREDENTIALS"),
            "false",
        )
        if (
            config("TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY", default="").strip().lower()
            in {"1", "true", "yes", "on"}
            and not config("TREATYGRAPH_TRUSTED_DOCUMENTS", default="").strip()
        ):
            raise SettingsError(
                "TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY needs TREATYGRAPH_TRUSTED_DOCUMENTS "
                "(a manifest), or nothing could run"
            )
        if cors_credentials and "*" in cors_origins:
            raise SettingsError(
                "TREATYGRAPH_CORS_ORIGINS must list origins, not '*', when "
                "TREATYGRAPH_CORS_CREDENTIALS is true (browsers refuse credentialed "
                "wildcard responses, and reflecting any origin would leak them)"
            )
        reads = get(
            "TREATYGRAPH_READS_PER_REQUEST",
            _int("TREATYGRAPH_READS_PER_REQUEST", 1, POOL_SIZE),
            str(DEFAULT_READS_PER_REQUEST),
        )
        clients = get(
            "TREATYGRAPH_CLIENT_CONCURRENCY",
            _int("TREATYGRAPH_CLIENT_CONCURRENCY", 1, 10_000),
            str(DEFAULT_CLIENT_CONCURRENCY),
        )
        return cls(
            neo4j_uri=get("NEO4J_URI", _uri("NEO4J_URI"), ""),
            neo4j_user=config("NEO4J_USER", default="neo4j"),
            neo4j_password=Secret(password_raw) if password_raw else None,
            neo4j_database=get("NEO4J_DATABASE", _name("NEO4J_DATABASE"), "neo4j"),
            local_neo4j_port=get(
                "NEO4J_LOCAL_PORT", _int("NEO4J_LOCAL_PORT", 1024, 65535), "7687"
            ),
            local_neo4j_home=home if home.is_absolute() else REPO_ROOT / home,
            local_neo4j_heap=get("NEO4J_LOCAL_HEAP", _heap("NEO4J_LOCAL_HEAP"), "2g"),
            api_host=config("API_HOST", default="127.0.0.1"),
            api_port=get("API_PORT", _int("API_PORT", 1, 65535), "8000"),
            api_workers=get("API_WORKERS", _int("API_WORKERS", 1, 64), "1"),
            as_of=get("TREATYGRAPH_AS_OF", _date("TREATYGRAPH_AS_OF"), ""),
            debug=get("TREATYGRAPH_DEBUG", _bool("TREATYGRAPH_DEBUG"), "false"),
            max_page_size=get(
                "TREATYGRAPH_MAX_PAGE_SIZE",
                _int("TREATYGRAPH_MAX_PAGE_SIZE", 1, 10_000),
                str(DEFAULT_MAX_PAGE_SIZE),
            ),
            query_timeout_seconds=get(
                "TREATYGRAPH_QUERY_TIMEOUT",
                _int("TREATYGRAPH_QUERY_TIMEOUT", 1, 600),
                "10",
            ),
            log_format=get(
                "TREATYGRAPH_LOG_FORMAT",
                _choice("TREATYGRAPH_LOG_FORMAT", ("json", "text")),
                "json",
            ),
            log_level=get(
                "TREATYGRAPH_LOG_LEVEL",
                _choice("TREATYGRAPH_LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR")),
                "INFO",
            ),
            api_keys=get("TREATYGRAPH_API_KEYS", _api_keys("TREATYGRAPH_API_KEYS"), ""),
            write_queue_seconds=get(
                "TREATYGRAPH_WRITE_QUEUE_TIMEOUT",
                _int("TREATYGRAPH_WRITE_QUEUE_TIMEOUT", 1, 600),
                "30",
            ),
            max_depth=get(
                "TREATYGRAPH_MAX_DEPTH", _int("TREATYGRAPH_MAX_DEPTH", 1, 100), "12"
            ),
            max_filter_depth=get(
                "TREATYGRAPH_MAX_FILTER_DEPTH",
                _int("TREATYGRAPH_MAX_FILTER_DEPTH", 1, 10),
                str(DEFAULT_MAX_FILTER_DEPTH),
            ),
            max_tokens=get(
                "TREATYGRAPH_MAX_TOKENS",
                _int("TREATYGRAPH_MAX_TOKENS", 10, 1_000_000),
                "5000",
            ),
            max_aliases=get(
                "TREATYGRAPH_MAX_ALIASES",
                _int("TREATYGRAPH_MAX_ALIASES", 0, 10_000),
                "50",
            ),
            max_cost=get(
                "TREATYGRAPH_MAX_COST",
                _int("TREATYGRAPH_MAX_COST", 1, 10**15),
                str(DEFAULT_MAX_COST),
            ),
            max_body_bytes=get(
                "TREATYGRAPH_MAX_BODY_BYTES",
                _int("TREATYGRAPH_MAX_BODY_BYTES", 1024, 100 * 1024 * 1024),
                str(1024 * 1024),
            ),
            introspection=get(
                "TREATYGRAPH_INTROSPECTION", _bool("TREATYGRAPH_INTROSPECTION"), "true"
            ),
            debug_header=get(
                "TREATYGRAPH_DEBUG_HEADER", _bool("TREATYGRAPH_DEBUG_HEADER"), "true"
            ),
            cors_origins=cors_origins,
            cors_credentials=cors_credentials,
            compiled_responses=get(
                "TREATYGRAPH_COMPILED_RESPONSES",
                _bool("TREATYGRAPH_COMPILED_RESPONSES"),
                "true",
            ),
            max_selections=get(
                "TREATYGRAPH_MAX_SELECTIONS",
                _int("TREATYGRAPH_MAX_SELECTIONS", 1, 100_000),
                "200",
            ),
            get_requires_preflight=get(
                "TREATYGRAPH_GET_REQUIRES_PREFLIGHT",
                _bool("TREATYGRAPH_GET_REQUIRES_PREFLIGHT"),
                "false",
            ),
            trusted_documents=_file(
                config("TREATYGRAPH_TRUSTED_DOCUMENTS", default="")
            ),
            trusted_documents_only=get(
                "TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY",
                _bool("TREATYGRAPH_TRUSTED_DOCUMENTS_ONLY"),
                "false",
            ),
            apq_entries=get(
                "TREATYGRAPH_APQ_ENTRIES",
                _int("TREATYGRAPH_APQ_ENTRIES", 0, 1_000_000),
                "1000",
            ),
            reads_per_request=reads,
            client_concurrency=clients,
            **{
                field: get(name, _int(name, 1, high), default)
                for field, name, high, default in (
                    ("header_timeout", "TREATYGRAPH_HEADER_TIMEOUT", 600, "10"),
                    ("body_timeout", "TREATYGRAPH_BODY_TIMEOUT", 3600, "30"),
                    ("max_connections", "TREATYGRAPH_MAX_CONNECTIONS", 10**6, "4096"),
                )
            },
            cache_max_age=get(
                "TREATYGRAPH_CACHE_MAX_AGE",
                _int("TREATYGRAPH_CACHE_MAX_AGE", 0, 31_536_000),
                "0",
            ),
            max_connections_per_address=get(
                "TREATYGRAPH_MAX_CONNECTIONS_PER_ADDRESS",
                _int("TREATYGRAPH_MAX_CONNECTIONS_PER_ADDRESS", 0, 10**6),
                "512",
            ),
        )

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
