"""API keys: who is calling, and whether they may write.

Reads are open. Mutations need a key sent as `Authorization: Bearer <key>` (or
`X-API-Key: <key>`) whose SHA-256 is configured in TREATYGRAPH_API_KEYS with the
role `curator`. Only hashes are configured; keys are random 256-bit tokens, so a
plain SHA-256 (no slow KDF) is enough, and every comparison is constant-time.

`python -m resolvers.auth hash` makes a new key and prints the entry to configure.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from graph.errors import Forbidden, Unauthenticated
from settings import ApiKey

CURATOR = "curator"
READER = "reader"


@dataclass(frozen=True)
class Principal:
    """The holder of a valid API key: its configured name and role."""

    name: str
    role: str


@dataclass(frozen=True)
class Credentials:
    """What one request presented: a principal when its key is valid."""

    principal: Principal | None = None
    presented: bool = False  # a key was sent (even if it was not recognised)


def hash_key(key: str) -> str:
    """The hex SHA-256 TREATYGRAPH_API_KEYS stores for a key."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    """A fresh key: 32 random bytes, URL-safe."""
    return "tg_" + secrets.token_urlsafe(32)


def authenticate(keys: tuple[ApiKey, ...], presented: str) -> Principal | None:
    """The principal whose hash matches; compares against every key, in constant time."""
    digest = hash_key(presented)
    found: Principal | None = None
    for key in keys:
        if hmac.compare_digest(key.digest, digest):
            found = Principal(key.name, key.role)
    return found


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key a request carries: Bearer token first, then X-API-Key; '' if malformed."""
    authorization = headers.get("authorization")
    if authorization is not None:
        scheme, _, token = authorization.strip().partition(" ")
        return token.strip() if scheme.lower() == "bearer" else ""
    api_key = headers.get("x-api-key")
    return api_key.strip() if api_key is not None else None


def credentials(keys: tuple[ApiKey, ...], headers: Mapping[str, str]) -> Credentials:
    """Resolve a request's headers to its credentials (never raises: reads stay open)."""
    key = presented_key(headers)
    if key is None:
        return Credentials()
    return Credentials(authenticate(keys, key) if key else None, presented=True)


def require_curator(creds: Credentials) -> Principal:
    """The principal allowed to write, or UNAUTHENTICATED / FORBIDDEN."""
    if creds.principal is None:
        if creds.presented:
            raise Unauthenticated("The API key is not valid.")
        raise Unauthenticated(
            "Mutations need an API key: send 'Authorization: Bearer <key>'."
        )
    if creds.principal.role != CURATOR:
        raise Forbidden(
            f"The API key '{creds.principal.name}' is read-only; mutations need "
            "a curator key."
        )
    return creds.principal


def main(argv: list[str] | None = None) -> int:
    """CLI: `hash` makes a key (or hashes one read from stdin with --stdin)."""
    parser = argparse.ArgumentParser(prog="python -m resolvers.auth")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("hash", help="make a key and its config entry")
    make.add_argument("--name", default="analyst", help="who the key is for")
    make.add_argument("--role", choices=(CURATOR, READER), default=CURATOR)
    make.add_argument(
        "--stdin", action="store_true", help="hash a key read from stdin instead"
    )
    args = parser.parse_args(argv)
    key = sys.stdin.readline().strip() if args.stdin else new_key()
    if not key:
        print("error: empty key on stdin", file=sys.stderr)  # noqa: T201 - CLI
        return 1
    if not args.stdin:
        print(f"key (give it to {args.name}; it is not stored): {key}")  # noqa: T201 - CLI
    print(  # noqa: T201 - CLI
        f"TREATYGRAPH_API_KEYS entry: {args.name}:{args.role}:{hash_key(key)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
