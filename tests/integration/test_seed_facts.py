"""The seed article's facts, proved through Cypher against the loaded graph."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from neo4j import Driver
from neo4j.time import Duration

from graph import queries


def one(db: Driver, cypher: str, **params: Any) -> dict[str, Any]:
    records, _, _ = db.execute_query(cypher, params)
    assert len(records) == 1, records
    return records[0].data()


def test_seimas_vote_was_107_for_0_against_3_abstained_with_85_required(
    db: Driver,
) -> None:
    vote = one(
        db,
        "MATCH (v:ParliamentVote)-[:IN_CHAMBER]->(:Chamber {key: 'ltu-seimas'}) "
        "WHERE v.date = date('2025-05-08') RETURN v.votesFor AS f, v.votesAgainst AS a, "
        "v.abstained AS ab, v.required AS req, v.outcome AS outcome",
    )
    assert vote == {"f": 107, "a": 0, "ab": 3, "req": 85, "outcome": "PASSED"}


def test_the_86_votes_required_claim_is_kept_beside_85(db: Driver) -> None:
    claims, _, _ = db.execute_query(
        "MATCH (c:Claim {property: 'required'})-[:ABOUT]->(:ParliamentVote {key: $key}) "
        "MATCH (c)-[:CITES]->(s:Source) RETURN c.value AS value, c.status AS status, "
        "count(s) AS sources ORDER BY value",
        key="ltu-seimas-2025-05-08-ottawa",
    )
    assert [(c["value"], c["status"]) for c in claims] == [
        ("85", "KEPT"),
        ("86", "ALTERNATIVE"),
    ]
    assert all(c["sources"] >= 1 for c in claims)


def test_lithuania_withdrawal_takes_effect_six_months_after_deposit(db: Driver) -> None:
    events = one(
        db,
        "MATCH (:Country {iso3: 'LTU'})-[:HAS_EVENT]->(e:TreatyEvent)-[:UNDER]->"
        "(:Treaty {slug: 'ottawa'}) RETURN "
        "[x IN collect(e) WHERE x.kind = 'WITHDRAWAL_DEPOSITED' | x.date][0] AS deposited, "
        "[x IN collect(e) WHERE x.kind = 'WITHDRAWAL_EFFECTIVE' | x.date][0] AS effective",
    )
    assert events["deposited"].to_native() == dt.date(2025, 6, 27)
    assert events["effective"].to_native() == dt.date(2025, 12, 27)
    assert events["deposited"] + Duration(months=6) == events["effective"]


def test_ukraine_ratified_2005_12_27_and_was_a_party_from_2006_06_01(
    db: Driver,
) -> None:
    row = one(
        db,
        "MATCH (:Country {iso3: 'UKR'})-[:HAS_EVENT]->(e:TreatyEvent)-[:UNDER]->"
        "(:Treaty {slug: 'ottawa'}) WITH collect(e) AS es "
        "RETURN [x IN es WHERE x.kind = 'RATIFICATION' | toString(x.date)][0] AS ratified, "
        "[x IN es WHERE x.kind = 'ENTRY_INTO_FORCE' | toString(x.date)][0] AS party, "
        "[x IN es WHERE x.kind = 'RATIFICATION' | "
        "  EXISTS { (x)-[:CITES]->(:Source {id: 'seed-article'}) }][0] AS citesArticle",
    )
    assert row == {
        "ratified": "2005-12-27",
        "party": "2006-06-01",
        "citesArticle": True,
    }


def test_ukraine_fifth_largest_arsenal_claim_has_its_source(db: Driver) -> None:
    row = one(
        db,
        "MATCH (:Country {iso3: 'UKR'})-[:HAS_STOCKPILE]->(s:Stockpile) WHERE s.rank = 5 "
        "RETURN s.rankContext AS context, "
        "[(s)-[:CITES]->(src:Source) | src.id] AS sources",
    )
    assert "seed-article" in row["sources"]
    for rival in ("China", "Russia", "Pakistan"):
        assert rival in row["context"]


def test_four_ministers_recommended_withdrawal_on_2025_03_18(db: Driver) -> None:
    row = one(
        db,
        "MATCH (p:Person)-[:AUTHORED]->(s:Statement)-[:MAKES]->(r:Recommendation "
        "{action: 'WITHDRAW'})-[:CONCERNS]->(:Treaty {slug: 'ottawa'}) "
        "WHERE s.date = date('2025-03-18') "
        "RETURN collect(DISTINCT p.name) AS authors, "
        "[(r)-[:ADDRESSED_TO]->(c:Country) | c.iso3] AS countries",
    )
    assert sorted(row["authors"]) == [
        "Andris Sprūds",
        "Dovilė Šakalienė",
        "Hanno Pevkur",
        "Władysław Kosiniak-Kamysz",
    ]
    assert sorted(row["countries"]) == ["EST", "LTU", "LVA", "POL"]


def test_latvian_parliament_voted_on_2025_04_16_with_both_tallies_kept(
    db: Driver,
) -> None:
    row = one(
        db,
        "MATCH (v:ParliamentVote)-[:IN_CHAMBER]->(:Chamber)-[:OF_COUNTRY]->"
        "(:Country {iso3: 'LVA'}) WHERE v.date = date('2025-04-16') "
        "RETURN v.votesFor AS kept, "
        "[(c:Claim {property: 'for'})-[:ABOUT]->(v) | c.value] AS claims",
    )
    assert row["kept"] == 66
    assert sorted(row["claims"]) == ["66", "68"]


def test_lithuania_left_the_ccm_on_2025_03_06(db: Driver) -> None:
    row = one(
        db,
        "MATCH (:Country {iso3: 'LTU'})-[:HAS_EVENT]->(e:TreatyEvent "
        "{kind: 'WITHDRAWAL_EFFECTIVE'})-[:UNDER]->(:Treaty {slug: 'ccm'}) "
        "RETURN toString(e.date) AS date",
    )
    assert row == {"date": "2025-03-06"}


@pytest.mark.parametrize("iso3", ["CHN", "RUS", "USA", "PAK", "IND"])
def test_major_holders_never_joined_the_ottawa_convention(
    db: Driver, iso3: str
) -> None:
    row = one(
        db,
        "MATCH (c:Country {iso3: $iso3}) RETURN "
        "COUNT { (c)-[:HAS_EVENT]->(:TreatyEvent)-[:UNDER]->(:Treaty {slug: 'ottawa'}) } "
        "AS events",
        iso3=iso3,
    )
    assert row == {"events": 0}


def test_hero_question_is_one_cypher_query(db: Driver, pinned_today: dt.date) -> None:
    records, _, _ = db.execute_query(queries.HERO, asOf=pinned_today)
    assert [r["name"] for r in records] == ["Estonia", "Latvia", "Lithuania", "Poland"]


def test_nato_has_32_members(db: Driver, pinned_today: dt.date) -> None:
    row = one(
        db,
        "MATCH (:Organization {code: 'NATO'})<-[:OF_ORGANIZATION]-(m:Membership) "
        "WHERE m.since <= $d AND (m.until IS NULL OR m.until > $d) RETURN count(m) AS n",
        d=pinned_today,
    )
    assert row == {"n": 32}


@pytest.mark.parametrize(
    ("day", "parties"),
    [("2025-01-01", 164), ("2025-12-01", 166), ("2026-11-28", 161)],
)
def test_ottawa_party_counts_by_date(db: Driver, day: str, parties: int) -> None:
    row = one(db, queries.PARTIES_ON, slug="ottawa", asOf=dt.date.fromisoformat(day))
    assert row == {"parties": parties}


def test_ukraine_suspension_does_not_end_party_status(db: Driver) -> None:
    row = one(
        db,
        "MATCH (:Country {iso3: 'UKR'})-[p:PARTY_TO]->(:Treaty {slug: 'ottawa'}) "
        "RETURN p.until AS until",
    )
    assert row == {"until": None}


def test_kaliningrad_borders_are_present(db: Driver) -> None:
    row = one(
        db,
        "MATCH (r:Country {iso3: 'RUS'})-[:BORDERS]-(c:Country) "
        "WHERE c.iso3 IN ['POL', 'LTU'] RETURN count(c) AS n",
    )
    assert row == {"n": 2}


def test_every_fact_node_cites_a_source(db: Driver) -> None:
    row = one(
        db,
        "MATCH (n) WHERE NOT n:Source AND NOT n:Dataset AND NOT n:Statistic "
        "AND NOT EXISTS { (n)-[:CITES]->(:Source) } RETURN count(n) AS uncited",
    )
    assert row == {"uncited": 0}


def test_derived_dates_name_their_rule(db: Driver) -> None:
    row = one(
        db,
        "MATCH (e:TreatyEvent {derived: true}) "
        "RETURN count(e) AS derived, count(e.derivationRule) AS withRule",
    )
    assert row["derived"] > 0
    assert row["derived"] == row["withRule"]


OFFICES_ON = (
    "query($key: String!, $d: Date) { person(key: $key) { offices(asOf: $d) { key } } }"
)


@pytest.mark.parametrize(
    ("person", "day", "offices"),
    [
        # Šakalienė: cabinet assumed office 2024-12-12; release decree effective 2025-10-23.
        ("dovile-sakaliene", "2024-12-11", []),
        ("dovile-sakaliene", "2024-12-12", ["ltu-minister-of-national-defence"]),
        ("dovile-sakaliene", "2025-10-22", ["ltu-minister-of-national-defence"]),
        ("dovile-sakaliene", "2025-10-23", []),
        # Kasčiūnas: decree of 2024-03-25; his government completed its work 2024-12-12.
        ("laurynas-kasciunas", "2024-03-24", []),
        ("laurynas-kasciunas", "2024-12-11", ["ltu-minister-of-national-defence"]),
        ("laurynas-kasciunas", "2024-12-12", []),
        # Duda: sworn in 2015-08-06; Nawrocki took the oath 2025-08-06.
        ("andrzej-duda", "2015-08-05", []),
        ("andrzej-duda", "2025-08-05", ["pol-president"]),
        ("andrzej-duda", "2025-08-06", []),
        # Pevkur took up the post on 2022-07-18 (Finnish Ministry of Defence).
        ("hanno-pevkur", "2022-07-17", []),
        ("hanno-pevkur", "2022-07-18", ["est-minister-of-defence"]),
    ],
)
def test_person_offices_follow_the_sourced_term_dates(
    gql: Any, person: str, day: str, offices: list[str]
) -> None:
    body = gql(OFFICES_ON, {"key": person, "d": day})
    assert "errors" not in body, body.get("errors")
    assert [o["key"] for o in body["data"]["person"]["offices"]] == offices


def test_deputy_pm_and_defence_minister_terms_both_start_2023_12_13(gql: Any) -> None:
    query = (
        '{ before: person(key: "wladyslaw-kosiniak-kamysz") { offices(asOf: "2023-12-12") '
        '{ key } } on: person(key: "wladyslaw-kosiniak-kamysz") { offices(asOf: '
        '"2023-12-13") { key } } }'
    )
    body = gql(query)
    assert "errors" not in body, body.get("errors")
    assert body["data"]["before"]["offices"] == []
    assert sorted(o["key"] for o in body["data"]["on"]["offices"]) == [
        "pol-deputy-prime-minister",
        "pol-minister-of-national-defence",
    ]


def test_pevkur_start_keeps_the_ministry_s_2024_date_as_an_alternative(
    db: Driver,
) -> None:
    claims, _, _ = db.execute_query(
        "MATCH (:Person {key: 'hanno-pevkur'})-[:HELD]->(t:Term)<-[:ABOUT]-(c:Claim "
        "{property: 'from'}) MATCH (c)-[:CITES]->(s:Source) "
        "RETURN toString(t.start) AS start, c.value AS value, c.status AS status, "
        "count(s) AS sources ORDER BY value"
    )
    assert [(c["start"], c["value"], c["status"]) for c in claims] == [
        ("2022-07-18", "2022-07-18", "KEPT"),
        ("2022-07-18", "2024-07-23", "ALTERNATIVE"),
    ]
    assert all(c["sources"] >= 1 for c in claims)


def test_only_tomczyk_and_the_five_mps_have_an_unknown_start(db: Driver) -> None:
    records, _, _ = db.execute_query(
        "MATCH (p:Person)-[:HELD]->(t:Term) WHERE t.start IS NULL "
        "RETURN p.key AS person ORDER BY person"
    )
    assert [r["person"] for r in records] == [
        "cezary-tomczyk",
        "edgars-zelderis",
        "juris-jakovins",
        "petras-dargis",
        "valius-azuolas",
        "vytautas-jucius",
    ]
