"""The Strawberry types of one model, and the arguments fields over them take.

A model's types are made by schema.objects.build; a fixture model gets its own set
next to the app's (types with the same name in two sets are different classes).
"""

import datetime as dt
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from model.vocabulary import Model
from schema.connections import Connection
from schema.fields import applied, argument
from schema.filters import Inputs
from settings import Settings

# The figure every page size states: the default deployment's (settings.py).
MAX_PAGE = (
    f"at most TREATYGRAPH_MAX_PAGE_SIZE, {Settings.from_env({}).max_page_size} by "
    "default; more is LIMIT_EXCEEDED"
)
# One description per argument kind, whichever field takes it.
FIRST = (
    f"The first this many items ({MAX_PAGE}); with neither `first` nor `last`, "
    "that many."
)
LAST = f"The last this many items ({MAX_PAGE}); not together with `first`."
AFTER = (
    "Items after this cursor (`pageInfo.endCursor` or an edge's `cursor`) from the "
    "same field with the same `sort`."
)
BEFORE = (
    "Items before this cursor (`pageInfo.startCursor` or an edge's `cursor`) from "
    "the same field with the same `sort`."
)
LIST_FIRST = f"At most this many items ({MAX_PAGE}); without it, that many."
WHERE = (
    "Only items matching this filter (every field given must hold; see {name}Where)."
)
SORT = (
    "Sort keys, most significant first (default: the field's own order); the natural "
    "key breaks ties, so paging never skips or repeats an item."
)
AS_OF = (
    "The date the answer holds on (YYYY-MM-DD); defaults to the request's asOf, or "
    "today."
)


@dataclass
class Types:
    """One model's object types by GraphQL name, and its where/sort inputs.

    Holds the generated node types and the hand-written types made for them
    (Border, TreatyStatus, SearchHit), so each is made once per model.
    """

    model: Model
    inputs: Inputs
    objects: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.objects[name]

    def made(self, name: str, make: Callable[["Types"], Any]) -> Any:
        """The hand-written type `name`, made by `make` the first time it is asked."""
        if name not in self.objects:
            self.objects[name] = make(self)
        return self.objects[name]

    def connection(self, name: str) -> Any:
        """The connection over `name` (`<name>Connection`)."""
        return applied(Connection, self.objects[name])

    def where(self, name: str) -> inspect.Parameter:
        """The `where` argument over `name`."""
        where = self.inputs.where[name] | None
        return argument("where", where, WHERE.format(name=name))

    def sort(self, name: str) -> inspect.Parameter:
        """The `sort` argument over `name`: several keys, in order."""
        return argument("sort", applied(list, self.inputs.sort[name]) | None, SORT)


def as_of(description: str = AS_OF) -> inspect.Parameter:
    """The `asOf` argument: the date time-dependent answers hold on."""
    return argument("asOf", dt.date | None, description)


def paging() -> Iterator[inspect.Parameter]:
    """A connection's keyset paging arguments."""
    yield argument("first", int | None, FIRST)
    yield argument("after", str | None, AFTER)
    yield argument("last", int | None, LAST)
    yield argument("before", str | None, BEFORE)
