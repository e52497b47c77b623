"""The mapping the Cypher compiler reads, handed to it as one value.

graph.mapping declares how GraphQL types and root fields map onto the graph; the
compiler (graph.cypher) takes a Catalog of those tables as a parameter instead of
importing them, so what it compiles against is explicit (and a test can give it
another). CATALOG is the application's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.mapping import ROOT_LISTS, ROOT_LOOKUPS, SEARCHABLE, TYPES, TypeMap


# eq=False: compared and hashed by identity; its tables are plain dicts.
@dataclass(frozen=True, eq=False)
class Catalog:
    """Object types by GraphQL name, and the root fields that reach them."""

    types: Mapping[str, TypeMap]
    # Root connection fields: field name -> the type they list.
    root_lists: Mapping[str, str]
    # Root lookups: field name -> (type, the argument naming its key).
    root_lookups: Mapping[str, tuple[str, str]]
    # Labels a search hit may carry -> the union member it is.
    searchable: Mapping[str, str]


CATALOG = Catalog(
    types=TYPES,
    root_lists=ROOT_LISTS,
    root_lookups=ROOT_LOOKUPS,
    searchable=SEARCHABLE,
)
