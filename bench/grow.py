"""Grow the seeded graph synthetically to N times its size, with the same shape.

SYNTHETIC DATA, for benchmarks only: every node it adds carries the extra label
`:Synthetic` and names like "Synthetic State 000042"; none of it is a fact. For a factor
N it adds (N-1) times as many states, organizations, memberships, treaties, party
relationships, treaty events, sources, citations, borders, chambers, votes, people,
offices, terms, statements and recommendations as the curated seed holds (claims and
stockpiles are not grown). Links follow the seed's shape (state -> events -> treaty,
facts -> sources, ...) but stay among synthetic nodes, and dates avoid 2025, so the
answers to Q1-Q5 do not change: what grows is everything around them.

    python -m bench.grow --port 7702 --factor 10     (a Neo4j already seeded)
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, LiteralString

from neo4j import Driver, GraphDatabase

BATCH = 10_000

# label -> statement creating $n synthetic nodes (i = 0..n-1) and linking them to
# already-created synthetic nodes by index; $c holds every label's synthetic count.
_STEPS: list[tuple[str, LiteralString]] = [
    (
        "Country",
        "CREATE (:Country:Synthetic {iso3: 'S' + i, iso2: 's' + i, "
        "name: 'Synthetic State ' + right('000000' + toString(i), 6), region: 'Synthetic', "
        "subregion: 'Synthetic', unStatus: 'MEMBER', aliases: [], nativeNames: [], searchText: ''})",
    ),
    (
        "Organization",
        "CREATE (:Organization:Synthetic {code: 'SYN-ORG-' + i, name: 'Synthetic Organization ' + i, "
        "kind: 'synthetic', searchText: ''})",
    ),
    (
        "Membership",
        "MATCH (c:Country {iso3: 'S' + (i % $c.Country)}) "
        "MATCH (o:Organization {code: 'SYN-ORG-' + (i % $c.Organization)}) "
        "CREATE (c)-[:HAS_MEMBERSHIP]->(:Membership:Synthetic {key: 'SYN-M-' + i, "
        "since: date('2000-01-01') + duration({days: i % 7000})})-[:OF_ORGANIZATION]->(o)",
    ),
    (
        "Treaty",
        "CREATE (:Treaty:Synthetic {slug: 'syn-treaty-' + i, name: 'Synthetic Treaty ' + i, "
        "aliases: [], searchText: ''})",
    ),
    (
        "PARTY_TO",
        "MATCH (c:Country {iso3: 'S' + (i % $c.Country)}) "
        "MATCH (t:Treaty {slug: 'syn-treaty-' + (i % $c.Treaty)}) "
        "CREATE (c)-[:PARTY_TO {since: date('2001-01-01') + duration({days: i % 5000}), derived: true}]->(t)",
    ),
    (
        "TreatyEvent",
        "MATCH (c:Country {iso3: 'S' + (i % $c.Country)}) "
        "MATCH (t:Treaty {slug: 'syn-treaty-' + (i % $c.Treaty)}) "
        "CREATE (c)-[:HAS_EVENT]->(:TreatyEvent:Synthetic {key: 'syn-ev-' + i, "
        "kind: ['SIGNATURE', 'RATIFICATION', 'ENTRY_INTO_FORCE'][i % 3], "
        "date: date('1990-01-01') + duration({days: i % 12000}), derived: false})-[:UNDER]->(t)",
    ),
    (
        "Source",
        "CREATE (:Source:Synthetic {id: 'syn-src-' + i, url: 'urn:synthetic:source:' + i, "
        "publisher: 'Synthetic', title: 'Synthetic source ' + i, kind: 'ARTICLE', searchText: ''})",
    ),
    (
        "CITES",
        "MATCH (e:TreatyEvent {key: 'syn-ev-' + (i % $c.TreatyEvent)}) "
        "MATCH (s:Source {id: 'syn-src-' + ((i * 7 + i / $c.TreatyEvent) % $c.Source)}) "
        "MERGE (e)-[:CITES]->(s)",
    ),
    (
        "BORDERS",
        "MATCH (a:Country {iso3: 'S' + (i % $c.Country)}) "
        "MATCH (b:Country {iso3: 'S' + ((i % $c.Country + 1 + 12 * (i / $c.Country)) % $c.Country)}) "
        "MERGE (a)-[:BORDERS]->(b)",
    ),
    (
        "Chamber",
        "MATCH (c:Country {iso3: 'S' + ((i * 29) % $c.Country)}) "
        "CREATE (:Chamber:Synthetic {key: 'syn-ch-' + i, name: 'Synthetic Chamber ' + i, "
        "seats: 100, searchText: ''})-[:OF_COUNTRY]->(c)",
    ),
    (
        "ParliamentVote",
        "MATCH (ch:Chamber {key: 'syn-ch-' + (i % $c.Chamber)}) "
        "MATCH (t:Treaty {slug: 'syn-treaty-' + (i % $c.Treaty)}) "
        "CREATE (ch)<-[:IN_CHAMBER]-(:ParliamentVote:Synthetic {key: 'syn-vote-' + i, "
        "date: date('2010-01-01') + duration({days: i % 5000}), outcome: 'PASSED', "
        "votesFor: 100, votesAgainst: 0})-[:ON_TREATY]->(t)",
    ),
    (
        "Person",
        "MATCH (c:Country {iso3: 'S' + ((i * 9) % $c.Country)}) "
        "CREATE (:Person:Synthetic {key: 'syn-person-' + i, name: 'Synthetic Person ' + i, "
        "aliases: [], searchText: ''})-[:OF_COUNTRY]->(c)",
    ),
    (
        "Office",
        "MATCH (c:Country {iso3: 'S' + ((i * 9) % $c.Country)}) "
        "CREATE (:Office:Synthetic {key: 'syn-office-' + i, title: 'Synthetic Minister', "
        "kind: 'synthetic'})-[:OF_COUNTRY]->(c)",
    ),
    (
        "Term",
        "MATCH (p:Person {key: 'syn-person-' + (i % $c.Person)}) "
        "MATCH (o:Office {key: 'syn-office-' + (i % $c.Office)}) "
        "CREATE (p)-[:HELD]->(:Term:Synthetic {key: 'syn-term-' + i})-[:OF_OFFICE]->(o)",
    ),
    (
        "Statement",
        "MATCH (p:Person {key: 'syn-person-' + (i % $c.Person)}) "
        "MATCH (c:Country {iso3: 'S' + ((i * 5) % $c.Country)}) "
        "MATCH (s:Source {id: 'syn-src-' + (i % $c.Source)}) "
        "CREATE (p)-[:AUTHORED]->(st:Statement:Synthetic {key: 'syn-st-' + i, "
        "date: date('2015-01-01') + duration({days: i % 3000}), kind: 'STATEMENT', "
        "title: 'Synthetic statement ' + i, searchText: ''})-[:ON_BEHALF_OF]->(c) "
        "CREATE (st)-[:CITES]->(s)",
    ),
    (
        "Recommendation",
        "MATCH (st:Statement {key: 'syn-st-' + (i % $c.Statement)}) "
        "MATCH (t:Treaty {slug: 'syn-treaty-' + (i % $c.Treaty)}) "
        "MATCH (c:Country {iso3: 'S' + ((i * 11) % $c.Country)}) "
        "CREATE (st)-[:MAKES]->(r:Recommendation:Synthetic {key: 'syn-rec-' + i, action: 'WITHDRAW', "
        "date: st.date})-[:CONCERNS]->(t) CREATE (r)-[:ADDRESSED_TO]->(c)",
    ),
]


def quiet_driver(uri: str) -> Driver:
    """A sync driver that does not ask for (and log) Neo4j's query notifications."""
    return GraphDatabase.driver(uri, notifications_min_severity="OFF")


def _seed_counts(driver: Driver) -> dict[str, int]:
    """How many of each the curated seed holds (synthetic nodes excluded)."""
    counts: dict[str, int] = {}
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:Synthetic RETURN labels(n)[0] AS label, count(*) AS n"
    )
    counts.update({r["label"]: r["n"] for r in records})
    for rel in ("PARTY_TO", "CITES", "BORDERS"):
        records, _, _ = driver.execute_query(
            f"MATCH (a)-[r:{rel}]->(b) WHERE NOT a:Synthetic RETURN count(r) AS n"
        )
        counts[rel] = records[0]["n"]
    return counts


def synthetic_count(driver: Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (n:Synthetic) RETURN count(n) AS n")
    return int(records[0]["n"])


def grow(driver: Driver, factor: int) -> dict[str, Any]:
    """Add (factor - 1) x the seed's nodes and links; returns what was added."""
    seed = _seed_counts(driver)
    copies = factor - 1
    planned = {label: seed.get(label, 0) * copies for label, _ in _STEPS}
    began = time.monotonic()
    if copies > 0:
        for label, statement in _STEPS:
            with driver.session() as session:
                # Built from the fixed text above; counts are parameters.
                session.run(
                    "UNWIND range(0, $n - 1) AS i CALL (i) { " + statement + " } "
                    f"IN TRANSACTIONS OF {BATCH} ROWS",
                    n=planned[label],
                    c=planned,
                ).consume()
    return {
        "factor": factor,
        "seed": seed,
        "added": planned,
        "seconds": time.monotonic() - began,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--port", type=int, required=True, help="Bolt port of a seeded Neo4j"
    )
    parser.add_argument("--factor", type=int, required=True)
    args = parser.parse_args(argv)
    with quiet_driver(f"bolt://127.0.0.1:{args.port}") as driver:
        if synthetic_count(driver):
            print(
                "the graph already holds synthetic nodes; reseed (--reset) first",
                file=sys.stderr,
            )
            return 1
        report = grow(driver, args.factor)
    print(
        f"added {sum(report['added'].values())} synthetic nodes/links in {report['seconds']:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
