"""Corrections and retractions of a land border: the BORDERS relationship.

A border is no node, so the superseded note's claim is ABOUT both states (subject
type `Border`, key `AAA-BBB`) and cites the sources the border listed in
`sourceIds`; a retraction replaces BORDERS by RETRACTED_BORDER with the same
properties and who, when and why.
"""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.corrections import plain
from graph.curation.fragments import MATCH_CURATION, cite
from graph.curation.request import Change, Fact, Request
from graph.curation.steps import run
from graph.errors import BadUserInput
from graph.model import BORDER_SUBJECT, RETRACTED_BORDER, Label, Rel
from model import claim_values

BORDER = BORDER_SUBJECT
_PAIR = (
    f"MATCH (a:`{Label.COUNTRY}` {{iso3: $a}})-[r:`{Rel.BORDERS}`]-"
    f"(b:`{Label.COUNTRY}` {{iso3: $b}})"
)
LOCKED_BORDER: LiteralString = (
    f"{_PAIR} SET r.curationLock = true REMOVE r.curationLock "
    "RETURN properties(r) AS props"
)
SUPERSEDE_BORDER: LiteralString = (
    f"{_PAIR} {MATCH_CURATION} UNWIND $claims AS row "
    f"CREATE (cl:`{Label.CLAIM}` {{key: row.key}}) SET cl += row.props "
    f"CREATE (cl)-[:`{Rel.ABOUT}`]->(a) CREATE (cl)-[:`{Rel.ABOUT}`]->(b) "
    f"CREATE (cur)-[:`{Rel.WROTE}`]->(cl) WITH cl, r CALL (cl, r) {{ "
    f"MATCH (s:`{Label.SOURCE}`) WHERE s.id IN r.sourceIds "
    f"CREATE (cl)-[:`{Rel.CITES}`]->(s) }}"
)
APPLY_BORDER: LiteralString = (
    f"{_PAIR} {MATCH_CURATION} SET r += $props, r.sourceIds = $sources "
    f"WITH cur {cite('cur')}"
)
RETRACT_BORDER: LiteralString = (
    f"{_PAIR} WITH r, startNode(r) AS s, endNode(r) AS e "
    f"CREATE (s)-[x:`{RETRACTED_BORDER}`]->(e) SET x = properties(r), "
    "x.retractedAt = datetime(), x.retractedBy = $by, x.retractedReason = $reason "
    "DELETE r"
)


def border_key(a: str, b: str) -> str:
    """`AAA-BBB`, the pair sorted as borders.yaml stores it."""
    return "-".join(sorted((a, b)))


async def _before(tx: AsyncManagedTransaction, a: str, b: str) -> dict[str, Any]:
    result = await tx.run(LOCKED_BORDER, a=a, b=b)
    row = await result.single()
    if row is None:
        raise BadUserInput(
            f"'between': no border between {a} and {b} (or it was retracted)",
            argument="between",
        )
    return dict(row["props"])


def border_correction(a: str, b: str, values: dict[str, Any]) -> Fact:
    """New values for a border's properties, the prior ones kept as claims."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> Change:
        stored = await _before(tx, a, b)
        changed = {k: v for k, v in values.items() if stored.get(k) != v}
        if not changed:
            raise BadUserInput(
                "'set': nothing to change: every value given is already stored",
                argument="set",
            )
        key = border_key(a, b)
        claims = [
            {
                "key": f"{key}:{name}:{request.by}:{request.idempotency_key}",
                "props": {
                    "subjectKind": "border",
                    "subjectType": BORDER,
                    "subjectKey": key,
                    "field": name,
                    "property": name,
                    **claim_values.props(stored.get(name), "string"),
                    "status": "ALTERNATIVE",
                    "note": f"The value before correction '{request.idempotency_key}'"
                    f" by {request.by}. Cites the sources that gave it.",
                },
            }
            for name in changed
        ]
        await run(tx, SUPERSEDE_BORDER, a=a, b=b, curation=request.key, claims=claims)
        await run(
            tx,
            APPLY_BORDER,
            a=a,
            b=b,
            curation=request.key,
            props=changed,
            sources=request.all_source_ids,
        )
        return Change(
            "CORRECTED",
            sorted(changed),
            {k: plain(stored.get(k)) for k in changed},
            changed,
            countries=[a, b],
        )

    return write


def border_retraction(a: str, b: str) -> Fact:
    """Replace the border by RETRACTED_BORDER, keeping its properties and the why."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> Change:
        stored = await _before(tx, a, b)
        await run(tx, RETRACT_BORDER, a=a, b=b, by=request.by, reason=request.reason)
        before = {k: plain(v) for k, v in stored.items() if v is not None}
        return Change("RETRACTED", sorted(before), before, None, countries=[a, b])

    return write
