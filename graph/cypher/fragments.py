"""Small pieces of Cypher text the other parts of the compiler share."""

from __future__ import annotations

from collections.abc import Iterable

from graph.mapping import TEMPORAL, Scalar


def quote(name: str) -> str:
    """A response key as a map key."""
    # Response keys are GraphQL names ([_A-Za-z][_0-9A-Za-z]*); quoting is belt and braces.
    return "`" + name.replace("`", "") + "`"


def entries(pairs: Iterable[tuple[str, str]]) -> str:
    """Response keys and their expressions, as the inside of a map literal."""
    return ", ".join(f"{quote(key)}: {expr}" for key, expr in pairs)


def raw(field: Scalar, v: str) -> str:
    """A scalar's value as stored, for comparing and sorting: a date (or datetime)
    stays one (the projection renders it as text). `{asof}` is left for the caller."""
    expr = field.expr
    if field.kind in TEMPORAL and expr.startswith("toString("):
        expr = expr[len("toString(") : -1]
    return expr.format(v=v, asof="{asof}")
