"""The treaties.yaml and claims/parties.yaml records, their urls cited through
the sources registry.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from seeds.generate.parties.conflicts import CONFLICTS
from seeds.generate.parties.events import Build
from seeds.generate.parties.treaties import TREATIES
from seeds.generate.parties.treaty_claims import TREATY_CLAIMS


def _value(text: str) -> object:
    """An ISO date stays a date (like the kept value); anything else as the source gives it."""
    return (
        dt.date.fromisoformat(text)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)
        else text
    )


def build_claims(build: Build) -> list[dict[str, Any]]:
    claims: list[dict[str, Any]] = []
    for conflict in CONFLICTS:
        key = (conflict.treaty, conflict.iso3, conflict.kind)
        event = build.events[key]
        about = {"kind": "treaty_event", "key": ":".join(key)}
        base = f"{conflict.treaty}-{conflict.iso3.lower()}-{conflict.kind.replace('_', '-')}-{conflict.property.replace('_', '-')}"
        kept: dict[str, Any] = {
            "key": f"{base}-kept",
            "about": about,
            "property": conflict.property,
            "value": event.date,
            "status": "kept",
            "sources": list(event.sources),
        }
        if conflict.kept_note:
            kept["note"] = conflict.kept_note
        claims.append(kept)
        for n, alt in enumerate(conflict.alternatives, start=1):
            suffix = "" if len(conflict.alternatives) == 1 else f"-{n}"
            claims.append(
                {
                    "key": f"{base}-{alt.status}{suffix}",
                    "about": dict(about),
                    "property": conflict.property,
                    "value": _value(alt.value),
                    "status": alt.status,
                    "sources": [build.sources.cite(u) for u in alt.urls],
                    "note": alt.note,
                }
            )
    for tc in TREATY_CLAIMS:
        record: dict[str, Any] = {
            "key": tc.key,
            "about": {"kind": "treaty", "key": tc.treaty},
            "property": tc.property,
            "value": tc.value,
            "status": tc.status,
            "sources": [build.sources.cite(u) for u in tc.urls] + list(tc.ids),
        }
        if tc.note:
            record["note"] = tc.note
        claims.append(record)
    return claims


def build_treaties(build: Build) -> list[dict[str, Any]]:
    out = []
    for treaty in TREATIES:
        record = {
            k: (list(v) if isinstance(v, list) else v)
            for k, v in treaty.items()
            if k not in ("urls", "note")
        }
        record["sources"] = [build.sources.cite(u) for u in treaty["urls"]]
        record["note"] = treaty["note"]
        out.append(record)
    return out
