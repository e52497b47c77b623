"""The recordTerm fact: a new term of a person in an office."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.fragments import CITE_FACT, MATCH_CURATION
from graph.curation.request import Fact, Request
from graph.curation.steps import require, require_new, write_fact
from graph.model import Label, Rel

# The same nodes and relationships the loader makes from terms.yaml.
CREATE_TERM: LiteralString = (
    f"MATCH (p:`{Label.PERSON}` {{key: $person}}) "
    f"MATCH (o:`{Label.OFFICE}` {{key: $office}}) {MATCH_CURATION} "
    f"CREATE (n:`{Label.TERM}` {{key: $key}}) SET n += $props "
    f"CREATE (p)-[:`{Rel.HELD}`]->(n) CREATE (n)-[:`{Rel.OF_OFFICE}`]->(o) "
    f"CREATE (cur)-[:`{Rel.WROTE}`]->(n) {CITE_FACT}"
)


@dataclass(frozen=True)
class TermInput:
    person: str
    office: str
    props: dict[str, Any]  # start, end, note


def term_fact(term: TermInput) -> Fact:
    """A new term of a known person in a known office; keyed person:office:start
    as the seeds key it, so an existing one is a CONFLICT."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> None:
        await require(tx, Label.PERSON, [term.person], "input.person")
        await require(tx, Label.OFFICE, [term.office], "input.office")
        await require_new(tx, Label.TERM, request)
        await write_fact(
            tx,
            CREATE_TERM,
            request,
            person=term.person,
            office=term.office,
            props=term.props,
        )

    return write
