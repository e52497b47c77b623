"""Q1-Q5: the same five questions as each contestant asks them, and how to read the answers.

treatygraph gets its own GraphQL; the peer (@neo4j/graphql 7) gets the closest query its
generated schema allows; the floor gets the Cypher treatygraph compiles (captured at
start-up, see bench/floor.py). `answer()` turns each contestant's response into one
neutral shape so the checker can compare them exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# `make test` and the bench pin the date `asOf` defaults to; the peer is given it explicitly.
TODAY = "2026-11-28"


@dataclass(frozen=True)
class Question:
    """One benchmark question: our query, the peer's, and a short label."""

    name: str
    title: str
    ours: str
    peer: str
    peer_variables: dict[str, Any] = field(default_factory=dict)


HERO = """
query NatoStatesBorderingRussiaThatRecommendedWithdrawal {
  countries(
    where: {
      memberships: { some: { organization: { code: { eq: "NATO" } } } }
      borders: { some: { iso3: { eq: "RUS" } } }
      recommendations: { some: { action: { eq: WITHDRAW }, treaty: { slug: { eq: "ottawa" } } } }
    }
    sort: [{ name: ASC }]
  ) {
    totalCount
    nodes { iso3 name recommendations { date authors { name } sources { url } } }
  }
}
"""

# The peer has no asOf: "member today" is spelled out on the membership node's dates.
# Recommendation authors are two hops away (statement -> authors) in its schema.
PEER_HERO = """
query NatoStatesBorderingRussiaThatRecommendedWithdrawal($today: Date!) {
  countriesConnection(
    where: {
      memberships: { some: {
        organization: { code: { eq: "NATO" } }
        since: { lte: $today }
        OR: [{ until: { eq: null } }, { until: { gt: $today } }]
      } }
      borders: { some: { iso3: { eq: "RUS" } } }
      recommendations: { some: { action: { eq: "WITHDRAW" }, treaty: { slug: { eq: "ottawa" } } } }
    }
    sort: [{ name: ASC }]
  ) {
    totalCount
    edges { node {
      iso3 name
      recommendations(sort: [{ date: ASC }, { key: ASC }]) {
        date
        statement { authors(sort: [{ name: ASC }, { key: ASC }]) { name } }
        sources(sort: [{ id: ASC }]) { url }
      }
    } }
  }
}
"""

COUNTRY = """
query CountryInDepth {
  country(iso3: "LTU") {
    iso3 name
    treatyEvents { key kind date treaty { slug } sources { url } }
    chambers {
      key name
      votes { key date outcome votesFor votesAgainst abstainers { name } sources { url } }
    }
    people {
      key name
      terms { key office { title } }
      statements { key date title sources { url } }
    }
    sources { url }
  }
}
"""

PEER_COUNTRY = """
query CountryInDepth {
  countries(where: { iso3: { eq: "LTU" } }) {
    iso3 name
    treatyEvents(sort: [{ date: ASC }, { key: ASC }]) {
      key kind date treaty { slug } sources(sort: [{ id: ASC }]) { url }
    }
    chambers(sort: [{ key: ASC }]) {
      key name
      votes(sort: [{ date: ASC }, { key: ASC }]) {
        key date outcome votesFor votesAgainst
        abstainers(sort: [{ name: ASC }, { key: ASC }]) { name }
        sources(sort: [{ id: ASC }]) { url }
      }
    }
    people(sort: [{ name: ASC }, { key: ASC }]) {
      key name
      terms(sort: [{ start: ASC }, { key: ASC }]) { key office { title } }
      statements(sort: [{ date: ASC }, { key: ASC }]) {
        key date title sources(sort: [{ id: ASC }]) { url }
      }
    }
    sources(sort: [{ id: ASC }]) { url }
  }
}
"""

PARTIES = """
query OttawaParties {
  treaty(slug: "ottawa") {
    parties(first: 50, sort: [{ name: ASC }]) { totalCount nodes { iso3 name } }
  }
}
"""

# Party status is a dated PARTY_TO relationship; the peer filters its properties.
PEER_PARTIES = """
query OttawaParties($today: Date!) {
  treaties(where: { slug: { eq: "ottawa" } }) {
    partiesConnection(
      first: 50
      where: { edge: { since: { lte: $today }, OR: [{ until: { eq: null } }, { until: { gt: $today } }] } }
      sort: [{ node: { name: ASC } }, { node: { iso3: ASC } }]
    ) { totalCount edges { node { iso3 name } } }
  }
}
"""

TIMELINE = """
query Timeline2025 {
  timeline(from: "2025-01-01", to: "2025-12-31") {
    totalCount
    nodes { key kind date country { iso3 name } treaty { slug } }
  }
}
"""

PEER_TIMELINE = """
query Timeline2025 {
  treatyEventsConnection(
    first: 200
    where: { date: { gte: "2025-01-01", lte: "2025-12-31" } }
    sort: [{ date: ASC }, { kind: ASC }, { key: ASC }]
  ) {
    totalCount
    edges { node { key kind date country { iso3 name } treaty { slug } } }
  }
}
"""

SEARCH = """
query Search {
  search(text: "sakaliene", types: [PERSON]) {
    score
    node { ... on Person { key name country { iso3 } } }
  }
}
"""

# The peer hands `phrase` to Lucene verbatim: the client must write the query treatygraph
# builds from "sakaliene" (exact word boosted, or prefix) to get the same hits and scores.
PEER_SEARCH = """
query Search {
  searchPeople(phrase: "(sakaliene^2 OR sakaliene*)", first: 20) {
    edges { score node { key name country { iso3 } } }
  }
}
"""

QUESTIONS: tuple[Question, ...] = (
    Question(
        "Q1",
        "hero query (NATO, borders Russia, recommended withdrawal)",
        HERO,
        PEER_HERO,
        {"today": TODAY},
    ),
    Question("Q2", "one country in depth (LTU, 3 levels)", COUNTRY, PEER_COUNTRY),
    Question(
        "Q3",
        "50 Ottawa parties by name + totalCount",
        PARTIES,
        PEER_PARTIES,
        {"today": TODAY},
    ),
    Question("Q4", "2025 timeline of treaty events", TIMELINE, PEER_TIMELINE),
    Question("Q5", "full-text search 'sakaliene' (people)", SEARCH, PEER_SEARCH),
)
BY_NAME = {q.name: q for q in QUESTIONS}


# -- neutral answers -------------------------------------------------------------------


def _page(connection: dict[str, Any]) -> list[Any]:
    """The nodes of a connection in any of the three shapes."""
    if "nodes" in connection:
        return list(connection["nodes"])
    if "edges" in connection:
        return [edge["node"] for edge in connection["edges"]]
    page = connection.get("__page") or []
    items = page[: connection["__first"]]
    return [{k: v for k, v in item.items() if k != "__c"} for item in items]


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not k.startswith("__")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def answer(question: str, contestant: str, data: Any) -> Any:
    """The answer in one shape: `data` is the GraphQL `data` (ours, peer) or the floor's result."""
    if question == "Q1":
        conn = data if contestant == "floor" else data[_root("Q1", contestant)]
        nodes = _page(conn)
        if contestant == "peer":
            for node in nodes:
                for rec in node["recommendations"]:
                    statement = rec.pop("statement") or {}
                    rec["authors"] = statement.get("authors", [])
        return {"totalCount": conn["totalCount"], "nodes": _strip(nodes)}
    if question == "Q2":
        if contestant == "peer":
            found = data["countries"]
            return found[0] if found else None
        return _strip(data if contestant == "floor" else data["country"])
    if question == "Q3":
        if contestant == "peer":
            conn = data["treaties"][0]["partiesConnection"]
        else:
            treaty = data if contestant == "floor" else data["treaty"]
            conn = treaty["parties"]
        return {"totalCount": conn["totalCount"], "nodes": _strip(_page(conn))}
    if question == "Q4":
        conn = data if contestant == "floor" else data[_root("Q4", contestant)]
        return {"totalCount": conn["totalCount"], "nodes": _strip(_page(conn))}
    if question == "Q5":
        hits = (
            data["searchPeople"]["edges"]
            if contestant == "peer"
            else (data if contestant == "floor" else data["search"])
        )
        return [
            {"score": round(hit["score"], 4), "node": _strip(hit["node"])}
            for hit in hits
        ]
    raise ValueError(question)


def _root(question: str, contestant: str) -> str:
    roots = {
        ("Q1", "ours"): "countries",
        ("Q1", "peer"): "countriesConnection",
        ("Q4", "ours"): "timeline",
        ("Q4", "peer"): "treatyEventsConnection",
    }
    return roots[(question, contestant)]
