"""The record types the curated tables are written in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Host:
    """Publisher, kind and id prefix of the sources whose url contains `match`."""

    match: str  # substring of "host/path"
    publisher: str
    kind: str
    prefix: str
    reliability: str | None = None


@dataclass(frozen=True)
class Meta:
    """Hand-set fields for a source url (anything None falls back to the host)."""

    id: str | None = None
    title: str | None = None
    published_on: dt.date | None = None
    reliability: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Fact:
    """Dates one source states for one state's events in one treaty."""

    treaty: str
    iso3: str
    url: str
    dates: dict[str, str]  # event kind -> ISO date stated by the source
    quote: str | None = None  # short excerpt, kept as the note of events it creates


@dataclass(frozen=True)
class Extra:
    """An event the CSVs lack; `date` None: it happened, no source dates it."""

    treaty: str
    iso3: str
    kind: str
    date: str | None
    urls: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Alt:
    """A competing value and the sources that give it."""

    value: str
    status: str  # alternative | disputed
    urls: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Conflict:
    """An event whose kept (CSV-derived) value has competing values."""

    treaty: str
    iso3: str
    kind: str
    alternatives: tuple[Alt, ...]
    kept_note: str | None = None
    property: str = "date"


@dataclass(frozen=True)
class TreatyClaim:
    """A claim about a treaty: `urls` are cited, `ids` are defined elsewhere."""

    key: str
    treaty: str
    property: str
    value: object
    status: str
    urls: tuple[str, ...]
    ids: tuple[str, ...]
    note: str | None
