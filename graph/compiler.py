"""Compile one root field's selection into exactly one Cypher query.

The query returns the response already shaped: map projections for fields,
COLLECT/COUNT/EXISTS subqueries for relations, filters and quantifiers, ORDER BY
and LIMIT applied before projection, keyset cursors for pagination. Labels, types
and property names come from graph.mapping; every user value is a `$p<n>` leaf.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.errors import BadUserInput
from graph.mapping import (
    ROOT_LISTS,
    ROOT_LOOKUPS,
    SEARCHABLE,
    TYPES,
    Relation,
    Scalar,
    Special,
    TypeMap,
)
from graph.model import SEARCH_INDEX, Label, Rel
from graph.selection import Cost, Leaf, Plan, Selection

TODAY = "$today"
_SENTINELS = {
    "string": "'\\uffff'",
    "int": "9223372036854775807",
    "float": "1.0e308",
    "date": "date('9999-12-31')",
    "bool": "true",
    "enum": "'\\uffff'",
}
_OPS = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
_STRING_OPS = {
    "contains": "CONTAINS",
    "startsWith": "STARTS WITH",
    "endsWith": "ENDS WITH",
}
_CONSENT = "['RATIFICATION', 'ACCESSION', 'SUCCESSION', 'ACCEPTANCE', 'APPROVAL']"
VERSION_COLUMN = f"head(COLLECT {{ MATCH (d:`{Label.DATASET}` {{id: 'seed'}}) RETURN d.version }}) AS datasetVersion"


@dataclass(frozen=True)
class SortKey:
    """One ORDER BY term: a null-free expression and its direction."""

    expr: str
    descending: bool


def _q(name: str) -> str:
    # Response keys are GraphQL names ([_A-Za-z][_0-9A-Za-z]*); quoting is belt and braces.
    return "`" + name.replace("`", "") + "`"


class Compiler:
    """Compiles one root field; create one per compilation (it numbers variables)."""

    def __init__(self, default_page_size: int, max_page_size: int) -> None:
        self.default_page_size = default_page_size
        self.max_page_size = max_page_size
        self._vars = 0
        self.plan = Plan(cypher="")
        self._cost = [self.plan.cost]

    # -- entry points -----------------------------------------------------------

    def compile_root(self, sel: Selection) -> Plan:
        """Compile a root field of Query; the query returns `result` and `datasetVersion`."""
        asof = self._asof(sel.args, TODAY)
        if sel.name in ROOT_LOOKUPS:
            type_name, arg = ROOT_LOOKUPS[sel.name]
            tm = TYPES[type_name]
            leaf = sel.args.get(arg)
            if not isinstance(leaf, Leaf):
                raise BadUserInput(f"'{arg}' is required", argument=arg)
            self.plan.arguments[leaf.index] = arg
            v = self._var("this")
            with self._counting("1"):
                projection = self._project(sel.children, tm, v, asof)
            body = (
                f"OPTIONAL MATCH ({v}:`{tm.label}` {{`{tm.key}`: {leaf.param}}}) "
                f"WITH {projection} AS result"
            )
        elif sel.name in ROOT_LISTS or sel.name == "timeline":
            type_name = ROOT_LISTS.get(sel.name, "TreatyEvent")
            tm = TYPES[type_name]
            args = self._timeline_args(sel.args) if sel.name == "timeline" else sel.args
            body = (
                "WITH "
                + self._connection(
                    Relation("({t}:`" + tm.label + "`)", type_name, order=()),
                    sel.children,
                    args,
                    v=None,
                    asof=asof,
                )
                + " AS result"
            )
        elif sel.name == "search":
            body = self._search(sel, asof)
        else:  # pragma: no cover - the schema and this table are checked together
            raise ValueError(f"no compiler for root field {sel.name}")
        self.plan.cypher = f"CYPHER 5 {body} RETURN result, {VERSION_COLUMN}"
        return self.plan

    # -- helpers ----------------------------------------------------------------

    @contextlib.contextmanager
    def _counting(self, factor: str) -> Iterator[None]:
        """Relations projected inside nest under one returning up to `factor` items."""
        node = Cost(factor)
        self._cost[-1].children.append(node)
        self._cost.append(node)
        try:
            yield
        finally:
            self._cost.pop()

    def _var(self, prefix: str = "n") -> str:
        self._vars += 1
        return f"{prefix}{self._vars}"

    def _asof(self, args: dict[str, Any], inherited: str) -> str:
        leaf = args.get("asOf")
        if isinstance(leaf, Leaf):
            self.plan.arguments[leaf.index] = "asOf"
            return leaf.param
        return inherited

    def _pattern(
        self, rel: Relation, v: str | None, t: str
    ) -> tuple[str, dict[str, str]]:
        names = {"v": v or "", "t": t, "r": self._var("r"), "m": self._var("m")}
        return rel.pattern.format(**names), names

    def _valid(self, rel: Relation, names: dict[str, str], asof: str) -> str | None:
        if rel.valid is None:
            return None
        return rel.valid.format(asof=asof, **names)

    def _page_size(self, args: dict[str, Any], name: str) -> str | None:
        value = args.get(name)
        if value is None:
            return None
        if isinstance(value, Leaf):
            self.plan.arguments[value.index] = name
            self.plan.transforms[value.index] = f"pagesize:{self.max_page_size}"
            return value.param
        raise BadUserInput(f"'{name}' must be an integer", argument=name)

    # -- projection ---------------------------------------------------------------

    def _project(self, sels: list[Selection], tm: TypeMap, v: str, asof: str) -> str:
        entries: dict[str, str] = {}
        for sel in sels:
            if sel.name.startswith("__"):
                continue
            mapped = tm.fields.get(sel.name)
            if mapped is None:  # pragma: no cover - guarded by tests/unit/test_mapping
                raise ValueError(f"{tm.label}.{sel.name} has no mapping")
            if isinstance(mapped, Scalar):
                expr = mapped.expr.format(v=v, asof=asof)
            elif isinstance(mapped, Relation):
                expr = self._relation(mapped, sel, v, asof)
            else:
                expr = self._special(mapped, sel, v, asof)
            if sel.key in entries and entries[sel.key] != expr:
                raise BadUserInput(
                    f"response key '{sel.key}' is used for two different selections",
                    argument=sel.key,
                )
            entries[sel.key] = expr
        inner = ", ".join(f"{_q(k)}: {e}" for k, e in entries.items())
        return f"{v} {{{inner}}}" if inner else f"{v} {{.`{tm.key}`}}"

    def _relation(self, rel: Relation, sel: Selection, v: str, asof: str) -> str:
        asof = self._asof(sel.args, asof)
        if rel.connection:
            return self._connection(rel, sel.children, sel.args, v=v, asof=asof)
        tm = TYPES[rel.target]
        t = self._var()
        pattern, names = self._pattern(rel, v, t)
        conditions = [c for c in (self._valid(rel, names, asof),) if c]
        where = self._where(sel.args.get("where"), tm, t, asof)
        if where:
            conditions.append(where)
        where_clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        if not rel.many:
            with self._counting("1"):
                projection = self._project(sel.children, tm, t, asof)
            return f"head(COLLECT {{ MATCH {pattern}{where_clause} RETURN {projection} LIMIT 1 }})"
        keys = self._sort_keys(sel.args.get("sort"), tm, t, rel.order)
        order = ", ".join(f"{k.expr}{' DESC' if k.descending else ''}" for k in keys)
        limit = self._page_size(sel.args, "first") or str(self.max_page_size)
        with self._counting(limit):
            projection = self._project(sel.children, tm, t, asof)
        return (
            f"COLLECT {{ MATCH {pattern}{where_clause} WITH DISTINCT {t} "
            f"ORDER BY {order} LIMIT {limit} RETURN {projection} }}"
        )

    def _connection(
        self,
        rel: Relation,
        sels: list[Selection],
        args: dict[str, Any],
        *,
        v: str | None,
        asof: str,
    ) -> str:
        tm = TYPES[rel.target]
        t = self._var()
        pattern, names = self._pattern(rel, v, t)
        conditions = [c for c in (self._valid(rel, names, asof),) if c]
        anchor = self._anchor(args.get("where"), tm, t) if v is None else None
        if anchor is not None:
            pattern = f"{pattern}, {anchor[0]}"
            conditions.append(anchor[1])
        where = self._where(args.get("where"), tm, t, asof)
        if where:
            conditions.append(where)
        base = " AND ".join(conditions) if conditions else "true"
        keys = self._sort_keys(args.get("sort"), tm, t, rel.order)
        # Cursors carry this signature, so one minted under another order is refused.
        spec = f"{rel.target}|{args.get('sort')!r}|{rel.order}"
        sig = hashlib.sha1(spec.encode()).hexdigest()[:8]
        first = self._page_size(args, "first")
        last = self._page_size(args, "last")
        if first is not None and last is not None:
            raise BadUserInput("give 'first' or 'last', not both", argument="last")
        backward = last is not None
        size = (last if backward else first) or str(self.default_page_size)
        cursor_arg = "before" if backward else "after"
        other_arg = "after" if backward else "before"
        cursor = self._cursor(args.get(cursor_arg), cursor_arg, sig, len(keys))
        other = self._cursor(args.get(other_arg), other_arg, sig, len(keys))

        entries: dict[str, str] = {
            "__first": size,
            "__backward": str(backward).lower(),
            "__sig": f"'{sig}'",
        }
        wanted = {s.name for s in sels}
        if "totalCount" in wanted:
            # An anchor may reach a node by two relationships: count it once.
            distinct = f" RETURN DISTINCT {t}" if anchor else ""
            entries["totalCount"] = (
                f"COUNT {{ MATCH {pattern} WHERE {base}{distinct} }}"
            )
        node_sels = [c for s in sels if s.name == "nodes" for c in s.children] + [
            c
            for s in sels
            if s.name == "edges"
            for e in s.children
            if e.name == "node"
            for c in e.children
        ]
        if wanted & {"edges", "nodes", "pageInfo"}:
            page_conditions = [base]
            if cursor:
                page_conditions.append(self._keyset(keys, cursor, after=not backward))
            if other:
                page_conditions.append(self._keyset(keys, other, after=backward))
            order = ", ".join(
                f"{k.expr}{' DESC' if k.descending != backward else ''}" for k in keys
            )
            sort_values = ", ".join(k.expr for k in keys)
            with self._counting(size):
                projection = self._project(node_sels, tm, t, asof)
            c = self._var("c")
            entries["__page"] = (
                f"COLLECT {{ MATCH {pattern} WHERE {' AND '.join(page_conditions)} "
                f"WITH DISTINCT {t} ORDER BY {order} LIMIT {size} + 1 "
                f"WITH {t}, [{sort_values}] AS {c} "
                f"RETURN {projection[:-1]}, __c: {c}}} }}"
            )
            if cursor:
                entries["__hasBefore"] = (
                    f"EXISTS {{ MATCH {pattern} WHERE {base} AND "
                    f"{self._keyset(keys, cursor, after=backward, inclusive=True)} }}"
                )
        inner = ", ".join(f"{_q(k)}: {e}" for k, e in entries.items())
        return "{" + inner + "}"

    def _anchor(self, where: Any, tm: TypeMap, t: str) -> tuple[str, str] | None:
        """A start for a root list from one node found by its key, when the filter allows.

        `borders: { some: { iso3: { eq: "RUS" } } }` (a quantifier on a date-free relation
        whose target's natural key must equal a value) means every answer is linked to that
        one node: matching from it (a unique-index seek) makes the rows examined grow
        with the answer, not with the label. The full filter still applies after.
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
            target = TYPES[mapped.target]
            key_ops = ops["some"].get(target.key)
            if (
                isinstance(key_ops, dict)
                and isinstance(key_ops.get("eq"), Leaf)
                and not key_ops.get("ignoreCase")
            ):
                a = self._var("a")
                pattern, _ = self._pattern(mapped, t, a)
                return pattern, f"{a}.`{target.key}` = {key_ops['eq'].param}"
        return None

    def _cursor(self, value: Any, name: str, sig: str, n_keys: int) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Leaf):
            raise BadUserInput(f"'{name}' must be a cursor string", argument=name)
        self.plan.arguments[value.index] = name
        self.plan.transforms[value.index] = f"cursor:{sig}:{n_keys}"
        return value.param

    def _keyset(
        self, keys: list[SortKey], cursor: str, *, after: bool, inclusive: bool = False
    ) -> str:
        """Rows strictly after (or before) the cursor in the sort order."""
        alternatives = []
        for i, key in enumerate(keys):
            forward = after != key.descending
            op = ">" if forward else "<"
            if inclusive and i == len(keys) - 1:
                op += "="
            terms = [f"{k.expr} = {cursor}[{j}]" for j, k in enumerate(keys[:i])]
            terms.append(f"{key.expr} {op} {cursor}[{i}]")
            alternatives.append("(" + " AND ".join(terms) + ")")
        return "(" + " OR ".join(alternatives) + ")"

    def _sort_keys(
        self, sort: Any, tm: TypeMap, t: str, default: tuple[str, ...]
    ) -> list[SortKey]:
        keys: list[SortKey] = []
        seen: set[str] = set()
        for item in sort or []:
            if not isinstance(item, dict):
                continue
            set_fields = _one_key(item)
            for name, direction in set_fields.items():
                keys.extend(self._sort_term(tm, t, name, direction, seen))
        if not sort:
            for name in default:
                keys.extend(self._sort_term(tm, t, name, "ASC", seen))
        # The natural key last: every order is total, so keyset cursors never skip.
        keys.extend(self._sort_term(tm, t, tm.key, "ASC", seen))
        return keys

    def _sort_term(
        self, tm: TypeMap, t: str, name: str, direction: Any, seen: set[str]
    ) -> list[SortKey]:
        mapped = tm.fields.get(name)
        if (
            isinstance(mapped, Relation)
            and not mapped.many
            and isinstance(direction, dict)
        ):
            target = TYPES[mapped.target]
            inner = self._var()
            pattern, _ = self._pattern(mapped, t, inner)
            result = []
            for sub, sub_direction in _one_key(direction).items():
                field = target.fields.get(sub)
                if not isinstance(field, Scalar) or not field.sortable:
                    raise BadUserInput(f"cannot sort by {name}.{sub}", argument="sort")
                expr = (
                    f"coalesce(head(COLLECT {{ MATCH {pattern} RETURN "
                    f"{self._raw(field, inner)} }}), {_SENTINELS[field.kind]})"
                )
                if expr not in seen:
                    seen.add(expr)
                    result.append(SortKey(expr, sub_direction == "DESC"))
            return result
        if (
            not isinstance(mapped, Scalar)
            or not mapped.sortable
            or isinstance(direction, dict)
        ):
            raise BadUserInput(f"cannot sort by '{name}'", argument="sort")
        expr = f"coalesce({self._raw(mapped, t)}, {_SENTINELS[mapped.kind]})"
        if expr in seen:
            return []
        seen.add(expr)
        return [SortKey(expr, direction == "DESC")]

    @staticmethod
    def _raw(field: Scalar, v: str) -> str:
        expr = field.expr
        if field.kind == "date" and expr.startswith("toString("):
            expr = expr[len("toString(") : -1]
        return expr.format(v=v, asof="{asof}")

    # -- filters ------------------------------------------------------------------

    def _where(self, where: Any, tm: TypeMap, v: str, asof: str) -> str | None:
        if where is None:
            return None
        if not isinstance(where, dict):
            raise BadUserInput("'where' must be an object", argument="where")
        terms: list[str] = []
        for name, value in where.items():
            if name == "AND" or name == "OR":
                parts = [self._where(w, tm, v, asof) or "true" for w in value or []]
                if not parts:
                    terms.append("true" if name == "AND" else "false")
                else:
                    terms.append("(" + f" {name} ".join(f"({p})" for p in parts) + ")")
            elif name == "NOT":
                if value is not None:
                    terms.append(f"NOT ({self._where(value, tm, v, asof) or 'true'})")
            else:
                term = self._field_filter(tm, v, name, value, asof)
                if term:
                    terms.append(term)
        return " AND ".join(terms) if terms else None

    def _field_filter(
        self, tm: TypeMap, v: str, name: str, ops: Any, asof: str
    ) -> str | None:
        mapped = tm.fields.get(name)
        if ops is None:
            return None
        if isinstance(mapped, Scalar) and mapped.filterable:
            raw = self._raw(mapped, v).replace("{asof}", asof)
            return self._scalar_filter(raw, mapped.kind, ops, name)
        if isinstance(mapped, Relation):
            return self._relation_filter(mapped, v, ops, asof)
        raise BadUserInput(f"cannot filter on '{name}'", argument="where")

    def _scalar_filter(
        self, expr: str, kind: str, ops: dict[str, Any], name: str
    ) -> str:
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
            self.plan.arguments[value.index] = f"where.{name}.{op}"
            rhs = f"toLower({value.param})" if ignore_case else value.param
            if op == "eq":
                terms.append(f"{lhs} = {rhs}")
            elif op == "in":
                items = (
                    f"[x IN {value.param} | toLower(x)]" if ignore_case else value.param
                )
                terms.append(f"{lhs} IN {items}")
            elif op in _OPS:
                terms.append(f"{lhs} {_OPS[op]} {rhs}")
            elif op in _STRING_OPS:
                terms.append(f"{lhs} {_STRING_OPS[op]} {rhs}")
            elif op == "includes":
                terms.append(f"{value.param} IN {expr}")
            else:
                raise BadUserInput(
                    f"unknown operator '{op}' on {name}", argument="where"
                )
        return " AND ".join(terms) if terms else "true"

    def _relation_filter(self, rel: Relation, v: str, ops: Any, asof: str) -> str:
        tm = TYPES[rel.target]
        if not rel.many:
            t = self._var()
            pattern, names = self._pattern(rel, v, t)
            inner = self._where(ops, tm, t, asof) or "true"
            return f"EXISTS {{ MATCH {pattern} WHERE {inner} }}"
        terms = []
        for quantifier, value in ops.items():
            if value is None:
                continue
            t = self._var()
            pattern, names = self._pattern(rel, v, t)
            valid = self._valid(rel, names, asof)
            scope = f"{valid} AND " if valid else ""
            if quantifier == "count":
                counted = f"COUNT {{ MATCH {pattern} WHERE {scope}true }}"
                terms.append(self._scalar_filter(counted, "int", value, "count"))
                continue
            inner = self._where(value, tm, t, asof) or "true"
            if quantifier == "some":
                terms.append(f"EXISTS {{ MATCH {pattern} WHERE {scope}({inner}) }}")
            elif quantifier == "none":
                terms.append(f"NOT EXISTS {{ MATCH {pattern} WHERE {scope}({inner}) }}")
            elif quantifier == "all":
                terms.append(
                    f"NOT EXISTS {{ MATCH {pattern} WHERE {scope}NOT ({inner}) }}"
                )
            elif quantifier == "single":
                terms.append(f"COUNT {{ MATCH {pattern} WHERE {scope}({inner}) }} = 1")
            else:
                raise BadUserInput(
                    f"unknown quantifier '{quantifier}'", argument="where"
                )
        return " AND ".join(terms) if terms else "true"

    # -- special fields -----------------------------------------------------------

    def _special(self, special: Special, sel: Selection, v: str, asof: str) -> str:
        if special.kind == "landBorders":
            return self._land_borders(sel, v, asof)
        if special.kind == "treatyStatus":
            return self._treaty_status(sel, v, asof)
        raise ValueError(f"unknown special field {special.kind}")  # pragma: no cover

    def _land_borders(self, sel: Selection, v: str, asof: str) -> str:
        t, r = self._var(), self._var("r")
        entries = []
        # Unlimited lists (borders, their sources) count as a full page each.
        with self._counting(str(self.max_page_size)):
            for child in sel.children:
                if child.name == "neighbor":
                    with self._counting("1"):
                        expr = self._project(child.children, TYPES["Country"], t, asof)
                elif child.name == "note":
                    expr = f"{r}.note"
                elif child.name == "sources":
                    s = self._var()
                    with self._counting(str(self.max_page_size)):
                        projection = self._project(
                            child.children, TYPES["Source"], s, asof
                        )
                    expr = (
                        f"COLLECT {{ MATCH ({s}:`{Label.SOURCE}`) WHERE {s}.id IN {r}.sourceIds "
                        f"WITH {s} ORDER BY {s}.id RETURN {projection} }}"
                    )
                else:
                    continue
                entries.append(f"{_q(child.key)}: {expr}")
        return (
            f"COLLECT {{ MATCH ({v})-[{r}:`{Rel.BORDERS}`]-({t}:`{Label.COUNTRY}`) "
            f"WITH {t}, {r} ORDER BY {t}.name RETURN {{{', '.join(entries)}}} }}"
        )

    def _treaty_status(self, sel: Selection, v: str, asof: str) -> str:
        asof = self._asof(sel.args, asof)
        slug = sel.args.get("treaty")
        if not isinstance(slug, Leaf):
            raise BadUserInput("'treaty' is required", argument="treaty")
        t, e = self._var(), self._var()
        kinds = (
            f"COLLECT {{ MATCH ({v})-[:`{Rel.HAS_EVENT}`]->({e}:`{Label.TREATY_EVENT}`)"
            f"-[:`{Rel.UNDER}`]->({t}) WHERE {e}.date <= {asof} RETURN {e}.kind }}"
        )
        status = (
            "CASE WHEN 'WITHDRAWAL_EFFECTIVE' IN kinds THEN 'WITHDRAWN' "
            "WHEN 'WITHDRAWAL_DEPOSITED' IN kinds THEN 'WITHDRAWAL_PENDING' "
            "WHEN 'ENTRY_INTO_FORCE' IN kinds THEN 'PARTY' "
            f"WHEN any(k IN kinds WHERE k IN {_CONSENT}) THEN 'CONSENTED' "
            "WHEN 'SIGNATURE' IN kinds THEN 'SIGNATORY' ELSE 'NOT_PARTY' END"
        )
        with self._counting("1"):
            entries = self._treaty_status_entries(sel, v, t, asof, status)
        self.plan.arguments[slug.index] = "treaty"
        return (
            f"head(COLLECT {{ MATCH ({t}:`{Label.TREATY}` {{slug: {slug.param}}}) "
            f"WITH {t}, {kinds} AS kinds RETURN {{{', '.join(entries)}}} }})"
        )

    def _treaty_status_entries(
        self, sel: Selection, v: str, t: str, asof: str, status: str
    ) -> list[str]:
        r = self._var("r")
        entries = []
        for child in sel.children:
            if child.name == "status":
                expr = status
            elif child.name == "asOf":
                expr = f"toString({asof})"
            elif child.name == "suspensionNotified":
                expr = "'SUSPENSION_NOTIFIED' IN kinds"
            elif child.name == "partySince":
                expr = f"toString(head(COLLECT {{ MATCH ({v})-[{r}:`{Rel.PARTY_TO}`]->({t}) RETURN {r}.since }}))"
            elif child.name == "partyUntil":
                expr = f"toString(head(COLLECT {{ MATCH ({v})-[{r}:`{Rel.PARTY_TO}`]->({t}) RETURN {r}.until }}))"
            elif child.name == "treaty":
                with self._counting("1"):
                    expr = self._project(child.children, TYPES["Treaty"], t, asof)
            elif child.name == "events":
                ev = self._var()
                with self._counting(str(self.max_page_size)):
                    projection = self._project(
                        child.children, TYPES["TreatyEvent"], ev, asof
                    )
                expr = (
                    f"COLLECT {{ MATCH ({v})-[:`{Rel.HAS_EVENT}`]->({ev}:`{Label.TREATY_EVENT}`)"
                    f"-[:`{Rel.UNDER}`]->({t}) WHERE {ev}.date IS NULL OR {ev}.date <= {asof} "
                    f"WITH {ev} ORDER BY {ev}.date, {ev}.key RETURN {projection} }}"
                )
            else:
                continue
            entries.append(f"{_q(child.key)}: {expr}")
        return entries

    def _search(self, sel: Selection, asof: str) -> str:
        text = sel.args.get("text")
        if not isinstance(text, Leaf):
            raise BadUserInput("'text' is required", argument="text")
        self.plan.transforms[text.index] = "lucene"
        self.plan.arguments[text.index] = "text"
        limit = self._page_size(sel.args, "first") or "20"
        node, score = "node", "score"
        filters = []
        types = sel.args.get("types")
        if isinstance(types, Leaf):
            self.plan.arguments[types.index] = "types"
            self.plan.transforms[types.index] = "searchtypes"
            filters.append(f"any(l IN labels({node}) WHERE l IN {types.param})")
        where = f" WHERE {' AND '.join(filters)}" if filters else ""
        entries = []
        with self._counting(limit):  # each hit, with its node and what that nests
            for child in sel.children:
                if child.name == "score":
                    entries.append(f"{_q(child.key)}: {score}")
                elif child.name == "node":
                    cases = []
                    for label, type_name in SEARCHABLE.items():
                        members = [
                            c for c in child.children if c.on_type in (None, type_name)
                        ]
                        projected = self._project(members, TYPES[type_name], node, asof)
                        projected = (
                            projected[:-1] + ", __typename: '" + type_name + "'}"
                        )
                        cases.append(f"WHEN {node}:`{label}` THEN {projected}")
                    entries.append(f"{_q(child.key)}: CASE {' '.join(cases)} END")
        return (
            f"CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', {text.param}) "
            f"YIELD node, score{where} "
            f"WITH {node}, {score} ORDER BY {score} DESC, elementId({node}) LIMIT {limit} "
            f"WITH collect({{{', '.join(entries)}}}) AS result"
        )

    # -- argument sugar -------------------------------------------------------------

    @staticmethod
    def _timeline_args(args: dict[str, Any]) -> dict[str, Any]:
        """`timeline(from, to, treaty, country, kinds)` is `events(where: …)` in disguise."""
        where: dict[str, Any] = {}
        date: dict[str, Any] = {}
        if args.get("from") is not None:
            date["gte"] = args["from"]
        if args.get("to") is not None:
            date["lte"] = args["to"]
        if date:
            where["date"] = date
        if args.get("treaty") is not None:
            where["treaty"] = {"slug": {"eq": args["treaty"]}}
        if args.get("country") is not None:
            where["country"] = {"iso3": {"eq": args["country"]}}
        if args.get("kinds") is not None:
            where["kind"] = {"in": args["kinds"]}
        out = {
            k: v for k, v in args.items() if k in {"first", "after", "last", "before"}
        }
        out["where"] = {"AND": [where, args["where"]]} if args.get("where") else where
        out["sort"] = args.get("sort") or [{"date": "ASC"}, {"kind": "ASC"}]
        return out


def _one_key(element: dict[str, Any]) -> dict[str, Any]:
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
