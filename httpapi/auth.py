"""API keys: how a request presents one, and the deprecated configured keys.

Mutations need a key sent as `Authorization: Bearer <key>` (or `X-API-Key: <key>`):
one stored in Neo4j (`python -m httpapi.keys`, graph.keys), or, deprecated, one
whose SHA-256 is configured in TREATYGRAPH_API_KEYS. A configured key cannot be
revoked without a restart; it stays so existing deployments keep working.

`python -m httpapi.auth hash` makes a configured key and prints its entry.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import secrets
import sys
from collections.abc import Mapping

from execution.credentials import CURATOR, READER, Credentials, Principal
from settings import ApiKey


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
    principal = authenticate(keys, key) if key else None
    # Not a configured key: the mutation looks it up among the stored ones.
    token = key if principal is None and key else None
    return Credentials(principal, presented=True, token=token)


def main(argv: list[str] | None = None) -> int:
    """CLI: `hash` makes a key (or hashes one read from stdin with --stdin)."""
    parser = argparse.ArgumentParser(prog="python -m httpapi.auth")
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
