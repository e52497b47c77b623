"""Map projections: each selected field by response key, relations as subqueries.

A related list is `COLLECT { MATCH … ORDER BY … LIMIT … RETURN … }` (at most a
page), a single related node `head(COLLECT { … LIMIT 1 })`. Relations and the
special fields nest projections of their own, so this module, connections and
specials call each other (through module imports, resolved at call time).
"""

from __future__ import annotations

from graph.cypher import connections, filters, rules, specials
from graph.cypher.fragments import entries
from graph.cypher.order import order_by, sort_keys
from graph.cypher.state import Compilation
from graph.errors import BadUserInput
from graph.mapping import Relation, Scalar, TypeMap
from graph.selection import Selection
from graph.statistics import fanout_key


def project(
    state: Compilation, sels: list[Selection], tm: TypeMap, v: str, asof: str
) -> str:
    """`v {key: expression, …}`; only the natural key when nothing is selected."""
    fields: dict[str, str] = {}
    for sel in sels:
        if sel.name.startswith("__"):
            continue
        mapped = tm.fields.get(sel.name)
        if mapped is None:  # pragma: no cover - guarded by tests/unit/test_mapping
            raise ValueError(f"{tm.label}.{sel.name} has no mapping")
        if isinstance(mapped, Scalar):
            expr = mapped.expr.format(v=v, asof=asof)
        elif isinstance(mapped, Relation):
            expr = relation(state, mapped, sel, v, asof, fanout_key(tm.label, sel.name))
        else:
            expr = specials.special(state, mapped, sel, v, asof)
        if sel.key in fields and fields[sel.key] != expr:
            raise BadUserInput(
                f"response key '{sel.key}' is used for two different selections",
                argument=sel.key,
            )
        fields[sel.key] = expr
    inner = entries(fields.items())
    return f"{v} {{{inner}}}" if inner else f"{v} {{.`{tm.key}`}}"


def relation(
    state: Compilation, rel: Relation, sel: Selection, v: str, asof: str, bound: str
) -> str:
    """A relation field of `v`: a connection, a list or a single node (`bound`:
    the statistic of its largest fan-out)."""
    asof = rules.as_of(state, sel.args, asof)
    if rel.connection:
        return connections.connection(
            state, rel, sel.children, sel.args, v=v, asof=asof, bound=bound
        )
    tm = state.type(rel.target)
    t = state.var()
    pattern, names = state.pattern(rel, v, t)
    conditions = [c for c in (rules.valid(rel, names, asof),) if c]
    where = filters.where(state, sel.args.get("where"), tm, t, asof)
    if where:
        conditions.append(where)
    where_clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    tests = filters.walks(state, sel.args.get("where"), tm)
    if not rel.many:
        with state.counting("1", walks=tests):
            projected = project(state, sel.children, tm, t, asof)
        return f"head(COLLECT {{ MATCH {pattern}{where_clause} RETURN {projected} LIMIT 1 }})"
    keys = sort_keys(state, sel.args.get("sort"), tm, t, rel.order)
    limit = state.page_size(sel.args, "first") or str(state.max_page_size)
    with state.counting(limit, bound, walks=tests):
        projected = project(state, sel.children, tm, t, asof)
    return (
        f"COLLECT {{ MATCH {pattern}{where_clause} WITH DISTINCT {t} "
        f"ORDER BY {order_by(keys)} LIMIT {limit} RETURN {projected} }}"
    )
