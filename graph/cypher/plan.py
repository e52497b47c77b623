"""What compiling one root field gives: the Cypher, the steps its parameters need,
and the cost tree the request limit adds up.

The steps are data, one small frozen class per kind, keyed by the leaf they apply
to; execution.plans.parameters dispatches on them for every request, so one
cached plan serves every request of its shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageSize:
    """`first`/`last`: a non-negative integer, at most `maximum` (LIMIT_EXCEEDED)."""

    maximum: int


@dataclass(frozen=True)
class CursorCheck:
    """`after`/`before`: a cursor minted under this `signature` (field and sort),
    decoded into the `keys` sort values the keyset condition compares with."""

    signature: str
    keys: int


@dataclass(frozen=True)
class LuceneText:
    """`search(text:)`: the words become a Lucene query (escaped, exact or prefix)."""


@dataclass(frozen=True)
class SearchLabels:
    """`search(types:)`: each SearchType name becomes the label it stands for."""

    labels: tuple[tuple[str, str], ...]  # (SearchType name, label)


Step = PageSize | CursorCheck | LuceneText | SearchLabels


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
    # leaf index -> what parameters() checks or turns the value into, in order
    steps: dict[int, Step] = field(default_factory=dict)
    # leaf index -> the argument it came from, for error messages
    arguments: dict[int, str] = field(default_factory=dict)
    # The relations it returns, nested as selected: what the cost limit adds up.
    cost: Cost = field(default_factory=lambda: Cost("0"))
    # What the layers above derive from this plan once, cached and evicted with it
    # (execution.responses keeps the root field's completer here).
    memo: dict[str, Any] = field(default_factory=dict)

    def estimate(self, leaves: list[Any], fallback: int) -> int:
        """Nodes this root field can return at most, given the request's values."""
        return sum(c.estimate(leaves, fallback) for c in self.cost.children)
