"""The treaty events being built, keyed by (treaty, country, kind), and the
order they are written in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from seeds.generate.parties.files import CSV_FILES
from seeds.generate.parties.kinds import KIND_ORDER
from seeds.generate.parties.source_ids import Sources

EventKey = tuple[str, str, str]


@dataclass
class Event:
    treaty: str
    country: str
    kind: str
    date: dt.date | None
    sources: list[str] = field(default_factory=list)
    note: str | None = None
    derived: dict[str, str] | None = None

    def cite(self, ids: Iterable[str]) -> None:
        for sid in ids:
            if sid not in self.sources:
                self.sources.append(sid)

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "treaty": self.treaty,
            "country": self.country,
            "kind": self.kind,
            "date": self.date,
        }
        if self.derived:
            out["derived"] = dict(self.derived)
        out["sources"] = list(self.sources)
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class Build:
    sources: Sources
    events: dict[EventKey, Event] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    derived: list[EventKey] = field(default_factory=list)
    found_eif: list[EventKey] = field(default_factory=list)

    def add(
        self,
        key: EventKey,
        date: dt.date | None,
        urls: Sequence[str],
        note: str | None = None,
    ) -> Event:
        if key in self.events:
            raise ValueError(f"duplicate event {key}")
        event = Event(*key, date=date, note=note)
        event.cite(self.sources.cite(u) for u in urls)
        self.events[key] = event
        return event


def sort_key(key: EventKey) -> tuple[int, str, int]:
    treaty, country, kind = key
    return (list(CSV_FILES).index(treaty), country, KIND_ORDER.index(kind))
