"""What `dataset` answers: which data the answers come from."""

import datetime as dt

import strawberry


@strawberry.type(description="Which data answers come from.")
class DatasetInfo:
    version: str | None = strawberry.field(
        description="Digest of the seeded graph after the last load."
    )
    as_of_default: dt.date = strawberry.field(
        description="What asOf means when omitted."
    )
    party_rule: str = strawberry.field(
        description="How party status is derived from events."
    )
