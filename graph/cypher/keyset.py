"""Keyset cursors: pages start strictly after (or before) a row's sort values.

A cursor is only good for the field and sort it was minted under: the signature
of both travels in the page (`__sig`) and in the cursor, and parameters() refuses
a cursor whose signature differs (CursorCheck). No row offsets are used, so a page
stays put when rows are inserted before it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from graph.cypher.order import SortKey
from graph.cypher.plan import CursorCheck
from graph.cypher.state import Compilation
from graph.errors import BadUserInput
from graph.mapping import Relation
from graph.selection import Leaf


def signature(rel: Relation, args: dict[str, Any]) -> str:
    """What a cursor of this relation under this sort is signed with."""
    spec = f"{rel.target}|{args.get('sort')!r}|{rel.order}"
    return hashlib.sha1(spec.encode()).hexdigest()[:8]


def cursor(
    state: Compilation, value: Any, name: str, sig: str, n_keys: int
) -> str | None:
    """The `after`/`before` argument as a parameter of `n_keys` values, if given."""
    if value is None:
        return None
    if not isinstance(value, Leaf):
        raise BadUserInput(f"'{name}' must be a cursor string", argument=name)
    return state.argument(value, name, CursorCheck(sig, n_keys))


def beyond(
    keys: list[SortKey], cursor: str, *, after: bool, inclusive: bool = False
) -> str:
    """Rows strictly after (or before) the cursor in the sort order; `inclusive`
    also takes the cursor's own row."""
    alternatives = []
    for i, key in enumerate(keys):
        forward = after != key.descending
        op = ">" if forward else "<"
        if inclusive and i == len(keys) - 1:
            op += "="
        terms = [f"{k.expr} = {cursor}[{j}]" for j, k in enumerate(keys[:i])]
        terms.append(f"{key.expr} {op} {cursor}[{i}]")
        alternatives.append("(" + " AND ".join(terms) + ")")
    return "(" + " OR ".join(alternatives) + ")"
