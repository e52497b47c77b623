"""Enumerations of the model: what clients filter and switch on.

Values are stored in the graph as these names; seed files spell them in lower case
(see `seed_spelling`). Each docstring is the type's description clients read,
and each member's second item its own (`Described`).
"""

from __future__ import annotations

from enum import Enum
from typing import Self


class Described(Enum):
    """An enum each member of which carries the description clients read.

    Members are declared `NAME = "NAME", "description"`: `.value` and `.name` stay
    the stored spelling, and the text sits next to the member it describes.
    """

    _value_: str
    description: str

    def __new__(cls, value: str, description: str) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member.description = description
        return member


class SortDirection(Described):
    """Sort direction of one sort key."""

    ASC = "ASC", "Ascending: A to Z, smallest number and earliest date first."
    DESC = "DESC", "Descending: Z to A, largest number and latest date first."


class UnStatus(Described):
    """A state's standing at the United Nations."""

    MEMBER = "MEMBER", "A member state of the United Nations."
    OBSERVER = (
        "OBSERVER",
        "A non-member observer state at the UN (the Holy See, Palestine).",
    )
    NON_MEMBER = (
        "NON_MEMBER",
        "Neither a UN member nor an observer state (e.g. Cook Islands, Niue).",
    )


class EventKind(Described):
    """A dated act of one state under one treaty."""

    SIGNATURE = (
        "SIGNATURE",
        "The state signed the treaty; signing alone does not bind it.",
    )
    RATIFICATION = (
        "RATIFICATION",
        "Consent to be bound by a state that signed, by depositing its instrument of "
        "ratification.",
    )
    ACCESSION = (
        "ACCESSION",
        "Consent to be bound by a state that did not sign, by depositing an instrument "
        "of accession.",
    )
    SUCCESSION = (
        "SUCCESSION",
        "Consent to be bound as a successor state, by a notification of succession.",
    )
    ACCEPTANCE = (
        "ACCEPTANCE",
        "Consent to be bound by an instrument of acceptance (with the effect of a "
        "ratification).",
    )
    APPROVAL = (
        "APPROVAL",
        "Consent to be bound by an instrument of approval (with the effect of a "
        "ratification).",
    )
    ENTRY_INTO_FORCE = (
        "ENTRY_INTO_FORCE",
        "The date the treaty binds the state: it is a party from this day.",
    )
    WITHDRAWAL_DEPOSITED = (
        "WITHDRAWAL_DEPOSITED",
        "The state's notification of withdrawal was deposited with the depositary; it "
        "stays a party until the withdrawal takes effect.",
    )
    WITHDRAWAL_EFFECTIVE = (
        "WITHDRAWAL_EFFECTIVE",
        "The day the withdrawal takes effect: the state is no longer a party from this "
        "day.",
    )
    SUSPENSION_NOTIFIED = (
        "SUSPENSION_NOTIFIED",
        "The state notified a suspension of the treaty's operation; it does not end "
        "party status.",
    )
    DOMESTIC_APPROVAL = (
        "DOMESTIC_APPROVAL",
        "Approval of consent under domestic law (e.g. by parliament); not a deposit "
        "with the depositary, so it does not bind the state.",
    )


class TreatyStatusKind(Described):
    """A state's status under a treaty on a date, from its events."""

    PARTY = (
        "PARTY",
        "Bound: the treaty entered into force for the state and no withdrawal was "
        "deposited (a notified suspension leaves it a party).",
    )
    SIGNATORY = "SIGNATORY", "Signed, but no consent to be bound yet."
    CONSENTED = (
        "CONSENTED",
        "Consent to be bound was given (ratification, accession, succession, "
        "acceptance or approval), but the treaty is not yet in force for the state.",
    )
    WITHDRAWAL_PENDING = (
        "WITHDRAWAL_PENDING",
        "Still a party: its notification of withdrawal is deposited, but the "
        "withdrawal has not taken effect yet.",
    )
    WITHDRAWN = "WITHDRAWN", "The withdrawal has taken effect: no longer a party."
    NOT_PARTY = (
        "NOT_PARTY",
        "No signature, consent or entry into force on or before the date (a domestic "
        "approval alone does not count).",
    )


class RecommendationAction(Described):
    """What a recommendation asks governments to do."""

    WITHDRAW = "WITHDRAW", "Withdraw from the treaty."
    JOIN = "JOIN", "Become a party to the treaty."
    SUSPEND = "SUSPEND", "Suspend the treaty's operation."
    REMAIN = "REMAIN", "Remain a party to the treaty."


class StatementKind(Described):
    """What kind of statement or decision this is."""

    JOINT_STATEMENT = (
        "JOINT_STATEMENT",
        "A statement made jointly by several governments or officials.",
    )
    GOVERNMENT_DECISION = "GOVERNMENT_DECISION", "A decision a government took."
    PROPOSAL = "PROPOSAL", "A proposal put to a government or parliament."
    ANNOUNCEMENT = "ANNOUNCEMENT", "An announcement by an official or a government."
    INTENTION = "INTENTION", "A stated intention to act."
    PRESIDENTIAL_ACT = (
        "PRESIDENTIAL_ACT",
        "An act of a head of state, e.g. signing a withdrawal law.",
    )
    OTHER = "OTHER", "Any other statement."


class SourceKind(Described):
    """What kind of publication a source is."""

    NEWS = "NEWS", "A news report."
    NGO = (
        "NGO",
        "A publication of a non-governmental organization (e.g. Landmine Monitor).",
    )
    OFFICIAL = (
        "OFFICIAL",
        "A publication of a government, parliament or international organization.",
    )
    DEPOSITARY = "DEPOSITARY", "The treaty depositary's own record."
    TREATY_TEXT = "TREATY_TEXT", "The text of a treaty."
    DATASET = "DATASET", "A published dataset or data package (e.g. countryinfo)."
    REFERENCE = "REFERENCE", "A reference work, such as an encyclopedia."
    ARTICLE = (
        "ARTICLE",
        "A single article: the seed article the data was first curated from.",
    )
    AGGREGATOR = (
        "AGGREGATOR",
        "A site republishing others' reports; often of low reliability.",
    )


class ClaimStatus(Described):
    """How a claim stands against the value the graph keeps."""

    KEPT = "KEPT", "The value the graph keeps for the fact."
    ALTERNATIVE = "ALTERNATIVE", "A competing value from another source."
    DISPUTED = "DISPUTED", "A value contradicted by a better source."


class VoteOutcome(Described):
    """Whether a parliamentary vote passed."""

    PASSED = "PASSED", "The vote passed."
    FAILED = "FAILED", "The vote failed."


class CurationChange(Described):
    """What one curation did to the fact it wrote."""

    ADDED = "ADDED", "A new record."
    CORRECTED = (
        "CORRECTED",
        "New values for a stored record; each prior value is kept as an ALTERNATIVE "
        "claim with the sources that gave it.",
    )
    RETRACTED = (
        "RETRACTED",
        "The record was hidden from answers (soft: it is kept, with who, when and "
        "why).",
    )


class PartyStanding(Described):
    """A state's PARTY_TO under a treaty right after a write to one of its events."""

    PARTY = "PARTY", "A party: PARTY_TO holds and ends later than today, or never."
    FORMER_PARTY = "FORMER_PARTY", "PARTY_TO ended on or before today."
    NOT_PARTY = "NOT_PARTY", "No PARTY_TO: the treaty never entered into force for it."


def seed_spelling(member: Enum, separator: str = "-") -> str:
    """How seed files write a value: `ENTRY_INTO_FORCE` as `entry_into_force`
    (separator `_`) or `JOINT_STATEMENT` as `joint-statement` (separator `-`)."""
    return member.name.lower().replace("_", separator)
