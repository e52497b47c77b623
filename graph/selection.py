"""The compiler's input (graph.cypher): a GraphQL selection with argument values
lifted into leaves.

Every user-supplied scalar becomes a `Leaf` (a numbered parameter), so the same
query shape compiles to the same Cypher text whatever the values: that text is
what the compiled-query cache keys on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Leaf:
    """A user value, passed to Cypher as `$p<index>`."""

    index: int

    @property
    def param(self) -> str:
        return f"$p{self.index}"


@dataclass
class Selection:
    """One selected field: schema name, response key, bound arguments, children."""

    name: str
    key: str
    args: dict[str, Any] = field(default_factory=dict)
    children: list[Selection] = field(default_factory=list)
    # For fields selected through a fragment on a union member: that member's name.
    on_type: str | None = None
