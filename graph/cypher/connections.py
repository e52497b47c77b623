"""Relay connections: one map with the page, its size, direction and signature,
and the total count when it is selected.

The page is fetched with one row more than asked, so the reader knows whether
another page follows; a backward page (`last`) runs the order reversed and the
reader (execution.pages.page_items) puts it back. `totalCount` is a COUNT
subquery over the same condition, without the cursor.
"""

from __future__ import annotations

from typing import Any

from graph.cypher import filters, keyset, projection, rules
from graph.cypher.fragments import entries
from graph.cypher.order import order_by, sort_keys
from graph.cypher.state import Compilation
from graph.errors import BadUserInput
from graph.mapping import Relation, TypeMap
from graph.selection import Leaf, Selection
from graph.statistics import fanout_key


def connection(
    state: Compilation,
    rel: Relation,
    sels: list[Selection],
    args: dict[str, Any],
    *,
    v: str | None,
    asof: str,
    bound: str,
) -> str:
    """The connection's map; `v` None for a root list (which starts from the label).
    `bound`: the statistic of its rows (the fan-out, or the label's node count)."""
    tm = state.type(rel.target)
    t = state.var()
    pattern, names = state.pattern(rel, v, t)
    conditions = [c for c in (rules.valid(rel, names, asof),) if c]
    anchor = _anchor(state, args.get("where"), tm, t) if v is None else None
    if anchor is not None:
        pattern = f"{pattern}, {anchor[0]}"
        conditions.append(anchor[1])
        if anchor[2] is not None:
            bound = anchor[2]
    where = filters.where(state, args.get("where"), tm, t, asof)
    if where:
        conditions.append(where)
    base = " AND ".join(conditions) if conditions else "true"
    keys = sort_keys(state, args.get("sort"), tm, t, rel.order)
    # Cursors carry this signature, so one minted under another order is refused.
    sig = keyset.signature(rel, args)
    first = state.page_size(args, "first")
    last = state.page_size(args, "last")
    if first is not None and last is not None:
        raise BadUserInput("give 'first' or 'last', not both", argument="last")
    backward = last is not None
    size = (last if backward else first) or str(state.default_page_size)
    cursor_arg = "before" if backward else "after"
    other_arg = "after" if backward else "before"
    cursor = keyset.cursor(state, args.get(cursor_arg), cursor_arg, sig, len(keys))
    other = keyset.cursor(state, args.get(other_arg), other_arg, sig, len(keys))

    fields: dict[str, str] = {
        "__first": size,
        "__backward": str(backward).lower(),
        "__sig": f"'{sig}'",
    }
    wanted = {s.name for s in sels}
    # Counted as the connection object (and its pageInfo), once per parent; its
    # filters test every row (the page's and totalCount's COUNT).
    with state.counting(
        "1",
        weight=1 + sum(s.name == "pageInfo" for s in sels),
        walks=filters.walks(state, args.get("where"), tm),
        candidates=bound,
        keyed=_keyed(args.get("where"), tm),
    ):
        if "totalCount" in wanted:
            # An anchor may reach a node by two relationships: count it once.
            distinct = f" RETURN DISTINCT {t}" if anchor else ""
            fields["totalCount"] = f"COUNT {{ MATCH {pattern} WHERE {base}{distinct} }}"
        if wanted & {"edges", "nodes", "pageInfo"}:
            page = [base]
            if cursor:
                page.append(keyset.beyond(keys, cursor, after=not backward))
            if other:
                page.append(keyset.beyond(keys, other, after=backward))
            sort_values = ", ".join(k.expr for k in keys)
            with state.counting(
                size,
                bound,
                weight=_objects(sels),
                copies=_copies(sels),
                keyed=_keyed(args.get("where"), tm),
            ):
                projected = projection.project(
                    state, _node_selections(sels), tm, t, asof
                )
            c = state.var("c")
            fields["__page"] = (
                f"COLLECT {{ MATCH {pattern} WHERE {' AND '.join(page)} "
                f"WITH DISTINCT {t} ORDER BY {order_by(keys, reverse=backward)} "
                f"LIMIT {size} + 1 WITH {t}, [{sort_values}] AS {c} "
                f"RETURN {projected[:-1]}, __c: {c}}} }}"
            )
            if cursor:
                before = keyset.beyond(keys, cursor, after=backward, inclusive=True)
                fields["__hasBefore"] = (
                    f"EXISTS {{ MATCH {pattern} WHERE {base} AND {before} }}"
                )
    return "{" + entries(fields.items()) + "}"


def _keyed(where: Any, tm: TypeMap) -> str | None:
    """The leaf the natural key must equal or be in (`where: { iso3: { in: … } }`):
    it bounds the rows, for the estimate. Case-folded matches may match more."""
    ops = where.get(tm.key) if isinstance(where, dict) else None
    if not isinstance(ops, dict) or ops.get("ignoreCase"):
        return None
    for op in ("eq", "in"):
        if isinstance(ops.get(op), Leaf):
            return str(ops[op].param)
    return None


def _copies(sels: list[Selection]) -> int:
    """How many times each page item's node is in the response (aliases)."""
    nodes = sum(s.name == "nodes" for s in sels)
    edges = sum(e.name == "node" for s in sels if s.name == "edges" for e in s.children)
    return nodes + edges


def _objects(sels: list[Selection]) -> int:
    """JSON objects per page item: each copy of its node, each edge."""
    return _copies(sels) + sum(s.name == "edges" for s in sels)


def _node_selections(sels: list[Selection]) -> list[Selection]:
    """What is selected of the nodes, through `nodes` and `edges { node }`."""
    nodes = [c for s in sels if s.name == "nodes" for c in s.children]
    edges = [
        c
        for s in sels
        if s.name == "edges"
        for e in s.children
        if e.name == "node"
        for c in e.children
    ]
    return nodes + edges


def _anchor(
    state: Compilation, where: Any, tm: TypeMap, t: str
) -> tuple[str, str, str | None] | None:
    """A start for a root list from one node found by its key, when the filter allows.

    `borders: { some: { iso3: { eq: "RUS" } } }` (a quantifier on a date-free relation
    whose target's natural key must equal a value) means every answer is linked to that
    one node: matching from it (a unique-index seek) makes the rows examined grow
    with the answer, not with the label. The full filter still applies after.
    Third: when the relation is undirected (the same both ways), the statistic of
    its fan-out, which then bounds the answers too (they are that node's related).
    """
    if not isinstance(where, dict):
        return None
    for name, ops in where.items():
        mapped = tm.fields.get(name)
        if (
            not isinstance(mapped, Relation)
            or not mapped.many
            or mapped.valid is not None
            or not isinstance(ops, dict)
            or not isinstance(ops.get("some"), dict)
        ):
            continue
        target = state.type(mapped.target)
        key_ops = ops["some"].get(target.key)
        if (
            isinstance(key_ops, dict)
            and isinstance(key_ops.get("eq"), Leaf)
            and not key_ops.get("ignoreCase")
        ):
            a = state.var("a")
            pattern, _ = state.pattern(mapped, t, a)
            undirected = "->" not in pattern and "<-" not in pattern
            bound = fanout_key(tm.label, name) if undirected else None
            return pattern, f"{a}.`{target.key}` = {key_ops['eq'].param}", bound
    return None
