"""Keyset-paginated lists: `Connection[T]` (named `<T>Connection`), its edges and page."""

from typing import Generic, TypeVar

import strawberry

T = TypeVar("T")


@strawberry.type(description="Pagination state of a connection.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items after this page.")
    has_previous_page: bool = strawberry.field(
        description="More items before this page."
    )
    start_cursor: str | None = strawberry.field(description="Cursor of the first item.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item.")


@strawberry.type(description="One item of a connection and its keyset cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Opaque keyset cursor; stable under inserts."
    )
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of items with keyset cursors and the total count.")
class Connection(Generic[T]):
    total_count: int = strawberry.field(
        description="All matching items (not only this page)."
    )
    edges: list[Edge[T]] = strawberry.field(description="Items with cursors.")
    nodes: list[T] = strawberry.field(description="Items without cursors.")
    page_info: PageInfo = strawberry.field(description="Pagination state.")
