"""Write countries.yaml and borders.yaml, and log what was left out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from seeds.generate.countries.borders import build_borders
from seeds.generate.countries.country import build_country
from seeds.generate.countries.dataset import records_by_iso3
from seeds.generate.countries.states import NON_MEMBER_STATES, UN_MEMBERS, UN_OBSERVERS
from seeds.generate.countries.writing import write_records

DATA_DIR: Final = Path(__file__).resolve().parents[2] / "data"
COUNTRIES_FILE: Final = DATA_DIR / "countries.yaml"
BORDERS_FILE: Final = DATA_DIR / "borders.yaml"


def main() -> None:
    grouped = records_by_iso3()
    wanted = [*UN_MEMBERS, *UN_OBSERVERS, *NON_MEMBER_STATES]
    if len(set(wanted)) != len(wanted):
        raise SystemExit("duplicate ISO code in the curated state lists")
    missing = [c for c in wanted if c not in grouped]
    if missing:
        raise SystemExit(f"countryinfo has no record for {missing}")

    states = {iso3: grouped[iso3] for iso3 in wanted}
    countries = [build_country(iso3, states[iso3]) for iso3 in sorted(states)]
    names = {c["iso3"]: c["name"] for c in countries}
    borders, log = build_borders(states, names)

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    write_records(COUNTRIES_FILE, countries)
    write_records(BORDERS_FILE, borders)
    out = sys.stdout
    out.write(f"{COUNTRIES_FILE.relative_to(Path.cwd())}: {len(countries)} records\n")
    out.write(f"{BORDERS_FILE.relative_to(Path.cwd())}: {len(borders)} records\n")
    for line in log:
        out.write(f"  {line}\n")
