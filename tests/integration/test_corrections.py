"""Generic corrections and retractions (issue 17 items 1, 6a, 7b) over HTTP.

Each test corrects or retracts only facts it recorded itself (keys `test-cor-…`,
Myanmar's events), so the module's clean-up, which deletes what its curations
wrote, leaves the seeded graph as it was.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from httpapi.auth import hash_key
from server import create_app
from settings import ApiKey, Settings
from tests.integration.conftest import forget_curations
from tests.integration.test_mutations import (
    CURATOR,
    CURATOR_KEY,
    EVENT,
    STATE,
    STATEMENT,
    VOTE,
    error_of,
    post,
    totals,
)

PREFIX = "test-cor-"
OTHER_KEY = "tg_test-curator2-0123456789abcdefghijklmnopqrstu"
OTHER = {"Authorization": f"Bearer {OTHER_KEY}"}

CORRECT_EVENT = """
mutation($k: String!, $key: String!, $set: TreatyEventCorrection!, $src: [SourceInput!]!) {
  correctTreatyEvent(idempotencyKey: $k, key: $key, set: $set, newSources: $src,
                     reason: "the depositary's notice") {
    replayed curation { idempotencyKey by change fields before after reason }
    event { key date claims { field value status sources { id } } sources { id } }
  }
}"""
CORRECT_VOTE = """
mutation($k: String!, $key: String!, $set: ParliamentVoteCorrection!, $src: [SourceInput!]!) {
  correctParliamentVote(idempotencyKey: $k, key: $key, set: $set, newSources: $src) {
    replayed curation { idempotencyKey by change fields before after }
    vote { key votesFor note claims { field value status sources { id } } }
  }
}"""
RETRACT_VOTE = """
mutation($k: String!, $key: String!) {
  retractParliamentVote(idempotencyKey: $k, key: $key, reason: "a duplicate") {
    replayed curation { change reason before }
  }
}"""
RETRACT_EVENT = """
mutation($k: String!, $key: String!) {
  retractTreatyEvent(idempotencyKey: $k, key: $key, reason: "never happened") {
    curation { change }
  }
}"""


def _key(label: str = "") -> str:
    return f"{PREFIX}{label}{uuid.uuid4().hex[:12]}"


def _source() -> dict[str, Any]:
    sid = _key("src-")
    return {
        "id": sid,
        "url": f"https://example.test/treatygraph/{sid}",
        "publisher": "Treatygraph test fixture",
        "kind": "NEWS",
    }


@pytest.fixture(scope="module", autouse=True)
def restored(db: Driver) -> Iterator[None]:
    before = totals(db)
    yield
    forget_curations(db, PREFIX)
    db.execute_query("MATCH (:Country {iso3: $s})-[p:PARTY_TO]->() DELETE p", s=STATE)
    assert totals(db) == before


@pytest.fixture(scope="module")
def writer(neo4j: Settings, seeded: dict[str, Any]) -> Iterator[TestClient]:
    keyed = dataclasses.replace(
        neo4j,
        api_keys=(
            ApiKey("test-curator", "curator", hash_key(CURATOR_KEY)),
            ApiKey("test-curator2", "curator", hash_key(OTHER_KEY)),
        ),
    )
    with TestClient(create_app(keyed)) as client:
        yield client


def _event(writer: TestClient, kind: str, date: str) -> str:
    body = post(
        writer,
        EVENT,
        {
            "k": _key(),
            "in": {
                "treaty": "ccm",
                "country": STATE,
                "kind": kind,
                "date": date,
                "newSources": [_source()],
            },
        },
    )
    key: str = body["data"]["recordTreatyEvent"]["event"]["key"]
    return key


def _vote(writer: TestClient) -> tuple[str, str]:
    source = _source()
    key = _key("vote-")
    body = post(
        writer,
        VOTE,
        {
            "k": _key(),
            "in": {
                "key": key,
                "chamber": "ltu-seimas",
                "date": "2026-01-02",
                "action": "withdraw",
                "votesFor": 100,
                "newSources": [source],
            },
        },
    )
    assert "errors" not in body, body
    return key, source["id"]


def _party(db: Driver) -> list[Any]:
    rows, _, _ = db.execute_query(
        "MATCH (:Country {iso3: $s})-[p:PARTY_TO]->(:Treaty {slug: 'ccm'}) "
        "RETURN p.since AS since",
        s=STATE,
    )
    return [row["since"].iso_format() for row in rows]


def test_event_date_correction_moves_party_to_and_keeps_the_old_date_as_a_claim(
    writer: TestClient, db: Driver
) -> None:
    key = _event(writer, "ENTRY_INTO_FORCE", "2026-03-01")
    assert _party(db) == ["2026-03-01"]
    old_sources = db.execute_query(
        "MATCH (:TreatyEvent {key: $k})-[:CITES]->(s) RETURN s.id AS id", k=key
    )[0]
    body = post(
        writer,
        CORRECT_EVENT,
        {"k": _key(), "key": key, "set": {"date": "2026-04-01"}, "src": [_source()]},
    )
    assert "errors" not in body, body
    out = body["data"]["correctTreatyEvent"]
    assert out["event"]["date"] == "2026-04-01"
    assert _party(db) == ["2026-04-01"]
    claim = next(c for c in out["event"]["claims"] if c["value"] == "2026-03-01")
    assert claim["status"] == "ALTERNATIVE"
    assert claim["field"] == "date"
    assert [s["id"] for s in claim["sources"]] == [old_sources[0]["id"]]
    curation = out["curation"]
    assert curation["change"] == "CORRECTED"
    assert curation["fields"] == ["date"]
    assert json.loads(curation["before"]) == {"date": "2026-03-01"}
    assert json.loads(curation["after"]) == {"date": "2026-04-01"}
    stored = db.execute_query(
        "MATCH (c:Curation {idempotencyKey: $k}) RETURN c", k=curation["idempotencyKey"]
    )[0][0]["c"]
    assert stored["key"] == f"test-curator/{curation['idempotencyKey']}"
    assert stored["partyStatus"] == "PARTY"
    assert stored["treaties"] == ["ccm"]
    assert stored["countries"] == [STATE]
    db.execute_query("MATCH (:Country {iso3: $s})-[p:PARTY_TO]->() DELETE p", s=STATE)
    post(writer, RETRACT_EVENT, {"k": _key(), "key": key})


def test_vote_tally_correction_keeps_prior_value_and_replays(
    writer: TestClient,
) -> None:
    key, source = _vote(writer)
    variables = {"k": _key(), "key": key, "set": {"votesFor": 90}, "src": [_source()]}
    body = post(writer, CORRECT_VOTE, variables)
    assert "errors" not in body, body
    out = body["data"]["correctParliamentVote"]
    assert out["vote"]["votesFor"] == 90
    assert out["replayed"] is False
    claim = out["vote"]["claims"][0]
    assert claim["value"] == "100"
    assert [s["id"] for s in claim["sources"]] == [source]
    again = post(writer, CORRECT_VOTE, variables)
    assert again["data"]["correctParliamentVote"]["replayed"] is True


def test_same_idempotency_key_from_another_api_key_writes_its_own_record(
    writer: TestClient, db: Driver
) -> None:
    key, _ = _vote(writer)
    idem = _key()
    first = post(
        writer,
        CORRECT_VOTE,
        {"k": idem, "key": key, "set": {"votesFor": 80}, "src": [_source()]},
    )
    second = post(
        writer,
        CORRECT_VOTE,
        {"k": idem, "key": key, "set": {"votesFor": 70}, "src": [_source()]},
        OTHER,
    )
    assert first["data"]["correctParliamentVote"]["curation"]["by"] == "test-curator"
    out = second["data"]["correctParliamentVote"]
    assert out["replayed"] is False
    assert out["curation"]["by"] == "test-curator2"
    assert out["vote"]["votesFor"] == 70
    rows, _, _ = db.execute_query(
        "MATCH (c:Curation {idempotencyKey: $k}) RETURN c.key AS key ORDER BY key",
        k=idem,
    )
    assert [r["key"] for r in rows] == [f"test-curator/{idem}", f"test-curator2/{idem}"]


def test_no_op_correction_and_bad_values_are_refused_naming_the_argument(
    writer: TestClient,
) -> None:
    key, _ = _vote(writer)
    same = post(
        writer,
        CORRECT_VOTE,
        {"k": _key(), "key": key, "set": {"votesFor": 100}, "src": [_source()]},
    )
    assert error_of(same)["code"] == "BAD_USER_INPUT"
    assert error_of(same)["argument"] == "set"
    negative = post(
        writer,
        CORRECT_VOTE,
        {"k": _key(), "key": key, "set": {"votesFor": -1}, "src": [_source()]},
    )
    assert error_of(negative)["argument"] == "set.votesFor"
    null = post(
        writer,
        CORRECT_VOTE,
        {"k": _key(), "key": key, "set": {"action": None}, "src": [_source()]},
    )
    assert error_of(null)["argument"] == "set.action"


def test_retraction_hides_the_vote_but_keeps_it_with_who_and_why(
    writer: TestClient, db: Driver
) -> None:
    key, _ = _vote(writer)
    body = post(writer, RETRACT_VOTE, {"k": _key(), "key": key})
    assert body["data"]["retractParliamentVote"]["curation"]["change"] == "RETRACTED"
    lookup = post(writer, "query($k: String!) { vote(key: $k) { key } }", {"k": key})
    assert lookup["data"]["vote"] is None
    listed = post(
        writer,
        '{ chamber(key: "ltu-seimas") { votes { key } } }',
        {},
    )
    assert key not in [v["key"] for v in listed["data"]["chamber"]["votes"]]
    node = db.execute_query("MATCH (n:Retracted {key: $k}) RETURN n", k=key)[0][0]["n"]
    assert node["retractedBy"] == "test-curator"
    assert node["retractedReason"] == "a duplicate"
    assert node["retractedLabel"] == "ParliamentVote"
    again = post(writer, RETRACT_VOTE, {"k": _key(), "key": key})
    assert error_of(again)["code"] == "BAD_USER_INPUT"
    assert "retracted" in again["errors"][0]["message"]


def test_retracting_an_event_re_derives_party_to(
    writer: TestClient, db: Driver
) -> None:
    key = _event(writer, "ENTRY_INTO_FORCE", "2026-05-01")
    assert _party(db) == ["2026-05-01"]
    body = post(writer, RETRACT_EVENT, {"k": _key(), "key": key})
    assert "errors" not in body, body
    assert _party(db) == []


async def test_two_analysts_correcting_one_vote_at_once_end_consistent(
    writer: TestClient, db: Driver
) -> None:
    key, _ = _vote(writer)

    def correct(value: int, headers: dict[str, str]) -> dict[str, Any]:
        return post(
            writer,
            CORRECT_VOTE,
            {"k": _key(), "key": key, "set": {"votesFor": value}, "src": [_source()]},
            headers,
        )

    first, second = await asyncio.gather(
        asyncio.to_thread(correct, 61, CURATOR), asyncio.to_thread(correct, 62, OTHER)
    )
    assert "errors" not in first, (first, second)
    assert "errors" not in second, (first, second)
    rows, _, _ = db.execute_query(
        "MATCH (c:Curation {subjectKey: $k}) WHERE c.change = 'CORRECTED' "
        "RETURN c.after AS after, c.before AS before ORDER BY c.at",
        k=key,
    )
    assert len(rows) == 2
    last = json.loads(rows[1]["after"])["votesFor"]
    # The later write superseded the earlier one's value, not the original.
    assert (
        json.loads(rows[1]["before"])["votesFor"]
        == json.loads(rows[0]["after"])["votesFor"]
    )
    stored = db.execute_query("MATCH (v:ParliamentVote {key: $k}) RETURN v", k=key)
    assert stored[0][0]["v"]["votesFor"] == last
    claims = db.execute_query(
        "MATCH (c:Claim)-[:ABOUT]->(:ParliamentVote {key: $k}) RETURN c.value AS v",
        k=key,
    )[0]
    assert sorted(r["v"] for r in claims) == sorted(
        ["100", rows[1]["before"] and str(json.loads(rows[1]["before"])["votesFor"])]
    )


def test_a_correction_that_waited_for_a_lock_is_stamped_when_it_applied(
    writer: TestClient, db: Driver
) -> None:
    """The audit log and the feeds order changes by `at`; a correction held up by
    another transaction's lock on the fact must be stamped after that one commits."""
    key, _ = _vote(writer)
    with db.session() as session, session.begin_transaction() as holder:
        holder.run(
            "MATCH (v:ParliamentVote {key: $k}) SET v.curationLock = true "
            "REMOVE v.curationLock",
            k=key,
        ).consume()
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(
                post,
                writer,
                CORRECT_VOTE,
                {"k": _key(), "key": key, "set": {"votesFor": 63}, "src": [_source()]},
            )
            time.sleep(1.0)
            assert not waiting.done(), waiting.result()
            # The server's clock, not this one's: NEO4J_URI may name another machine.
            released = db.execute_query("RETURN datetime.realtime() AS t")[0][0]["t"]
            holder.commit()
            body = waiting.result(timeout=30)
    assert "errors" not in body, body
    rows, _, _ = db.execute_query(
        "MATCH (c:Curation {subjectKey: $k}) WHERE c.change = 'CORRECTED' "
        "RETURN c.at AS at",
        k=key,
    )
    assert [r["at"] >= released for r in rows] == [True]


CORRECT_SOURCE = """
mutation($k: String!, $key: String!, $src: [SourceInput!]!) {
  correctSource(idempotencyKey: $k, key: $key, set: {publisher: "Corrected Press"},
                newSources: $src) {
    source { id publisher } curation { fields }
  }
}"""
CORRECT_CLAIM = """
mutation($k: String!, $key: String!, $src: [SourceInput!]!) {
  correctClaim(idempotencyKey: $k, key: $key, set: {status: DISPUTED}, newSources: $src) {
    claim { key status claims: sources { id } } curation { change before after }
  }
}"""
ADD_SOURCE = """
mutation($k: String!, $in: SourceInput!) { addSource(idempotencyKey: $k, input: $in) {
  source { id } } }"""


def test_source_publisher_and_claim_status_corrections(
    writer: TestClient, db: Driver
) -> None:
    source = _source()
    post(writer, ADD_SOURCE, {"k": _key(), "in": source})
    body = post(
        writer, CORRECT_SOURCE, {"k": _key(), "key": source["id"], "src": [_source()]}
    )
    assert "errors" not in body, body
    assert body["data"]["correctSource"]["source"]["publisher"] == "Corrected Press"
    stored = db.execute_query(
        "MATCH (s:Source {id: $id}) RETURN s.searchText AS text", id=source["id"]
    )[0][0]
    assert stored["text"] == "Corrected Press"
    key, _ = _vote(writer)
    post(
        writer,
        CORRECT_VOTE,
        {"k": _key(), "key": key, "set": {"votesFor": 99}, "src": [_source()]},
    )
    claim = db.execute_query(
        "MATCH (c:Claim)-[:ABOUT]->(:ParliamentVote {key: $k}) RETURN c.key AS key",
        k=key,
    )[0][0]["key"]
    body = post(writer, CORRECT_CLAIM, {"k": _key(), "key": claim, "src": [_source()]})
    assert "errors" not in body, body
    out = body["data"]["correctClaim"]
    assert out["claim"]["status"] == "DISPUTED"
    assert json.loads(out["curation"]["before"]) == {"status": "ALTERNATIVE"}


CORRECT_BORDER = """
mutation($k: String!, $src: [SourceInput!]!) {
  correctBorder(idempotencyKey: $k, between: ["ISL", "MMR"], set: {note: "corrected"},
                newSources: $src) {
    curation { change before after } country { iso3 }
  }
}"""
RETRACT_BORDER = """
mutation($k: String!) {
  retractBorder(idempotencyKey: $k, between: ["MMR", "ISL"], reason: "no such border") {
    curation { change reason }
  }
}"""
LAND_BORDERS = '{ country(iso3: "MMR") { landBorders { neighbor { iso3 } note } } }'


@pytest.fixture
def fake_border(db: Driver) -> Iterator[None]:
    db.execute_query(
        "MATCH (a:Country {iso3: 'ISL'}), (b:Country {iso3: 'MMR'}) "
        "CREATE (a)-[:BORDERS {note: 'test fixture', sourceIds: ['countryinfo-1-0-1']}]->(b)"
    )
    yield
    db.execute_query(
        "MATCH (:Country {iso3: 'ISL'})-[r:BORDERS|RETRACTED_BORDER]-"
        "(:Country {iso3: 'MMR'}) DELETE r"
    )


def _neighbours(writer: TestClient) -> dict[str, Any]:
    body = post(writer, LAND_BORDERS, {})
    return {
        b["neighbor"]["iso3"]: b["note"] for b in body["data"]["country"]["landBorders"]
    }


@pytest.mark.usefixtures("fake_border")
def test_border_note_correction_and_retraction(writer: TestClient, db: Driver) -> None:
    body = post(writer, CORRECT_BORDER, {"k": _key(), "src": [_source()]})
    assert "errors" not in body, body
    out = body["data"]["correctBorder"]
    assert json.loads(out["curation"]["before"]) == {"note": "test fixture"}
    assert out["country"]["iso3"] == "ISL"
    assert _neighbours(writer)["ISL"] == "corrected"
    claim = db.execute_query(
        "MATCH (c:Claim {subjectKey: 'ISL-MMR'})-[:CITES]->(s) RETURN c.value AS v, s.id AS s"
    )[0][0]
    assert claim["v"] == "test fixture"
    assert claim["s"] == "countryinfo-1-0-1"
    body = post(writer, RETRACT_BORDER, {"k": _key()})
    assert body["data"]["retractBorder"]["curation"]["change"] == "RETRACTED"
    assert "ISL" not in _neighbours(writer)
    kept = db.execute_query(
        "MATCH (:Country {iso3: 'ISL'})-[r:RETRACTED_BORDER]->(:Country {iso3: 'MMR'}) "
        "RETURN r.retractedBy AS by, r.note AS note"
    )[0][0]
    assert kept["by"] == "test-curator"
    assert kept["note"] == "corrected"


CORRECT_MEMBERSHIP = """
mutation($k: String!, $key: String!, $src: [SourceInput!]!) {
  correctMembership(idempotencyKey: $k, key: $key, set: {since: "2001-02-03", until: null},
                    newSources: $src) {
    curation { fields before after }
  }
}"""


@pytest.fixture
def fake_membership(db: Driver) -> Iterator[str]:
    """A membership of Myanmar in NATO, written by a test-cor curation (the
    module's clean-up deletes it)."""
    key = _key("NATO:MMR:")
    db.execute_query(
        "MATCH (c:Country {iso3: 'MMR'}), (o:Organization {code: 'NATO'}) "
        "CREATE (cur:Curation {key: 'test/' + $k, idempotencyKey: $k}) "
        "CREATE (c)-[:HAS_MEMBERSHIP]->(m:Membership {key: $k, since: date('2000-01-01'),"
        " until: date('2010-01-01')})-[:OF_ORGANIZATION]->(o) CREATE (cur)-[:WROTE]->(m)",
        k=key,
    )
    return key


def test_membership_dates_correction_sets_and_clears(
    writer: TestClient, db: Driver, fake_membership: str
) -> None:
    body = post(
        writer,
        CORRECT_MEMBERSHIP,
        {"k": _key(), "key": fake_membership, "src": [_source()]},
    )
    assert "errors" not in body, body
    curation = body["data"]["correctMembership"]["curation"]
    assert curation["fields"] == ["since", "until"]
    assert json.loads(curation["before"]) == {
        "since": "2000-01-01",
        "until": "2010-01-01",
    }
    stored = db.execute_query(
        "MATCH (m:Membership {key: $k}) RETURN m.since AS since, m.until AS until, "
        "COUNT { (m)<-[:ABOUT]-(:Claim {status: 'ALTERNATIVE'}) } AS claims",
        k=fake_membership,
    )[0][0]
    assert stored["since"].iso_format() == "2001-02-03"
    assert stored["until"] is None
    assert stored["claims"] == 2


RETRACT_SOURCE = """
mutation($k: String!, $key: String!) {
  retractSource(idempotencyKey: $k, key: $key, reason: "a fake page") { curation { change } }
}"""
SEARCH = (
    "query($t: String!) { search(text: $t) { node { ... on Source { sid: id } } } }"
)


def test_retracted_source_leaves_search_and_lookups(writer: TestClient) -> None:
    word = f"zq{uuid.uuid4().hex[:10]}"
    source = {**_source(), "publisher": f"Publisher {word}"}
    post(writer, ADD_SOURCE, {"k": _key(), "in": source})
    found = post(writer, SEARCH, {"t": word})["data"]["search"]
    assert [hit["node"].get("sid") for hit in found] == [source["id"]]
    body = post(writer, RETRACT_SOURCE, {"k": _key(), "key": source["id"]})
    assert body["data"]["retractSource"]["curation"]["change"] == "RETRACTED"
    assert post(writer, SEARCH, {"t": word})["data"]["search"] == []
    lookup = post(
        writer, "query($id: String!) { source(id: $id) { id } }", {"id": source["id"]}
    )
    assert lookup["data"]["source"] is None


RECORD_TERM = """
mutation($k: String!, $in: TermInput!) {
  recordTerm(idempotencyKey: $k, input: $in) { term { key } }
}"""
CORRECT_TERM = """
mutation($k: String!, $key: String!, $src: [SourceInput!]!) {
  correctTerm(idempotencyKey: $k, key: $key, set: {end: "2051-04-01"},
              newSources: $src) {
    curation { fields before after }
    term { key end person { offices(asOf: "2051-03-15") { key } } }
  }
}"""


def test_term_end_correction_moves_who_holds_the_office_and_keeps_the_old_end(
    writer: TestClient, db: Driver
) -> None:
    term = {
        "person": "hanno-pevkur",
        "office": "est-minister-of-defence",
        "start": "2051-01-01",
        "end": "2051-03-01",
        "newSources": [_source()],
    }
    key = post(writer, RECORD_TERM, {"k": _key(), "in": term})["data"]["recordTerm"][
        "term"
    ]["key"]
    body = post(writer, CORRECT_TERM, {"k": _key(), "key": key, "src": [_source()]})
    assert "errors" not in body, body
    out = body["data"]["correctTerm"]
    assert out["term"]["end"] == "2051-04-01"
    # Held on 2051-03-15 only under the corrected end.
    assert {"key": "est-minister-of-defence"} in out["term"]["person"]["offices"]
    assert out["curation"]["fields"] == ["end"]
    assert json.loads(out["curation"]["before"]) == {"end": "2051-03-01"}
    claims = db.execute_query(
        "MATCH (c:Claim {status: 'ALTERNATIVE'})-[:ABOUT]->(:Term {key: $k}) "
        "RETURN c.field AS field, c.value AS value",
        k=key,
    )[0]
    assert [(r["field"], r["value"]) for r in claims] == [("end", "2051-03-01")]


STATEMENT_SEARCH = (
    "query($t: String!) { search(text: $t) { node { ... on Statement { key } } } }"
)
CORRECT_STATEMENT = """
mutation($k: String!, $key: String!, $title: String!, $src: [SourceInput!]!) {
  correctStatement(idempotencyKey: $k, key: $key, set: {title: $title},
                   newSources: $src) {
    curation { fields before after }
    statement { key title }
  }
}"""
CORRECT_RECOMMENDATION = """
mutation($k: String!, $key: String!, $src: [SourceInput!]!) {
  correctRecommendation(idempotencyKey: $k, key: $key, set: {action: SUSPEND},
                        newSources: $src) {
    curation { fields before after treaties subjectKey }
  }
}"""


def _statement(writer: TestClient, title: str) -> dict[str, Any]:
    body = post(
        writer,
        STATEMENT,
        {
            "k": _key(),
            "in": {
                "key": _key("st-"),
                "kind": "ANNOUNCEMENT",
                "title": title,
                "date": "2026-01-03",
                "countries": [STATE],
                "recommendations": [{"action": "WITHDRAW", "treaty": "ottawa"}],
                "newSources": [_source()],
            },
        },
    )
    assert "errors" not in body, body
    statement: dict[str, Any] = body["data"]["recordStatement"]["statement"]
    return statement


def test_statement_title_correction_is_searchable_by_the_new_title_only(
    writer: TestClient, db: Driver
) -> None:
    old, new = (f"zq{uuid.uuid4().hex[:10]}" for _ in range(2))
    key = _statement(writer, f"Announcement {old}")["key"]
    assert post(writer, STATEMENT_SEARCH, {"t": old})["data"]["search"] == [
        {"node": {"key": key}}
    ]
    body = post(
        writer,
        CORRECT_STATEMENT,
        {"k": _key(), "key": key, "title": f"Announcement {new}", "src": [_source()]},
    )
    assert "errors" not in body, body
    out = body["data"]["correctStatement"]
    assert out["statement"]["title"] == f"Announcement {new}"
    assert json.loads(out["curation"]["before"]) == {"title": f"Announcement {old}"}
    assert post(writer, STATEMENT_SEARCH, {"t": old})["data"]["search"] == []
    assert post(writer, STATEMENT_SEARCH, {"t": new})["data"]["search"] == [
        {"node": {"key": key}}
    ]
    claims = db.execute_query(
        "MATCH (c:Claim {status: 'ALTERNATIVE'})-[:ABOUT]->(:Statement {key: $k}) "
        "RETURN c.value AS value",
        k=key,
    )[0]
    assert [r["value"] for r in claims] == [f"Announcement {old}"]


def test_recommendation_action_correction_shows_on_its_statement(
    writer: TestClient,
) -> None:
    statement = _statement(writer, "A recommendation to correct")
    [recommendation] = statement["recommendations"]
    assert recommendation["action"] == "WITHDRAW"
    body = post(
        writer,
        CORRECT_RECOMMENDATION,
        {"k": _key(), "key": recommendation["key"], "src": [_source()]},
    )
    assert "errors" not in body, body
    curation = body["data"]["correctRecommendation"]["curation"]
    assert curation["subjectKey"] == recommendation["key"]
    assert curation["fields"] == ["action"]
    assert json.loads(curation["before"]) == {"action": "WITHDRAW"}
    assert json.loads(curation["after"]) == {"action": "SUSPEND"}
    assert curation["treaties"] == ["ottawa"]
    read = post(
        writer,
        "query($k: String!) { statement(key: $k) { recommendations { action } } }",
        {"k": statement["key"]},
    )
    assert read["data"]["statement"]["recommendations"] == [{"action": "SUSPEND"}]
