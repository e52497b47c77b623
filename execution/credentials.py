"""Who a request says it is, and whether that caller may write.

Reads are open; mutations need a principal with the scope `curate` (any treaty) or
`curate:<slug>` (facts of that treaty only). A stored key (graph.keys) is looked up
when a mutation runs, never for a query, so a revoked key fails at once. How a
request presents its key is httpapi.auth's business.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from neo4j import AsyncDriver

from graph import keys
from graph.errors import Forbidden, Unauthenticated
from settings import Settings

CURATOR = "curator"
READER = "reader"
# The scopes of a TREATYGRAPH_API_KEYS role (the deprecated config keys).
ROLE_SCOPES = {CURATOR: (keys.CURATE,), READER: (keys.READ,)}


@dataclass(frozen=True)
class Principal:
    """The holder of a valid API key: its name, role and scopes (the role's when
    none are given)."""

    name: str
    role: str
    scopes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.scopes:
            object.__setattr__(self, "scopes", ROLE_SCOPES.get(self.role, ()))

    @classmethod
    def of_key(cls, record: keys.KeyRecord) -> Principal:
        writes = any(s.partition(":")[0] == keys.CURATE for s in record.scopes)
        return cls(record.name, CURATOR if writes else READER, record.scopes)

    @property
    def treaties(self) -> frozenset[str] | None:
        """The treaties it may curate; None: every one."""
        if keys.CURATE in self.scopes:
            return None
        prefix = f"{keys.CURATE}:"
        return frozenset(s[len(prefix) :] for s in self.scopes if s.startswith(prefix))


@dataclass(frozen=True)
class Credentials:
    """What one request presented: a principal when a configured key matched, or
    the token to look up in the database when a mutation needs it."""

    principal: Principal | None = None
    presented: bool = False  # a key was sent (even if it was not recognised)
    token: str | None = field(default=None, repr=False)


async def resolve(
    creds: Credentials, driver: AsyncDriver, settings: Settings
) -> Credentials:
    """The credentials with the stored key the token names, if it is live."""
    if creds.principal is not None or not creds.token:
        return creds
    record = await keys.verify(driver, settings, creds.token)
    principal = None if record is None else Principal.of_key(record)
    return dataclasses.replace(creds, principal=principal)


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
            "the scope curate or curate:<treaty>."
        )
    return creds.principal
