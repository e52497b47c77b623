"""The domain's rules in Cypher: which date a field answers for, what holds on it,
and a state's status under a treaty.

The date is `$today` unless an `asOf` argument gives one, and a field's own
`asOf` overrides the one it inherits. Validity on that date is each dated
relation's template in graph.mapping (memberships, party status, terms of
office). The status precedence is graph.model's TREATY_STATUS_RULES, written out
here as a CASE.
"""

from __future__ import annotations

from typing import Any

from graph.cypher.state import Compilation
from graph.mapping import Relation
from graph.model import (
    SUSPENSION_KIND,
    TREATY_STATUS_OTHERWISE,
    TREATY_STATUS_RULES,
)
from graph.selection import Leaf
from model.enums import EventKind

TODAY = "$today"


def as_of(state: Compilation, args: dict[str, Any], inherited: str) -> str:
    """The date a field answers for: its own `asOf`, else the one it inherits."""
    leaf = args.get("asOf")
    if isinstance(leaf, Leaf):
        return state.argument(leaf, "asOf")
    return inherited


def valid(rel: Relation, names: dict[str, str], date: str) -> str | None:
    """What holds for a dated relation on `date`; None for one that is not dated."""
    if rel.valid is None:
        return None
    return rel.valid.format(asof=date, **names)


def _has_any(kinds: tuple[EventKind, ...], events: str) -> str:
    if len(kinds) == 1:
        return f"'{kinds[0].value}' IN {events}"
    listed = ", ".join(f"'{kind.value}'" for kind in kinds)
    return f"any(k IN {events} WHERE k IN [{listed}])"


def treaty_status(events: str) -> str:
    """The status from `events`, a list of event kinds: the first rule that holds."""
    cases = " ".join(
        f"WHEN {_has_any(rule.kinds, events)} THEN '{rule.status.value}'"
        for rule in TREATY_STATUS_RULES
    )
    return f"CASE {cases} ELSE '{TREATY_STATUS_OTHERWISE.value}' END"


def suspended(events: str) -> str:
    """Whether `events` has a notified suspension (which does not end party status)."""
    return f"'{SUSPENSION_KIND.value}' IN {events}"
