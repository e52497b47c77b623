"""Enumerations clients filter and switch on; values are stored as these names."""

import enum

import strawberry


@strawberry.enum(description="Sort direction of one sort key.")
class SortDirection(enum.Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.enum(description="A state's standing at the United Nations.")
class UnStatus(enum.Enum):
    MEMBER = "MEMBER"
    OBSERVER = "OBSERVER"
    NON_MEMBER = "NON_MEMBER"


@strawberry.enum(description="A dated act of one state under one treaty.")
class EventKind(enum.Enum):
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


@strawberry.enum(
    description="A state's status under a treaty on a date, from its events."
)
class TreatyStatusKind(enum.Enum):
    PARTY = "PARTY"
    SIGNATORY = "SIGNATORY"
    CONSENTED = "CONSENTED"
    WITHDRAWAL_PENDING = "WITHDRAWAL_PENDING"
    WITHDRAWN = "WITHDRAWN"
    NOT_PARTY = "NOT_PARTY"


@strawberry.enum(description="What a recommendation asks governments to do.")
class RecommendationAction(enum.Enum):
    WITHDRAW = "WITHDRAW"
    JOIN = "JOIN"
    SUSPEND = "SUSPEND"
    REMAIN = "REMAIN"


@strawberry.enum(description="What kind of statement or decision this is.")
class StatementKind(enum.Enum):
    JOINT_STATEMENT = "JOINT_STATEMENT"
    GOVERNMENT_DECISION = "GOVERNMENT_DECISION"
    PROPOSAL = "PROPOSAL"
    ANNOUNCEMENT = "ANNOUNCEMENT"
    INTENTION = "INTENTION"
    PRESIDENTIAL_ACT = "PRESIDENTIAL_ACT"
    OTHER = "OTHER"


@strawberry.enum(description="What kind of publication a source is.")
class SourceKind(enum.Enum):
    NEWS = "NEWS"
    NGO = "NGO"
    OFFICIAL = "OFFICIAL"
    DEPOSITARY = "DEPOSITARY"
    TREATY_TEXT = "TREATY_TEXT"
    DATASET = "DATASET"
    REFERENCE = "REFERENCE"
    ARTICLE = "ARTICLE"
    AGGREGATOR = "AGGREGATOR"


@strawberry.enum(description="How a claim stands against the value the graph keeps.")
class ClaimStatus(enum.Enum):
    KEPT = "KEPT"
    ALTERNATIVE = "ALTERNATIVE"
    DISPUTED = "DISPUTED"


@strawberry.enum(description="Whether a parliamentary vote passed.")
class VoteOutcome(enum.Enum):
    PASSED = "PASSED"
    FAILED = "FAILED"


@strawberry.enum(description="Types a search may return.")
class SearchType(enum.Enum):
    COUNTRY = "COUNTRY"
    PERSON = "PERSON"
    TREATY = "TREATY"
    ORGANIZATION = "ORGANIZATION"
    STATEMENT = "STATEMENT"
    CHAMBER = "CHAMBER"
    SOURCE = "SOURCE"


# Which enum each enum-valued field of the mapping holds (filters are typed by it).
ENUM_FIELDS: dict[tuple[str, str], type[enum.Enum]] = {
    ("Country", "unStatus"): UnStatus,
    ("TreatyEvent", "kind"): EventKind,
    ("Statement", "kind"): StatementKind,
    ("Recommendation", "action"): RecommendationAction,
    ("Source", "kind"): SourceKind,
    ("Claim", "status"): ClaimStatus,
    ("ParliamentVote", "outcome"): VoteOutcome,
}
