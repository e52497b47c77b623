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
from graph.cypher.plan import Cost, PageSize, Plan, Step
from graph.errors import BadUserInput
from graph.mapping import Relation, TypeMap
from graph.selection import Leaf


class Compilation:
    """One root field's compilation: make one per root field (it numbers variables)."""

    def __init__(
        self, catalog: Catalog, default_page_size: int, max_page_size: int
    ) -> None:
        self.catalog = catalog
        self.default_page_size = default_page_size
        self.max_page_size = max_page_size
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
    def counting(self, factor: str) -> Iterator[None]:
        """Relations projected inside nest under one returning up to `factor` items."""
        node = Cost(factor)
        self._cost[-1].children.append(node)
        self._cost.append(node)
        try:
            yield
        finally:
            self._cost.pop()

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
