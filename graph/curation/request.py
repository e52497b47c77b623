"""What a curation resolver hands to the transaction, and the record it gets back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from neo4j import AsyncManagedTransaction

Row = dict[str, Any]
ChangeKind = Literal["ADDED", "CORRECTED", "RETRACTED"]


@dataclass(frozen=True)
class Request:
    """One mutation as the curation record stores it."""

    idempotency_key: str  # the client's key, as sent
    operation: str  # addSource, recordTreatyEvent …
    request_hash: str  # of the canonical input: a reused key must mean the same write
    by: str  # the API key's name
    subject_label: str  # a model label, or `Border` for a BORDERS relationship
    subject_key: str
    source_ids: list[str] = field(default_factory=list)
    new_sources: list[Row] = field(default_factory=list)  # {"key", "props"}
    # The validated input (what an ADDED record reports as its fields and after),
    # the curator's why, and what the fact concerns when the resolver knows it.
    payload: Row = field(default_factory=dict)
    reason: str | None = None
    treaties: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    today: dt.date | None = None  # the settings' as-of date, for partyStatus

    @property
    def key(self) -> str:
        """The Curation node's key: idempotency is scoped to the API key (6a)."""
        return f"{self.by}/{self.idempotency_key}"

    # The treaties the API key may curate (None: all); the fact must concern no other.
    scope: frozenset[str] | None = None

    @property
    def all_source_ids(self) -> list[str]:
        return [*self.source_ids, *(row["key"] for row in self.new_sources)]


@dataclass(frozen=True)
class Change:
    """What a fact reports of its write, stored on the curation record.

    `before`/`after` map GraphQL field names to plain values (dates as ISO text);
    `party` is the state's PARTY_TO right after a write to a TreatyEvent.
    """

    change: ChangeKind
    fields: list[str]
    before: Row | None
    after: Row | None
    treaties: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    party: Row | None = None  # {"partyStatus", "partySince", "partyUntil"}

    def props(self, reason: str | None) -> Row:
        """The Curation node's properties of the contract."""
        return {
            "change": self.change,
            "fields": self.fields,
            "before": _json(self.before),
            "after": _json(self.after),
            "reason": reason,
            "treaties": sorted(set(self.treaties)),
            "countries": sorted(set(self.countries)),
            **(
                self.party or dict.fromkeys(("partyStatus", "partySince", "partyUntil"))
            ),
        }


def _json(values: Row | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)


def added(request: Request) -> Change:
    """The report of a write that only adds: the fields its input set."""
    after = {k: v for k, v in request.payload.items() if v not in (None, [])}
    return Change(
        "ADDED",
        sorted(after),
        None,
        after,
        treaties=request.treaties,
        countries=request.countries,
    )


@dataclass(frozen=True)
class Curated:
    """The stored curation record, and whether this request only replayed it."""

    key: str  # `<by>/<idempotency key>`
    idempotency_key: str  # the client's key
    operation: str
    by: str
    at: dt.datetime
    subject_label: str
    subject_key: str
    replayed: bool
    change: str | None = None  # null on records stored before the contract
    fields: list[str] = field(default_factory=list)
    before: str | None = None  # JSON text
    after: str | None = None
    reason: str | None = None


# Writes the fact itself, inside the transaction that stores the curation record;
# None reports it as `added(request)`.
Fact = Callable[[AsyncManagedTransaction, Request], Awaitable[Change | None]]
