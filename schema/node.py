"""Relay's Global Object Identification: the `Node` interface and its root fields.

Every type model.identity lists implements `Node`; its `id` is built by the
Cypher (graph.mapping.raw_id) and encoded by execution.ids.
"""

from typing import Any

import strawberry

from schema.fields import REQUIRED, Fields, applied, argument, plain, resolved
from schema.registry import MAX_PAGE

_ID = (
    "Relay global id: opaque and stable across reloads (built from the type and its "
    "natural key). Normalised client caches (Apollo, urql, Relay) key on it."
)
_DATED_ID = (
    f"{_ID} It also names the date of this view (the `asOf` this object's fields "
    "answered for), so the same node read as of two dates is two objects in a "
    "cache and never mixes dates; `node(id:)` answers as of that date."
)


@strawberry.interface(
    description="An object with a Relay global id, refetchable with `node(id:)`. "
    "Types with a time-dependent field have dated ids: one id per node and view date."
)
class Node:
    id: strawberry.ID = strawberry.field(description=_ID)


def id_field(dated: bool) -> tuple[Any, Any]:
    """The `id` of one Node type (its description says whether it is dated)."""
    return strawberry.ID, plain(_DATED_ID if dated else _ID)


def fields() -> Fields:
    """`node(id:)` and `nodes(ids:)`."""
    one = Node | None
    many = applied(list, Node | None)
    node_arg = argument(
        "id", strawberry.ID, "A Node's `id`, as some field returned it.", REQUIRED
    )
    ids_arg = argument(
        "ids",
        applied(list, strawberry.ID),
        f"Node ids, as fields returned them ({MAX_PAGE}).",
        REQUIRED,
    )
    return {
        "node": (
            one,
            resolved(
                one,
                [node_arg],
                "The node with this id, as of the date a dated id names; null when "
                "no such node exists (an id that is not one is BAD_USER_INPUT).",
            ),
        ),
        "nodes": (
            many,
            resolved(
                many,
                [ids_arg],
                "The nodes with these ids, in their order, each as of its own "
                "id's date; null for each that does not exist.",
            ),
        ),
    }
