"""The passes that fill a Build: the CSV rows, then the date fixes, the curated
facts and the extra events.
"""

from __future__ import annotations

import datetime as dt

from seeds.generate.parties.events import Build
from seeds.generate.parties.extra_events import EXTRA_EVENTS
from seeds.generate.parties.facts import FACTS
from seeds.generate.parties.files import SEED_ARTICLE
from seeds.generate.parties.fixes import (
    DATE_FIXES,
    EVENT_NOTES,
    SEED_ARTICLE_EVENTS,
    SOURCE_DROPS,
)
from seeds.generate.parties.rows import Row


def add_row(build: Build, row: Row) -> None:
    t, c = row.treaty, row.iso3
    src = row.source_url
    backbone = row.backbone_urls
    dutch_backbone = [u for u in backbone if "officielebekendmakingen" in u]
    quote = row.quote
    research_note = f"Research note: {row.note}" if row.note else None
    if row.signed_on:
        urls = [src, *dutch_backbone]
        if not row.consent_kind:  # signatory only: the backbone is about signature
            urls += backbone
        note = quote if row.consent_kind else research_note
        build.add((t, c, "signature"), row.signed_on, urls, note)
    if row.consent_kind and row.deposited_on:
        build.add(
            (t, c, row.consent_kind),
            row.deposited_on,
            [src, *backbone],
            research_note,
        )
    if row.eif_on:
        build.add((t, c, "entry_into_force"), row.eif_on, [src, *row.eif_urls], quote)
    # Withdrawal columns cite only the curated FACTS (facts.py) (the row's source predates them).
    if row.withdrawal_deposited_on:
        build.add((t, c, "withdrawal_deposited"), row.withdrawal_deposited_on, [])
    if row.withdrawal_effective_on:
        build.add((t, c, "withdrawal_effective"), row.withdrawal_effective_on, [])


def apply_fixes(build: Build) -> None:
    for key, value in DATE_FIXES.items():
        event = build.events[key]
        build.warnings.append(f"{':'.join(key)}: CSV {event.date} replaced by {value}")
        event.date, event.sources = dt.date.fromisoformat(value), []
    for key, url in SOURCE_DROPS.items():
        sid = build.sources.ids.get(url)
        build.events[key].sources = [s for s in build.events[key].sources if s != sid]


def apply_facts(build: Build) -> None:
    for fact in FACTS:
        for kind, value in fact.dates.items():
            key = (fact.treaty, fact.iso3, kind)
            date = dt.date.fromisoformat(value)
            event = build.events.get(key)
            if event is None:
                event = build.add(key, date, [], fact.quote)
                if kind == "entry_into_force":
                    build.found_eif.append(key)
            elif event.date != date:
                raise ValueError(
                    f"{':'.join(key)}: research table {event.date}, {fact.url} says {date}"
                )
            event.cite([build.sources.cite(fact.url)])


def apply_extras(build: Build) -> None:
    for extra in EXTRA_EVENTS:
        key = (extra.treaty, extra.iso3, extra.kind)
        build.add(
            key,
            dt.date.fromisoformat(extra.date) if extra.date else None,
            extra.urls,
            extra.note,
        )
    for key in SEED_ARTICLE_EVENTS:
        build.events[key].cite([SEED_ARTICLE])
    for key, note in EVENT_NOTES.items():
        event = build.events[key]
        event.note = f"{event.note} {note}" if event.note else note
