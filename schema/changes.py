"""What the `changes` subscription sends: one committed curation per message."""

import datetime as dt

import strawberry

from model.enums import CurationChange, PartyStanding
from schema.enums import wrapped

wrapped(CurationChange)
wrapped(PartyStanding)


@strawberry.type(description="A source a change cites.")
class ChangeSource:
    id: str = strawberry.field(description="The source's id (`source(id:)` reads it).")
    url: str = strawberry.field(description="Where it is published.")
    title: str | None = strawberry.field(description="Its title, where known.")


@strawberry.type(
    description="One committed curation: what changed, by whom, when, and the party "
    "status it left."
)
class ChangeEvent:
    key: str = strawberry.field(
        description="The curation record's key (`curations` lists it)."
    )
    at: dt.datetime = strawberry.field(description="Server time of the write (UTC).")
    by: str = strawberry.field(description="Name of the API key that wrote it.")
    operation: str = strawberry.field(
        description="Which mutation (recordTreatyEvent …)."
    )
    change: CurationChange | None = strawberry.field(
        description="ADDED, CORRECTED or RETRACTED."
    )
    subject_type: str = strawberry.field(
        description="The GraphQL type of the written fact (TreatyEvent …)."
    )
    subject_key: str = strawberry.field(description="Key of the written fact.")
    fields: list[str] = strawberry.field(
        description="The GraphQL fields of the fact it set or changed."
    )
    party_status: PartyStanding | None = strawberry.field(
        description="For a treaty event: the state's standing under the treaty "
        "right after the write."
    )
    party_since: dt.date | None = strawberry.field(
        description="Since when it is a party (with partyStatus)."
    )
    party_until: dt.date | None = strawberry.field(
        description="Until when it was a party (with partyStatus)."
    )
    reason: str | None = strawberry.field(
        description="The curator's why (always given for a retraction)."
    )
    treaties: list[str] = strawberry.field(
        description="Slugs of the treaties the fact concerns."
    )
    countries: list[str] = strawberry.field(
        description="ISO alpha-3 codes of the states the fact concerns."
    )
    sources: list[ChangeSource] = strawberry.field(
        description="The sources the write cited."
    )
