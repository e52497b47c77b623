"""The mapping the Cypher compiler reads, handed to it as one value.

graph.mapping derives from a model how GraphQL types and root fields map onto the
graph; the compiler (graph.cypher) takes a Catalog of those tables as a parameter
instead of importing them, so what it compiles against is explicit and a fixture
model compiles against its own. CATALOG is the application's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.mapping import TypeMap, root_lists, root_lookups, searchable, type_maps
from model.nodes import MODEL
from model.vocabulary import Model

# Root fields the compiler answers besides each type's lookup and listing, and the
# hand-written types whose values its rows shape (besides the declared types).
_EXTRA_ROOTS = frozenset({"search", "timeline"})
# Relay's root fields, when the model has a type implementing Node.
NODE_ROOTS = frozenset({"node", "nodes"})
_EXTRA_SHAPED = frozenset({"Border", "TreatyStatus", "SearchHit"})


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

    @property
    def compiled_roots(self) -> frozenset[str]:
        """Root fields of Query answered by one compiled statement each."""
        nodes = NODE_ROOTS if self.node_types else frozenset()
        return frozenset({*self.root_lists, *self.root_lookups, *_EXTRA_ROOTS, *nodes})

    @property
    def node_types(self) -> dict[str, TypeMap]:
        """The types implementing Relay's Node (those with an `id` of that kind)."""
        return {name: tm for name, tm in self.types.items() if tm.node}

    @property
    def shaped_types(self) -> frozenset[str]:
        """Types whose values are maps the Cypher built, keyed by response key."""
        return frozenset(self.types) | _EXTRA_SHAPED


def catalog_of(model: Model) -> Catalog:
    """Everything the compiler needs to know of one model."""
    return Catalog(
        types=type_maps(model),
        root_lists=root_lists(model),
        root_lookups=root_lookups(model),
        searchable=searchable(model),
    )


CATALOG = catalog_of(MODEL)
