"""The recordTerm mutation."""

from __future__ import annotations

from typing import Annotated

from graph.curation import terms as store
from graph.model import Label
from model.nodes import TERM
from resolvers.curation import inputs
from resolvers.curation.sources import cited_sources
from resolvers.curation.writes import INPUT, KeyArg, MutationInfo, curate, curator
from schema.mutations import RecordTermPayload, TermInput


async def record_term(
    info: MutationInfo, idempotency_key: KeyArg, input: Annotated[TermInput, INPUT]
) -> RecordTermPayload:
    """Add a person's term in an office; unknown dates stay null, said in the note."""
    principal = await curator(info)
    person = inputs.matching(input.person, inputs.ID, "input.person", "a person key")
    office = inputs.matching(input.office, inputs.ID, "input.office", "an office key")
    note = inputs.text(input.note, "input.note", limit=inputs.MAX_LONG)
    inputs.dated(input.start, note, "input.start", "input.note")
    inputs.ends_after(input.start, input.end, "input.end", "start")
    props = {"start": input.start, "end": input.end, "note": note}
    sources = cited_sources(input.source_ids, input.new_sources)
    # An unknown start is spelled as the loader spells a null: `None`.
    fields = {"person": person, "office": office, "from": str(input.start)}
    key = inputs.seed_key(TERM, fields)
    record, replayed, subject = await curate(
        info,
        principal,
        "recordTerm",
        idempotency_key,
        (Label.TERM, key),
        sources,
        {**fields, **props},
        store.term_fact(store.TermInput(person, office, props)),
    )
    return RecordTermPayload(
        replayed=replayed, subject_key=subject, curation_key=record
    )
