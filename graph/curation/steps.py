"""Steps every kind of fact shares inside its transaction: run a statement, check
that the keys a fact refers to exist (or, for a new fact, do not yet)."""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.request import Request
from graph.errors import BadUserInput, Conflict
from graph.model import KEYS, Label


def _missing_query(label: Label) -> LiteralString:
    return (
        f"UNWIND $keys AS k OPTIONAL MATCH (n:`{label}` {{`{KEYS[label]}`: k}}) "
        f"WITH k, n WHERE n IS NULL RETURN collect(k) AS missing"
    )


async def run(tx: AsyncManagedTransaction, query: LiteralString, **params: Any) -> None:
    """Run one write statement to completion, so its errors surface here."""
    result = await tx.run(query, params)
    await result.consume()


async def write_fact(
    tx: AsyncManagedTransaction, query: LiteralString, request: Request, **params: Any
) -> None:
    """The statement that writes the fact, links it and cites its sources."""
    await run(
        tx,
        query,
        curation=request.key,
        key=request.subject_key,
        sources=request.all_source_ids,
        **params,
    )


async def _missing(
    tx: AsyncManagedTransaction, label: Label, keys: list[str]
) -> list[str]:
    """Which of `keys` name no node of `label`."""
    if not keys:
        return []
    result = await tx.run(_missing_query(label), keys=keys)
    row = await result.single(strict=True)
    return list(row["missing"])


async def require(
    tx: AsyncManagedTransaction, label: Label, keys: list[str], argument: str
) -> None:
    """BAD_USER_INPUT naming the argument and the unknown keys."""
    missing = await _missing(tx, label, keys)
    if missing:
        raise unknown(label, missing, argument)


def unknown(label: Label, keys: list[str], argument: str) -> BadUserInput:
    """BAD_USER_INPUT naming the argument and the keys that name no `label` node."""
    return BadUserInput(
        f"'{argument}': unknown {label.lower()} {', '.join(map(repr, keys))}",
        argument=argument,
        unknown=keys,
    )


async def require_new(
    tx: AsyncManagedTransaction, label: Label, request: Request
) -> None:
    """A fact whose key must be new: an existing one is a CONFLICT."""
    if not await _missing(tx, label, [request.subject_key]):
        raise Conflict(
            f"'input.key': {label.lower()} '{request.subject_key}' already exists",
            argument="input.key",
        )
