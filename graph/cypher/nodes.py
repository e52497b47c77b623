"""`node(id:)` and `nodes(ids:)`: Relay's refetch by global id, in one statement.

The ids arrive decoded (execution.ids, by the plan's NodeRefs step) as maps
`{type, key, asOf}`; each is looked up by a UNION of one unique-key match per Node
type, of which only the branch of its own type can match. A dated id's fields
answer for its own date, so the nodes of one `nodes` list may each have another.
"""

from __future__ import annotations

from graph.cypher import projection
from graph.cypher.plan import NodeRefs
from graph.cypher.state import Compilation
from graph.errors import BadUserInput
from graph.selection import Leaf, Selection

_REF = "ref"


def nodes(state: Compilation, sel: Selection, asof: str) -> str:
    """The statement's body up to `AS result`: one node or null per id, in order."""
    many = sel.name == "nodes"
    arg = "ids" if many else "id"
    leaf = sel.args.get(arg)
    if not isinstance(leaf, Leaf):
        raise BadUserInput(f"'{arg}' is required", argument=arg)
    types = tuple((name, tm.dated) for name, tm in state.catalog.node_types.items())
    step = NodeRefs(types, many, state.max_page_size)
    refs = state.argument(leaf, arg, step)
    # Each id is at most one node, of one type; its branches are costed as one each.
    factor = str(state.max_page_size) if many else "1"
    with state.counting(factor, keyed=refs if many else None):
        branches = [_branch(state, sel, name, asof) for name, _ in types]
    found = "head(COLLECT { " + " UNION ALL ".join(branches) + " })"
    if many:
        return f"WITH [{_REF} IN {refs} | {found}] AS result"
    return f"WITH {refs} AS {_REF} WITH {found} AS result"


def _branch(state: Compilation, sel: Selection, type_name: str, asof: str) -> str:
    tm = state.type(type_name)
    own = f"{_REF}.asOf" if tm.dated else asof
    v = state.var()
    members = [c for c in sel.children if c.on_type in (None, type_name)]
    projected = projection.project(state, members, tm, v, own)
    projected = projected[:-1] + ", __typename: '" + type_name + "'}"
    conditions = [f"{_REF}.type = '{type_name}'"]
    if tm.begins is not None:
        conditions.append(tm.begins.format(t=v, asof=own))
    return (
        f"MATCH ({v}:`{tm.label}` {{`{tm.key}`: {_REF}.key}}) "
        f"WHERE {' AND '.join(conditions)} RETURN {projected} AS node"
    )
