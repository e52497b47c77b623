"""The recordStatement fact: a statement, who made it, and what it recommends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.fragments import CITE_FACT, MATCH_CURATION, cite, link_each
from graph.curation.request import Fact, Request
from graph.curation.steps import require, require_new, write_fact
from graph.model import Label, Rel

_AUTHORS = link_each("n", Rel.AUTHORED, Label.PERSON, "$authors", inbound=True)
_ON_BEHALF_OF = link_each("n", Rel.ON_BEHALF_OF, Label.COUNTRY, "$countries")
_ADDRESSED_TO = link_each(
    "r", Rel.ADDRESSED_TO, Label.COUNTRY, "rec.addressedTo", scope="r, rec"
)
# Recommendations are keyed `<statement>:<n>` and cite the statement's sources,
# as the seed loader makes them.
_RECOMMENDATIONS: LiteralString = (
    "CALL (n, cur) { UNWIND $recommendations AS rec "
    f"MATCH (t:`{Label.TREATY}` {{slug: rec.treaty}}) "
    f"CREATE (r:`{Label.RECOMMENDATION}` {{key: rec.key}}) "
    "SET r.action = rec.action, r.date = n.date "
    f"CREATE (n)-[:`{Rel.MAKES}`]->(r) CREATE (r)-[:`{Rel.CONCERNS}`]->(t) "
    f"CREATE (cur)-[:`{Rel.WROTE}`]->(r) "
    f"WITH r, rec {_ADDRESSED_TO} WITH r {cite('r', verb='CREATE')} }}"
)
CREATE_STATEMENT: LiteralString = (
    f"{MATCH_CURATION} "
    f"CREATE (n:`{Label.STATEMENT}` {{key: $key}}) SET n += $props "
    f"CREATE (cur)-[:`{Rel.WROTE}`]->(n) "
    f"WITH n, cur {_AUTHORS} WITH n, cur {_ON_BEHALF_OF} "
    f"WITH n, cur {_RECOMMENDATIONS} {CITE_FACT}"
)


@dataclass(frozen=True)
class RecommendationInput:
    action: str
    treaty: str
    addressed_to: list[str]


@dataclass(frozen=True)
class StatementInput:
    authors: list[str]
    countries: list[str]
    recommendations: list[RecommendationInput]
    props: dict[str, Any]  # date, kind, title, summary, quotes …


def statement_fact(statement: StatementInput) -> Fact:
    """A new statement with its authors, the states it speaks for, and what it
    recommends."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> None:
        await require(tx, Label.PERSON, statement.authors, "input.authors")
        await require(tx, Label.COUNTRY, statement.countries, "input.countries")
        for index, rec in enumerate(statement.recommendations):
            where = f"input.recommendations[{index}]"
            await require(tx, Label.TREATY, [rec.treaty], f"{where}.treaty")
            await require(tx, Label.COUNTRY, rec.addressed_to, f"{where}.addressedTo")
        await require_new(tx, Label.STATEMENT, request)
        await write_fact(
            tx,
            CREATE_STATEMENT,
            request,
            authors=statement.authors,
            countries=statement.countries,
            recommendations=[
                {
                    "key": f"{request.subject_key}:{n}",
                    "action": rec.action,
                    "treaty": rec.treaty,
                    "addressedTo": rec.addressed_to,
                }
                for n, rec in enumerate(statement.recommendations, start=1)
            ],
            props=statement.props,
        )

    return write
