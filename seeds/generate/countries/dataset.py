"""The countryinfo package's records, grouped by ISO code, and the primary one."""

from __future__ import annotations

from typing import Any, cast

from countryinfo import CountryInfo

from seeds.generate.countries.states import IGNORED_RECORDS

Record = dict[str, Any]


def records_by_iso3() -> dict[str, list[Record]]:
    """All countryinfo records grouped by ISO alpha-3 (the package has duplicates)."""
    grouped: dict[str, list[Record]] = {}
    for raw in CountryInfo.all().values():
        record = cast(Record, dict(raw))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        if iso3 and record.get("name") not in IGNORED_RECORDS:
            grouped.setdefault(str(iso3), []).append(record)
    return grouped


def primary_record(iso3: str, records: list[Record]) -> Record:
    """The most complete record; ties go to the one CountryInfo(iso3) resolves to."""
    resolved = CountryInfo(iso3).name()

    def score(record: Record) -> tuple[bool, bool, bool, bool]:
        return (
            record.get("borders") is not None,
            bool(record.get("region")),
            bool(record.get("nativeName")),
            record.get("name") == resolved,
        )

    return max(records, key=score)
