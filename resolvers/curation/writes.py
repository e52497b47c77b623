"""Running one curation mutation: its key, its request hash, a write slot, the store.

Checks that need no database run in the resolvers before this, and name the
offending field. Checks that do (unknown country, treaty, person …) run inside the
write transaction, so a failure there also leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import re
from collections.abc import AsyncIterator
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from execution.context import Context
from execution.credentials import Principal, require_curator, resolve
from graph.curation import transaction
from graph.curation.request import Fact, Request
from graph.errors import DatabaseUnavailable
from resolvers.curation.inputs import matching
from schema.mutations import IDEMPOTENCY_KEY, INPUT_DESCRIPTION

_IDEMPOTENCY = re.compile(r"[A-Za-z0-9_.:\-]{8,128}")

# What every curation resolver takes.
MutationInfo = Info[Context, None]
KeyArg = Annotated[str, strawberry.argument(description=IDEMPOTENCY_KEY)]
# Each resolver's `input: Annotated[<its input type>, INPUT]`.
INPUT = strawberry.argument(description=INPUT_DESCRIPTION)
# Stored source ids to cite, and the new sources' rows (sources.cited_sources).
Sources = tuple[list[str], list[dict[str, Any]]]


async def curator(info: MutationInfo) -> Principal:
    """The API key allowed to write, checked before anything in the input, then
    its write rate (TREATYGRAPH_CURATION_RATE)."""
    context = info.context
    creds = await resolve(context.credentials, context.driver, context.settings)
    principal = require_curator(creds)
    if context.curation_rate is not None:
        context.curation_rate.take(principal.name)
    return principal


def idempotency(key: str) -> str:
    """The client's idempotency key, if well-formed."""
    return matching(key, _IDEMPOTENCY, "idempotencyKey", "8-128 of A-Z a-z 0-9 _ . : -")


def digest(operation: str, payload: dict[str, Any]) -> str:
    """Hash of the validated input: the same key must mean the same request."""
    canonical = json.dumps(
        [operation, payload], sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


@contextlib.asynccontextmanager
async def _gate(context: Context) -> AsyncIterator[None]:
    """Wait (up to TREATYGRAPH_WRITE_QUEUE_TIMEOUT) for one of the app's write slots."""
    gate = context.write_gate
    if gate is None:
        yield
        return
    try:
        async with asyncio.timeout(context.settings.write_queue_seconds):
            await gate.acquire()
    except TimeoutError:
        raise DatabaseUnavailable(
            "Too many writes are queued; try again shortly."
        ) from None
    try:
        yield
    finally:
        gate.release()


async def curate(
    info: MutationInfo,
    principal: Principal,
    operation: str,
    idempotency_key: str,
    subject: tuple[str, str],  # (a model label or `Border`, key)
    sources: Sources,
    payload: dict[str, Any],
    fact: Fact,
    *,
    reason: str | None = None,
    concerns: tuple[list[str], list[str]] = ([], []),
) -> tuple[str, bool, str]:
    """Store `fact` with its curation record: the record's key (the payload reads
    it back by `curation(key:)`), whether it was a replay, and the subject's key.
    `concerns` is (treaties, countries) when the input says them (the fact may
    report more)."""
    context = info.context
    key = idempotency(idempotency_key)
    request = Request(
        idempotency_key=key,
        operation=operation,
        request_hash=digest(operation, {**payload, "sources": sources}),
        by=principal.name,
        subject_label=subject[0],
        subject_key=subject[1],
        source_ids=sources[0],
        new_sources=sources[1],
        payload=payload,
        reason=reason,
        treaties=concerns[0],
        countries=concerns[1],
        today=context.settings.default_as_of(),
        scope=principal.treaties,
    )
    async with _gate(context):
        curated = await transaction.curate(
            context.driver, context.settings, request, fact
        )
    context.trace.append({"field": info.path.key, "write": operation})
    if context.statistics is not None and not curated.replayed:
        # Its reads estimate with what this write grew, from the next request on.
        await context.statistics.refresh()
    return curated.key, curated.replayed, curated.subject_key
