"""Generate the treaty and treaty-party seed files from the research tables.

The command line of ``python -m seeds.generate.parties`` (see the package
docstring).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from seeds.generate.parties.entry_into_force import derive_missing_eif
from seeds.generate.parties.events import Build, sort_key
from seeds.generate.parties.files import CSV_FILES, OWN_SOURCES_FILE
from seeds.generate.parties.passes import (
    add_row,
    apply_extras,
    apply_facts,
    apply_fixes,
)
from seeds.generate.parties.records import build_claims, build_treaties
from seeds.generate.parties.report import summary
from seeds.generate.parties.rows import read_rows
from seeds.generate.parties.source_ids import Sources, load_external_sources
from seeds.generate.parties.writing import write_yaml

REPO_ROOT: Final = Path(__file__).resolve().parents[3]
DEFAULT_RESEARCH: Final = Path("../shared/research")
DEFAULT_OUT: Final = REPO_ROOT / "seeds" / "data"


def generate(research: Path, out: Path) -> str:
    sources = Sources(load_external_sources(out / "sources"))
    build = Build(sources)
    rows = [
        row
        for treaty, name in CSV_FILES.items()
        for row in read_rows(treaty, research / name)
    ]
    for row in rows:
        add_row(build, row)
    apply_fixes(build)
    apply_facts(build)
    apply_extras(build)
    derive_missing_eif(build, rows)
    treaties = build_treaties(build)
    claims = build_claims(build)
    empty = [":".join(k) for k, e in build.events.items() if not e.sources]
    if empty:
        raise ValueError(f"events without sources: {empty}")

    keys = sorted(build.events, key=sort_key)
    write_yaml(out / "treaty_events.yaml", [build.events[k].record() for k in keys])
    write_yaml(out / "treaties.yaml", treaties)
    write_yaml(out / "claims" / "parties.yaml", claims)
    write_yaml(
        out / "sources" / OWN_SOURCES_FILE,
        sorted(sources.records, key=lambda r: str(r["id"])),
        "# Urls already defined in another sources/*.yaml file keep that file's id and\n"
        "# are not repeated here; `seed-article` is defined in sources/events2025.yaml.\n",
    )

    return summary(build, len(claims))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seeds.generate.parties",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument(
        "research",
        nargs="?",
        type=Path,
        default=DEFAULT_RESEARCH,
        help="directory with the research CSVs (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="seed data directory (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    sys.stdout.write(generate(args.research, args.out))
    return 0
