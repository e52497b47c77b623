"""The recordVote mutation."""

from __future__ import annotations

from typing import Annotated

from graph.curation import votes as store
from graph.errors import BadUserInput
from graph.model import Label
from resolvers.curation import inputs
from resolvers.curation.sources import cited_sources
from resolvers.curation.writes import INPUT, KeyArg, MutationInfo, curate, curator
from schema.mutations import RecordVotePayload, VoteInput


async def record_vote(
    info: MutationInfo, idempotency_key: KeyArg, input: Annotated[VoteInput, INPUT]
) -> RecordVotePayload:
    """Add a parliamentary vote in a known chamber."""
    principal = await curator(info)
    key = inputs.matching(input.key, inputs.ID, "input.key", "a lowercase id")
    chamber = inputs.matching(
        input.chamber, inputs.ID, "input.chamber", "a chamber key"
    )
    treaty = (
        None
        if input.treaty is None
        else inputs.matching(input.treaty, inputs.SLUG, "input.treaty", "a treaty slug")
    )
    date_text = inputs.text(input.date_text, "input.dateText")
    inputs.dated(input.date, date_text, "input.date", "input.dateText")
    abstainers = inputs.keys(
        input.abstainers, inputs.ID, "input.abstainers", "a person key"
    )
    abstained = inputs.count(input.abstained, "input.abstained")
    if abstained is not None and len(abstainers) > abstained:
        raise BadUserInput(
            f"'input.abstainers' names {len(abstainers)} people but "
            f"'abstained' is {abstained}",
            argument="input.abstainers",
        )
    long = inputs.MAX_LONG
    props = {
        "date": input.date,
        "dateText": date_text,
        "action": inputs.required(input.action, "input.action", limit=100),
        "stage": inputs.text(input.stage, "input.stage", limit=100),
        "subject": inputs.text(input.subject, "input.subject", limit=long),
        "votesFor": inputs.count(input.votes_for, "input.votesFor"),
        "votesAgainst": inputs.count(input.votes_against, "input.votesAgainst"),
        "abstained": abstained,
        "absent": inputs.count(input.absent, "input.absent"),
        "notVoting": inputs.count(input.not_voting, "input.notVoting"),
        "required": inputs.count(input.required, "input.required"),
        "outcome": input.outcome.name if input.outcome is not None else None,
        "note": inputs.text(input.note, "input.note", limit=long),
    }
    sources = cited_sources(input.source_ids, input.new_sources)
    vote = store.VoteInput(
        chamber=chamber, treaty=treaty, abstainers=abstainers, props=props
    )
    record, replayed, subject = await curate(
        info,
        principal,
        "recordVote",
        idempotency_key,
        (Label.VOTE, key),
        sources,
        {"chamber": chamber, "treaty": treaty, "abstainers": abstainers, **props},
        store.vote_fact(vote),
        concerns=([treaty] if treaty else [], []),
    )
    return RecordVotePayload(
        replayed=replayed, subject_key=subject, curation_key=record
    )
