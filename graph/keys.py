"""API keys stored in Neo4j, so a revocation holds at once in every API process.

A token is `tg_<id>_<secret>`: the id finds the `ApiKey` record, which keeps only a
salted scrypt hash of the secret. Every check does the same work whatever is wrong
with a token (malformed, unknown id, wrong secret, revoked): one lookup, one scrypt
and one constant-time compare (against a dummy salt and hash when there is no
record), so its time does not tell which. `python -m httpapi.keys` manages them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph import driver as db
from graph.errors import BadUserInput, Conflict
from graph.model import KEYS, Label
from settings import Settings

PREFIX = "tg"
READ = "read"
CURATE = "curate"
# scrypt with n=2**10, r=8, p=1 (1 MiB of memory): 2.9-3.2 ms per check on this 2-core
# machine under test load (test_keys.py prints it with -s). The secret is 256 random bits,
# so the KDF is defence in depth for a stolen database, not what keeps keys unguessable.
SCRYPT = {"n": 2**10, "r": 8, "p": 1, "dklen": 32}
_ID = re.compile(r"[0-9a-f]{16}")
_SCOPE = re.compile(rf"{READ}|{CURATE}|{CURATE}:[a-z0-9][a-z0-9\-]{{0,63}}")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
# Checked when no record matches, so an unknown id costs what a known one does.
_DUMMY_ID = "0" * 16
_DUMMY_SALT = secrets.token_bytes(16)
_DUMMY_HASH = secrets.token_hex(32)

_KEY = f"`{Label.API_KEY}`"
_FIELDS: LiteralString = (
    "k.id AS id, k.name AS name, k.scopes AS scopes, k.createdAt AS createdAt, "
    "k.revokedAt AS revokedAt, k.revokedReason AS revokedReason"
)
CONSTRAINT: LiteralString = (
    f"CREATE CONSTRAINT {Label.API_KEY.lower()}_{KEYS[Label.API_KEY]}_unique "
    f"IF NOT EXISTS FOR (k:{_KEY}) REQUIRE k.`{KEYS[Label.API_KEY]}` IS UNIQUE"
)
FIND_KEY: LiteralString = (
    f"OPTIONAL MATCH (k:{_KEY} {{id: $id}}) RETURN k.salt AS salt, k.hash AS hash, "
    + _FIELDS
)
ACTIVE_NAMED: LiteralString = (
    f"MATCH (k:{_KEY} {{name: $name}}) WHERE k.revokedAt IS NULL RETURN count(k) AS n"
)
UNKNOWN_TREATIES: LiteralString = (
    f"UNWIND $slugs AS slug OPTIONAL MATCH (t:`{Label.TREATY}` "
    f"{{`{KEYS[Label.TREATY]}`: slug}}) WITH slug, t WHERE t IS NULL "
    "RETURN collect(slug) AS unknown"
)
CREATE_KEY: LiteralString = (
    f"CREATE (k:{_KEY} {{id: $id}}) SET k.name = $name, k.scopes = $scopes, "
    "k.salt = $salt, k.hash = $hash, k.createdAt = datetime() RETURN " + _FIELDS
)
LIST_KEYS: LiteralString = (
    f"MATCH (k:{_KEY}) RETURN {_FIELDS} ORDER BY k.createdAt, k.id"
)
REVOKE_KEY: LiteralString = (
    f"MATCH (k:{_KEY}) WHERE (k.id = $ref OR k.name = $ref) AND k.revokedAt IS NULL "
    "SET k.revokedAt = datetime(), k.revokedReason = $reason RETURN " + _FIELDS
)


@dataclass(frozen=True)
class KeyRecord:
    """What may be shown of a stored key: never its salt or hash."""

    id: str
    name: str
    scopes: tuple[str, ...]
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
    revoked_reason: str | None = None

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> KeyRecord:
        revoked = row["revokedAt"]
        return cls(
            id=row["id"],
            name=row["name"],
            scopes=tuple(row["scopes"]),
            created_at=row["createdAt"].to_native(),
            revoked_at=None if revoked is None else revoked.to_native(),
            revoked_reason=row["revokedReason"],
        )


def hash_secret(secret: str, salt: bytes) -> str:
    """Hex scrypt of a token's secret part."""
    return hashlib.scrypt(secret.encode(), salt=salt, **SCRYPT).hex()


def parse(token: str) -> tuple[str, str] | None:
    """(id, secret) of a well-formed `tg_<id>_<secret>`, else None."""
    prefix, _, rest = token.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != PREFIX or not _ID.fullmatch(key_id) or not secret:
        return None
    return key_id, secret


def check_scopes(scopes: list[str]) -> tuple[str, ...]:
    """The scopes, deduplicated in order, if each is read, curate or curate:<slug>."""
    for scope in scopes:
        if not _SCOPE.fullmatch(scope):
            raise BadUserInput(
                f"scope {scope!r} must be read, curate or curate:<treaty-slug>",
                argument="scope",
            )
    if not scopes:
        raise BadUserInput("a key needs at least one scope", argument="scope")
    return tuple(dict.fromkeys(scopes))


async def verify(
    driver: AsyncDriver, settings: Settings, token: str
) -> KeyRecord | None:
    """The live key this token names, or None; the same work on every path."""
    parsed = parse(token)
    key_id, secret = parsed if parsed is not None else (_DUMMY_ID, token)
    rows = await db.read(driver, settings, FIND_KEY, {"id": key_id})
    row = rows[0] if rows and rows[0]["hash"] is not None else None
    salt = _DUMMY_SALT if row is None else bytes.fromhex(row["salt"])
    stored = _DUMMY_HASH if row is None else row["hash"]
    # In a thread: 2 ms of CPU would otherwise stall every request on the loop.
    digest = await asyncio.to_thread(hash_secret, secret, salt)
    matches = hmac.compare_digest(digest, stored)
    if row is None or not matches or parsed is None or row["revokedAt"] is not None:
        return None
    return KeyRecord.of_row(row)


async def create(
    driver: AsyncDriver, settings: Settings, name: str, scopes: list[str]
) -> tuple[KeyRecord, str]:
    """Store a new key and return it with its token (shown once, never stored)."""
    if not _NAME.fullmatch(name):
        raise BadUserInput(
            f"name {name!r} must be 1-64 letters, digits, '_', '.' or '-'",
            argument="name",
        )
    checked = check_scopes(scopes)
    slugs = [s.partition(":")[2] for s in checked if s.startswith(f"{CURATE}:")]
    key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    salt = secrets.token_bytes(16)

    async def work(tx: AsyncManagedTransaction) -> KeyRecord:
        active = await (await tx.run(ACTIVE_NAMED, name=name)).single(strict=True)
        if active["n"]:
            raise Conflict(
                f"a live key is already named {name!r}; revoke it first",
                argument="name",
            )
        found = await (await tx.run(UNKNOWN_TREATIES, slugs=slugs)).single(strict=True)
        if found["unknown"]:
            raise BadUserInput(
                f"unknown treaty: {', '.join(found['unknown'])}",
                argument="scope",
                unknown=found["unknown"],
            )
        result = await tx.run(
            CREATE_KEY,
            id=key_id,
            name=name,
            scopes=list(checked),
            salt=salt.hex(),
            hash=hash_secret(secret, salt),
        )
        return KeyRecord.of_row((await result.single(strict=True)).data())

    async def constrain(tx: AsyncManagedTransaction) -> None:
        await (await tx.run(CONSTRAINT)).consume()

    # The loader makes it too; a CLI run against a fresh database must not wait.
    await db.write(driver, settings, constrain)
    record = await db.write(driver, settings, work)
    return record, f"{PREFIX}_{key_id}_{secret}"


async def listed(driver: AsyncDriver, settings: Settings) -> list[KeyRecord]:
    """Every stored key, oldest first, revoked ones too."""
    rows = await db.read(driver, settings, LIST_KEYS, {})
    return [KeyRecord.of_row(row) for row in rows]


async def revoke(
    driver: AsyncDriver, settings: Settings, ref: str, reason: str | None
) -> list[KeyRecord]:
    """Revoke the live key with this id or name; the next mutation with it fails."""

    async def work(tx: AsyncManagedTransaction) -> list[KeyRecord]:
        result = await tx.run(REVOKE_KEY, ref=ref, reason=reason)
        return [KeyRecord.of_row(row.data()) async for row in result]

    return await db.write(driver, settings, work)
