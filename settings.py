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


def _name(name: str) -> _Cast[str]:
    def cast(raw: str) -> str:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9.\-]{0,62}", raw):
            raise SettingsError(f"{name} is not a valid database name: {raw!r}")
        return raw

    return cast


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
                "200",
            ),
            query_timeout_seconds=get(
                "TREATYGRAPH_QUERY_TIMEOUT",
                _int("TREATYGRAPH_QUERY_TIMEOUT", 1, 600),
                "10",
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
