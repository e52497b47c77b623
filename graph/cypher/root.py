"""Compile one root field of Query into exactly one Cypher statement.

The statement returns the answer already shaped (`result`) and the dataset
version; labels, types and property names come from the catalog passed in, and
every user value is a `$p<n>` leaf. The other modules of graph.cypher each hold
one part: the compile state, projection, filters, order, keyset cursors,
connections, search, the special fields and the domain rules.
"""

from __future__ import annotations

from graph.catalog import NODE_ROOTS, Catalog
from graph.cypher import connections, nodes, projection, rules, search, timeline
from graph.cypher.plan import Plan
from graph.cypher.state import MAX_RELATION_FILTERS, Compilation
from graph.errors import BadUserInput
from graph.mapping import Relation
from graph.model import Label
from graph.selection import Leaf, Selection
from settings import DEFAULT_MAX_FILTER_DEPTH

VERSION_COLUMN = f"head(COLLECT {{ MATCH (d:`{Label.DATASET}` {{id: 'seed'}}) RETURN d.version }}) AS datasetVersion"


def compile_root(
    sel: Selection,
    catalog: Catalog,
    default_page_size: int,
    max_page_size: int,
    max_filter_depth: int = DEFAULT_MAX_FILTER_DEPTH,
    max_relation_filters: int = MAX_RELATION_FILTERS,
) -> Plan:
    """The plan of one root field: a lookup, a root list, `timeline`, `search`,
    `node` or `nodes`.

    Raises BadUserInput for arguments the Cypher cannot be built from, and
    LimitExceeded for relation filters nested past `max_filter_depth` in a
    `where`, or more than `max_relation_filters` in all of them.
    """
    state = Compilation(
        catalog,
        default_page_size,
        max_page_size,
        max_filter_depth,
        max_relation_filters,
    )
    asof = rules.as_of(state, sel.args, rules.TODAY)
    if sel.name in catalog.root_lookups:
        body = _lookup(state, sel, asof)
    elif sel.name in catalog.root_lists or sel.name == "timeline":
        type_name = catalog.root_lists.get(sel.name, "TreatyEvent")
        args = timeline.events_args(sel.args) if sel.name == "timeline" else sel.args
        tm = state.type(type_name)
        everything = Relation(
            "({t}:`" + tm.label + "`)", type_name, valid=tm.begins, order=tm.order
        )
        label = tm.label
        page = connections.connection(
            state, everything, sel.children, args, v=None, asof=asof, bound=label
        )
        body = f"WITH {page} AS result"
    elif sel.name == "search":
        body = search.search(state, sel, asof)
    elif sel.name in NODE_ROOTS:
        body = nodes.nodes(state, sel, asof)
    else:  # pragma: no cover - the schema and the catalog are checked together
        raise ValueError(f"no compiler for root field {sel.name}")
    state.plan.cypher = f"CYPHER 5 {body} RETURN result, {VERSION_COLUMN}"
    return state.plan


def _lookup(state: Compilation, sel: Selection, asof: str) -> str:
    """One node by its natural key, or null."""
    type_name, arg = state.catalog.root_lookups[sel.name]
    tm = state.type(type_name)
    leaf = sel.args.get(arg)
    if not isinstance(leaf, Leaf):
        raise BadUserInput(f"'{arg}' is required", argument=arg)
    key = state.argument(leaf, arg)
    v = state.var("this")
    with state.counting("1"):
        projected = projection.project(state, sel.children, tm, v, asof)
    exists = f" WHERE {tm.begins.format(t=v, asof=asof)}" if tm.begins else ""
    return (
        f"OPTIONAL MATCH ({v}:`{tm.label}` {{`{tm.key}`: {key}}}){exists} "
        f"WITH {projected} AS result"
    )
