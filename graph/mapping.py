"""How each GraphQL type and field maps onto the graph: the compiler's only input.

Derived from the declarations in model.nodes (one per node type), never written by
hand. Templates use `{v}` for the node being projected, `{t}` for a related node, `{r}`
for the relationship and `{asof}` for the point-in-time parameter. Everything here
is fixed text; user input only ever reaches Cypher as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from model.identity import (
    DATE_SEPARATOR,
    ID_FIELD,
    TYPE_SEPARATOR,
    dated_types,
    node_types,
)
from model.vocabulary import Interval, Link, Model, NodeType, Prop, Step

ScalarKind = Literal[
    "string", "int", "date", "datetime", "bool", "enum", "strings", "float"
]
# Kinds Cypher renders as ISO text in answers, compared and sorted as stored.
TEMPORAL = frozenset({"date", "datetime"})


@dataclass(frozen=True)
class Scalar:
    """A value computed from the node: a property or a small expression."""

    expr: str
    kind: ScalarKind = "string"
    sortable: bool = True
    filterable: bool = True


@dataclass(frozen=True)
class Relation:
    """Related nodes reached by a pattern from `{v}` to `{t}`."""

    pattern: str
    target: str  # GraphQL type name of the related nodes
    many: bool = True
    # Validity at a date, for fields whose answer depends on `asOf`.
    valid: str | None = None
    connection: bool = False
    # Default order when the query gives none (also the keyset tie-break).
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Special:
    """A field compiled by a dedicated function in graph.cypher.specials."""

    kind: str


Field = Scalar | Relation | Special


@dataclass(frozen=True)
class TypeMap:
    """One GraphQL object type backed by one label."""

    label: str
    key: str
    fields: dict[str, Field] = field(default_factory=dict)
    # It implements Relay's Node, and its id names the view's date (model.identity).
    node: bool = False
    dated: bool = False
    # When a node of it exists at `{asof}` (a condition on `{t}`); None: always.
    begins: str | None = None
    # The root listing's order without a `sort` (the key ends every order).
    order: tuple[str, ...] = ()


def interval_text(interval: Interval, var: str) -> str:
    """The Cypher condition that `{asof}` falls in the interval held by `var`."""
    start, end = f"{{{var}}}.{interval.start}", f"{{{var}}}.{interval.end}"
    since = f"{start} <= {{asof}}"
    if interval.unknown_start_counts:
        since = f"({start} IS NULL OR {since})"
    return f"{since} AND ({end} IS NULL OR {end} > {{asof}})"


def _step(step: Step, node: str) -> str:
    rel = ("[{r}:`" if step.rel_var else "[:`") + step.rel + "`]"
    if step.direction == "out":
        return f"-{rel}->{node}"
    if step.direction == "in":
        return f"<-{rel}-{node}"
    return f"-{rel}-{node}"


def _pattern(link: Link, model: Model) -> str:
    via_bound = link.valid is not None and link.valid.on == "via"
    text = "({v})"
    for step in link.path:
        if step.to is None:
            node = "({t}:`" + model[link.target].label + "`)"
        else:
            node = ("({m}:`" if via_bound else "(:`") + step.to + "`)"
        text += _step(step, node)
    return text


def _scalar(name: str, prop: Prop, node_type: NodeType) -> Scalar:
    kind = "enum" if prop.enum is not None else prop.kind
    if prop.valid:
        if node_type.interval is None:
            raise ValueError(f"{node_type.name}.{name}: valid needs an interval")
        expr = "(" + interval_text(node_type.interval, "v") + ")"
    elif kind in TEMPORAL:
        expr = "toString({v}.`" + (prop.stored or name) + "`)"
    else:
        expr = "{v}.`" + (prop.stored or name) + "`"
    return Scalar(expr, kind, prop.sortable, prop.filterable)


def begins_text(node_type: NodeType, var: str = "t") -> str | None:
    """The Cypher condition that a node of the type exists at `{asof}`, or None."""
    if node_type.begins is None:
        return None
    # An unknown date counts as always (as terms of unknown start do): a curated
    # record without its date must not vanish from every view.
    begins = f"{{{var}}}.`{node_type.begins}`"
    return f"({begins} IS NULL OR {begins} <= {{asof}})"


def raw_id(node_type: NodeType, dated: bool) -> Scalar:
    """The Relay id before encoding (execution.ids): `Type:key`, `@date` if dated."""
    text = "'" + node_type.name + TYPE_SEPARATOR + "' + {v}.`" + node_type.key + "`"
    if dated:
        text += " + '" + DATE_SEPARATOR + "' + toString({asof})"
    return Scalar(text, "string", sortable=False, filterable=False)


def _relation(link: Link, model: Model) -> Relation:
    valid = None
    if link.valid is not None:
        var = {"target": "t", "via": "m", "rel": "r"}[link.valid.on]
        valid = interval_text(link.valid.interval, var)
    begins = begins_text(model[link.target])
    if begins is not None:
        valid = begins if valid is None else f"{valid} AND {begins}"
    return Relation(
        _pattern(link, model),
        link.target,
        many=link.many,
        valid=valid,
        connection=link.connection,
        order=link.order,
    )


def type_maps(model: Model) -> dict[str, TypeMap]:
    """Every declared type's mapping, in declaration order."""
    types: dict[str, TypeMap] = {}
    dated = dated_types(model)
    identified = {t.name for t in node_types(model)}
    for node_type in model.types:
        fields: dict[str, Field] = {}
        if node_type.name in identified:
            fields[ID_FIELD] = raw_id(node_type, node_type.name in dated)
        for name, declared in node_type.fields.items():
            if isinstance(declared, Prop):
                fields[name] = _scalar(name, declared, node_type)
            elif isinstance(declared, Link):
                fields[name] = _relation(declared, model)
            else:
                fields[name] = Special(declared.rule)
        types[node_type.name] = TypeMap(
            node_type.label,
            node_type.key,
            fields,
            node=node_type.name in identified,
            dated=node_type.name in dated,
            begins=begins_text(node_type),
            order=node_type.root.order if node_type.root is not None else (),
        )
    return types


def root_lists(model: Model) -> dict[str, str]:
    """Root connection fields: GraphQL field name -> the type it lists."""
    return {t.root.listing: t.name for t in model.types if t.root is not None}


def root_lookups(model: Model) -> dict[str, tuple[str, str]]:
    """Root single lookups: GraphQL field name -> (type, argument naming the key)."""
    return {
        t.root.lookup: (t.name, t.key)
        for t in model.types
        if t.root is not None and t.root.lookup is not None
    }


def searchable(model: Model) -> dict[str, str]:
    """Search hits may be any of these (label -> type), in the union's order."""
    return {t.label: t.name for t in model.searchable()}
