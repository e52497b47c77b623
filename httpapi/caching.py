"""Cacheable GET: a strong ETag per answer, and 304 without running the query.

The ETag is a hash of what decides the answer: the dataset (its version and how
many curation writes it has had), the operation as parsed and printed again (so
spacing and comments do not matter), its name and variables, the date `asOf`
defaults to, and what shapes the bytes (media type, X-Debug, gzip). So a client's
`If-None-Match` is answered 304 from this process's memory, with no database
round trip, as long as that memory is fresh:

- it is read from Neo4j (one count-store lookup) when older than FRESH_SECONDS;
- a write through this process (any POST that graphql-core ran) makes it stale at
  once, so a client never gets a 304 for an answer the write changed;
- a write through another of N processes is seen here within FRESH_SECONDS.

Answers with errors are `Cache-Control: no-store`; others carry
`max-age=TREATYGRAPH_CACHE_MAX_AGE` (0 by default: caches keep them but revalidate
each time, which costs a 304).
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from typing import Any

from graphql import GraphQLError, parse, print_ast
from neo4j import AsyncDriver

from graph import driver as db
from graph.errors import TreatygraphError
from graph.queries import FRESHNESS
from settings import Settings

# How long a process trusts what it last read of the dataset: the most a 304 can
# lag a write made through another process.
FRESH_SECONDS = 2.0


class Freshness:
    """This process's view of the dataset: (version, curation writes), and when
    it was read."""

    def __init__(self) -> None:
        self.state: tuple[Any, int] | None = None
        self.read_at = 0.0

    def stale(self) -> None:
        """A write went through this process: read again before the next 304."""
        self.read_at = 0.0

    async def current(
        self, driver: AsyncDriver, settings: Settings
    ) -> tuple[Any, int] | None:
        """The dataset's state, read again when older than FRESH_SECONDS; None when
        Neo4j cannot say (then no ETag is given)."""
        if time.monotonic() - self.read_at > FRESH_SECONDS:
            try:
                rows = await db.read(driver, settings, FRESHNESS, {})
            except TreatygraphError:
                self.state = None
                return None
            self.state = (
                (rows[0]["version"], int(rows[0]["curations"])) if rows else None
            )
            self.read_at = time.monotonic()
        return self.state


@functools.lru_cache(maxsize=512)
def normalised(query: str) -> str | None:
    """The document printed from its syntax tree; None when it does not parse."""
    try:
        return print_ast(parse(query, no_location=True, max_tokens=100_000))
    except GraphQLError:
        return None


def etag(
    state: tuple[Any, int],
    query: str,
    operation_name: str | None,
    variables: str | None,
    shape: tuple[Any, ...],
) -> str | None:
    """The strong ETag of one GET's answer, or None when the text does not parse."""
    document = normalised(query)
    if document is None:
        return None
    try:
        values = json.loads(variables) if variables else None
    except ValueError:
        return None
    key = json.dumps(
        [list(state), document, operation_name, values, list(shape)],
        sort_keys=True,
        default=str,
    )
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def matches(if_none_match: str, tag: str) -> bool:
    """Whether `If-None-Match` names `tag` (or `*`); weak forms compare too."""
    for candidate in if_none_match.split(","):
        candidate = candidate.strip().removeprefix("W/")
        if candidate in (tag, "*"):
            return True
    return False
