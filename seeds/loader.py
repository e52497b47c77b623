"""Load the curated seed files into Neo4j: validate everything, then write in one go.

`python -m seeds.loader [--reset [--force]] [--data DIR]` (behind `make seed`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse

from neo4j import GraphDatabase

from graph import constraints, seeding, statistics
from graph.catalog import catalog_of
from model.nodes import MODEL
from model.vocabulary import Model
from seeds.plan import build_plan, dataset_version
from seeds.validate import DATA_DIR, read_dataset
from settings import Settings, SettingsError

__all__ = ["Loaded", "SeedError", "build_plan", "dataset_version", "load", "main"]


class SeedError(RuntimeError):
    """The seed files are invalid (every problem is listed) or the target is refused."""


class Loaded(NamedTuple):
    """Node counts per label, relationship counts per type, the dataset version (the
    digest of what the graph holds), and the records the files no longer hold that
    stayed because a curation owns them (`Label key`)."""

    labels: dict[str, int]
    rels: dict[str, int]
    version: str
    kept: list[str]


def _is_local(uri: str) -> bool:
    return urlparse(uri).hostname in {"127.0.0.1", "localhost", "::1"}


def load(
    settings: Settings,
    data_dir: Path = DATA_DIR,
    *,
    model: Model = MODEL,
    reset: bool = False,
    force: bool = False,
) -> Loaded:
    """Validate, then (optionally wipe and) write, removing what the files no longer
    hold unless curated; returns counts, the version and the curated records kept."""
    data = read_dataset(data_dir, model)
    if data.problems:
        raise SeedError(
            f"{len(data.problems)} problem(s) in the seed files; nothing was written:\n"
            + "\n".join(data.problems)
        )
    plan = build_plan(data, model)
    if reset and not force and not _is_local(settings.bolt_uri):
        raise SeedError(
            f"Refusing to --reset {settings.bolt_uri}: not a local database "
            "(add --force to wipe it anyway)."
        )
    password = settings.neo4j_password
    auth = (settings.neo4j_user, str(password)) if password is not None else None
    with GraphDatabase.driver(settings.bolt_uri, auth=auth) as driver:
        if reset:
            seeding.reset(driver, settings.neo4j_database)
        constraints.create_schema(driver, settings.neo4j_database, plan.keys)
        written = seeding.write(driver, settings.neo4j_database, plan)
        # After the commit: the bounds of the cost estimate, of the data as loaded.
        statistics.write_exact(driver, settings.neo4j_database, catalog_of(model))
        labels, rel_counts = seeding.counts(driver, settings.neo4j_database)
    return Loaded(labels, rel_counts, written.version, written.kept)


def main(argv: list[str] | None = None) -> int:
    """CLI: print counts per label and relationship type, or every problem found."""
    parser = argparse.ArgumentParser(prog="python -m seeds.loader")
    parser.add_argument("--reset", action="store_true", help="wipe the database first")
    parser.add_argument(
        "--force", action="store_true", help="allow --reset off loopback"
    )
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="seed data folder")
    parser.add_argument(
        "--check", action="store_true", help="validate only; write nothing"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = read_dataset(args.data).problems
        print("\n".join(problems) if problems else "seed files are valid")
        return 1 if problems else 0
    try:
        settings = Settings.from_env()
        began = time.monotonic()
        loaded = load(settings, args.data, reset=args.reset, force=args.force)
    except (SeedError, SettingsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Loaded dataset {loaded.version} in {time.monotonic() - began:.2f} s")
    for name, count in loaded.labels.items():
        print(f"  (:{name}) {count}")
    for name, count in loaded.rels.items():
        print(f"  [:{name}] {count}")
    if loaded.kept:
        print(
            f"Kept {len(loaded.kept)} curated record(s) the seed files no longer hold:"
        )
        for record in loaded.kept:
            print(f"  {record}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
