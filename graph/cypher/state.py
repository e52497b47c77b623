"""The state of compiling one root field, shared by every part of the compiler.

Variables are numbered in the order the compiler asks for them, so the same
selection always gives the same text (the plan cache and the snapshot tests rely
on it). The cost stack mirrors the nesting of the relations being projected.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from graph.catalog import Catalog
from graph.cypher.plan import Cost, PageSize, Plan, Step, Walk
from graph.errors import BadUserInput, LimitExceeded
from graph.mapping import Relation, TypeMap
from graph.selection import Leaf
from settings import DEFAULT_MAX_FILTER_DEPTH

# Relation filters (quantifiers and single-relation filters, each a subquery) in all
# the `where` arguments of one root field's statement; the examples, the bench and
# the tests use at most 5. Neo4j's time to plan them grows faster than their number
# (16: 0.2-0.4 s of its CPU; 64: 1.7 s; 128: 4.3 s), see filtering().
MAX_RELATION_FILTERS = 16


class Compilation:
    """One root field's compilation: make one per root field (it numbers variables)."""

    def __init__(
        self,
        catalog: Catalog,
        default_page_size: int,
        max_page_size: int,
        max_filter_depth: int = DEFAULT_MAX_FILTER_DEPTH,
        max_relation_filters: int = MAX_RELATION_FILTERS,
    ) -> None:
        self.catalog = catalog
        self.default_page_size = default_page_size
        self.max_page_size = max_page_size
        self.max_filter_depth = max_filter_depth
        self.max_relation_filters = max_relation_filters
        self.relation_filters = 0
        self.plan = Plan(cypher="")
        self._vars = 0
        self._cost = [self.plan.cost]

    def type(self, name: str) -> TypeMap:
        """The mapping of one GraphQL object type."""
        return self.catalog.types[name]

    def var(self, prefix: str = "n") -> str:
        """A fresh Cypher variable."""
        self._vars += 1
        return f"{prefix}{self._vars}"

    @contextlib.contextmanager
    def counting(
        self,
        factor: str,
        bound: str | None = None,
        *,
        weight: int = 1,
        copies: int = 1,
        walks: list[Walk] | None = None,
        candidates: str | None = None,
        keyed: str | None = None,
    ) -> Iterator[None]:
        """Relations projected inside nest under one returning up to `factor` items
        (at most the statistic `bound`), each tested with `walks` (plan.Cost)."""
        node = Cost(
            factor,
            bound=bound,
            weight=weight,
            copies=copies,
            walks=walks or [],
            candidates=candidates,
            keyed=keyed,
        )
        self._cost[-1].children.append(node)
        self._cost.append(node)
        try:
            yield
        finally:
            self._cost.pop()

    def filtering(self, depth: int, relation_filters: int) -> None:
        """Count one `where`'s relation filters; refuse it past either maximum.

        Each relation filter is a subquery in the statement, and Neo4j 5 takes time
        to prepare them that doubles with each level they nest and grows faster than
        their number (bench/notes.md), and it goes on doing so after the query's
        timeout: they are bounded before any Cypher is sent.
        """
        if depth > self.max_filter_depth:
            raise LimitExceeded(
                f"'where' nests relation filters {depth} deep; at most "
                f"{self.max_filter_depth} (TREATYGRAPH_MAX_FILTER_DEPTH)",
                limit="filterDepth",
                argument="where",
                max=self.max_filter_depth,
                actual=depth,
            )
        self.relation_filters += relation_filters
        if self.relation_filters > self.max_relation_filters:
            raise LimitExceeded(
                f"the field's 'where' arguments have {self.relation_filters} relation "
                f"filters; at most {self.max_relation_filters}",
                limit="relationFilters",
                argument="where",
                max=self.max_relation_filters,
                actual=self.relation_filters,
            )

    def argument(self, leaf: Leaf, name: str, step: Step | None = None) -> str:
        """The leaf's parameter; errors about it name `name`, and `step` runs on it."""
        self.plan.arguments[leaf.index] = name
        if step is not None:
            self.plan.steps[leaf.index] = step
        return leaf.param

    def pattern(
        self, rel: Relation, v: str | None, t: str
    ) -> tuple[str, dict[str, str]]:
        """The relation's pattern from `v` to `t`, with fresh names for the rest."""
        names = {"v": v or "", "t": t, "r": self.var("r"), "m": self.var("m")}
        return rel.pattern.format(**names), names

    def page_size(self, args: dict[str, Any], name: str) -> str | None:
        """`first`/`last` as a parameter checked against the maximum, if given."""
        value = args.get(name)
        if value is None:
            return None
        if isinstance(value, Leaf):
            return self.argument(value, name, PageSize(self.max_page_size))
        raise BadUserInput(f"'{name}' must be an integer", argument=name)
