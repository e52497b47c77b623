"""`python -m httpapi.keys create|list|revoke`: the API keys stored in Neo4j.

`create` prints the token once (only a salted hash of it is stored); `list` shows
names, ids, scopes and dates, never hashes; `revoke` takes an id or a name, and the
next mutation with that key is refused by every API process. The database is the
one settings.Settings names (NEO4J_URI, else the local instance on NEO4J_LOCAL_PORT).
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from graph import keys
from graph.driver import open_driver
from graph.errors import TreatygraphError
from settings import Settings, SettingsError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m httpapi.keys")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="make a key and print it once")
    create.add_argument("--name", required=True, help="who the key is for")
    create.add_argument(
        "--scope",
        action="append",
        required=True,
        help="read, curate or curate:<treaty-slug>; repeat for several",
    )
    commands.add_parser("list", help="every key: name, id, scopes, dates")
    revoke = commands.add_parser("revoke", help="refuse a key from now on")
    revoke.add_argument("key", help="the key's id or name")
    revoke.add_argument("--reason", help="why, kept with the key")
    return parser


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    driver = open_driver(settings)
    try:
        if args.command == "create":
            record, token = await keys.create(driver, settings, args.name, args.scope)
            print(f"key {record.id} for {record.name}: {' '.join(record.scopes)}")  # noqa: T201 - CLI
            print(f"token (shown once, not stored): {token}")  # noqa: T201 - CLI
        elif args.command == "list":
            print("name\tid\tscopes\tcreated\trevoked")  # noqa: T201 - CLI
            for key in await keys.listed(driver, settings):
                revoked = "" if key.revoked_at is None else key.revoked_at.isoformat()
                if key.revoked_reason:
                    revoked += f" ({key.revoked_reason})"
                print(  # noqa: T201 - CLI
                    f"{key.name}\t{key.id}\t{','.join(key.scopes)}\t"
                    f"{key.created_at.isoformat()}\t{revoked}"
                )
        else:
            gone = await keys.revoke(driver, settings, args.key, args.reason)
            if not gone:
                raise TreatygraphError(f"no live key with id or name {args.key!r}")
            for record in gone:
                print(f"revoked {record.id} ({record.name})")  # noqa: T201 - CLI
    finally:
        await driver.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return asyncio.run(_run(args, Settings.from_env()))
    except (SettingsError, TreatygraphError) as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - CLI
        return 1


if __name__ == "__main__":
    sys.exit(main())
