"""What a curation resolver hands to the transaction, and the record it gets back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.model import Label

Row = dict[str, Any]


@dataclass(frozen=True)
class Request:
    """One mutation as the curation record stores it."""

    key: str  # the client's idempotency key
    operation: str  # addSource, recordTreatyEvent …
    request_hash: str  # of the canonical input: a reused key must mean the same write
    by: str  # the API key's name
    subject_label: Label
    subject_key: str
    source_ids: list[str] = field(default_factory=list)
    new_sources: list[Row] = field(default_factory=list)  # {"key", "props"}
    # The treaties the API key may curate (None: all); the fact must concern no other.
    treaties: frozenset[str] | None = None

    @property
    def all_source_ids(self) -> list[str]:
        return [*self.source_ids, *(row["key"] for row in self.new_sources)]


@dataclass(frozen=True)
class Curated:
    """The stored curation record, and whether this request only replayed it."""

    key: str
    operation: str
    by: str
    at: dt.datetime
    subject_label: str
    subject_key: str
    replayed: bool


# Writes the fact itself, inside the transaction that stores the curation record.
Fact = Callable[[AsyncManagedTransaction, Request], Awaitable[None]]
