"""The `changes` subscription: each committed curation, filtered by treaty or state.

The changes come from graph.feed.follow, which polls the Curation records in
Neo4j, so a write through any API process reaches every subscriber. No
`from __future__ import annotations`: Strawberry reads the annotations.
"""

import datetime as dt
import re
import weakref
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Annotated

import strawberry
from strawberry.types import Info

from execution.context import Context
from execution.subscriptions import Slot
from graph import feed
from graph.errors import BadUserInput, LimitExceeded
from model.enums import CurationChange, PartyStanding
from model.nodes import ISO3
from schema.changes import ChangeEvent, ChangeSource

_ISO3 = re.compile(ISO3)


def event(change: feed.Change) -> ChangeEvent:
    """The message of one committed change."""
    return ChangeEvent(
        key=change.key,
        at=change.at,
        by=change.by,
        operation=change.operation,
        change=CurationChange[change.change] if change.change else None,
        subject_type=change.type,
        subject_key=change.subject_key,
        fields=change.fields,
        party_status=PartyStanding[change.party_status]
        if change.party_status
        else None,
        party_since=change.party_since,
        party_until=change.party_until,
        reason=change.reason,
        treaties=change.treaties,
        countries=change.countries,
        sources=[
            ChangeSource(id=s.id, url=s.url, title=s.title) for s in change.sources
        ],
    )


async def _known(context: Context, kind: str, key: str | None) -> None:
    if key is None:
        return
    if kind == "country" and not _ISO3.fullmatch(key):
        raise BadUserInput(
            f"'country' must be an ISO alpha-3 code like 'LTU', got {key!r}",
            argument="country",
        )
    name = await feed.subject_name(context.driver, context.settings, kind, key)
    if name is None:
        raise BadUserInput(f"No {kind} {key!r}.", argument=kind)


async def _delivered(
    slot: Slot, changes: AsyncGenerator[feed.Change, None]
) -> AsyncGenerator[ChangeEvent, None]:
    try:
        async for change in changes:
            yield event(change)
    finally:
        slot.release()
        await changes.aclose()


async def changes(
    info: Info[Context, None],
    treaty: Annotated[
        str | None,
        strawberry.argument(description="Only changes about this treaty (slug)."),
    ] = None,
    country: Annotated[
        str | None,
        strawberry.argument(description="Only changes about this state (ISO alpha-3)."),
    ] = None,
    since: Annotated[
        dt.datetime | None,
        strawberry.argument(
            description="Replay the changes stamped from then on first (default: "
            "only those committed after the subscription starts)."
        ),
    ] = None,
) -> AsyncIterator[ChangeEvent]:
    """Refuses bad filters and a full process before the stream starts (an `error`
    message, not a `next`)."""
    context = info.context
    await _known(context, "treaty", treaty)
    await _known(context, "country", country)
    if context.subscriptions is None:
        raise LimitExceeded(
            "Subscriptions are not served here.", limit="subscriptions", max=0
        )
    slot = context.subscriptions.take()
    stream = _delivered(
        slot,
        feed.follow(
            context.driver,
            context.settings,
            treaty=treaty,
            country=country,
            since=since,
        ),
    )
    # A stream dropped before it started never runs its `finally`.
    weakref.finalize(stream, slot.release)
    return stream
