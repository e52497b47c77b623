"""Small fixed Cypher queries (health, dataset); compiled queries live in graph.compiler."""

from __future__ import annotations

from typing import LiteralString

DATASET: LiteralString = (
    "OPTIONAL MATCH (d:Dataset {id: 'seed'}) "
    "RETURN d.version AS version, d.partyRule AS partyRule, toString(d.loadedAt) AS loadedAt"
)

# The hero question in plain Cypher: NATO members (today) bordering Russia whose
# ministers recommended withdrawal from the Ottawa Convention.
HERO: LiteralString = (
    "MATCH (c:Country)-[:HAS_MEMBERSHIP]->(m:Membership)-[:OF_ORGANIZATION]->"
    "(:Organization {code: 'NATO'}) "
    "WHERE m.since <= $asOf AND (m.until IS NULL OR m.until > $asOf) "
    "AND EXISTS { (c)-[:BORDERS]-(:Country {iso3: 'RUS'}) } "
    "AND EXISTS { (c)<-[:ADDRESSED_TO]-(r:Recommendation {action: 'WITHDRAW'})"
    "-[:CONCERNS]->(:Treaty {slug: 'ottawa'}) "
    "WHERE EXISTS { (r)<-[:MAKES]-(:Statement)<-[:AUTHORED]-(:Person) } } "
    "RETURN c.name AS name ORDER BY name"
)
PARTIES_ON: LiteralString = (
    "MATCH (c:Country)-[p:PARTY_TO]->(:Treaty {slug: $slug}) "
    "WHERE p.since <= $asOf AND (p.until IS NULL OR p.until > $asOf) "
    "RETURN count(c) AS parties"
)
