"""The recordMembership mutation."""

from __future__ import annotations

import re
from typing import Annotated

from graph.curation import memberships as store
from graph.model import Label
from model.nodes import MEMBERSHIP
from resolvers.curation import inputs
from resolvers.curation.sources import cited_sources
from resolvers.curation.writes import INPUT, KeyArg, MutationInfo, curate, curator
from schema.mutations import MembershipInput, RecordMembershipPayload

_CODE = re.compile(r"[A-Z][A-Z0-9]{1,19}")


async def record_membership(
    info: MutationInfo,
    idempotency_key: KeyArg,
    input: Annotated[MembershipInput, INPUT],
) -> RecordMembershipPayload:
    """Add a state's dated membership of an organization (NATO, EU …)."""
    principal = await curator(info)
    organization = inputs.matching(
        input.organization.upper(), _CODE, "input.organization", "an organization code"
    )
    country = inputs.iso3(input.country, "input.country")
    note = inputs.text(input.note, "input.note", limit=inputs.MAX_LONG)
    inputs.dated(input.since, note, "input.since", "input.note")
    inputs.ends_after(input.since, input.until, "input.until", "since")
    props = {"since": input.since, "until": input.until, "note": note}
    sources = cited_sources(input.source_ids, input.new_sources)
    fields = {"organization": organization, "country": country}
    key = inputs.seed_key(MEMBERSHIP, fields)
    record, replayed, subject = await curate(
        info,
        principal,
        "recordMembership",
        idempotency_key,
        (Label.MEMBERSHIP, key),
        sources,
        {**fields, **props},
        store.membership_fact(store.MembershipInput(organization, country, props)),
        concerns=([], [country]),
    )
    return RecordMembershipPayload(
        replayed=replayed, subject_key=subject, curation_key=record
    )
