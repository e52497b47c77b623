"""One countries.yaml record from a state's countryinfo records and the fixes."""

from __future__ import annotations

import re

from seeds.generate.countries.dataset import Record, primary_record
from seeds.generate.countries.names import (
    ALIAS_DROP,
    ALIAS_EXTRA,
    CODE_ALIASES,
    NAME_OVERRIDES,
    NATIVE_NAME_FIXES,
    NATIVE_NAME_PARTS,
    OFFICIAL_NAME_OVERRIDES,
)
from seeds.generate.countries.sources import (
    SRC_DATASET,
    SRC_UN_LIST,
    SRC_UN_MEMBERS,
    SRC_UN_OBSERVERS,
)
from seeds.generate.countries.spellings import (
    ENGLISH_FORMAL,
    FORMAL_SHORT_NAME,
    NATIVE_FORMAL,
    ascii_fold,
    clean,
    dedupe,
    is_latin,
    unpointed,
)
from seeds.generate.countries.states import NON_MEMBER_STATES, UN_OBSERVERS


def _native_names(iso3: str, records: list[Record]) -> list[str]:
    if iso3 in NATIVE_NAME_PARTS:
        parts: list[str] = list(NATIVE_NAME_PARTS[iso3])
    else:
        parts = []
        for record in records:
            native = clean(str(record.get("nativeName") or ""))
            parts.extend(clean(p) for p in re.split(r"\s+[/-]\s+|/", native))
    fixes = NATIVE_NAME_FIXES.get(iso3, {})
    fixed = [fixes.get(p, p) for p in parts]
    # The unpointed form first (what people type), the package's pointed form kept.
    return dedupe(x for p in fixed for x in (unpointed(p), p))


def _official_name(iso3: str, name: str, alt: list[str]) -> str | None:
    """The formal English name: an altSpelling built on English formal words, the
    one containing the display name first ("Kingdom of Eswatini", not "Kingdom of
    Swaziland"); else the display name if it is formal itself; else None."""
    if iso3 in OFFICIAL_NAME_OVERRIDES:
        return OFFICIAL_NAME_OVERRIDES[iso3]
    formal = [
        s
        for s in alt
        if "," not in s
        and is_latin(s)
        and ENGLISH_FORMAL.search(s)
        and not NATIVE_FORMAL.search(s)
    ]
    if formal:
        key = name.casefold()
        return next((s for s in formal if key in s.casefold()), formal[0])
    if FORMAL_SHORT_NAME.search(name):
        return name
    return None


def _status(iso3: str) -> str:
    if iso3 in UN_OBSERVERS:
        return "observer"
    if iso3 in NON_MEMBER_STATES:
        return "non-member"
    return "member"


def _status_sources(iso3: str) -> list[str]:
    if iso3 in UN_OBSERVERS:
        return [SRC_UN_OBSERVERS]
    if iso3 in NON_MEMBER_STATES:
        return [SRC_UN_LIST]
    return [SRC_UN_MEMBERS, SRC_UN_LIST]


def build_country(iso3: str, records: list[Record]) -> Record:
    primary = primary_record(iso3, records)
    iso2 = str(primary["ISO"]["alpha2"])
    package_name = str(primary["name"])
    name = NAME_OVERRIDES.get(iso3, package_name)
    notes: list[str] = []

    alt = dedupe(
        clean(str(s))
        for record in records
        for s in (record.get("altSpellings") or [])
        if clean(str(s)) not in ALIAS_DROP
    )
    native = _native_names(iso3, records)
    official = _official_name(iso3, name, alt)

    native_extra: list[str] = []
    aliases: list[str] = []
    for spelling in alt:
        if spelling in (iso2, iso3) and spelling not in CODE_ALIASES:
            continue
        if not is_latin(spelling) or NATIVE_FORMAL.search(spelling):
            native_extra.append(spelling)
        else:
            aliases.append(spelling)
    native = dedupe([*native, *native_extra])

    other_names = [str(r["name"]) for r in records if str(r["name"]) != name]
    aliases = [*other_names, *aliases, *ALIAS_EXTRA.get(iso3, ())]
    folds = [
        f
        for f in (
            ascii_fold(x) for x in [name, *([official] if official else []), *native]
        )
        if f
    ]
    # The formal name is repeated among the aliases: lookups match name + aliases.
    formal = [official] if official and official != name else []
    aliases = dedupe([*formal, *aliases, *folds], exclude=[name, *native])

    if name != package_name:
        notes.append(f"countryinfo names it {package_name!r}.")
    if iso3 in OFFICIAL_NAME_OVERRIDES:
        notes.append(
            "official_name set by hand (see seeds/generate/countries/names.py)."
        )
    elif official is None:
        notes.append("countryinfo gives no formal English name.")
    if iso3 in NATIVE_NAME_PARTS or iso3 in NATIVE_NAME_FIXES:
        notes.append(
            "native_names corrected by hand (see seeds/generate/countries/names.py)."
        )
    if len(records) > 1:
        notes.append(
            f"countryinfo has {len(records)} records for {iso3} "
            f"({', '.join(sorted(str(r['name']) for r in records))}); "
            f"fields from {package_name!r}, spellings merged."
        )

    return {
        "iso3": iso3,
        "iso2": iso2,
        "name": name,
        "official_name": official,
        "native_names": native,
        "aliases": aliases,
        "region": primary.get("region") or None,
        "subregion": primary.get("subregion") or None,
        "un_status": _status(iso3),
        "sources": [SRC_DATASET, *_status_sources(iso3)],
        "note": " ".join(notes) or None,
    }
