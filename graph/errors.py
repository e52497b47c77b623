"""Errors the API reports, each with the `extensions.code` clients switch on.

Our hierarchy:
    TreatygraphError            (code INTERNAL_SERVER_ERROR; base, never raised bare)
    ├── BadUserInput            BAD_USER_INPUT: an argument is malformed; names it
    ├── DatabaseUnavailable     DATABASE_UNAVAILABLE: Neo4j cannot be reached now
    ├── QueryTimeout            QUERY_TIMEOUT: the Cypher ran past its time budget
    ├── LimitExceeded           LIMIT_EXCEEDED: a request limit (page size, cost …)
    ├── RateLimited             RATE_LIMITED: the client has too many requests in flight
    ├── Unauthenticated         UNAUTHENTICATED: a mutation without a valid API key
    ├── Forbidden               FORBIDDEN: the API key may not do this (read-only)
    ├── Conflict                CONFLICT: the write clashes with what is stored
    └── ServerBusy              SERVER_BUSY: the process is at its connection cap (503)

graphql-core copies an exception's `extensions` into the response error, so raising
one of these anywhere under a resolver is enough. Anything else is masked. (Limits
enforced below GraphQL, in httpapi/, answer with these codes too.)
"""

from __future__ import annotations

from typing import Any, ClassVar


class TreatygraphError(Exception):
    """Base of every error a client may see unmasked."""

    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.details = details

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, **self.details}


class BadUserInput(TreatygraphError):
    """Raised when an argument is malformed; `argument` names it."""

    code = "BAD_USER_INPUT"


class DatabaseUnavailable(TreatygraphError):
    """Raised when Neo4j cannot be reached or the session expired."""

    code = "DATABASE_UNAVAILABLE"


class QueryTimeout(TreatygraphError):
    """Raised when a read ran past TREATYGRAPH_QUERY_TIMEOUT."""

    code = "QUERY_TIMEOUT"


class LimitExceeded(TreatygraphError):
    """Raised when a request exceeds a configured limit."""

    code = "LIMIT_EXCEEDED"


class RateLimited(TreatygraphError):
    """Raised (answered 429) when a client already has its most requests in flight."""

    code = "RATE_LIMITED"


class Unauthenticated(TreatygraphError):
    """Raised when a mutation comes without an API key, or with one nobody issued."""

    code = "UNAUTHENTICATED"


class Forbidden(TreatygraphError):
    """Raised when a valid API key lacks the role the operation needs."""

    code = "FORBIDDEN"


class Conflict(TreatygraphError):
    """Raised when a write clashes with stored data (a key already taken, or an
    idempotency key reused for a different request); `argument` names the input."""

    code = "CONFLICT"


class ServerBusy(TreatygraphError):
    """Answered (503, Retry-After) to a connection over TREATYGRAPH_MAX_CONNECTIONS;
    never raised in a resolver: the connection is refused before any request."""

    code = "SERVER_BUSY"
