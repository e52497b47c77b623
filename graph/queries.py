"""Small fixed Cypher queries (health, dataset); compiled queries live in graph.compiler."""

from __future__ import annotations

from typing import LiteralString

DATASET: LiteralString = (
    "OPTIONAL MATCH (d:Dataset {id: 'seed'}) "
    "RETURN d.version AS version, d.partyRule AS partyRule, toString(d.loadedAt) AS loadedAt"
)
