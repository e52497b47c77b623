"""The borders.yaml pairs from countryinfo's border lists and the border fixes."""

from __future__ import annotations

from seeds.generate.countries.border_fixes import (
    BORDER_ADDITIONS,
    BORDER_DROPS,
    BORDER_EXTRA_SOURCES,
    BORDER_NOTES,
    REQUIRED_BORDERS,
)
from seeds.generate.countries.dataset import Record
from seeds.generate.countries.sources import SRC_DATASET


def build_borders(
    states: dict[str, list[Record]], names: dict[str, str]
) -> tuple[list[Record], list[str]]:
    """Unordered land-border pairs between states, plus a log of what was left out."""
    listed_by: dict[tuple[str, str], set[str]] = {}
    log: list[str] = []
    for iso3, records in sorted(states.items()):
        for record in records:
            for code in record.get("borders") or []:
                other = str(code)
                if other not in states:
                    log.append(f"{iso3}: border code {other!r} is not a state here")
                    continue
                pair = (min(iso3, other), max(iso3, other))
                listed_by.setdefault(pair, set()).add(iso3)

    for pair, reason in BORDER_DROPS.items():
        if listed_by.pop(pair, None) is not None:
            log.append(f"{pair[0]}-{pair[1]}: dropped, {reason}")

    out: list[Record] = []
    for pair in sorted({*listed_by, *BORDER_ADDITIONS}):
        a, b = pair
        notes: list[str] = []
        sources = [SRC_DATASET]
        if pair in BORDER_ADDITIONS:
            note, extra = BORDER_ADDITIONS[pair]
            notes.append(note)
            sources = list(extra)
        else:
            sides = listed_by[pair]
            if len(sides) == 1:
                (side,) = sides
                other = b if side == a else a
                notes.append(
                    f"Asymmetric in countryinfo: listed in {names[side]}'s borders "
                    f"but not in {names[other]}'s; kept because one side lists it."
                )
                if pair in BORDER_EXTRA_SOURCES:
                    named_by = ", ".join(BORDER_EXTRA_SOURCES[pair])
                    notes.append(f"Also named by source {named_by}.")
                log.append(f"{a}-{b}: asymmetric (only {side} lists it)")
        if pair in BORDER_NOTES:
            notes.insert(0, BORDER_NOTES[pair])
        sources += [s for s in BORDER_EXTRA_SOURCES.get(pair, ()) if s not in sources]
        out.append(
            {
                "between": [a, b],
                "note": " ".join(notes) or None,
                "sources": sources,
            }
        )

    present = {tuple(r["between"]) for r in out}
    missing = [p for p in REQUIRED_BORDERS if p not in present]
    if missing:
        raise SystemExit(f"required borders missing from the data: {missing}")
    return out, log
