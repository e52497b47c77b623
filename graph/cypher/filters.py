"""`where`: operators on scalars, quantifiers on related nodes, AND/OR/NOT.

Fields given together must all hold. A list relation takes `some`, `all`, `none`,
`single` and `count`; a single related node takes its own `where`. A dated
relation is filtered on the date its field answers for. Booleans and nulls are
written into the text (they change the shape); every other value is a parameter.
"""

from __future__ import annotations

from typing import Any

from graph.cypher import rules
from graph.cypher.fragments import raw
from graph.cypher.plan import Walk
from graph.cypher.state import Compilation
from graph.errors import BadUserInput
from graph.mapping import Relation, Scalar, TypeMap
from graph.selection import Leaf
from graph.statistics import fanout_key

_COMPARISONS = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
_STRING_OPS = {
    "contains": "CONTAINS",
    "startsWith": "STARTS WITH",
    "endsWith": "ENDS WITH",
}
# A list relation's quantifiers over its related nodes (`count` is an Int filter).
# `single` filters a pattern comprehension rather than counting in COUNT {}: Neo4j
# 5.26 takes about seven times longer to plan each COUNT {} = 1 nested in another
# (five deep: over 30 s), while this form stays flat (bench/notes.md). Both count
# one row per path whose condition is true, so null counts as false in each.
_QUANTIFIERS = {
    "some": "EXISTS {{ MATCH {pattern} WHERE {scope}({inner}) }}",
    "none": "NOT EXISTS {{ MATCH {pattern} WHERE {scope}({inner}) }}",
    "all": "NOT EXISTS {{ MATCH {pattern} WHERE {scope}NOT ({inner}) }}",
    "single": "size([{t} IN [{pattern} WHERE {scope}true | {t}] WHERE ({inner})]) = 1",
}


def where(state: Compilation, value: Any, tm: TypeMap, v: str, asof: str) -> str | None:
    """The condition on `v` a `where` argument sets; None when it sets none.

    Raises LimitExceeded when its relation filters nest too deep or are too many
    (Compilation.filtering), before compiling any of it.
    """
    state.filtering(*measure(state, value, tm))
    return _conditions(state, value, tm, v, asof)


def measure(state: Compilation, value: Any, tm: TypeMap) -> tuple[int, int]:
    """How deep relation filters nest in `value` (one per relation hop, none for
    AND/OR/NOT) and how many there are: each is one subquery. Malformed parts count
    nothing, since compiling them refuses them."""
    if not isinstance(value, dict):
        return 0, 0
    deepest = total = 0
    for name, operand in value.items():
        if name in ("AND", "OR") and isinstance(operand, list):
            parts = [measure(state, w, tm) for w in operand]
        elif name == "NOT":
            parts = [measure(state, operand, tm)]
        elif isinstance(mapped := tm.fields.get(name), Relation):
            parts = [_measure_hop(state, mapped, operand)]
        else:
            parts = []
        deepest = max([deepest, *(d for d, _ in parts)])
        total += sum(n for _, n in parts)
    return deepest, total


def _measure_hop(state: Compilation, rel: Relation, ops: Any) -> tuple[int, int]:
    """The hop to `rel`'s nodes: one level and one subquery per quantifier given
    (`count` takes an Int filter), plus the filters on the related nodes."""
    if not isinstance(ops, dict):
        return 0, 0
    target = state.type(rel.target)
    if not rel.many:
        depth, total = measure(state, ops, target)
        return 1 + depth, 1 + total
    given = [(q, w) for q, w in ops.items() if w is not None]
    if not given:
        return 0, 0
    inner = [measure(state, w, target) for q, w in given if q != "count"]
    depth = max((d for d, _ in inner), default=0)
    return 1 + depth, len(given) + sum(n for _, n in inner)


def walks(state: Compilation, value: Any, tm: TypeMap) -> list[Walk]:
    """The relation filters of `value` as the cost estimate walks them: one per
    quantifier or `count` given (as measure() counts them), each nesting those of
    its related nodes' filters. A row tests every one of them at most."""
    if not isinstance(value, dict):
        return []
    found: list[Walk] = []
    for name, operand in value.items():
        if name in ("AND", "OR") and isinstance(operand, list):
            for w in operand:
                found.extend(walks(state, w, tm))
        elif name == "NOT":
            found.extend(walks(state, operand, tm))
        elif isinstance(mapped := tm.fields.get(name), Relation) and isinstance(
            operand, dict
        ):
            bound = fanout_key(tm.label, name)
            target = state.type(mapped.target)
            if not mapped.many:
                found.append(Walk(bound, walks(state, operand, target)))
                continue
            for quantifier, inner in operand.items():
                if inner is None:
                    continue
                nested = [] if quantifier == "count" else walks(state, inner, target)
                found.append(Walk(bound, nested))
    return found


def _conditions(
    state: Compilation, value: Any, tm: TypeMap, v: str, asof: str
) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadUserInput("'where' must be an object", argument="where")
    terms: list[str] = []
    for name, operand in value.items():
        if name in ("AND", "OR"):
            parts = [
                _conditions(state, w, tm, v, asof) or "true" for w in operand or []
            ]
            if not parts:
                terms.append("true" if name == "AND" else "false")
            else:
                terms.append("(" + f" {name} ".join(f"({p})" for p in parts) + ")")
        elif name == "NOT":
            if operand is not None:
                terms.append(
                    f"NOT ({_conditions(state, operand, tm, v, asof) or 'true'})"
                )
        else:
            term = _field(state, tm, v, name, operand, asof)
            if term:
                terms.append(term)
    return " AND ".join(terms) if terms else None


def _field(
    state: Compilation, tm: TypeMap, v: str, name: str, ops: Any, asof: str
) -> str | None:
    mapped = tm.fields.get(name)
    if ops is None:
        return None
    if isinstance(mapped, Scalar) and mapped.filterable:
        expr = raw(mapped, v).replace("{asof}", asof)
        return scalar(state, expr, mapped.kind, ops, name)
    if isinstance(mapped, Relation):
        return _related(state, mapped, v, ops, asof)
    raise BadUserInput(f"cannot filter on '{name}'", argument="where")


def scalar(
    state: Compilation, expr: str, kind: str, ops: dict[str, Any], name: str
) -> str:
    """The operators of one scalar filter on `expr`, all of which must hold."""
    ignore_case = bool(ops.get("ignoreCase")) and kind == "string"
    lhs = f"toLower({expr})" if ignore_case else expr
    terms = []
    for op, value in ops.items():
        if op == "ignoreCase":
            continue
        if value is None:
            if op == "eq":
                terms.append(f"{expr} IS NULL")
            continue
        if isinstance(value, bool) and op == "eq":
            # Booleans stay in the shape (two values), so they are literals here.
            terms.append(f"{expr} = {str(value).lower()}")
            continue
        if not isinstance(value, Leaf):
            raise BadUserInput(f"bad value for {name}.{op}", argument="where")
        param = state.argument(value, f"where.{name}.{op}")
        rhs = f"toLower({param})" if ignore_case else param
        if op == "eq":
            terms.append(f"{lhs} = {rhs}")
        elif op == "in":
            items = f"[x IN {param} | toLower(x)]" if ignore_case else param
            terms.append(f"{lhs} IN {items}")
        elif op in _COMPARISONS:
            terms.append(f"{lhs} {_COMPARISONS[op]} {rhs}")
        elif op in _STRING_OPS:
            terms.append(f"{lhs} {_STRING_OPS[op]} {rhs}")
        elif op == "includes":
            terms.append(f"{param} IN {expr}")
        else:
            raise BadUserInput(f"unknown operator '{op}' on {name}", argument="where")
    return " AND ".join(terms) if terms else "true"


def _related(state: Compilation, rel: Relation, v: str, ops: Any, asof: str) -> str:
    """A single related node's own `where`, or a list relation's quantifiers."""
    tm = state.type(rel.target)
    if not rel.many:
        t = state.var()
        pattern, _ = state.pattern(rel, v, t)
        inner = _conditions(state, ops, tm, t, asof) or "true"
        return f"EXISTS {{ MATCH {pattern} WHERE {inner} }}"
    terms = []
    for quantifier, value in ops.items():
        if value is None:
            continue
        t = state.var()
        pattern, names = state.pattern(rel, v, t)
        valid = rules.valid(rel, names, asof)
        scope = f"{valid} AND " if valid else ""
        if quantifier == "count":
            counted = f"COUNT {{ MATCH {pattern} WHERE {scope}true }}"
            terms.append(scalar(state, counted, "int", value, "count"))
            continue
        inner = _conditions(state, value, tm, t, asof) or "true"
        template = _QUANTIFIERS.get(quantifier)
        if template is None:
            raise BadUserInput(f"unknown quantifier '{quantifier}'", argument="where")
        terms.append(template.format(pattern=pattern, scope=scope, inner=inner, t=t))
    return " AND ".join(terms) if terms else "true"
