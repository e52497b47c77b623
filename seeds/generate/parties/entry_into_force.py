"""Entry into force by Art. 17: derived where no source gives a date, and checked
against every date a source gives.
"""

from __future__ import annotations

from collections.abc import Sequence

from seeds.generate.parties.eif_rules import EIF_RULES
from seeds.generate.parties.events import Build
from seeds.generate.parties.kinds import CONSENT_KINDS
from seeds.generate.parties.rows import Row


def derive_missing_eif(build: Build, rows: Sequence[Row]) -> None:
    for row in rows:
        key = (row.treaty, row.iso3, "entry_into_force")
        consent = (row.treaty, row.iso3, row.consent_kind)
        if key in build.events or not row.consent_kind or consent not in build.events:
            continue
        deposit = build.events[consent].date
        if deposit is None:
            continue
        date, rule, urls = EIF_RULES[row.treaty].apply(deposit)
        event = build.add(
            key,
            date,
            urls,
            "Not found in a source: computed from the deposit date by Art. 17.",
        )
        event.derived = {
            "rule": rule,
            "from": f"{row.consent_kind} deposited {deposit.isoformat()}",
        }
        build.derived.append(key)


def check_rule(build: Build) -> list[str]:
    """Compare every sourced state-level entry-into-force date with the Art. 17 rule."""
    report: list[str] = []
    for treaty, rule in EIF_RULES.items():
        checked, mismatches = 0, []
        for (t, c, kind), event in build.events.items():
            if (
                t != treaty
                or kind != "entry_into_force"
                or event.derived
                or event.date is None
            ):
                continue
            consent = [
                e
                for (t2, c2, k2), e in build.events.items()
                if t2 == t and c2 == c and k2 in CONSENT_KINDS
            ]
            if (
                not consent
                or consent[0].kind == "succession"
                or consent[0].date is None
            ):
                continue
            checked += 1
            expected = rule.apply(consent[0].date)[0]
            if expected != event.date:
                mismatches.append(
                    f"{c} deposit {consent[0].date} eif {event.date} rule {expected}"
                )
        report.append(
            f"{treaty}: Art. 17 rule checked on {checked} sourced dates, {len(mismatches)} mismatches {mismatches}"
        )
    return report
