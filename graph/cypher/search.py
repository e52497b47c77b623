"""`search(text:, types:, first:)`: the full-text index, best hits first.

Hits are ordered by score, then element id (so equal scores keep one order), and
each hit's node is projected as the union member its label makes it, with its
`__typename`.
"""

from __future__ import annotations

from graph.cypher import projection
from graph.cypher.fragments import entries
from graph.cypher.plan import LuceneText, SearchLabels
from graph.cypher.state import Compilation
from graph.errors import BadUserInput
from graph.model import SEARCH_INDEX
from graph.selection import Leaf, Selection

DEFAULT_HITS = "20"


def search(state: Compilation, sel: Selection, asof: str) -> str:
    """The statement's body up to `AS result`."""
    text = sel.args.get("text")
    if not isinstance(text, Leaf):
        raise BadUserInput("'text' is required", argument="text")
    query = state.argument(text, "text", LuceneText())
    limit = state.page_size(sel.args, "first") or DEFAULT_HITS
    node, score = "node", "score"
    filters = []
    types = sel.args.get("types")
    if isinstance(types, Leaf):
        labels = tuple(
            (name.upper(), str(label))
            for label, name in state.catalog.searchable.items()
        )
        listed = state.argument(types, "types", SearchLabels(labels))
        filters.append(f"any(l IN labels({node}) WHERE l IN {listed})")
    where = f" WHERE {' AND '.join(filters)}" if filters else ""
    hit: list[tuple[str, str]] = []
    # Each hit, an object with its node (one more) and what that nests.
    nodes = sum(child.name == "node" for child in sel.children)
    with state.counting(limit, weight=1 + nodes, copies=max(nodes, 1)):
        for child in sel.children:
            if child.name == "score":
                hit.append((child.key, score))
            elif child.name == "node":
                hit.append((child.key, _member(state, child, node, asof)))
    return (
        f"CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', {query}) "
        f"YIELD node, score{where} "
        f"WITH {node}, {score} ORDER BY {score} DESC, elementId({node}) LIMIT {limit} "
        f"WITH collect({{{entries(hit)}}}) AS result"
    )


def _member(state: Compilation, sel: Selection, node: str, asof: str) -> str:
    """The hit's node projected by its label, with the union member's name."""
    cases = []
    for label, type_name in state.catalog.searchable.items():
        members = [c for c in sel.children if c.on_type in (None, type_name)]
        projected = projection.project(
            state, members, state.type(type_name), node, asof
        )
        projected = projected[:-1] + ", __typename: '" + type_name + "'}"
        cases.append(f"WHEN {node}:`{label}` THEN {projected}")
    return f"CASE {' '.join(cases)} END"
