"""Curation mutations over HTTP against the real seeded Neo4j.

Every write here uses test-only keys (`test-mut-…`), a state with no seeded treaty
events (Myanmar) and example.test URLs; the module's clean-up deletes what the
curation records say they wrote and checks the graph's totals are back to before,
so the shared seeded database answers the other tests as if nothing happened.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
import uvicorn
from neo4j import Driver
from starlette.testclient import TestClient

from execution.ids import encode
from graph import constraints
from graph.curation import party
from httpapi.auth import hash_key
from seeds import loader
from server import create_app
from settings import ApiKey, Settings
from tests.integration.conftest import forget_curations

PREFIX = "test-mut-"
CURATOR_KEY = "tg_test-curator-0123456789abcdefghijklmnopqrstuv"
READER_KEY = "tg_test-reader-0123456789abcdefghijklmnopqrstuvw"
CURATOR = {"Authorization": f"Bearer {CURATOR_KEY}"}
STATE = "MMR"  # no seeded events under either treaty
LIVE_PORT = 8120

EVENT = """
mutation($k: String!, $in: TreatyEventInput!) {
  recordTreatyEvent(idempotencyKey: $k, input: $in) {
    replayed
    curation { idempotencyKey operation by at subjectType subjectKey }
    event { id key kind date country { iso3 } treaty { slug }
            sources { id url publisher }
            claims { subjectType field property value status sources { id } } }
  }
}"""
SOURCE = """
mutation($k: String!, $in: SourceInput!) {
  addSource(idempotencyKey: $k, input: $in) {
    replayed curation { by subjectKey } source { id url publisher kind }
  }
}"""
VOTE = """
mutation($k: String!, $in: VoteInput!) {
  recordVote(idempotencyKey: $k, input: $in) {
    replayed
    vote { key date votesFor abstained outcome chamber { key } treaty { slug }
           abstainers { key } sources { id } }
  }
}"""
STATEMENT = """
mutation($k: String!, $in: StatementInput!) {
  recordStatement(idempotencyKey: $k, input: $in) {
    replayed
    curation { idempotencyKey }
    statement { key title kind authors { key } countries { iso3 }
                recommendations { key action treaty { slug } addressedTo { iso3 } sources { id } }
                sources { id } }
  }
}"""
PARTIES = """
query($asOf: Date!) {
  treaty(slug: "ccm") { parties(asOf: $asOf, first: 200) { totalCount nodes { iso3 } } }
}"""


def _key(label: str = "") -> str:
    return f"{PREFIX}{label}{uuid.uuid4().hex[:12]}"


def new_source(label: str = "") -> dict[str, Any]:
    sid = _key(f"src-{label}")
    return {
        "id": sid,
        "url": f"https://example.test/treatygraph/{sid}",
        "publisher": "Treatygraph test fixture",
        "kind": "NEWS",
    }


def totals(db: Driver) -> tuple[int, int]:
    nodes, _, _ = db.execute_query("MATCH (n) RETURN count(n) AS n")
    rels, _, _ = db.execute_query("MATCH ()-[r]->() RETURN count(r) AS n")
    return nodes[0]["n"], rels[0]["n"]


def count(db: Driver, cypher: str, **params: Any) -> int:
    records, _, _ = db.execute_query(cypher, params)
    return int(records[0][0])


def curations(db: Driver) -> int:
    return count(
        db,
        "MATCH (c:Curation) WHERE c.idempotencyKey STARTS WITH $p RETURN count(c)",
        p=PREFIX,
    )


@pytest.fixture(scope="module", autouse=True)
def restored(db: Driver) -> Iterator[None]:
    """Delete everything this module's curations wrote; the graph's totals must match."""
    before = totals(db)
    assert (
        count(
            db, "MATCH (:Country {iso3: $s})-[:HAS_EVENT]->(e) RETURN count(e)", s=STATE
        )
        == 0
    )
    yield
    forget_curations(db, PREFIX)
    db.execute_query("MATCH (:Country {iso3: $s})-[p:PARTY_TO]->() DELETE p", s=STATE)
    assert totals(db) == before


@pytest.fixture(scope="module")
def keyed(neo4j: Settings) -> Settings:
    return dataclasses.replace(
        neo4j,
        api_keys=(
            ApiKey("test-curator", "curator", hash_key(CURATOR_KEY)),
            ApiKey("test-reader", "reader", hash_key(READER_KEY)),
        ),
    )


@pytest.fixture(scope="module")
def writer(keyed: Settings, seeded: dict[str, Any]) -> Iterator[TestClient]:
    with TestClient(create_app(keyed)) as test_client:
        yield test_client


def post(
    client: TestClient,
    query: str,
    variables: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    response = client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers=CURATOR if headers is None else headers,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def error_of(body: dict[str, Any]) -> dict[str, Any]:
    assert body.get("errors"), body
    extensions: dict[str, Any] = body["errors"][0]["extensions"]
    return extensions


def event_input(kind: str, date: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "treaty": "ccm",
        "country": STATE,
        "kind": kind,
        "date": date,
        "newSources": [new_source()],
        **extra,
    }


# -- keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer tg_not-a-key-anyone-was-given"},
        {"X-API-Key": "tg_not-a-key-anyone-was-given"},
        {"Authorization": f"Basic {CURATOR_KEY}"},
    ],
    ids=["no-key", "wrong-bearer", "wrong-x-api-key", "not-bearer"],
)
def test_mutation_without_a_valid_key_is_unauthenticated(
    writer: TestClient, db: Driver, headers: dict[str, str]
) -> None:
    before = totals(db)
    body = post(writer, SOURCE, {"k": _key(), "in": new_source()}, headers)
    assert error_of(body)["code"] == "UNAUTHENTICATED"
    assert body["data"] is None
    assert totals(db) == before


def test_reader_key_is_forbidden_to_write(writer: TestClient, db: Driver) -> None:
    before = totals(db)
    body = post(
        writer,
        SOURCE,
        {"k": _key(), "in": new_source()},
        {"Authorization": f"Bearer {READER_KEY}"},
    )
    assert error_of(body)["code"] == "FORBIDDEN"
    assert totals(db) == before


def test_reads_stay_open_whatever_key_is_sent(writer: TestClient) -> None:
    body = post(
        writer,
        '{ country(iso3: "LTU") { name } }',
        {},
        {"Authorization": "Bearer tg_not-a-key-anyone-was-given"},
    )
    assert "errors" not in body
    assert body["data"] == {"country": {"name": "Lithuania"}}


def test_x_api_key_header_is_accepted(writer: TestClient) -> None:
    source = new_source()
    body = post(writer, SOURCE, {"k": _key(), "in": source}, {"X-API-Key": CURATOR_KEY})
    assert body["data"]["addSource"]["source"]["id"] == source["id"]


def test_mutation_over_get_is_refused(writer: TestClient, db: Driver) -> None:
    before = totals(db)
    response = writer.get(
        "/graphql",
        params={
            "query": 'mutation { addSource(idempotencyKey: "test-mut-get-000", input: '
            '{id: "test-mut-get", url: "https://example.test/get", publisher: "x", '
            "kind: NEWS}) { replayed } }"
        },
        headers=CURATOR,
    )
    assert response.status_code in (400, 405)
    assert totals(db) == before


# -- validation --------------------------------------------------------------------------


def _no_sources() -> dict[str, Any]:
    return {
        "treaty": "ccm",
        "country": STATE,
        "kind": "SIGNATURE",
        "date": "2026-01-02",
    }


@pytest.mark.parametrize(
    ("query", "variables", "argument"),
    [
        (EVENT, {"in": _no_sources()}, "input.sourceIds"),
        (
            EVENT,
            {"in": {**_no_sources(), "sourceIds": ["test-mut-no-such-source"]}},
            "input.sourceIds",
        ),
        (
            EVENT,
            {"in": event_input("SIGNATURE", "2026-01-02", country="XXZ")},
            "input.country",
        ),
        (
            EVENT,
            {"in": event_input("SIGNATURE", "2026-01-02", country="Myanmar")},
            "input.country",
        ),
        (
            EVENT,
            {"in": event_input("SIGNATURE", "2026-01-02", treaty="npt")},
            "input.treaty",
        ),
        (EVENT, {"in": event_input("SIGNATURE", None)}, "input.date"),
        (
            EVENT,
            {
                "in": {
                    **_no_sources(),
                    "newSources": [{**new_source(), "url": "javascript:alert(1)"}],
                }
            },
            "input.newSources[0].url",
        ),
        (
            EVENT,
            {
                "in": {
                    **_no_sources(),
                    "newSources": [{**new_source(), "id": "Bad Id"}],
                }
            },
            "input.newSources[0].id",
        ),
        (SOURCE, {"in": {**new_source(), "publisher": "  "}}, "input.publisher"),
        (
            VOTE,
            {
                "in": {
                    "key": "test-mut-vote-bad-chamber",
                    "chamber": "no-such-chamber",
                    "date": "2026-01-02",
                    "action": "withdraw",
                    "newSources": [new_source()],
                }
            },
            "input.chamber",
        ),
        (
            VOTE,
            {
                "in": {
                    "key": "test-mut-vote-too-many",
                    "chamber": "ltu-seimas",
                    "date": "2026-01-02",
                    "action": "withdraw",
                    "votesFor": 1000,
                    "newSources": [new_source()],
                }
            },
            "input",
        ),
        (
            VOTE,
            {
                "in": {
                    "key": "test-mut-vote-negative",
                    "chamber": "ltu-seimas",
                    "date": "2026-01-02",
                    "action": "withdraw",
                    "votesAgainst": -1,
                    "newSources": [new_source()],
                }
            },
            "input.votesAgainst",
        ),
        (
            STATEMENT,
            {
                "in": {
                    "key": "test-mut-statement-ghost",
                    "kind": "ANNOUNCEMENT",
                    "title": "Ghost",
                    "date": "2026-01-02",
                    "authors": ["dovile-sakaliene", "test-mut-no-such-person"],
                    "newSources": [new_source()],
                }
            },
            "input.authors",
        ),
        (
            STATEMENT,
            {
                "in": {
                    "key": "test-mut-statement-bad-rec",
                    "kind": "ANNOUNCEMENT",
                    "title": "Bad recommendation",
                    "date": "2026-01-02",
                    "countries": [STATE],
                    "recommendations": [
                        {"action": "JOIN", "treaty": "ccm", "addressedTo": ["ZZZ"]}
                    ],
                    "newSources": [new_source()],
                }
            },
            "input.recommendations[0].addressedTo",
        ),
    ],
    ids=[
        "no-source",
        "unknown-source",
        "unknown-country",
        "not-an-iso3",
        "unknown-treaty",
        "no-date-no-note",
        "bad-url",
        "bad-source-id",
        "blank-publisher",
        "unknown-chamber",
        "more-votes-than-seats",
        "negative-tally",
        "unknown-author",
        "unknown-addressee",
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(
    writer: TestClient,
    db: Driver,
    query: str,
    variables: dict[str, Any],
    argument: str,
) -> None:
    before = totals(db)
    body = post(writer, query, {"k": _key(), **variables})
    extensions = error_of(body)
    assert extensions["code"] == "BAD_USER_INPUT", body
    assert extensions["argument"] == argument, body
    assert totals(db) == before


def test_unknown_references_are_listed_by_key(writer: TestClient) -> None:
    body = post(
        writer,
        STATEMENT,
        {
            "k": _key(),
            "in": {
                "key": "test-mut-statement-unknowns",
                "kind": "ANNOUNCEMENT",
                "title": "Unknowns",
                "date": "2026-01-02",
                "authors": ["dovile-sakaliene", "test-mut-ghost-a", "test-mut-ghost-b"],
                "newSources": [new_source()],
            },
        },
    )
    assert error_of(body)["unknown"] == ["test-mut-ghost-a", "test-mut-ghost-b"]
    body = post(
        writer,
        EVENT,
        {"k": _key(), "in": event_input("SIGNATURE", "2026-01-02", country="XXZ")},
    )
    assert error_of(body)["unknown"] == ["XXZ"]


def test_bad_idempotency_key_is_bad_user_input(writer: TestClient) -> None:
    body = post(writer, SOURCE, {"k": "short", "in": new_source()})
    assert error_of(body)["code"] == "BAD_USER_INPUT"
    assert error_of(body)["argument"] == "idempotencyKey"


def test_failure_midway_rolls_back_the_whole_write(
    writer: TestClient, db: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The last step (deriving PARTY_TO) fails after the curation record, a new
    # source, the event and its citations were written in the same transaction.
    monkeypatch.setattr(party, "SET_PARTY", "RETURN 1 / 0 AS boom")
    before = totals(db)
    variables = {"k": _key(), "in": event_input("ENTRY_INTO_FORCE", "2026-02-01")}
    body = post(writer, EVENT, variables)
    assert error_of(body)["code"] == "INTERNAL_SERVER_ERROR"
    assert totals(db) == before
    source_id = variables["in"]["newSources"][0]["id"]
    assert count(db, "MATCH (s:Source {id: $id}) RETURN count(s)", id=source_id) == 0
    assert (
        count(
            db,
            "MATCH (c:Curation {idempotencyKey: $k}) RETURN count(c)",
            k=variables["k"],
        )
        == 0
    )


# -- what a write changes ------------------------------------------------------------------


def _party_isos(writer: TestClient, as_of: str) -> set[str]:
    body = post(writer, PARTIES, {"asOf": as_of}, {})
    return {n["iso3"] for n in body["data"]["treaty"]["parties"]["nodes"]}


def test_recorded_events_move_the_party_list_and_corrections_keep_the_old_date(
    writer: TestClient, db: Driver, keyed: Settings
) -> None:
    assert STATE not in _party_isos(writer, "2026-06-01")
    parties_before = len(_party_isos(writer, "2026-06-01"))

    joined = post(
        writer,
        EVENT,
        {"k": _key(), "in": event_input("ENTRY_INTO_FORCE", "2026-03-01")},
    )["data"]["recordTreatyEvent"]
    assert joined["replayed"] is False
    assert joined["curation"]["by"] == "test-curator"
    assert joined["curation"]["subjectKey"] == f"ccm:{STATE}:entry_into_force"
    assert joined["event"]["date"] == "2026-03-01"
    assert joined["event"]["country"] == {"iso3": STATE}
    # The payload's object is a Node like any other: dated by the request's asOf.
    assert joined["event"]["id"] == encode(
        f"TreatyEvent:ccm:{STATE}:entry_into_force@{keyed.default_as_of()}"
    )
    assert [s["publisher"] for s in joined["event"]["sources"]] == [
        "Treatygraph test fixture"
    ]
    assert STATE in _party_isos(writer, "2026-06-01")
    assert STATE not in _party_isos(writer, "2026-02-28")
    assert len(_party_isos(writer, "2026-06-01")) == parties_before + 1

    # A correction: same event, another date and source. The old date survives as
    # an ALTERNATIVE claim citing the source that gave it; PARTY_TO follows.
    first_source = joined["event"]["sources"][0]["id"]
    corrected = post(
        writer,
        EVENT,
        {"k": _key(), "in": event_input("ENTRY_INTO_FORCE", "2026-04-01")},
    )["data"]["recordTreatyEvent"]["event"]
    assert corrected["date"] == "2026-04-01"
    assert first_source not in {s["id"] for s in corrected["sources"]}
    assert corrected["claims"] == [
        {
            "subjectType": "TreatyEvent",
            "field": "date",
            "property": "date",
            "value": "2026-03-01",
            "status": "ALTERNATIVE",
            "sources": [{"id": first_source}],
        }
    ]
    assert STATE not in _party_isos(writer, "2026-03-15")
    assert STATE in _party_isos(writer, "2026-04-01")

    left = post(
        writer,
        EVENT,
        {"k": _key(), "in": event_input("WITHDRAWAL_EFFECTIVE", "2026-10-01")},
    )
    assert "errors" not in left, left
    assert STATE in _party_isos(writer, "2026-09-30")
    assert STATE not in _party_isos(writer, "2026-10-01")
    status = post(
        writer,
        '{ country(iso3: "MMR") { treatyStatus(treaty: "ccm", asOf: "2026-11-01") '
        "{ status partySince partyUntil } } }",
        {},
        {},
    )["data"]["country"]["treatyStatus"]
    assert status == {
        "status": "WITHDRAWN",
        "partySince": "2026-04-01",
        "partyUntil": "2026-10-01",
    }


SEEDED_EVENT = "ottawa:TUV:entry_into_force"  # 2012-03-01, derived by the treaty's rule
SEEDED_EVENT_STATE = """
{ event(key: "ottawa:TUV:entry_into_force") {
    date derived note sources { id } claims { value status note sources { id } } }
  country(iso3: "TUV") { treatyStatus(treaty: "ottawa", asOf: "2012-03-15") { partySince } } }
"""


def test_reloading_the_seeds_keeps_a_curated_correction(
    writer: TestClient, db: Driver, neo4j: Settings
) -> None:
    seeded = post(writer, SEEDED_EVENT_STATE, {}, {})["data"]
    assert seeded["event"]["date"] == "2012-03-01"
    assert seeded["event"]["derived"] is True
    variables = {
        "k": _key("reload-"),
        "in": {
            "treaty": "ottawa",
            "country": "TUV",
            "kind": "ENTRY_INTO_FORCE",
            "date": "2012-04-01",
            "note": "Test fixture correction; reverted by this test.",
            "newSources": [new_source()],
        },
    }
    try:
        assert "errors" not in post(writer, EVENT, variables)
        loader.load(neo4j)  # what `make seed` and every Docker start do
        kept = post(writer, SEEDED_EVENT_STATE, {}, {})["data"]
        assert kept["event"]["date"] == "2012-04-01"
        assert kept["event"]["derived"] is False
        assert kept["event"]["sources"] == [
            {"id": variables["in"]["newSources"][0]["id"]}
        ]
        assert [c["value"] for c in kept["event"]["claims"]] == ["2012-03-01"]
        assert kept["event"]["note"] == variables["in"]["note"]
        assert "APMBC Art. 17(2)" in kept["event"]["claims"][0]["note"]
        assert kept["event"]["claims"][0]["sources"] == seeded["event"]["sources"]
        assert kept["country"]["treatyStatus"]["partySince"] == "2012-04-01"
    finally:
        # Undo: drop the curation and what it created (not the seeded event), then
        # the seeds apply again.
        db.execute_query(
            "MATCH (c:Curation {idempotencyKey: $k}) OPTIONAL MATCH (c)-[:WROTE]->(n) "
            "WHERE NOT n:TreatyEvent DETACH DELETE c, n",
            k=variables["k"],
        )
        loader.load(neo4j)
    assert post(writer, SEEDED_EVENT_STATE, {}, {})["data"] == seeded


def test_confirming_an_event_adds_its_source_and_keeps_date_and_note(
    writer: TestClient,
) -> None:
    first = event_input(
        "DOMESTIC_APPROVAL", "2026-01-20", note="Approved at the test fixture."
    )
    post(writer, EVENT, {"k": _key(), "in": first})
    confirming = event_input("DOMESTIC_APPROVAL", "2026-01-20")
    again = post(writer, EVENT, {"k": _key(), "in": confirming})
    event = again["data"]["recordTreatyEvent"]["event"]
    assert event["date"] == "2026-01-20"
    assert event["claims"] == []
    assert len(event["sources"]) == 2
    stored = post(
        writer, '{ event(key: "ccm:MMR:domestic_approval") { note } }', {}, {}
    )
    note = stored["data"]["event"]["note"]
    assert note == "Approved at the test fixture."


def test_writes_are_refused_without_the_idempotency_constraint(
    keyed: Settings, db: Driver
) -> None:
    db.execute_query("DROP CONSTRAINT curation_key_unique")
    try:
        with TestClient(create_app(keyed)) as fresh:
            before = totals(db)
            body = post(fresh, SOURCE, {"k": _key(), "in": new_source()})
            assert error_of(body)["code"] == "DATABASE_UNAVAILABLE"
            assert "Curation.key" in body["errors"][0]["message"]
            assert totals(db) == before
    finally:
        constraints.create_schema(db, keyed.neo4j_database)


def test_replay_returns_the_original_result_and_stores_once(
    writer: TestClient, db: Driver
) -> None:
    variables = {"k": _key(), "in": new_source()}
    first = post(writer, SOURCE, variables)["data"]["addSource"]
    before = totals(db)
    again = post(writer, SOURCE, variables)["data"]["addSource"]
    assert totals(db) == before
    assert first["replayed"] is False
    assert again["replayed"] is True
    assert again["source"] == first["source"]
    assert again["curation"] == first["curation"]


def test_reusing_an_idempotency_key_for_another_request_is_a_conflict(
    writer: TestClient, db: Driver
) -> None:
    key = _key()
    post(writer, SOURCE, {"k": key, "in": new_source()})
    before = totals(db)
    body = post(writer, SOURCE, {"k": key, "in": new_source()})
    assert error_of(body)["code"] == "CONFLICT"
    assert error_of(body)["argument"] == "idempotencyKey"
    assert totals(db) == before


def test_citing_a_stored_source_by_id_and_adding_a_taken_id_conflicts(
    writer: TestClient, db: Driver
) -> None:
    source = new_source()
    post(writer, SOURCE, {"k": _key(), "in": source})
    body = post(
        writer, SOURCE, {"k": _key(), "in": {**source, "url": source["url"] + "x"}}
    )
    assert error_of(body)["code"] == "CONFLICT"
    body = post(
        writer, SOURCE, {"k": _key(), "in": {**source, "id": source["id"] + "x"}}
    )
    assert error_of(body)["code"] == "CONFLICT"
    assert error_of(body)["existing"] == source["id"]
    cited = post(
        writer,
        EVENT,
        {
            "k": _key(),
            "in": {
                "treaty": "ccm",
                "country": STATE,
                "kind": "SIGNATURE",
                "date": "2026-01-15",
                "sourceIds": [source["id"]],
            },
        },
    )["data"]["recordTreatyEvent"]["event"]
    assert [s["id"] for s in cited["sources"]] == [source["id"]]


def test_recorded_vote_reads_back_with_chamber_abstainers_and_sources(
    writer: TestClient, db: Driver
) -> None:
    key = _key("vote-")
    body = post(
        writer,
        VOTE,
        {
            "k": _key(),
            "in": {
                "key": key,
                "chamber": "ltu-seimas",
                "date": "2026-02-03",
                "treaty": "ccm",
                "action": "ratify",
                "stage": "final",
                "votesFor": 100,
                "abstained": 1,
                "outcome": "PASSED",
                "abstainers": ["petras-dargis"],
                "newSources": [new_source()],
            },
        },
    )
    vote = body["data"]["recordVote"]["vote"]
    assert vote["key"] == key
    assert vote["chamber"] == {"key": "ltu-seimas"}
    assert vote["treaty"] == {"slug": "ccm"}
    assert vote["abstainers"] == [{"key": "petras-dargis"}]
    assert vote["outcome"] == "PASSED"
    assert len(vote["sources"]) == 1
    again = post(
        writer,
        VOTE,
        {
            "k": _key(),
            "in": {
                "key": key,
                "chamber": "ltu-seimas",
                "date": "2026-02-03",
                "action": "ratify",
                "newSources": [new_source()],
            },
        },
    )
    assert error_of(again)["code"] == "CONFLICT"
    assert error_of(again)["argument"] == "input.key"


def test_recorded_statement_reads_back_with_authors_recommendations_and_search(
    writer: TestClient, db: Driver
) -> None:
    key = _key("statement-")
    body = post(
        writer,
        STATEMENT,
        {
            "k": _key(),
            "in": {
                "key": key,
                "kind": "ANNOUNCEMENT",
                "title": "Test fixture announcement zyxquorble",
                "date": "2026-02-04",
                "authors": ["dovile-sakaliene"],
                "countries": [STATE],
                "recommendations": [
                    {"action": "JOIN", "treaty": "ccm", "addressedTo": [STATE]}
                ],
                "newSources": [new_source()],
            },
        },
    )
    statement = body["data"]["recordStatement"]["statement"]
    source = statement["sources"]
    assert statement["authors"] == [{"key": "dovile-sakaliene"}]
    assert statement["countries"] == [{"iso3": STATE}]
    assert statement["recommendations"] == [
        {
            "key": f"{key}:1",
            "action": "JOIN",
            "treaty": {"slug": "ccm"},
            "addressedTo": [{"iso3": STATE}],
            "sources": source,
        }
    ]
    hits = post(
        writer,
        '{ search(text: "zyxquorble") { node { ... on Statement { key } } } }',
        {},
        {},
    )["data"]["search"]
    assert hits == [{"node": {"key": key}}]


# -- concurrency, against a real server -------------------------------------------------------


@pytest.fixture(scope="module")
def live(keyed: Settings, seeded: dict[str, Any]) -> Iterator[str]:
    """The app under uvicorn on a real port, so requests run truly concurrently."""
    # Correctness, not speed, is on trial: let queued writes wait as long as needed
    # on a busy machine (bench/curation_writes.py measures the speed). One curator
    # key sends up to 100 at once: its concurrency limit must not refuse them.
    # A write answers within the query timeout: on a machine loaded by other test
    # runs, 100 writes taking turns on one chamber's locks took longer than 10 s.
    patient = dataclasses.replace(
        keyed,
        write_queue_seconds=300,
        query_timeout_seconds=120,
        client_concurrency=100,
        client_active=100,
    )
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(patient), host="127.0.0.1", port=LIVE_PORT, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn exited"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{LIVE_PORT}"
    server.should_exit = True
    thread.join(timeout=20)


def _statement(key: str, idempotency: str, source_id: str) -> dict[str, Any]:
    return {
        "query": STATEMENT,
        "variables": {
            "k": idempotency,
            "in": {
                "key": key,
                "kind": "ANNOUNCEMENT",
                "title": f"Concurrent test statement {key}",
                "date": "2026-02-05",
                "authors": ["dovile-sakaliene"],
                "countries": [STATE],
                "newSources": [
                    {
                        "id": source_id,
                        "url": f"https://example.test/treatygraph/{source_id}",
                        "publisher": "Treatygraph test fixture",
                        "kind": "NEWS",
                    }
                ],
            },
        },
    }


async def _send_all(url: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    limits = httpx2.Limits(max_connections=len(bodies))
    async with httpx2.AsyncClient(base_url=url, limits=limits, timeout=300) as client:
        responses = await asyncio.gather(
            *(client.post("/graphql", json=body, headers=CURATOR) for body in bodies)
        )
    assert [r.status_code for r in responses] == [200] * len(bodies)
    return [r.json() for r in responses]


async def test_hundred_concurrent_curations_with_distinct_keys_store_a_hundred(
    live: str, db: Driver
) -> None:
    run = _key("conc-")
    bodies = [
        _statement(f"{run}-{i}", f"{run}-idem-{i}", f"{run}-src-{i}")
        for i in range(100)
    ]
    results = await _send_all(live, bodies)
    assert [r.get("errors") for r in results] == [None] * 100
    assert {r["data"]["recordStatement"]["replayed"] for r in results} == {False}
    stored = count(
        db,
        "MATCH (c:Curation)-[:WROTE]->(s:Statement) WHERE c.idempotencyKey STARTS WITH $run "
        "AND (s)-[:CITES]->(:Source) RETURN count(DISTINCT s)",
        run=run,
    )
    assert stored == 100


async def test_same_key_sent_ten_times_concurrently_is_stored_once(
    live: str, db: Driver
) -> None:
    run = _key("same-")
    body = _statement(run, f"{run}-idem", f"{run}-src")
    results = await _send_all(live, [body] * 10)
    assert [r.get("errors") for r in results] == [None] * 10
    replayed = sorted(r["data"]["recordStatement"]["replayed"] for r in results)
    assert replayed == [False] + [True] * 9
    assert {r["data"]["recordStatement"]["statement"]["key"] for r in results} == {run}
    assert (
        count(
            db,
            "MATCH (c:Curation {idempotencyKey: $k}) RETURN count(c)",
            k=f"{run}-idem",
        )
        == 1
    )
    assert count(db, "MATCH (s:Statement {key: $k}) RETURN count(s)", k=run) == 1
    assert count(db, "MATCH (s:Source {id: $k}) RETURN count(s)", k=f"{run}-src") == 1
