"""Labels, relationship types and keys of the graph: the one place they are named.

Cypher elsewhere refers to these through `Label`/`Rel` so a rename is one edit, and
anything interpolated into Cypher text comes from this allowlist, never from input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum


class Label(StrEnum):
    COUNTRY = "Country"
    ORGANIZATION = "Organization"
    MEMBERSHIP = "Membership"
    TREATY = "Treaty"
    TREATY_EVENT = "TreatyEvent"
    CHAMBER = "Chamber"
    VOTE = "ParliamentVote"
    PERSON = "Person"
    OFFICE = "Office"
    TERM = "Term"
    STATEMENT = "Statement"
    RECOMMENDATION = "Recommendation"
    STOCKPILE = "Stockpile"
    SOURCE = "Source"
    CLAIM = "Claim"
    DATASET = "Dataset"
    CURATION = "Curation"  # one accepted mutation: who, when, what it wrote


class Rel(StrEnum):
    BORDERS = "BORDERS"  # (Country)-(Country), stored once per pair, matched undirected
    HAS_MEMBERSHIP = "HAS_MEMBERSHIP"  # (Country)->(Membership)
    OF_ORGANIZATION = "OF_ORGANIZATION"  # (Membership)->(Organization)
    HAS_EVENT = "HAS_EVENT"  # (Country)->(TreatyEvent)
    UNDER = "UNDER"  # (TreatyEvent)->(Treaty)
    PARTY_TO = "PARTY_TO"  # (Country)->(Treaty) {since, until}: derived from events
    OF_COUNTRY = "OF_COUNTRY"  # (Chamber|Person|Office)->(Country)
    IN_CHAMBER = "IN_CHAMBER"  # (ParliamentVote)->(Chamber)
    ON_TREATY = "ON_TREATY"  # (ParliamentVote)->(Treaty)
    ABSTAINED_IN = "ABSTAINED_IN"  # (Person)->(ParliamentVote)
    HELD = "HELD"  # (Person)->(Term)
    OF_OFFICE = "OF_OFFICE"  # (Term)->(Office)
    AUTHORED = "AUTHORED"  # (Person)->(Statement)
    ON_BEHALF_OF = "ON_BEHALF_OF"  # (Statement)->(Country)
    MAKES = "MAKES"  # (Statement)->(Recommendation)
    CONCERNS = "CONCERNS"  # (Recommendation)->(Treaty)
    ADDRESSED_TO = "ADDRESSED_TO"  # (Recommendation)->(Country)
    HAS_STOCKPILE = "HAS_STOCKPILE"  # (Country)->(Stockpile)
    CITES = "CITES"  # (any fact)->(Source)
    ABOUT = "ABOUT"  # (Claim)->(any fact)
    WROTE = "WROTE"  # (Curation)->(any fact it created or changed)


# The natural key of every label; a uniqueness constraint backs each one.
KEYS: dict[Label, str] = {
    Label.COUNTRY: "iso3",
    Label.ORGANIZATION: "code",
    Label.MEMBERSHIP: "key",
    Label.TREATY: "slug",
    Label.TREATY_EVENT: "key",
    Label.CHAMBER: "key",
    Label.VOTE: "key",
    Label.PERSON: "key",
    Label.OFFICE: "key",
    Label.TERM: "key",
    Label.STATEMENT: "key",
    Label.RECOMMENDATION: "key",
    Label.STOCKPILE: "key",
    Label.SOURCE: "id",
    Label.CLAIM: "key",
    Label.DATASET: "id",
    # The client's idempotency key: the constraint makes concurrent duplicates
    # of one mutation store once.
    Label.CURATION: "key",
}

# Extra uniqueness: a source is one page, whatever handle the files give it.
EXTRA_UNIQUE: dict[Label, tuple[str, ...]] = {
    Label.SOURCE: ("url",),
    Label.COUNTRY: ("iso2",),
}

# Range indexes for the properties filters and sorts lean on.
RANGE_INDEXES: dict[Label, tuple[str, ...]] = {
    Label.COUNTRY: ("name",),
    Label.TREATY_EVENT: ("date", "kind"),
    Label.VOTE: ("date",),
    Label.STATEMENT: ("date",),
    Label.PERSON: ("name",),
    Label.SOURCE: ("publisher",),
}

# Full-text search: names, aliases and titles, folded for case and diacritics.
SEARCH_INDEX = "search"
SEARCH_LABELS: tuple[Label, ...] = (
    Label.COUNTRY,
    Label.PERSON,
    Label.TREATY,
    Label.ORGANIZATION,
    Label.STATEMENT,
    Label.CHAMBER,
    Label.SOURCE,
)
SEARCH_PROPERTIES: tuple[str, ...] = ("name", "title", "searchText")

# Claims may be about any of these; `about.kind` in claims files maps here.
CLAIM_SUBJECTS: dict[str, Label] = {
    "country": Label.COUNTRY,
    "treaty": Label.TREATY,
    "treaty_event": Label.TREATY_EVENT,
    "vote": Label.VOTE,
    "statement": Label.STATEMENT,
    "stockpile": Label.STOCKPILE,
    "person": Label.PERSON,
    "term": Label.TERM,
    "membership": Label.MEMBERSHIP,
    "chamber": Label.CHAMBER,
    "organization": Label.ORGANIZATION,
    "office": Label.OFFICE,
}

PARTY_RULE = (
    "A state is a party from its entry into force (inclusive) until its withdrawal "
    "takes effect (exclusive); a notified suspension does not end it."
)


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
