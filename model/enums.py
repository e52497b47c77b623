"""Enumerations of the model: what clients filter and switch on.

Values are stored in the graph as these names; seed files spell them in lower case
(see `seed_spelling`). Each docstring is the description clients read.
"""

from __future__ import annotations

from enum import Enum


class SortDirection(Enum):
    """Sort direction of one sort key."""

    ASC = "ASC"
    DESC = "DESC"


class UnStatus(Enum):
    """A state's standing at the United Nations."""

    MEMBER = "MEMBER"
    OBSERVER = "OBSERVER"
    NON_MEMBER = "NON_MEMBER"


class EventKind(Enum):
    """A dated act of one state under one treaty."""

    SIGNATURE = "SIGNATURE"
    RATIFICATION = "RATIFICATION"
    ACCESSION = "ACCESSION"
    SUCCESSION = "SUCCESSION"
    ACCEPTANCE = "ACCEPTANCE"
    APPROVAL = "APPROVAL"
    ENTRY_INTO_FORCE = "ENTRY_INTO_FORCE"
    WITHDRAWAL_DEPOSITED = "WITHDRAWAL_DEPOSITED"
    WITHDRAWAL_EFFECTIVE = "WITHDRAWAL_EFFECTIVE"
    SUSPENSION_NOTIFIED = "SUSPENSION_NOTIFIED"
    DOMESTIC_APPROVAL = "DOMESTIC_APPROVAL"


class TreatyStatusKind(Enum):
    """A state's status under a treaty on a date, from its events."""

    PARTY = "PARTY"
    SIGNATORY = "SIGNATORY"
    CONSENTED = "CONSENTED"
    WITHDRAWAL_PENDING = "WITHDRAWAL_PENDING"
    WITHDRAWN = "WITHDRAWN"
    NOT_PARTY = "NOT_PARTY"


class RecommendationAction(Enum):
    """What a recommendation asks governments to do."""

    WITHDRAW = "WITHDRAW"
    JOIN = "JOIN"
    SUSPEND = "SUSPEND"
    REMAIN = "REMAIN"


class StatementKind(Enum):
    """What kind of statement or decision this is."""

    JOINT_STATEMENT = "JOINT_STATEMENT"
    GOVERNMENT_DECISION = "GOVERNMENT_DECISION"
    PROPOSAL = "PROPOSAL"
    ANNOUNCEMENT = "ANNOUNCEMENT"
    INTENTION = "INTENTION"
    PRESIDENTIAL_ACT = "PRESIDENTIAL_ACT"
    OTHER = "OTHER"


class SourceKind(Enum):
    """What kind of publication a source is."""

    NEWS = "NEWS"
    NGO = "NGO"
    OFFICIAL = "OFFICIAL"
    DEPOSITARY = "DEPOSITARY"
    TREATY_TEXT = "TREATY_TEXT"
    DATASET = "DATASET"
    REFERENCE = "REFERENCE"
    ARTICLE = "ARTICLE"
    AGGREGATOR = "AGGREGATOR"


class ClaimStatus(Enum):
    """How a claim stands against the value the graph keeps."""

    KEPT = "KEPT"
    ALTERNATIVE = "ALTERNATIVE"
    DISPUTED = "DISPUTED"


class VoteOutcome(Enum):
    """Whether a parliamentary vote passed."""

    PASSED = "PASSED"
    FAILED = "FAILED"


def seed_spelling(member: Enum, separator: str = "-") -> str:
    """How seed files write a value: `ENTRY_INTO_FORCE` as `entry_into_force`
    (separator `_`) or `JOINT_STATEMENT` as `joint-statement` (separator `-`)."""
    return member.name.lower().replace("_", separator)
