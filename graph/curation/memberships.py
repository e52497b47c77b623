"""The recordMembership fact: a new dated membership of a state in an organization."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.fragments import CITE_FACT, MATCH_CURATION
from graph.curation.request import Fact, Request
from graph.curation.steps import require, require_new, write_fact
from graph.model import Label, Rel

# The same nodes and relationships the loader makes from memberships.yaml.
CREATE_MEMBERSHIP: LiteralString = (
    f"MATCH (c:`{Label.COUNTRY}` {{iso3: $iso3}}) "
    f"MATCH (o:`{Label.ORGANIZATION}` {{code: $organization}}) {MATCH_CURATION} "
    f"CREATE (n:`{Label.MEMBERSHIP}` {{key: $key}}) SET n += $props "
    f"CREATE (c)-[:`{Rel.HAS_MEMBERSHIP}`]->(n) "
    f"CREATE (n)-[:`{Rel.OF_ORGANIZATION}`]->(o) "
    f"CREATE (cur)-[:`{Rel.WROTE}`]->(n) {CITE_FACT}"
)


@dataclass(frozen=True)
class MembershipInput:
    organization: str
    country: str
    props: dict[str, Any]  # since, until, note


def membership_fact(membership: MembershipInput) -> Fact:
    """A new membership of a known state in a known organization; one per pair, as
    the seeds key it (ORG:ISO3), so an existing one is a CONFLICT."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> None:
        await require(tx, Label.COUNTRY, [membership.country], "input.country")
        await require(
            tx, Label.ORGANIZATION, [membership.organization], "input.organization"
        )
        await require_new(tx, Label.MEMBERSHIP, request)
        await write_fact(
            tx,
            CREATE_MEMBERSHIP,
            request,
            iso3=membership.country,
            organization=membership.organization,
            props=membership.props,
        )

    return write
