"""Keys, indexes and rules of the graph, derived from model.nodes where declared there.

Labels and relationship types are named once, in model.names (`Label`, `Rel`); they
are imported here so graph/ code names them as `graph.model.Label`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from model.enums import EventKind, TreatyStatusKind
from model.names import Label, Rel
from model.nodes import MODEL
from model.vocabulary import Model

__all__ = [
    "BORDER_SUBJECT",
    "CLAIM_SUBJECTS",
    "CONSENT_KINDS",
    "EXTRA_UNIQUE",
    "KEYS",
    "PARTY_RULE",
    "RANGE_INDEXES",
    "RETRACTED",
    "RETRACTED_BORDER",
    "SEARCH_INDEX",
    "SEARCH_LABELS",
    "SEARCH_PROPERTIES",
    "SUSPENSION_KIND",
    "TREATY_STATUS_OTHERWISE",
    "TREATY_STATUS_RULES",
    "Label",
    "Rel",
    "StatusRule",
    "node_keys",
    "party_interval",
    "search_text",
]

# A retracted fact loses its type's label for this one (keeping `retractedLabel`),
# so no read sees it; a retracted border's BORDERS becomes RETRACTED_BORDER. The
# loader leaves both as they are (graph.seeding).
RETRACTED = "Retracted"
RETRACTED_BORDER = "RETRACTED_BORDER"
# The subject type of a border's curations and claims (a border is no node).
BORDER_SUBJECT = "Border"


def node_keys(model: Model) -> dict[str, str]:
    """The natural key of every label of `model` and of the graph's own nodes."""
    return {
        **{t.label: t.key for t in model.types},
        Label.DATASET: "id",
        # The client's idempotency key: the constraint makes concurrent duplicates
        # of one mutation store once.
        Label.CURATION: "key",
        Label.STATISTIC: "key",
        Label.API_KEY: "id",
    }


# The natural key of every label; a uniqueness constraint backs each one.
KEYS: dict[str, str] = node_keys(MODEL)

# Extra uniqueness (a source is one page, whatever handle the files give it) and
# range indexes for the properties filters and sorts lean on.
EXTRA_UNIQUE: dict[str, tuple[str, ...]] = {
    t.label: t.extra_unique for t in MODEL.types if t.extra_unique
}
RANGE_INDEXES: dict[str, tuple[str, ...]] = {
    t.label: t.range_indexes for t in MODEL.types if t.range_indexes
}

# Full-text search: names, aliases and titles, folded for case and diacritics.
SEARCH_INDEX = "search"
SEARCH_LABELS: tuple[str, ...] = tuple(t.label for t in MODEL.searchable())
SEARCH_PROPERTIES: tuple[str, ...] = ("name", "title", "searchText")

# Claims may be about any of these; `about.kind` in claims files maps here.
CLAIM_SUBJECTS: dict[str, str] = {
    t.claim_kind: t.label for t in MODEL.types if t.claim_kind is not None
}

PARTY_RULE = (
    "A state is a party from its entry into force (inclusive) until its withdrawal "
    "takes effect (exclusive); a notified suspension does not end it. Parties are "
    "counted in force, not at deposit: totals that count at deposit (the NGO status "
    "pages') differ from these between a deposit and its entry into force."
)


# The acts by which a state consents to be bound by a treaty; any one will do.
CONSENT_KINDS: tuple[EventKind, ...] = (
    EventKind.RATIFICATION,
    EventKind.ACCESSION,
    EventKind.SUCCESSION,
    EventKind.ACCEPTANCE,
    EventKind.APPROVAL,
)
# Notified, it leaves party status as it is (PARTY_RULE); `treatyStatus` shows it.
SUSPENSION_KIND = EventKind.SUSPENSION_NOTIFIED


@dataclass(frozen=True)
class StatusRule:
    """A state has `status` under a treaty when it has an event of any of `kinds`."""

    kinds: tuple[EventKind, ...]
    status: TreatyStatusKind


# A state's status under a treaty on a date, from its events up to that date: the
# first rule that holds, in this order (a later act outranks an earlier one);
# when none does, NOT_PARTY. graph.cypher.rules writes it as Cypher.
TREATY_STATUS_RULES: tuple[StatusRule, ...] = (
    StatusRule((EventKind.WITHDRAWAL_EFFECTIVE,), TreatyStatusKind.WITHDRAWN),
    StatusRule((EventKind.WITHDRAWAL_DEPOSITED,), TreatyStatusKind.WITHDRAWAL_PENDING),
    StatusRule((EventKind.ENTRY_INTO_FORCE,), TreatyStatusKind.PARTY),
    StatusRule(CONSENT_KINDS, TreatyStatusKind.CONSENTED),
    StatusRule((EventKind.SIGNATURE,), TreatyStatusKind.SIGNATORY),
)
TREATY_STATUS_OTHERWISE = TreatyStatusKind.NOT_PARTY


def party_interval(
    dates: Mapping[str, dt.date | None],
) -> tuple[dt.date, dt.date | None] | None:
    """PARTY_RULE applied to one state's event dates under one treaty, by kind name.

    Returns (since, until) for the PARTY_TO relationship, or None when the state
    never became a party (no dated entry into force). The loader and the curation
    mutations both derive PARTY_TO with this, so the rule lives here only.
    """
    since = dates.get("ENTRY_INTO_FORCE")
    if since is None:
        return None
    return since, dates.get("WITHDRAWAL_EFFECTIVE")


def search_text(*parts: object) -> str:
    """The extra words the full-text index sees (aliases, summaries, publishers)."""
    words: list[str] = []
    for part in parts:
        if isinstance(part, list | tuple):
            words.extend(str(p) for p in part)
        elif part:
            words.append(str(part))
    return " | ".join(words)
