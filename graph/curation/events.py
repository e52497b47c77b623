"""The recordTreatyEvent fact: add or correct one event, keeping a corrected value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.curation.fragments import CITE_FACT, MATCH_CURATION, MATCH_STATE_AND_TREATY
from graph.curation.party import derive_party, party_status
from graph.curation.request import Change, Fact, Request
from graph.curation.steps import run, unknown, write_fact
from graph.model import Label, Rel
from model import claim_values
from model.nodes import TREATY_EVENT

# Exclusive lock on the state, so two events of one state cannot derive PARTY_TO
# from each other's stale view.
LOCK_COUNTRY: LiteralString = (
    f"MATCH (c:`{Label.COUNTRY}` {{iso3: $iso3}}) SET c.curationLock = true "
    "REMOVE c.curationLock RETURN count(c) AS found"
)
EVENT_BEFORE: LiteralString = (
    f"OPTIONAL MATCH (t:`{Label.TREATY}` {{slug: $treaty}}) "
    f"OPTIONAL MATCH (e:`{Label.TREATY_EVENT}` {{key: $key}}) "
    "RETURN t IS NOT NULL AS treatyFound, e IS NOT NULL AS exists, e.date AS date, "
    "coalesce(e.derived, false) AS derived, e.derivationRule AS rule, "
    "e.derivedFrom AS derivedFrom, e.note AS note"
)
# A correction moves the superseded value and its sources into a Claim about the
# event, so the graph keeps what the earlier sources said.
SUPERSEDE_EVENT: LiteralString = (
    f"MATCH (e:`{Label.TREATY_EVENT}` {{key: $event}}) {MATCH_CURATION} "
    f"CREATE (cl:`{Label.CLAIM}` {{key: $key}}) SET cl += $props "
    f"CREATE (cl)-[:`{Rel.ABOUT}`]->(e) CREATE (cur)-[:`{Rel.WROTE}`]->(cl) "
    f"WITH e, cl CALL (e, cl) {{ MATCH (e)-[old:`{Rel.CITES}`]->(s:`{Label.SOURCE}`) "
    f"CREATE (cl)-[:`{Rel.CITES}`]->(s) DELETE old }}"
)
UPSERT_EVENT: LiteralString = (
    f"{MATCH_STATE_AND_TREATY} {MATCH_CURATION} "
    f"MERGE (n:`{Label.TREATY_EVENT}` {{key: $key}}) SET n += $props "
    f"MERGE (c)-[:`{Rel.HAS_EVENT}`]->(n) MERGE (n)-[:`{Rel.UNDER}`]->(t) "
    f"MERGE (cur)-[:`{Rel.WROTE}`]->(n) {CITE_FACT}"
)


@dataclass(frozen=True)
class EventInput:
    treaty: str
    country: str
    props: dict[str, Any]  # kind, date, note, derived …


def event_fact(event: EventInput) -> Fact:
    """Add or correct one event, then re-derive the state's PARTY_TO by PARTY_RULE."""

    async def write(tx: AsyncManagedTransaction, request: Request) -> Change:
        result = await tx.run(LOCK_COUNTRY, iso3=event.country)
        if (await result.single(strict=True))["found"] == 0:
            raise unknown(Label.COUNTRY, [event.country], "input.country")
        result = await tx.run(
            EVENT_BEFORE, treaty=event.treaty, key=request.subject_key
        )
        before = await result.single(strict=True)
        if not before["treatyFound"]:
            raise unknown(Label.TREATY, [event.treaty], "input.treaty")
        old = before["date"].to_native() if before["date"] is not None else None
        props = dict(event.props)
        superseded = before["exists"] and (old != props["date"] or before["derived"])
        if not superseded and props["note"] is None:
            del props["note"]  # confirming the same date keeps the curators' note
        if superseded:
            await run(
                tx,
                SUPERSEDE_EVENT,
                event=request.subject_key,
                curation=request.key,
                key=f"{request.subject_key}:date:{request.key}".replace("/", ":"),
                props={
                    "subjectKind": TREATY_EVENT.claim_kind,
                    "subjectType": TREATY_EVENT.name,
                    "subjectKey": request.subject_key,
                    "field": "date",
                    "property": "date",
                    **claim_values.props(old, "date"),
                    "status": "ALTERNATIVE",
                    "note": _superseded_note(request, before),
                },
            )
        await write_fact(
            tx,
            UPSERT_EVENT,
            request,
            iso3=event.country,
            treaty=event.treaty,
            props=props,
        )
        await derive_party(tx, event.country, event.treaty)
        today = request.today or dt.date.today()
        after = {"date": _iso(props["date"]), "note": props.get("note")}
        return Change(
            "CORRECTED" if before["exists"] else "ADDED",
            ["date", "note"] if "note" in props else ["date"],
            {"date": _iso(old), "note": before["note"]} if before["exists"] else None,
            after if "note" in props else {"date": after["date"]},
            treaties=[event.treaty],
            countries=[event.country],
            party=await party_status(tx, event.country, event.treaty, today),
        )

    return write


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _superseded_note(request: Request, before: Any) -> str:
    """What the claim keeps of the corrected event besides its date and sources."""
    parts = [f"The value before correction '{request.key}' by {request.by}"]
    if before["derived"]:
        parts.append(
            f"derived by the rule: {before['rule']} (from {before['derivedFrom']})"
        )
    if before["note"]:
        parts.append(f"its note: {before['note']}")
    return "; ".join(parts) + ". Cites the sources that gave it."
