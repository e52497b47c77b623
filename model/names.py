"""Labels and relationship types of the graph: the one place they are named.

Cypher refers to these through `Label`/`Rel` so a rename is one edit, and anything
interpolated into Cypher text comes from this allowlist, never from input.
"""

from __future__ import annotations

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
    STATISTIC = "Statistic"  # one bound of the cost estimate (graph.statistics)
    API_KEY = (
        "ApiKey"  # a key that may call mutations: its scopes, salted hash (graph.keys)
    )


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
