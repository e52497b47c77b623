"""What full-text search accepts and returns: derived from the model's searchable types.

`SearchType` names each searchable type in upper case (execution.plans maps it
back to a label the same way); `SearchResult` is their union, in search rank order.
"""

from typing import Annotated, Any, Union

import strawberry

from model.enums import Described
from schema.enums import wrapped
from schema.fields import applied, object_type, plain
from schema.registry import Types


def _search_type(types: Types) -> Any:
    # Each member is (name, (value, description)), described as its type is.
    members = [
        (t.name.upper(), (t.name.upper(), t.description))
        for t in types.model.searchable()
    ]
    search_types: Any = Described("SearchType", members)  # type: ignore[arg-type]  # Enum's functional API, which mypy reads as __new__
    search_types.__doc__ = "Types a search may return."
    return wrapped(search_types)


def _search_hit(types: Types) -> Any:
    members = tuple(types[t.name] for t in types.model.searchable())
    union = strawberry.union("SearchResult", description="Anything search can find.")
    result = applied(Annotated, applied(Union, *members), union)
    return object_type(
        "SearchHit",
        {
            "score": (float, plain("Relevance; higher is better.")),
            "node": (result, plain("What was found.")),
        },
        "A search hit and its relevance score.",
    )


def search_hit(types: Types) -> Any:
    """`SearchHit`: one hit, its node of the `SearchResult` union."""
    return types.made("SearchHit", _search_hit)


def search_type(types: Types) -> Any:
    """`SearchType`: the names `search(types:)` accepts."""
    return types.made("SearchType", _search_type)
