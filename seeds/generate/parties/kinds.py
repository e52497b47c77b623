"""Event kinds: their order within a state's records, and the consents to be bound."""

from __future__ import annotations

from typing import Final

KIND_ORDER: Final = (
    "signature",
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    "domestic_approval",
    "entry_into_force",
    "suspension_notified",
    "withdrawal_deposited",
    "withdrawal_effective",
)
CONSENT_KINDS: Final = frozenset(
    {"ratification", "acceptance", "approval", "accession", "succession"}
)
