"""The `dataset` root field: which data answers come from."""

from __future__ import annotations

from strawberry.types import Info

from execution.context import Context
from execution.reads import read_slots
from graph import driver as db
from graph import queries
from graph.model import PARTY_RULE
from schema.dataset import DatasetInfo


async def dataset_info(info: Info[Context, None]) -> DatasetInfo:
    """The loaded dataset's version and what `asOf` defaults to in this deployment."""
    context = info.context
    # Not compiled, so not read beforehand: aliases of it run at once in graphql-core.
    async with read_slots(context):
        rows = await db.read(context.driver, context.settings, queries.DATASET, {})
    row = rows[0] if rows else {}
    context.trace.append({"field": info.path.key})
    return DatasetInfo(
        version=row.get("version"),
        as_of_default=context.settings.default_as_of(),
        party_rule=row.get("partyRule") or PARTY_RULE,
    )
