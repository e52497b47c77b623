"""What compiling one root field gives: the Cypher, the steps its parameters need,
and the cost tree the request limit adds up (with the data's statistics, each
time it is estimated).

The steps are data, one small frozen class per kind, keyed by the leaf they apply
to; execution.plans.parameters dispatches on them for every request, so one
cached plan serves every request of its shape.
"""

from __future__ import annotations

from collections.abc import Mapping
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


@dataclass(frozen=True)
class NodeRefs:
    """`node(id:)`/`nodes(ids:)`: each Relay id decoded into `{type, key, asOf}`
    (BAD_USER_INPUT when it is none of these types' ids, `dated` ones with their
    date), at most `maximum` of them (LIMIT_EXCEEDED); `many`: a list of ids."""

    types: tuple[tuple[str, bool], ...]  # (type name, dated)
    many: bool
    maximum: int


Step = PageSize | CursorCheck | LuceneText | SearchLabels | NodeRefs


@dataclass(frozen=True)
class Estimate:
    """What a query can cost at most: the JSON objects it returns, and the related
    nodes its relation filters walk (rows are filtered before they are paged)."""

    returned: int = 0
    walked: int = 0

    @property
    def total(self) -> int:
        """What TREATYGRAPH_MAX_COST bounds."""
        return self.returned + self.walked

    def __add__(self, other: Estimate) -> Estimate:
        return Estimate(self.returned + other.returned, self.walked + other.walked)


@dataclass
class Walk:
    """One relation filter (a quantifier, `count`, a single node's `where`): each
    row it tests walks the relation's related nodes, each testing `nested`."""

    bound: str  # the statistic: the relation's largest fan-out
    nested: list[Walk] = field(default_factory=list)

    def cost(self, stats: Mapping[str, int], fallback: int) -> int:
        """Related nodes one row's test walks at most."""
        fan = stats.get(self.bound, fallback)
        return fan * (1 + sum(w.cost(stats, fallback) for w in self.nested))


@dataclass
class Cost:
    """Upper bound of what one selected relation returns and walks, for the cost limit.

    `factor` is how many items it may hold: a literal page size or a `$p<n>` leaf
    (its `first`/`last`), so one cached plan estimates every request of its shape;
    `bound` names the statistic capping it (graph.statistics: the relation's largest
    fan-out, a root list's node count), applied at estimate time because the plan
    is cached and the statistics change. Each item is `weight` JSON objects (an
    edge and its node are two) and nests its `children` `copies` times (aliases
    of `nodes` and `edges { node }`). `walks`: the relation filters each of the
    rows it chooses from (`bound` or `candidates`, before paging) is tested with.
    """

    factor: str
    children: list[Cost] = field(default_factory=list)
    bound: str | None = None
    weight: int = 1
    copies: int = 1
    walks: list[Walk] = field(default_factory=list)
    # The statistic of the rows `walks` test when they are not the items' (a
    # connection's, counted once for its page and its totalCount).
    candidates: str | None = None
    # A `$p<n>` the items' natural key must equal (a value: 1 item) or be in (a
    # list: that many), when the `where` says so.
    keyed: str | None = None

    def estimate(
        self,
        leaves: list[Any],
        fallback: int,
        stats: Mapping[str, int],
        parents: int = 1,
    ) -> Estimate:
        """Under `parents` items: factor x (itself + what each item nests); a leaf
        not an int counts `fallback`, and so does a statistic not known."""
        if self.factor.startswith("$p"):
            value = leaves[int(self.factor[2:])]
            count = value if isinstance(value, int) and value >= 0 else fallback
        else:
            count = int(self.factor)
        known = stats.get(self.bound) if self.bound is not None else None
        if known is not None:
            count = min(count, known)
        keyed = None
        if self.keyed is not None:
            key = leaves[int(self.keyed[2:])]
            keyed = len(key) if isinstance(key, list) else 1
            count = min(count, keyed)
        items = parents * count
        walked = 0
        if self.walks:
            if self.candidates is not None:
                rows = stats.get(self.candidates, fallback)
            else:
                rows = known if known is not None else count
            rows = rows if keyed is None else min(rows, keyed)
            walked = parents * rows * sum(w.cost(stats, fallback) for w in self.walks)
        total = Estimate(items * self.weight, walked)
        for child in self.children:
            total += child.estimate(leaves, fallback, stats, items * self.copies)
        return total


@dataclass
class Plan:
    """Compiled Cypher plus what the executor must do to leaves before running it."""

    cypher: str
    # leaf index -> what parameters() checks or turns the value into, in order
    steps: dict[int, Step] = field(default_factory=dict)
    # leaf index -> the argument it came from, for error messages
    arguments: dict[int, str] = field(default_factory=dict)
    # The relations it returns, nested as selected: what the cost limit adds up.
    cost: Cost = field(default_factory=lambda: Cost("1"))
    # What the layers above derive from this plan once, cached and evicted with it
    # (execution.responses keeps the root field's completer here).
    memo: dict[str, Any] = field(default_factory=dict)

    def estimate(
        self, leaves: list[Any], fallback: int, stats: Mapping[str, int] | None = None
    ) -> Estimate:
        """What this root field can return and walk at most, given the request's
        values and the data's statistics (None: not known, every list a full page)."""
        total = Estimate()
        for child in self.cost.children:
            total += child.estimate(leaves, fallback, stats or {})
        return total
