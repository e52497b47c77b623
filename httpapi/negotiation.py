"""The media type and status of a GraphQL answer, by the GraphQL-over-HTTP spec.

The spec (graphql/graphql-over-http, the version servers follow since 2025) has two
response media types:

- `application/graphql-response+json`, which a client asks for in `Accept`. Its
  status says what happened: 200 when the operation ran (even with field errors, or
  `data: null` from a non-null field), 4xx when the request never ran (it did not
  parse or validate, or a limit refused it) and then the body has no `data` entry.
- `application/json`, kept for older clients: 200 for every well-formed request.

No `Accept`, or one that takes anything (`*/*`), gets `application/json`, as the
spec advises for compatibility with clients written before it. An `Accept` that
takes neither type gets 406.
"""

from __future__ import annotations

import functools
from typing import Any

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# What a client may write for each: `*/*` and `application/*` take the legacy type.
_ACCEPTED = {
    GRAPHQL_RESPONSE: GRAPHQL_RESPONSE,
    JSON: JSON,
    "application/*": JSON,
    "*/*": JSON,
}


@functools.lru_cache(maxsize=256)
def negotiate(accept: str) -> str | None:
    """The media type to answer with, for this Accept header; None: neither (406).

    The highest q wins; at equal q, the spec's own type. A q that is not a number
    counts as 0, as for a type the client refuses.
    """
    if not accept.strip():
        return JSON
    best: tuple[float, bool] | None = None
    chosen_best: str | None = None
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        chosen = _ACCEPTED.get(media.lower())
        if chosen is None:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        rank = (q, chosen == GRAPHQL_RESPONSE)
        if best is None or rank > best:
            best, chosen_best = rank, chosen
    return chosen_best


def request_error(errors: list[Any] | None, data: Any) -> bool:
    """Whether a result is a request error: no data, and errors none of which has a
    path (a field error always has one; parse, validation and limit refusals,
    which come before execution, never do)."""
    return (
        data is None
        and bool(errors)
        and all(not _path(error) for error in errors or ())
    )


def _path(error: Any) -> Any:
    return error.get("path") if isinstance(error, dict) else error.path
