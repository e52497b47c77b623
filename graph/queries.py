"""Small fixed Cypher queries (health, dataset); compiled queries come from graph.cypher."""

from __future__ import annotations

from typing import LiteralString

from graph.model import Label, Rel

DATASET: LiteralString = (
    f"OPTIONAL MATCH (d:`{Label.DATASET}` {{id: 'seed'}}) "
    "RETURN d.version AS version, d.partyRule AS partyRule, toString(d.loadedAt) AS loadedAt"
)

# What a cached GET answer depends on besides its operation (httpapi.caching): the
# seed version and the number of curation writes (a label count: the count store).
FRESHNESS: LiteralString = (
    f"OPTIONAL MATCH (d:`{Label.DATASET}` {{id: 'seed'}}) "
    f"RETURN d.version AS version, COUNT {{ MATCH (:`{Label.CURATION}`) }} AS curations"
)

# The hero question in plain Cypher: NATO members (today) bordering Russia whose
# ministers recommended withdrawal from the Ottawa Convention.
HERO: LiteralString = (
    f"MATCH (c:`{Label.COUNTRY}`)-[:`{Rel.HAS_MEMBERSHIP}`]->(m:`{Label.MEMBERSHIP}`)"
    f"-[:`{Rel.OF_ORGANIZATION}`]->(:`{Label.ORGANIZATION}` {{code: 'NATO'}}) "
    "WHERE m.since <= $asOf AND (m.until IS NULL OR m.until > $asOf) "
    f"AND EXISTS {{ (c)-[:`{Rel.BORDERS}`]-(:`{Label.COUNTRY}` {{iso3: 'RUS'}}) }} "
    f"AND EXISTS {{ (c)<-[:`{Rel.ADDRESSED_TO}`]-"
    f"(r:`{Label.RECOMMENDATION}` {{action: 'WITHDRAW'}})"
    f"-[:`{Rel.CONCERNS}`]->(:`{Label.TREATY}` {{slug: 'ottawa'}}) "
    f"WHERE EXISTS {{ (r)<-[:`{Rel.MAKES}`]-(:`{Label.STATEMENT}`)"
    f"<-[:`{Rel.AUTHORED}`]-(:`{Label.PERSON}`) }} }} "
    "RETURN c.name AS name ORDER BY name"
)
PARTIES_ON: LiteralString = (
    f"MATCH (c:`{Label.COUNTRY}`)-[p:`{Rel.PARTY_TO}`]->(:`{Label.TREATY}` {{slug: $slug}}) "
    "WHERE p.since <= $asOf AND (p.until IS NULL OR p.until > $asOf) "
    "RETURN count(c) AS parties"
)

# Test and benchmark clean-up: the curations whose idempotency keys start with $p,
# and everything they wrote (corrected facts included: tests correct their own).
FORGET_CURATIONS: LiteralString = (
    f"MATCH (c:`{Label.CURATION}`) WHERE coalesce(c.idempotencyKey, c.key) STARTS WITH $p "
    f"OPTIONAL MATCH (c)-[:`{Rel.WROTE}`]->(n) "
    "WITH collect(DISTINCT c) + collect(DISTINCT n) AS doomed "
    "UNWIND doomed AS x DETACH DELETE x"
)
