"""Who a request says it is, and whether that caller may write.

Reads are open; mutations need a principal whose role is `curator`. How a request
presents its key, and how keys are made and hashed, is httpapi.auth's business.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import Forbidden, Unauthenticated

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
