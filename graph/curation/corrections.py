"""Generic corrections and soft retractions of any declared fact kind.

Labels, keys and fields come from model.nodes (graph.curation.correctable), never
from input; values stay $parameters. A correction keeps each changed field's prior
value, with the sources that gave it, as an ALTERNATIVE claim about the fact; a
retraction relabels the fact `Retracted`, so every compiled read (which matches
target labels), search and count stops seeing it, while the node keeps its links.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.correctable import (
    CORRECTABLE,
    cites,
    concerns_query,
    correctable,
    seed_name,
)
from graph.curation.fragments import cite
from graph.curation.party import derive_party, party_status
from graph.curation.request import Change, Fact, Request
from graph.curation.steps import run
from graph.errors import BadUserInput
from graph.model import RETRACTED, Label, Rel, search_text
from model import claim_values
from model.vocabulary import NodeType

_CUR = f"MATCH (cur:`{Label.CURATION}` {{key: $curation}})"


def _node(t: NodeType) -> str:
    return f"MATCH (n:`{t.label}` {{`{t.key}`: $key}})"


def _locked(t: NodeType) -> LiteralString:
    # Write-lock first, then read: a concurrent correction of the same fact waits
    # here and then sees the committed values it supersedes (issue item 7b).
    return (
        f"{_node(t)} SET n.curationLock = true REMOVE n.curationLock "
        f"RETURN n {{.*}} AS props, [(n)-[:`{Rel.CITES}`]->(s:`{Label.SOURCE}`) | s.id]"
        " AS sources"
    )


def _retracted(t: NodeType) -> LiteralString:
    return (
        f"MATCH (n:`{RETRACTED}` {{retractedLabel: $label}}) "
        f"WHERE n.`{t.key}` = $key RETURN n.retractedBy AS by, n.retractedAt AS at"
    )


def _supersede(t: NodeType) -> LiteralString:
    old = f"[(n)-[:`{Rel.CITES}`]->(s:`{Label.SOURCE}`) | s]" if cites(t) else "[n]"
    return (
        f"{_node(t)} {_CUR} WITH n, cur, {old} AS old UNWIND $claims AS row "
        f"CREATE (cl:`{Label.CLAIM}` {{key: row.key}}) SET cl += row.props "
        f"CREATE (cl)-[:`{Rel.ABOUT}`]->(n) CREATE (cur)-[:`{Rel.WROTE}`]->(cl) "
        f"WITH cl, old CALL (cl, old) {{ UNWIND old AS s "
        f"CREATE (cl)-[:`{Rel.CITES}`]->(s) }}"
    )


def _apply(t: NodeType) -> LiteralString:
    if not cites(t):
        return f"{_node(t)} {_CUR} SET n += $props MERGE (cur)-[:`{Rel.WROTE}`]->(n) WITH n, cur {cite('cur')}"
    return (
        f"{_node(t)} {_CUR} SET n += $props MERGE (cur)-[:`{Rel.WROTE}`]->(n) "
        f"WITH n, cur CALL (n) {{ MATCH (n)-[old:`{Rel.CITES}`]->(:`{Label.SOURCE}`) "
        f"DELETE old }} WITH n, cur {cite('n', 'cur')}"
    )


def _retract(t: NodeType) -> LiteralString:
    return (
        f"{_node(t)} {_CUR} REMOVE n:`{t.label}` SET n:`{RETRACTED}`, "
        "n.retractedLabel = $label, n.retractedAt = datetime(), "
        "n.retractedBy = $by, n.retractedReason = $reason "
        f"MERGE (cur)-[:`{Rel.WROTE}`]->(n)"
    )


def operation(verb: str, t: NodeType) -> str:
    """`correctParliamentVote`, `retractTerm`: the mutation and curation operation."""
    return f"{verb}{t.name}"


def touches(op: str) -> frozenset[str] | None:
    """What a generic operation can create, for the cost statistics: claims about
    the fact and citations, and PARTY_TO for events (a retraction creates none)."""
    for t in CORRECTABLE:
        party = {Rel.PARTY_TO} if t.label == Label.TREATY_EVENT else set()
        if op == operation("correct", t):
            return frozenset({Rel.ABOUT, Rel.CITES, *party})
        if op == operation("retract", t):
            return frozenset(party)
    return None


@dataclass(frozen=True)
class Correction:
    node_type: NodeType
    values: dict[str, Any]  # GraphQL field -> new value (None clears it)


def plain(value: Any) -> Any:
    """A stored or input value as JSON and claims keep it (dates as ISO text)."""
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


async def _before(
    tx: AsyncManagedTransaction, t: NodeType, key: str
) -> tuple[dict[str, Any], list[str]]:
    result = await tx.run(_locked(t), key=key)
    row = await result.single()
    if row is not None:
        return dict(row["props"]), list(row["sources"])
    result = await tx.run(_retracted(t), label=t.label, key=key)
    gone = await result.single()
    if gone is not None:
        raise BadUserInput(
            f"'key': {t.name} '{key}' was retracted by {gone['by']} at "
            f"{gone['at'].to_native().isoformat()}",
            argument="key",
        )
    raise BadUserInput(f"'key': unknown {t.name} '{key}'", argument="key")


def _derived(t: NodeType, after: dict[str, Any], changed: set[str]) -> dict[str, Any]:
    """Stored values that follow from the corrected ones, as the loader derives them."""
    extra: dict[str, Any] = {}
    if t.search is not None and t.search.text:
        fields = {seed_name(n, p): n for n, p in t.props().items()}
        if changed & {fields.get(f, f) for f in t.search.text}:
            extra["searchText"] = search_text(
                *(after.get(fields.get(f, f)) for f in t.search.text)
            )
    if t.label == Label.SOURCE and "url" in changed:
        from urllib.parse import urlparse

        extra["host"] = urlparse(str(after["url"])).hostname
    if "derived" in t.fields:
        # A curator's value replaces a rule's: the fact is no longer derived.
        extra |= {"derived": False, "derivationRule": None, "derivedFrom": None}
    return extra


async def concerns(
    tx: AsyncManagedTransaction, t: NodeType, key: str
) -> tuple[list[str], list[str]]:
    """The treaty slugs and ISO3 codes the fact `key` of `t` concerns, by its links."""
    result = await tx.run(concerns_query(t), key=key)
    row = await result.single()
    if row is None:
        return [], []
    return list(row["treaties"]), list(row["countries"])


async def _party(
    tx: AsyncManagedTransaction,
    t: NodeType,
    request: Request,
    concerns: tuple[list[str], list[str]],
) -> dict[str, Any] | None:
    """Re-derive PARTY_TO after a write to an event; the record's party status."""
    if t.label != Label.TREATY_EVENT or not concerns[0] or not concerns[1]:
        return None
    treaty, iso3 = concerns[0][0], concerns[1][0]
    await derive_party(tx, iso3, treaty)
    return await party_status(tx, iso3, treaty, request.today or dt.date.today())


def correction_fact(correction: Correction) -> Fact:
    """Set new values, keeping each superseded one as an ALTERNATIVE claim."""
    t = correction.node_type
    fields = correctable(t)

    async def write(tx: AsyncManagedTransaction, request: Request) -> Change:
        key = request.subject_key
        stored, _ = await _before(tx, t, key)
        changed = {
            name: value
            for name, value in correction.values.items()
            if plain(stored.get(name)) != plain(value)
        }
        if not changed:
            raise BadUserInput(
                "'set': nothing to change: every value given is already stored",
                argument="set",
            )
        before = {name: plain(stored.get(name)) for name in changed}
        claims = [
            {
                "key": f"{key}:{name}:{request.by}:{request.idempotency_key}",
                "props": {
                    "subjectKind": t.subject_kind,
                    "subjectType": t.name,
                    "subjectKey": key,
                    "field": name,
                    "property": seed_name(name, fields[name]),
                    **claim_values.props(value, fields[name].kind),
                    "status": "ALTERNATIVE",
                    "note": f"The value before correction '{request.idempotency_key}'"
                    f" by {request.by}. Cites the sources that gave it.",
                },
            }
            for name, value in before.items()
        ]
        await run(tx, _supersede(t), key=key, curation=request.key, claims=claims)
        props = {**changed, **_derived(t, {**stored, **changed}, set(changed))}
        await run(
            tx,
            _apply(t),
            key=key,
            curation=request.key,
            props=props,
            sources=request.all_source_ids,
        )
        about = await concerns(tx, t, key)
        return Change(
            "CORRECTED",
            sorted(changed),
            before,
            {name: plain(value) for name, value in changed.items()},
            treaties=about[0],
            countries=about[1],
            party=await _party(tx, t, request, about),
        )

    return write


def retraction_fact(t: NodeType) -> Fact:
    """Hide the fact from every answer, keeping it with who, when and why."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> Change:
        key = request.subject_key
        stored, _ = await _before(tx, t, key)
        about = await concerns(tx, t, key)
        await run(
            tx,
            _retract(t),
            key=key,
            curation=request.key,
            label=t.label,
            by=request.by,
            reason=request.reason,
        )
        before = {
            name: plain(stored.get(name))
            for name in correctable(t)
            if stored.get(name) is not None
        }
        return Change(
            "RETRACTED",
            sorted(before),
            before,
            None,
            treaties=about[0],
            countries=about[1],
            party=await _party(tx, t, request, about),
        )

    return write
