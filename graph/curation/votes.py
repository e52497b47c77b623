"""The recordVote fact: a new parliamentary vote in a known chamber."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.corrections import concerns
from graph.curation.fragments import CITE_FACT, MATCH_CURATION, link_each
from graph.curation.request import Change, Fact, Request, added
from graph.curation.steps import require, require_new, unknown, write_fact
from graph.errors import BadUserInput
from graph.model import Label, Rel
from model.nodes import VOTE

CHAMBER_SEATS: LiteralString = (
    f"OPTIONAL MATCH (ch:`{Label.CHAMBER}` {{key: $key}}) "
    "RETURN ch IS NOT NULL AS found, ch.seats AS seats"
)
_ABSTAINERS = link_each(
    "n", Rel.ABSTAINED_IN, Label.PERSON, "$abstainers", inbound=True
)
CREATE_VOTE: LiteralString = (
    f"MATCH (ch:`{Label.CHAMBER}` {{key: $chamber}}) {MATCH_CURATION} "
    f"CREATE (n:`{Label.VOTE}` {{key: $key}}) SET n += $props "
    f"CREATE (n)-[:`{Rel.IN_CHAMBER}`]->(ch) CREATE (cur)-[:`{Rel.WROTE}`]->(n) "
    f"WITH n, cur CALL (n) {{ MATCH (t:`{Label.TREATY}` {{slug: $treaty}}) "
    f"CREATE (n)-[:`{Rel.ON_TREATY}`]->(t) }} "
    f"WITH n, cur {_ABSTAINERS} {CITE_FACT}"
)
_TALLIES = ("votesFor", "votesAgainst", "abstained", "absent", "notVoting")


@dataclass(frozen=True)
class VoteInput:
    chamber: str
    treaty: str | None
    abstainers: list[str]
    props: dict[str, Any]  # date, tallies, outcome …


def vote_fact(vote: VoteInput) -> Fact:
    """A new vote in a known chamber; its tallies cannot exceed the chamber's seats."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> Change:
        result = await tx.run(CHAMBER_SEATS, key=vote.chamber)
        chamber = await result.single(strict=True)
        if not chamber["found"]:
            raise unknown(Label.CHAMBER, [vote.chamber], "input.chamber")
        seats = chamber["seats"]
        tallied = sum(vote.props.get(name) or 0 for name in _TALLIES)
        if seats is not None and tallied > seats:
            raise BadUserInput(
                f"'input': the tallies add up to {tallied}, more than the "
                f"chamber's {seats} seats",
                argument="input",
            )
        if vote.treaty is not None:
            await require(tx, Label.TREATY, [vote.treaty], "input.treaty")
        await require(tx, Label.PERSON, vote.abstainers, "input.abstainers")
        await require_new(tx, Label.VOTE, request)
        await write_fact(
            tx,
            CREATE_VOTE,
            request,
            chamber=vote.chamber,
            treaty=vote.treaty,
            abstainers=vote.abstainers,
            props=vote.props,
        )
        treaties, countries = await concerns(tx, VOTE, request.subject_key)
        return dataclasses.replace(
            added(request), treaties=treaties, countries=countries
        )

    return write
