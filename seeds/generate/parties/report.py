"""The summary a run prints: counts per kind, found and derived dates, the Art. 17
check and party counts on key dates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from seeds.generate.parties.entry_into_force import check_rule
from seeds.generate.parties.events import Build, Event, EventKey
from seeds.generate.parties.files import CSV_FILES
from seeds.generate.parties.kinds import KIND_ORDER


def missing_signatures(build: Build) -> list[str]:
    """Ratifications (which presuppose a signature) without a signature record."""
    return sorted(
        f"{t}:{c}"
        for (t, c, k) in build.events
        if k == "ratification" and (t, c, "signature") not in build.events
    )


def party_count(events: dict[EventKey, Event], treaty: str, on: dt.date) -> int:
    """States with entry_into_force <= on and no withdrawal_effective <= on."""
    countries = {c for (t, c, _k) in events if t == treaty}
    n = 0
    for c in countries:
        eif = events.get((treaty, c, "entry_into_force"))
        out = events.get((treaty, c, "withdrawal_effective"))
        if (
            eif
            and eif.date
            and eif.date <= on
            and not (out and out.date and out.date <= on)
        ):
            n += 1
    return n


def summary(build: Build, claim_count: int) -> str:
    """The lines a run prints once every file is written."""
    counts = Counter((t, k) for (t, _c, k) in build.events)
    lines = [f"events: {len(build.events)}"]
    lines += [
        f"  {t} {k}: {counts[(t, k)]}"
        for t in CSV_FILES
        for k in KIND_ORDER
        if counts[(t, k)]
    ]
    lines.append(
        f"entry into force found in sources (not in CSV): {[':'.join(k) for k in build.found_eif]}"
    )
    lines.append(
        f"entry into force derived: {len(build.derived)} {[':'.join(k) for k in build.derived]}"
    )
    lines += check_rule(build)
    lines.append(
        f"ratifications without a signature record: {missing_signatures(build)}"
    )
    for treaty, on in (
        ("ottawa", "2025-01-01"),
        ("ottawa", "2025-12-01"),
        ("ottawa", "2026-11-28"),
        ("ccm", "2026-11-28"),
    ):
        lines.append(
            f"parties {treaty} on {on}: {party_count(build.events, treaty, dt.date.fromisoformat(on))}"
        )
    reused = sorted(
        set(build.sources.ids.values()) & set(build.sources.external.values())
    )
    lines.append(
        f"sources: {len(build.sources.records)} written, {len(reused)} reused from other files {reused}"
    )
    lines.append(f"claims: {claim_count}")
    lines += [f"note: {w}" for w in build.warnings]
    return "\n".join(lines) + "\n"
