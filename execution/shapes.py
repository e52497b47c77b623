"""Complete a compiled root field's answer without graphql-core's executor.

The compiled Cypher returns each root field's answer already shaped by response
key. What graphql-core still does with it, field by field, is: serialize leaves,
check non-null fields, answer `__typename`, pick a union member, and turn
connection maps into `edges`, `nodes` and `pageInfo`. A shape is that work as
functions built once per query shape from the bound selection and the schema's
types: one generated function per selected object, with its leaves inlined, and
small closures for lists, unions and connections. Where a value is not one it can
complete exactly as graphql-core would (a null in a non-null field, a leaf whose
serializer refuses it, a map where a list belongs), it raises `Unshaped`, and
graphql-core completes the same rows instead, errors and all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
)

from execution import ids
from execution.compiled import catalog_in
from execution.pages import page_edges, page_info, page_items
from graph.selection import Selection
from model.identity import ID_FIELD

Complete = Callable[[Any], Any]

# Per scalar, the test under which graphql-core's serializer returns a value as it is
# (Date, DateTime: Cypher sends ISO text, which their scalars pass through; Int: 32 bits;
# Float: finite, since x - x is nan for inf and nan). Source over `{x}`.
_PASSES = {
    "String": "type({x}) is str",
    "ID": "type({x}) is str",
    "Date": "type({x}) is str",
    "DateTime": "type({x}) is str",
    "Boolean": "type({x}) is bool",
    "Int": f"(type({{x}}) is int and {-(2**31)} <= {{x}} <= {2**31 - 1})",
    "Float": "(type({x}) is float and {x} - {x} == 0.0)",
}
# Distinct enum values remembered per enum type (they come from the seed's vocabularies).
_ENUM_MEMO = 256


class Unshaped(Exception):
    """This value needs graphql-core's own completion (and perhaps its error)."""


def shape(selection: Selection, schema: GraphQLSchema) -> Complete:
    """The completer of one compiled root field of Query.

    Raises Unshaped when the selection reaches a type whose values are not built
    by the compiler (the request then takes graphql-core's path).
    """
    query = schema.query_type
    assert query is not None
    field = query.fields[selection.name]
    return _output(field.type, selection.children, schema)


def _output(
    gtype: GraphQLOutputType, children: list[Selection], schema: GraphQLSchema
) -> Complete:
    nullable = not isinstance(gtype, GraphQLNonNull)
    inner = gtype.of_type if isinstance(gtype, GraphQLNonNull) else gtype
    if isinstance(inner, GraphQLList):
        return _list(_output(inner.of_type, children, schema), nullable)
    if isinstance(inner, GraphQLScalarType):
        return _scalar(inner, nullable)
    if isinstance(inner, GraphQLEnumType):
        return _enum(inner, nullable)
    if isinstance(inner, GraphQLUnionType | GraphQLInterfaceType):
        members = {
            member.name: _object(member, children, schema, nullable=False)
            for member in schema.get_possible_types(inner)
        }
        return _union(members, nullable)
    if isinstance(inner, GraphQLObjectType):
        if inner.name.endswith("Connection"):
            return _connection(inner, children, schema, nullable)
        if inner.name.endswith("Edge") or inner.name == "PageInfo":
            return _built(inner, children, schema, nullable)
        if inner.name in catalog_in(schema).shaped_types:
            return _object(inner, children, schema, nullable)
    raise Unshaped(f"{inner} is not built by the compiler")


def _missing(nullable: bool) -> None:
    if not nullable:
        raise Unshaped("null in a non-null field")


def _list(item: Complete, nullable: bool) -> Complete:
    def complete(value: Any) -> Any:
        if type(value) is list:
            return [item(v) for v in value]
        if value is None:
            return _missing(nullable)
        raise Unshaped("not a list")

    return complete


def _exact(gtype: GraphQLScalarType | GraphQLEnumType, value: Any) -> Any:
    """graphql-core's own serialization of a leaf; Unshaped where it would error."""
    try:
        serialized = gtype.serialize(value)
    except Exception as error:
        raise Unshaped(str(error)) from None
    if serialized is None:
        raise Unshaped("serialized to null")
    return serialized


def _scalar(gtype: GraphQLScalarType, nullable: bool) -> Complete:
    """A leaf returned as it is where it passes its type's test (`_PASSES`), else
    serialized by graphql-core's own serializer."""
    test = _PASSES.get(gtype.name, "False").format(x="x")
    namespace: dict[str, Any] = {"_missing": _missing, "_exact": _exact, "t": gtype}
    exec(  # source built from the fixed `_PASSES` table only
        f"def complete(x):\n    if {test}:\n        return x\n"
        f"    if x is None:\n        return _missing({nullable!r})\n"
        "    return _exact(t, x)",
        namespace,
    )
    complete: Complete = namespace["complete"]
    return complete


def _enum(gtype: GraphQLEnumType, nullable: bool) -> Complete:
    memo: dict[Any, Any] = {}

    def complete(value: Any) -> Any:
        if value is None:
            return _missing(nullable)
        try:
            return memo[value]
        except (KeyError, TypeError):
            serialized = _exact(gtype, value)
            if len(memo) < _ENUM_MEMO and isinstance(value, str):
                memo[value] = serialized
            return serialized

    return complete


def _node_id(value: Any) -> str:
    """A Node's id from the plain text the Cypher built (execution.ids)."""
    if type(value) is str:
        return ids.encode(value)
    raise Unshaped("not a node id's text")


def _constant(value: str) -> Complete:
    def complete(_: Any) -> str:
        return value

    return complete


def _passes(gtype: GraphQLOutputType) -> str | None:
    """The `_PASSES` test of a leaf type, as source over `{x}` (null passes where the
    field is nullable), or None; generated completers inline it."""
    nullable = not isinstance(gtype, GraphQLNonNull)
    inner = gtype.of_type if isinstance(gtype, GraphQLNonNull) else gtype
    if not isinstance(inner, GraphQLScalarType) or inner.name not in _PASSES:
        return None
    test = _PASSES[inner.name]
    return f"({test} or {{x}} is None)" if nullable else test


def _object(
    gtype: GraphQLObjectType,
    children: list[Selection],
    schema: GraphQLSchema,
    nullable: bool,
) -> Complete:
    """A Cypher-built map, keyed by response key; fields of other union members skipped.

    Generated as one function per selection (like graphql-jit's compiled queries):
    leaves whose value is already its serialization cost a type test, not a call.
    The source is built only from response keys and field names, which the GraphQL
    parser has checked are names, and every literal in it is written with repr().
    """
    namespace: dict[str, Any] = {"Unshaped": Unshaped, "_missing": _missing}
    body = [
        "def complete(v):",
        "    if type(v) is not dict:",
        "        if v is None:",
        f"            return _missing({nullable!r})",
        "        raise Unshaped('not a map')",
        "    g = v.get",
    ]
    entries: dict[str, str] = {}
    node = gtype.name in catalog_in(schema).node_types
    for sel in children:
        if sel.on_type is not None and sel.on_type != gtype.name:
            continue
        if sel.name == "__typename":
            entries.setdefault(sel.key, repr(gtype.name))
            continue
        if sel.key in entries:
            continue  # merged selections: the first one's position, the same value
        index = len(entries)
        field_type = gtype.fields[sel.name].type
        if node and sel.name == ID_FIELD:
            namespace[f"c{index}"] = _node_id
            passes = None
        else:
            namespace[f"c{index}"] = _output(field_type, sel.children, schema)
            passes = _passes(field_type)
        x = f"x{index}"
        if passes is None:
            body.append(f"    {x} = c{index}(g({sel.key!r}))")
        else:
            body.append(f"    {x} = g({sel.key!r})")
            body.append(f"    if not {passes.format(x=x)}:")
            body.append(f"        {x} = c{index}({x})")
        entries[sel.key] = x
    body.append(
        "    return {" + ", ".join(f"{k!r}: {e}" for k, e in entries.items()) + "}"
    )
    exec("\n".join(body), namespace)
    complete: Complete = namespace["complete"]
    return complete


def _union(members: dict[str, Complete], nullable: bool) -> Complete:
    def complete(value: Any) -> Any:
        if type(value) is dict:
            member = members.get(value.get("__typename"))  # type: ignore[arg-type]
            if member is None:
                raise Unshaped("not a member of the union")
            return member(value)
        if value is None:
            return _missing(nullable)
        raise Unshaped("not a map")

    return complete


def _built(
    gtype: GraphQLObjectType,
    children: list[Selection],
    schema: GraphQLSchema,
    nullable: bool,
) -> Complete:
    """An edge or page info: a map built in Python, keyed by field name."""
    fields: list[tuple[str, str, Complete]] = []
    for sel in children:
        if sel.name == "__typename":
            fields.append((sel.key, sel.name, _constant(gtype.name)))
            continue
        field = gtype.fields[sel.name]
        fields.append((sel.key, sel.name, _output(field.type, sel.children, schema)))

    def complete(value: Any) -> Any:
        if value is None:
            return _missing(nullable)
        get = value.get
        return {key: fn(get(name)) for key, name, fn in fields}

    return complete


_PARTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "totalCount": lambda source: source.get("totalCount"),
    "nodes": page_items,
    "edges": page_edges,
    "pageInfo": page_info,
}


def _connection(
    gtype: GraphQLObjectType,
    children: list[Selection],
    schema: GraphQLSchema,
    nullable: bool,
) -> Complete:
    """A Relay connection from the compiled page map (execution.pages)."""
    parts: list[tuple[str, Callable[[dict[str, Any]], Any], Complete]] = []
    for sel in children:
        if sel.name == "__typename":
            parts.append((sel.key, _PARTS["totalCount"], _constant(gtype.name)))
            continue
        field_type = gtype.fields[sel.name].type
        parts.append(
            (sel.key, _PARTS[sel.name], _output(field_type, sel.children, schema))
        )

    def complete(value: Any) -> Any:
        if type(value) is dict:
            return {key: fn(read(value)) for key, read, fn in parts}
        if value is None:
            return _missing(nullable)
        raise Unshaped("not a connection map")

    return complete
