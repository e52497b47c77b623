"""The rows of the research CSVs (apmbc-parties.csv, ccm-parties.csv)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from seeds.generate.parties.kinds import CONSENT_KINDS


@dataclass(frozen=True)
class Row:
    treaty: str
    name: str
    iso3: str
    signed_on: dt.date | None
    consent_kind: str
    deposited_on: dt.date | None
    eif_on: dt.date | None
    withdrawal_deposited_on: dt.date | None
    withdrawal_effective_on: dt.date | None
    source_url: str
    note: str

    @property
    def quote(self) -> str | None:
        m = re.search(
            r'dates from \S+: "(.*)"(?:; membership backbone: \S+)?$', self.note, re.S
        )
        return m[1] if m else None

    @property
    def backbone_urls(self) -> list[str]:
        return re.findall(r"membership backbone: (https?://[^\s;\"]+)", self.note)

    @property
    def eif_urls(self) -> list[str]:
        return re.findall(
            r"EIF per CMC treaty-status page (https?://[^\s;\"]+)", self.note
        )


def _opt_date(text: str) -> dt.date | None:
    text = text.strip()
    return dt.date.fromisoformat(text) if text else None


def read_rows(treaty: str, path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [
            Row(
                treaty=treaty,
                name=raw["state_name"].strip(),
                iso3=raw["iso3"].strip(),
                signed_on=_opt_date(raw["signed_on"]),
                consent_kind=raw["consent_kind"].strip(),
                deposited_on=_opt_date(raw["consent_deposited_on"]),
                eif_on=_opt_date(raw["entry_into_force_on"]),
                withdrawal_deposited_on=_opt_date(raw["withdrawal_deposited_on"]),
                withdrawal_effective_on=_opt_date(raw["withdrawal_effective_on"]),
                source_url=raw["source_url"].strip(),
                note=raw["note"].strip(),
            )
            for raw in csv.DictReader(handle)
        ]
    dupes = [k for k, n in Counter(r.iso3 for r in rows).items() if n > 1]
    if dupes:
        raise ValueError(f"{path.name}: duplicate iso3 {dupes}")
    for row in rows:
        if row.consent_kind and row.consent_kind not in CONSENT_KINDS:
            raise ValueError(
                f"{path.name}: {row.iso3}: unknown kind {row.consent_kind}"
            )
    return rows
