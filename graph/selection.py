"""The compiler's input: a GraphQL selection with argument values lifted into leaves.

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


@dataclass
class Cost:
    """Upper bound of the nodes one selected relation returns, for the cost limit.

    `factor` is how many items it can hold: a literal page size or a `$p<n>` leaf
    (its `first`/`last`), so one cached plan estimates every request of its shape.
    """

    factor: str
    children: list[Cost] = field(default_factory=list)

    def estimate(self, leaves: list[Any], fallback: int) -> int:
        """factor x (itself + what each item nests); a leaf not an int counts `fallback`."""
        if self.factor.startswith("$p"):
            value = leaves[int(self.factor[2:])]
            count = value if isinstance(value, int) and value >= 0 else fallback
        else:
            count = int(self.factor)
        return count * (1 + sum(c.estimate(leaves, fallback) for c in self.children))


@dataclass
class Plan:
    """Compiled Cypher plus what the executor must do to leaves before running it."""

    cypher: str
    # leaf index -> transform name ("lucene", "cursor:<signature>:<keys>")
    transforms: dict[int, str] = field(default_factory=dict)
    # leaf index -> the argument it came from, for error messages
    arguments: dict[int, str] = field(default_factory=dict)
    # The relations it returns, nested as selected: what the cost limit adds up.
    cost: Cost = field(default_factory=lambda: Cost("0"))
    # What the layers above derive from this plan once, cached and evicted with it
    # (resolvers.responses keeps the root field's completer here).
    memo: dict[str, Any] = field(default_factory=dict)

    def estimate(self, leaves: list[Any], fallback: int) -> int:
        """Nodes this root field can return at most, given the request's values."""
        return sum(c.estimate(leaves, fallback) for c in self.cost.children)
