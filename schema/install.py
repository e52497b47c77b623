"""Wire graphql-core's resolvers to the compiled execution.

Strawberry declares the schema; this replaces each field's resolver so that root
fields run one compiled Cypher query and every field below reads the map that
query returned, without per-field Python work or extra database calls.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType, GraphQLUnionType

from graph.mapping import ROOT_LISTS, ROOT_LOOKUPS, TYPES
from resolvers import execute

# Types whose values are maps built by Cypher, keyed by response key (alias).
SHAPED_BY_CYPHER_EXTRA = frozenset({"Border", "TreatyStatus", "SearchHit"})
SHAPED_TYPES = frozenset(TYPES) | SHAPED_BY_CYPHER_EXTRA
COMPILED_ROOTS = frozenset({*ROOT_LISTS, *ROOT_LOOKUPS, "search", "timeline"})
_CONNECTION_FIELDS = {
    "edges": execute.connection_edges,
    "nodes": execute.connection_nodes,
    "totalCount": execute.connection_total,
    "pageInfo": execute.connection_page_info,
}


def install(schema: Any) -> None:
    """Point every field of the compiled types at the compiled-result readers."""
    gql = schema._schema  # graphql-core schema Strawberry built
    shaped = SHAPED_TYPES
    for name, gtype in gql.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(gtype, GraphQLUnionType):
            gtype.resolve_type = execute.union_type
        if not isinstance(gtype, GraphQLObjectType):
            continue
        if name == "Query":
            for field_name, field in gtype.fields.items():
                if field_name in COMPILED_ROOTS:
                    field.resolve = execute.resolve_root
        elif name in shaped:
            for field in gtype.fields.values():
                field.resolve = execute.by_response_key
        elif name.endswith("Payload"):
            # Mutation payloads: the written object, read back by its root lookup.
            for field_name, field in gtype.fields.items():
                if field_name in ROOT_LOOKUPS:
                    field.resolve = execute.resolve_written
        elif name.endswith("Connection"):
            for field_name, field in gtype.fields.items():
                field.resolve = _CONNECTION_FIELDS[field_name]
        elif name.endswith("Edge") or name == "PageInfo":
            for field in gtype.fields.values():
                field.resolve = execute.by_name
