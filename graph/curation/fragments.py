"""Cypher pieces the curation statements share, each written once.

Labels and types come from graph.model's enums, never from input; values stay
$parameters.
"""

from __future__ import annotations

from typing import Literal, LiteralString

from graph.model import KEYS, Label, Rel

# The curation record of this transaction, which every write links to.
MATCH_CURATION: LiteralString = f"MATCH (cur:`{Label.CURATION}` {{key: $curation}})"

# One state and one treaty, as events and PARTY_TO join them.
MATCH_STATE_AND_TREATY: LiteralString = (
    f"MATCH (c:`{Label.COUNTRY}` {{iso3: $iso3}}) "
    f"MATCH (t:`{Label.TREATY}` {{slug: $treaty}})"
)


def cite(*citers: str, verb: Literal["MERGE", "CREATE"] = "MERGE") -> LiteralString:
    """A subquery making each of `citers` cite every source in $sources."""
    links = " ".join(f"{verb} ({citer})-[:`{Rel.CITES}`]->(s)" for citer in citers)
    return (
        f"CALL ({', '.join(citers)}) {{ UNWIND $sources AS id "
        f"MATCH (s:`{Label.SOURCE}` {{id: id}}) {links} }}"
    )


# Ends every fact statement: the fact `n` and its curation record cite the sources.
CITE_FACT: LiteralString = "WITH n, cur " + cite("n", "cur")


def link_each(
    node: str,
    rel: Rel,
    label: Label,
    keys: str,
    *,
    inbound: bool = False,
    scope: str | None = None,
) -> LiteralString:
    """A subquery linking the new `node` by `rel` to each `label` node keyed in `keys`.

    `keys` is a $parameter or a list on a row in `scope` (default: `node` alone);
    CREATE, not MERGE, since `node` was created in this statement.
    """
    edge = f"(m)-[:`{rel}`]->({node})" if inbound else f"({node})-[:`{rel}`]->(m)"
    return (
        f"CALL ({scope or node}) {{ UNWIND {keys} AS k "
        f"MATCH (m:`{label}` {{`{KEYS[label]}`: k}}) CREATE {edge} }}"
    )
