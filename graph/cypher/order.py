"""Sort keys: the client's `sort`, else the relation's default order, then the
natural key, so every order is total and keyset cursors never skip a row.

Each key is `coalesce(value, sentinel)`: a missing value sorts after every real
one ascending, and the cursor can hold and compare it like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.cypher.fragments import raw
from graph.cypher.state import Compilation
from graph.errors import BadUserInput
from graph.mapping import Relation, Scalar, TypeMap

# The greatest value of each kind, for a missing one.
SENTINELS = {
    "string": "'\\uffff'",
    "int": "9223372036854775807",
    "float": "1.0e308",
    "date": "date('9999-12-31')",
    "datetime": "datetime('9999-12-31T00:00:00Z')",
    "bool": "true",
    "enum": "'\\uffff'",
}


@dataclass(frozen=True)
class SortKey:
    """One ORDER BY term: a null-free expression and its direction."""

    expr: str
    descending: bool


def order_by(keys: list[SortKey], *, reverse: bool = False) -> str:
    """The ORDER BY list; `reverse` for a backward page."""
    return ", ".join(
        f"{k.expr}{' DESC' if k.descending != reverse else ''}" for k in keys
    )


def sort_keys(
    state: Compilation, sort: Any, tm: TypeMap, t: str, default: tuple[str, ...]
) -> list[SortKey]:
    """The keys of `t` for a `sort` argument (a list of one-field elements)."""
    keys: list[SortKey] = []
    seen: set[str] = set()
    for item in sort or []:
        if not isinstance(item, dict):
            continue
        for name, direction in one_key(item).items():
            keys.extend(_term(state, tm, t, name, direction, seen))
    if not sort:
        for name in default:
            keys.extend(_term(state, tm, t, name, "ASC", seen))
    # The natural key last: every order is total, so keyset cursors never skip.
    keys.extend(_term(state, tm, t, tm.key, "ASC", seen))
    return keys


def _term(
    state: Compilation, tm: TypeMap, t: str, name: str, direction: Any, seen: set[str]
) -> list[SortKey]:
    """The keys one sort element adds: none when it repeats an earlier one."""
    mapped = tm.fields.get(name)
    if isinstance(mapped, Relation) and not mapped.many and isinstance(direction, dict):
        return _related_terms(state, mapped, t, name, direction, seen)
    if (
        not isinstance(mapped, Scalar)
        or not mapped.sortable
        or isinstance(direction, dict)
    ):
        raise BadUserInput(f"cannot sort by '{name}'", argument="sort")
    expr = f"coalesce({raw(mapped, t)}, {SENTINELS[mapped.kind]})"
    if expr in seen:
        return []
    seen.add(expr)
    return [SortKey(expr, direction == "DESC")]


def _related_terms(
    state: Compilation,
    rel: Relation,
    t: str,
    name: str,
    direction: dict[str, Any],
    seen: set[str],
) -> list[SortKey]:
    """Keys from a field of a related single node (`sort: [{country: {name: ASC}}]`)."""
    target = state.type(rel.target)
    inner = state.var()
    pattern, _ = state.pattern(rel, t, inner)
    result = []
    for sub, sub_direction in one_key(direction).items():
        field = target.fields.get(sub)
        if not isinstance(field, Scalar) or not field.sortable:
            raise BadUserInput(f"cannot sort by {name}.{sub}", argument="sort")
        expr = (
            f"coalesce(head(COLLECT {{ MATCH {pattern} RETURN "
            f"{raw(field, inner)} }}), {SENTINELS[field.kind]})"
        )
        if expr not in seen:
            seen.add(expr)
            result.append(SortKey(expr, sub_direction == "DESC"))
    return result


def one_key(element: dict[str, Any]) -> dict[str, Any]:
    """A sort element's one key: input objects do not keep the order fields were
    written in, so `{a: ASC, b: DESC}` would be ambiguous; a list says it."""
    set_fields = {k: v for k, v in element.items() if v is not None}
    if len(set_fields) != 1:
        raise BadUserInput(
            "each sort element sets exactly one field; list several elements "
            "for several keys, e.g. [{name: ASC}, {iso3: DESC}]",
            argument="sort",
        )
    return set_fields
