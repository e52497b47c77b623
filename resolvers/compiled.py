"""graphql-core's resolvers for the compiled fields: they read answers, never bind.

A query's compiled root fields were bound and read before execution began
(execution.operations): their resolver returns each one's answer from the root
value, by response key. Fields below read the map that answer holds by response
key, so aliases of one field with different arguments keep their own answers. A
mutation payload's object is the exception: it is read as the mutation runs, by the
root lookup of the same name, binding the payload's selection once.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo

from execution import ids
from execution.binding import Binder
from execution.compiled import catalog_in
from execution.context import Context
from execution.operations import RootAnswers
from execution.pages import page_edges, page_info, page_items
from execution.plans import parameters, plan_for
from execution.reads import answered, fetch_in_turn
from graph.selection import Leaf, Selection


def resolve_root(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Every compiled root field of a query: the answer read before execution."""
    root = info.root_value
    if not isinstance(root, RootAnswers):
        raise RuntimeError("a compiled root field ran without its answers")
    return root.answer(str(info.path.key))


async def resolve_written(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """A mutation payload's object (`event`, `vote` …, and `curation`), read back by
    the root lookup of the same name, so clients select from it exactly as from
    `Query`: by the payload's `<field>_key` (`curation_key`), else its `subject_key`."""
    context: Context = info.context
    settings = context.settings
    binder = Binder(info)
    bound = binder.bind_root()
    catalog = catalog_in(info.schema)
    argument = catalog.root_lookups[bound.name][1]
    binder.leaves.append(
        getattr(source, f"{info.field_name}_key", None) or source.subject_key
    )
    key = Leaf(len(binder.leaves) - 1)
    selection = Selection(bound.name, bound.key, {argument: key}, bound.children)
    plan = plan_for(selection, catalog, settings)
    params = parameters(plan, binder.leaves, context)
    # Aliased payload objects resolve concurrently: they share the request's slots.
    rows = await fetch_in_turn(context, info.field_name, plan, params)
    return answered(context, str(info.path.key), plan, params, rows)


def by_response_key(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Fields of Cypher-shaped maps: the compiler keyed them by alias."""
    if source is None:
        return None
    return source.get(info.path.key)


def node_id(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """A Node's Relay id: the Cypher built its plain text, encoded here."""
    plain = source.get(info.path.key) if source is not None else None
    return ids.encode(plain) if isinstance(plain, str) else plain


def by_name(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Fields of maps built here in Python (edges, pageInfo): keyed by field name."""
    return source.get(info.field_name)


def connection_edges(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Edges of a connection, each with its keyset cursor."""
    return page_edges(source)


def connection_nodes(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Nodes of a connection, without the edge wrapper."""
    return page_items(source)


def connection_total(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Total count, computed by a COUNT {} subquery that never materialises nodes."""
    return source.get("totalCount")


def connection_page_info(source: Any, info: GraphQLResolveInfo[Any], **_: Any) -> Any:
    """Relay page info of a connection."""
    return page_info(source)


def union_type(
    value: Any, info: GraphQLResolveInfo[Any], abstract_type: Any
) -> str | None:
    """Search hits and nodes say which type they are; the compiler put it in the map."""
    return value.get("__typename") if isinstance(value, dict) else None
