"""The recordTreatyEvent mutation."""

from __future__ import annotations

from typing import Annotated

from graph.curation import events as store
from graph.model import Label
from resolvers.curation import inputs
from resolvers.curation.sources import cited_sources
from resolvers.curation.writes import INPUT, KeyArg, MutationInfo, curate, curator
from schema.mutations import RecordTreatyEventPayload, TreatyEventInput


async def record_treaty_event(
    info: MutationInfo,
    idempotency_key: KeyArg,
    input: Annotated[TreatyEventInput, INPUT],
) -> RecordTreatyEventPayload:
    """Add or correct a dated treaty event; PARTY_TO follows in the same transaction."""
    principal = await curator(info)
    treaty = inputs.matching(input.treaty, inputs.SLUG, "input.treaty", "a treaty slug")
    country = inputs.iso3(input.country, "input.country")
    note = inputs.text(input.note, "input.note", limit=inputs.MAX_LONG)
    inputs.dated(input.date, note, "input.date", "input.note")
    sources = cited_sources(input.source_ids, input.new_sources)
    kind = input.kind.name
    event = store.EventInput(
        treaty=treaty,
        country=country,
        props={
            "kind": kind,
            "date": input.date,
            "note": note,
            "derived": False,
            "derivationRule": None,
            "derivedFrom": None,
        },
    )
    record, replayed, key = await curate(
        info,
        principal,
        "recordTreatyEvent",
        idempotency_key,
        (Label.TREATY_EVENT, f"{treaty}:{country}:{kind.lower()}"),
        sources,
        {"treaty": treaty, "country": country, "props": event.props},
        store.event_fact(event),
        concerns=([treaty], [country]),
    )
    return RecordTreatyEventPayload(
        replayed=replayed, subject_key=key, curation_key=record
    )
