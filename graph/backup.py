"""Back up and restore the local Neo4j with Neo4j's own `neo4j-admin database dump/load`.

`python -m graph.backup dump [--dir DIR]` / `python -m graph.backup load FILE`
(behind `make backup` / `make restore FILE=`). The admin tool is
`org.neo4j.cli.AdminTool` from `neo4j-command-line`, already on the embedded
instance's classpath (graph/neo4j/pom.xml), run with java on the instance's home.
Community cannot dump a running database, so both stop the instance if it runs,
dump or load, and start it again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph import launcher
from settings import REPO_ROOT, Settings, SettingsError

BACKUP_DIR = REPO_ROOT / ".neo4j" / "backups"


def _admin(
    instance: launcher.LocalNeo4j, *args: str, stdin: Path | None = None
) -> None:
    """Run `neo4j-admin <args>` on the instance's home (its data/ is the store)."""
    with tempfile.TemporaryDirectory() as conf:
        (Path(conf) / "neo4j.conf").write_text("")  # the embedded DBMS has no file
        env = {
            **os.environ,
            "NEO4J_HOME": str(instance.home.resolve()),
            "NEO4J_CONF": conf,
        }
        command = [
            "java",
            "-Xmx512m",
            "-cp",
            launcher.classpath(),
            "org.neo4j.cli.AdminTool",
            *args,
        ]
        with stdin.open("rb") if stdin is not None else open(os.devnull, "rb") as feed:
            result = subprocess.run(
                command, env=env, stdin=feed, capture_output=True, check=False
            )
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).decode(errors="replace")
        raise launcher.LauncherError(
            f"neo4j-admin {' '.join(args[:2])} failed:\n"
            + "\n".join(tail.strip().splitlines()[-15:])
        )


def dump(settings: Settings, directory: Path = BACKUP_DIR) -> Path:
    """Dump the database to `<directory>/<UTC timestamp>.dump`; returns the file."""
    instance = launcher.LocalNeo4j.from_settings(settings)
    database = settings.neo4j_database
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"{stamp}.dump"
    directory.mkdir(parents=True, exist_ok=True)
    was_running = launcher.stop(instance)  # Community dumps offline only
    try:
        with tempfile.TemporaryDirectory(dir=directory) as out:
            _admin(instance, "database", "dump", database, f"--to-path={out}")
            # neo4j-admin names the file after the database; one per timestamp here.
            (Path(out) / f"{database}.dump").rename(target)
    finally:
        if was_running:
            launcher.start(instance)
    return target


def load(settings: Settings, file: Path) -> None:
    """Replace the database with the dump in `file`, then start the instance."""
    if not file.is_file():
        raise launcher.LauncherError(f"no dump file {file}")
    instance = launcher.LocalNeo4j.from_settings(settings)
    database = settings.neo4j_database
    launcher.stop(instance)
    try:
        _admin(
            instance,
            "database",
            "load",
            database,
            "--from-stdin",
            "--overwrite-destination=true",
            stdin=file,
        )
    finally:
        launcher.start(instance)


def main(argv: list[str] | None = None) -> int:
    """CLI: `dump [--dir DIR]` or `load FILE`; prints the file, its size and time."""
    parser = argparse.ArgumentParser(prog="python -m graph.backup")
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="stop, dump, start again")
    dumping.add_argument("--dir", type=Path, default=BACKUP_DIR)
    loading = commands.add_parser("load", help="stop, load (overwrite), start again")
    loading.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        if not settings.uses_local_neo4j:
            print(
                "NEO4J_URI is set: back up that server with its own neo4j-admin "
                "(see the README's curation section).",
                file=sys.stderr,
            )
            return 2
        began = time.monotonic()
        if args.command == "dump":
            file = dump(settings, args.dir)
            size = file.stat().st_size
            print(
                f"Dumped to {file} ({size / 1e6:.2f} MB) in {time.monotonic() - began:.1f} s"
            )
        else:
            load(settings, args.file)
            print(f"Restored {args.file} in {time.monotonic() - began:.1f} s")
    except (launcher.LauncherError, SettingsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
