"""The object types clients select from, generated from the model's declarations.

Every declared node type becomes one Strawberry type with the declared fields and
descriptions. Values arrive already shaped by one Cypher query (schema.install
points every field at the compiled result), so no field has a resolver of its own:
fields with arguments get a signature only (schema.fields.resolved).
"""

import datetime as dt
import inspect
from collections.abc import Iterator
from typing import Any

import strawberry

from model.identity import ID_FIELD, dated_types, node_types
from model.nodes import MODEL
from model.vocabulary import Link, Model, NodeType, Prop
from schema import filters
from schema.computed import SPECIAL
from schema.directives import connection_field, list_field
from schema.enums import wrapped
from schema.fields import Fields, applied, argument, declare, plain, resolved, shell
from schema.node import Node, id_field
from schema.registry import LIST_FIRST, Types, as_of, paging

_SCALARS: dict[str, Any] = {
    "string": str,
    "int": int,
    "float": float,
    "bool": bool,
    "date": dt.date,
    "datetime": dt.datetime,
    "strings": list[str],
}


def _prop(name: str, prop: Prop, node_type: NodeType) -> tuple[Any, Any]:
    value = wrapped(prop.enum) if prop.enum is not None else _SCALARS[prop.kind]
    if name == ID_FIELD:
        # A type's own `id` (Source's handle) is an ID too: beside a Node's `id` in
        # one selection (`... on Node { id } ... on Source { id }`) it must be.
        value = strawberry.ID
    if prop.nullable and name != node_type.key:
        value = value | None
    if prop.deprecated is not None:
        return value, plain(prop.description, deprecation_reason=prop.deprecated)
    return value, plain(prop.description)


def _link_arguments(types: Types, link: Link) -> Iterator[inspect.Parameter]:
    for name in link.args:
        if name == "where":
            yield types.where(link.target)
        elif name == "sort":
            yield types.sort(link.target)
        elif name == "asOf":
            yield as_of()
        elif name == "first":
            # A connection's `first` is one of its paging arguments, below.
            if not link.connection:
                yield argument("first", int | None, LIST_FIRST)
        else:
            raise ValueError(f"{link.target}: unknown link argument {name!r}")
    if link.connection:
        yield from paging()


def _link(types: Types, link: Link) -> tuple[Any, Any]:
    target = types[link.target]
    if link.connection:
        value = types.connection(link.target)
    elif link.many:
        value = applied(list, target)
    else:
        value = target | None if link.nullable else target
    if link.connection:
        directives = connection_field()
    elif link.many:
        directives = list_field("first" in link.args)
    else:
        directives = []
    arguments = list(_link_arguments(types, link))
    if not arguments:
        return value, plain(link.description, directives=directives)
    return value, resolved(value, arguments, link.description, directives)


def _fields(types: Types, node_type: NodeType, dated: bool | None) -> Fields:
    """The type's fields; first its Relay `id` when it is a Node (`dated` not None)."""
    fields: Fields = {} if dated is None else {ID_FIELD: id_field(dated)}
    for name, declared in node_type.fields.items():
        if isinstance(declared, Prop):
            fields[name] = _prop(name, declared, node_type)
        elif isinstance(declared, Link):
            fields[name] = _link(types, declared)
        else:
            fields[name] = SPECIAL[declared.rule](types, declared)
    return fields


def build(model: Model) -> Types:
    """Every declared node type of `model` as a Strawberry object type."""
    types = Types(model, filters.build(model))
    nodes = {t.name for t in node_types(model)}
    dated = dated_types(model)
    types.objects.update(
        {t.name: shell(t.name, Node if t.name in nodes else None) for t in model.types}
    )
    for node_type in model.types:
        name = node_type.name
        declare(
            types[name],
            _fields(types, node_type, name in dated if name in nodes else None),
            node_type.description,
        )
    return types


# MODEL's types, for the app's schema; a fixture model builds its own with build().
MODEL_TYPES = build(MODEL)
