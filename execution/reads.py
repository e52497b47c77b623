"""Send a root field's one statement, and take its shaped answer from the rows."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import telemetry
from execution.context import Context
from graph import driver as db
from graph.cypher.plan import Plan


async def fetch(
    context: Context, field: str, plan: Plan, params: dict[str, Any]
) -> list[dict[str, Any]]:
    """Run a root field's one statement, timed; its rows."""
    # The plan's text is built only from graph.mapping's fixed fragments.
    started = time.perf_counter()
    rows = await db.read(context.driver, context.settings, plan.cypher, params)
    telemetry.record_cypher(field, time.perf_counter() - started)
    return rows


def read_slots(context: Context) -> asyncio.Semaphore:
    """The request's share of the driver's pool: TREATYGRAPH_READS_PER_REQUEST
    statements in flight at once, whichever fields send them (50 aliases would
    otherwise hold 50 of the pool's 64 connections)."""
    slots = context.reads
    if slots is None:
        slots = context.reads = asyncio.Semaphore(context.settings.reads_per_request)
    return slots


async def fetch_in_turn(
    context: Context, field: str, plan: Plan, params: dict[str, Any]
) -> list[dict[str, Any]]:
    """`fetch`, once one of the request's read slots is free (FIFO, so in order)."""
    async with read_slots(context):
        return await fetch(context, field, plan, params)


def answered(
    context: Context,
    key: str,
    plan: Plan,
    params: dict[str, Any],
    rows: list[dict[str, Any]],
) -> Any:
    """A root field's shaped `result` from its rows, traced under its response key."""
    if context.debug:
        context.trace.append(
            {"field": key, "cypher": plan.cypher, "params": _printable(params)}
        )
    else:
        context.trace.append({"field": key})
    if not rows:
        return None
    context.dataset_version = rows[0].get("datasetVersion")
    return rows[0]["result"]


def _printable(params: dict[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, str | int | float | bool) or value is None:
            return value
        return str(value)

    return {k: plain(v) for k, v in params.items()}
