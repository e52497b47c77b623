"""Which root fields the Cypher compiler answers, and which types its rows shape."""

from __future__ import annotations

from graph.mapping import ROOT_LISTS, ROOT_LOOKUPS, TYPES

# Types whose values are maps built by Cypher, keyed by response key (alias).
SHAPED_BY_CYPHER_EXTRA = frozenset({"Border", "TreatyStatus", "SearchHit"})
SHAPED_TYPES = frozenset(TYPES) | SHAPED_BY_CYPHER_EXTRA
COMPILED_ROOTS = frozenset({*ROOT_LISTS, *ROOT_LOOKUPS, "search", "timeline"})
