"""The cost directives of the IBM GraphQL cost specification, on every list and
connection field, so clients and gateways can see how the server counts a query.

Derived from the model where the fields are (schema.objects, schema.roots, the
timeline and search): never written per field. The server's own estimate
(graph.cypher.plan) bounds each list at run time by min(page asked, the largest
fan-out the data has), which a static schema cannot carry: `assumedSize` is the
page bound.
"""

import strawberry
from strawberry.schema_directive import Location

from settings import DEFAULT_MAX_PAGE_SIZE

# A list without `first` returns at most this (TREATYGRAPH_MAX_PAGE_SIZE's default).
DEFAULT_PAGE = DEFAULT_MAX_PAGE_SIZE
_CONNECTION_ARGUMENTS = ["first", "last"]
_SIZED = ["edges", "nodes"]


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    description=(
        "IBM GraphQL cost spec: what each object this field returns costs. The "
        "server counts 1 per JSON object returned, plus 1 per related node its "
        "relation filters walk, against TREATYGRAPH_MAX_COST."
    ),
)
class Cost:
    weight: str


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    description=(
        "IBM GraphQL cost spec: how many items this list returns at most. "
        "assumedSize is the page bound (the server's maximum page size); at run "
        "time the server bounds it further by the data's statistics (the most "
        "items of this relation any one node has, or a root list's node count), "
        "which change with the data and so are not in the schema."
    ),
)
class ListSize:
    # UNSET: left out of the printed SDL when a field does not give it.
    assumed_size: int | None = strawberry.UNSET
    slicing_arguments: list[str] | None = strawberry.UNSET
    sized_fields: list[str] | None = strawberry.UNSET
    require_one_slicing_argument: bool = False


def list_field(slicing: bool, assumed: int = DEFAULT_PAGE) -> list[object]:
    """A plain list's directives; `slicing`: it takes `first`."""
    return [
        Cost(weight="1"),
        ListSize(
            assumed_size=assumed, slicing_arguments=["first"] if slicing else None
        ),
    ]


def connection_field() -> list[object]:
    """A connection's directives: `first`/`last` size its `edges` and `nodes`."""
    return [
        Cost(weight="1"),
        ListSize(
            assumed_size=DEFAULT_PAGE,
            slicing_arguments=_CONNECTION_ARGUMENTS,
            sized_fields=_SIZED,
        ),
    ]
