"""Inputs and payloads of the curation mutations (the Mutation type is in schema.root).

Every mutation takes a client-chosen `idempotencyKey` and at least one source, and
returns a payload with the curation record and the written object, read back through
the same compiled lookup as `Query` (so clients select any of its fields).
"""

import datetime as dt

import strawberry

from schema.enums import (
    EventKind,
    RecommendationAction,
    SourceKind,
    StatementKind,
    VoteOutcome,
)
from schema.fields import resolved
from schema.objects import MODEL_TYPES

IDEMPOTENCY_KEY = (
    "Chosen by the client, unique per intended write (8-128 of A-Z a-z 0-9 _ . : -). "
    "Sending the same request again with it stores nothing new and returns the "
    "original result with `replayed: true`; reusing it for a different request is "
    "a CONFLICT."
)

INPUT_DESCRIPTION = "What to write: the fields of the new or corrected record."


@strawberry.input(description="A new source: the page a fact was read in.")
class SourceInput:
    id: str = strawberry.field(
        description="Short handle, [a-z0-9][a-z0-9-:.]*, e.g. lrt-2026-03-01-vote."
    )
    url: str = strawberry.field(
        description="http(s) URL of the page (or urn: when none exists); unique."
    )
    publisher: str = strawberry.field(description="Who published it.")
    kind: SourceKind = strawberry.field(description="What kind of publication.")
    title: str | None = strawberry.field(default=None, description="Title.")
    author: str | None = strawberry.field(default=None, description="Author.")
    published_on: dt.date | None = strawberry.field(
        default=None, description="Publication date."
    )
    reliability: str | None = strawberry.field(
        default=None, description="Caveats on its reliability."
    )
    note: str | None = strawberry.field(default=None, description="Curator's remark.")


@strawberry.input(
    description="Add or correct one state's dated act under one treaty. The event is "
    "keyed treaty:ISO3:kind, so recording the same kind again corrects it: a changed "
    "date keeps the old value and its sources as an ALTERNATIVE claim. PARTY_TO is "
    "re-derived from the state's events (see `dataset.partyRule`)."
)
class TreatyEventInput:
    treaty: str = strawberry.field(description="Treaty slug (ottawa, ccm).")
    country: str = strawberry.field(description="ISO alpha-3 of the state.")
    kind: EventKind = strawberry.field(description="What happened.")
    date: dt.date | None = strawberry.field(
        default=None,
        description="When, as the source gives it; null only with a `note` saying "
        "what is known.",
    )
    note: str | None = strawberry.field(default=None, description="Curator's remark.")
    source_ids: list[str] = strawberry.field(
        default_factory=list, description="Ids of stored sources it was read in."
    )
    new_sources: list[SourceInput] = strawberry.field(
        default_factory=list, description="Sources to add with it."
    )


@strawberry.input(description="A parliamentary vote, with its tallies and sources.")
class VoteInput:
    key: str = strawberry.field(
        description="New stable handle, e.g. ltu-seimas-2026-03-01-ccm."
    )
    chamber: str = strawberry.field(description="Key of the chamber it was held in.")
    date: dt.date | None = strawberry.field(
        default=None, description="Date; null only with `dateText`."
    )
    date_text: str | None = strawberry.field(
        default=None, description="The date as the source gives it, when partial."
    )
    treaty: str | None = strawberry.field(
        default=None, description="Slug of the treaty it concerned."
    )
    action: str = strawberry.field(description="withdraw, ratify, suspend …")
    stage: str | None = strawberry.field(
        default=None, description="final, first-reading …"
    )
    subject: str | None = strawberry.field(
        default=None, description="What was decided."
    )
    votes_for: int | None = strawberry.field(default=None, description="In favour.")
    votes_against: int | None = strawberry.field(default=None, description="Against.")
    abstained: int | None = strawberry.field(default=None, description="Abstentions.")
    absent: int | None = strawberry.field(default=None, description="Absent.")
    not_voting: int | None = strawberry.field(
        default=None, description="Present, not voting."
    )
    required: int | None = strawberry.field(
        default=None, description="Votes needed to pass."
    )
    outcome: VoteOutcome | None = strawberry.field(
        default=None, description="Passed or failed."
    )
    abstainers: list[str] = strawberry.field(
        default_factory=list, description="Keys of people named as abstaining."
    )
    note: str | None = strawberry.field(default=None, description="Curator's remark.")
    source_ids: list[str] = strawberry.field(
        default_factory=list, description="Ids of stored sources."
    )
    new_sources: list[SourceInput] = strawberry.field(
        default_factory=list, description="Sources to add with it."
    )


@strawberry.input(description="What a statement recommends about a treaty.")
class RecommendationInput:
    action: RecommendationAction = strawberry.field(description="What it asks.")
    treaty: str = strawberry.field(description="Treaty slug.")
    addressed_to: list[str] = strawberry.field(
        default_factory=list, description="ISO alpha-3 of the governments addressed."
    )


@strawberry.input(description="A statement or decision with its authors.")
class StatementInput:
    key: str = strawberry.field(description="New stable handle.")
    kind: StatementKind = strawberry.field(description="What kind of statement.")
    title: str = strawberry.field(description="Short title.")
    date: dt.date | None = strawberry.field(
        default=None, description="Date; null only with `dateText`."
    )
    date_text: str | None = strawberry.field(
        default=None, description="The date as the source gives it."
    )
    summary: str | None = strawberry.field(default=None, description="What it says.")
    quotes: list[str] = strawberry.field(
        default_factory=list, description="Verbatim quotes."
    )
    authors: list[str] = strawberry.field(
        default_factory=list,
        description="Keys of the people who made or signed it (or give `countries`).",
    )
    countries: list[str] = strawberry.field(
        default_factory=list, description="ISO alpha-3 of the states it speaks for."
    )
    recommendations: list[RecommendationInput] = strawberry.field(
        default_factory=list, description="What it recommends."
    )
    note: str | None = strawberry.field(default=None, description="Curator's remark.")
    source_ids: list[str] = strawberry.field(
        default_factory=list, description="Ids of stored sources."
    )
    new_sources: list[SourceInput] = strawberry.field(
        default_factory=list, description="Sources to add with it."
    )


@strawberry.type(description="Who wrote what, and when: the record of one mutation.")
class Curation:
    idempotency_key: str = strawberry.field(description="The client's key.")
    operation: str = strawberry.field(description="Which mutation.")
    by: str = strawberry.field(description="Name of the API key that wrote it.")
    at: dt.datetime = strawberry.field(description="Server time of the write (UTC).")
    subject_type: str = strawberry.field(description="Label of the written fact.")
    subject_key: str = strawberry.field(description="Key of the written fact.")
    change: str | None = strawberry.field(
        default=None, description="ADDED, CORRECTED or RETRACTED."
    )
    fields: list[str] = strawberry.field(
        default_factory=list, description="The fields the write set or changed."
    )
    before: str | None = strawberry.field(
        default=None,
        description="JSON of those fields' values before; null when ADDED.",
    )
    after: str | None = strawberry.field(
        default=None, description="JSON of their values after; null when RETRACTED."
    )
    reason: str | None = strawberry.field(
        default=None, description="The curator's why."
    )


@strawberry.type(description="The result of addSource.")
class AddSourcePayload:
    replayed: bool = strawberry.field(
        description="True when this idempotencyKey had already been stored: nothing "
        "was written now."
    )
    curation: Curation = strawberry.field(description="The curation record.")
    source = resolved(MODEL_TYPES["Source"], (), "The source as stored now.")
    subject_key: strawberry.Private[str]


@strawberry.type(description="The result of recordTreatyEvent.")
class RecordTreatyEventPayload:
    replayed: bool = strawberry.field(description="See AddSourcePayload.replayed.")
    curation: Curation = strawberry.field(description="The curation record.")
    event = resolved(
        MODEL_TYPES["TreatyEvent"], (), "The event as stored now, with its sources."
    )
    subject_key: strawberry.Private[str]


@strawberry.type(description="The result of recordVote.")
class RecordVotePayload:
    replayed: bool = strawberry.field(description="See AddSourcePayload.replayed.")
    curation: Curation = strawberry.field(description="The curation record.")
    vote = resolved(MODEL_TYPES["ParliamentVote"], (), "The vote as stored now.")
    subject_key: strawberry.Private[str]


@strawberry.type(description="The result of recordStatement.")
class RecordStatementPayload:
    replayed: bool = strawberry.field(description="See AddSourcePayload.replayed.")
    curation: Curation = strawberry.field(description="The curation record.")
    statement = resolved(MODEL_TYPES["Statement"], (), "The statement as stored now.")
    subject_key: strawberry.Private[str]
