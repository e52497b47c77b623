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
    labels, rels, version, _ = loader.load(neo4j)
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


def test_unreadable_files_among_good_ones_are_named_and_nothing_is_written(
    neo4j: Settings, seeded: dict[str, Any], db: Driver, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    borders = data / "borders.yaml"
    borders.write_text(borders.read_text() + "- between: [LTU, POL\n")
    votes = data / "votes.yaml"
    votes.write_bytes(votes.read_bytes() + b"\n# \xff\xfe not UTF-8\n")
    before = seeding.counts(db, neo4j.neo4j_database)
    with pytest.raises(loader.SeedError) as error:
        loader.load(neo4j, data)
    message = str(error.value)
    assert "nothing was written" in message
    assert "borders.yaml: not valid YAML" in message
    assert "votes.yaml: not UTF-8 text" in message
    assert seeding.counts(db, neo4j.neo4j_database) == before


def test_loader_cli_reports_bad_files_without_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "treaties.yaml").write_text("{ not: [a list")
    result = subprocess.run(
        [sys.executable, "-m", "seeds.loader", "--check", "--data", str(data)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 1
    assert "treaties.yaml: not valid YAML" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
