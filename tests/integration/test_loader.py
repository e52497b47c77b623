"""The loader: all or nothing, idempotent, every problem named."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph import seeding
from seeds import loader
from seeds.validate import DATA_DIR
from settings import Settings


def test_loading_twice_gives_identical_counts(
    neo4j: Settings, seeded: dict[str, Any], db: Driver
) -> None:
    labels, rels, version = loader.load(neo4j)
    assert (labels, rels, version) == (
        seeded["labels"],
        seeded["rels"],
        seeded["version"],
    )
    assert labels["Country"] == 197


def test_corrupted_seed_file_names_file_record_field_and_writes_nothing(
    neo4j: Settings, db: Driver, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    votes = data / "votes.yaml"
    text = votes.read_text()
    assert "  for: 107\n" in text
    votes.write_text(text.replace("  for: 107\n", "  for: many\n", 1))
    before = seeding.counts(db, neo4j.neo4j_database)
    with pytest.raises(loader.SeedError) as error:
        loader.load(neo4j, data)
    message = str(error.value)
    assert "votes.yaml: record" in message
    assert (
        "(ltu-seimas-2025-05-08-ottawa): 'for' must be a non-negative integer"
        in message
    )
    assert seeding.counts(db, neo4j.neo4j_database) == before


def test_dangling_reference_is_reported_with_its_record(
    tmp_path: Path, neo4j: Settings
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    borders = data / "borders.yaml"
    borders.write_text(
        borders.read_text() + "- between: [LTU, ZZZ]\n  sources: [nope]\n"
    )
    with pytest.raises(loader.SeedError) as error:
        loader.load(neo4j, data)
    assert "'between' names unknown countries key 'ZZZ'" in str(error.value)
    assert "'sources' names unknown sources key 'nope'" in str(error.value)


def test_reset_refuses_a_remote_database_without_force() -> None:
    remote = Settings.from_env({"NEO4J_URI": "neo4j+s://example.databases.neo4j.io"})
    with pytest.raises(loader.SeedError, match="Refusing to --reset"):
        loader.load(remote, reset=True)
