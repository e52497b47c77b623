"""Wire graphql-core's resolvers to the compiled execution.

Strawberry declares the schema; this replaces each field's resolver so that root
fields return the answer their one compiled Cypher query read (execution.operations)
and every field below reads the map that query returned, without per-field Python
work or extra database calls.
"""

from __future__ import annotations

from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
)

from execution.compiled import attach
from graph.catalog import Catalog
from model.identity import ID_FIELD
from resolvers import compiled

_CONNECTION_FIELDS = {
    "edges": compiled.connection_edges,
    "nodes": compiled.connection_nodes,
    "totalCount": compiled.connection_total,
    "pageInfo": compiled.connection_page_info,
}


def install(schema: GraphQLSchema, catalog: Catalog) -> None:
    """Point every field of the compiled types at the compiled-result readers."""
    attach(schema, catalog)
    for name, gtype in schema.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(gtype, GraphQLUnionType | GraphQLInterfaceType):
            gtype.resolve_type = compiled.union_type
        if not isinstance(gtype, GraphQLObjectType):
            continue
        if name == "Query":
            for field_name, field in gtype.fields.items():
                if field_name in catalog.compiled_roots:
                    field.resolve = compiled.resolve_root
        elif name in catalog.shaped_types:
            for field in gtype.fields.values():
                field.resolve = compiled.by_response_key
            if name in catalog.node_types:
                gtype.fields[ID_FIELD].resolve = compiled.node_id
                # Strawberry's isinstance test for interface members: these values
                # are maps, whose `__typename` already chose the type.
                gtype.is_type_of = None
        elif name.endswith("Payload"):
            # Mutation payloads: the written object, read back by its root lookup.
            for field_name, field in gtype.fields.items():
                if field_name in catalog.root_lookups:
                    field.resolve = compiled.resolve_written
        elif name.endswith("Connection"):
            for field_name, field in gtype.fields.items():
                field.resolve = _CONNECTION_FIELDS[field_name]
        elif name.endswith("Edge") or name == "PageInfo":
            for field in gtype.fields.values():
                field.resolve = compiled.by_name
